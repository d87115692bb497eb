import { rebuildAll } from '../../services/maintenance';
import { EXIT_OK, type Command } from '../command';
import { dataDirOption, openData } from '../open-data';
import { progressPrinter } from '../progress';

/** `changedesk rebuild`: every projection (directory, forms, inbox, lists, full-text index) from the event log. */
export const rebuildCommand: Command = {
  name: 'rebuild',
  summary: '由事件日志重建全部派生数据（目录、变更单、待办、列表索引、全文索引）',
  usage: '[--data-dir 目录]',
  options: { ...dataDirOption },
  async run(args, io) {
    const data = openData(args.values['data-dir'], io);
    try {
      const progress = progressPrinter(io);
      const r = rebuildAll(data.db, { progress: (pos, end) => progress('重放事件日志', pos, end) });
      progress.finish();
      io.stdout(`重建完成：重放 ${r.events} 条事件，${r.forms} 张变更单，用时 ${(r.ms / 1000).toFixed(1)} 秒。\n`);
      return EXIT_OK;
    } finally {
      data.close();
    }
  },
};
