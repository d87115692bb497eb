import { exportBundle } from '../../exchange';
import { EXIT_OK, UsageError, type Command } from '../command';
import { dataDirOption } from '../open-data';
import { openExchange } from './exchange-common';
import { progressPrinter } from '../progress';

/** `changedesk export --to UNIT -o F` (what that peer lacks) or `--full -o F` (everything). */
export const exportCommand: Command = {
  name: 'export',
  summary: '导出交换包：发给某单位（仅含对方尚未确认收到的事件），或全部导出（如交 IT综合科归档）',
  usage: '(--to 单位代码 | --full) -o 文件.cdbundle [--data-dir 目录]',
  options: { ...dataDirOption, to: { type: 'string' }, full: { type: 'boolean' }, output: { type: 'string', short: 'o' } },
  async run(args, io) {
    const v = args.values;
    if (typeof v.output !== 'string') throw new UsageError('需要 -o 输出文件。');
    if (v.full !== true && typeof v.to !== 'string') throw new UsageError('需要 --to 单位代码 或 --full。');
    if (args.positionals.length > 0) throw new UsageError('多余的参数。');
    const { data, x } = openExchange(v['data-dir'], io);
    const progress = progressPrinter(io);
    try {
      const r = await exportBundle(x, {
        ...(typeof v.to === 'string' ? { to: v.to } : {}),
        full: v.full === true,
        path: v.output,
        onProgress: (p) => {
          if (p.phase === 'events') progress('已写出事件', p.done);
          else if (p.phase === 'attachments') progress('已写出附件', p.done, p.total);
        },
      });
      progress.finish();
      const ranges = Object.entries(r.manifest.origins)
        .map(([o, g]) => `${o} 第 ${g.since}–${g.upTo} 号`)
        .join('，');
      io.stdout(`已导出 ${r.eventCount} 个事件、${r.attachmentCount} 个附件到 ${r.path}${ranges ? `（${ranges}）` : ''}。\n`);
      return EXIT_OK;
    } finally {
      data.close();
    }
  },
};
