import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { dataDirOption } from '../open-data';
import { importFiles } from '../../services/exchange-service';
import { describeImport, openExchange } from './exchange-common';
import { progressPrinter } from '../progress';

/** `changedesk import F...`: verifies each bundle whole, then applies it in one transaction. */
export const importCommand: Command = {
  name: 'import',
  summary: '导入交换包：先完整核验（签名、哈希、事件链、作者角色），再整体写入；重复导入不产生任何改动',
  usage: '文件.cdbundle... [--accept-other-addressee] [--data-dir 目录]',
  options: { ...dataDirOption, 'accept-other-addressee': { type: 'boolean' } },
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('需要至少一个交换包文件。');
    const { data, x } = openExchange(args.values['data-dir'], io);
    const progress = progressPrinter(io);
    try {
      const items = await importFiles(x, args.positionals, {
        confirmOtherAddressee: args.values['accept-other-addressee'] === true,
        onProgress: (p) => progress(p.phase === 'applying' ? '正在写入事件' : p.phase === 'events' ? '已核验事件' : '已核验附件', p.done, p.total),
      });
      progress.finish();
      for (const item of items) (item.ok ? io.stdout : io.stderr)(`${describeImport(item)}\n`);
      return items.every((i) => i.ok) ? EXIT_OK : EXIT_REFUSED;
    } finally {
      data.close();
    }
  },
};
