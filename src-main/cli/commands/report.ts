import { writeFileSync } from 'node:fs';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { printSessionOptions, withPrintSession } from './print-session';

/** `changedesk report --from D --to D -o F.pdf [--unit U] [--format pdf|csv]`: the §26 periodic evaluation. */
export const reportCommand: Command = {
  name: 'report',
  summary: '变更实施定期评估报告（第26条）：PDF（含图表与评估签字栏）或 CSV',
  usage: '--from 2026-10-01 --to 2026-12-31 -o 文件.pdf [--format pdf|csv] [--unit 部门代码] --user 用户名 [--data-dir 目录]',
  options: { ...printSessionOptions, from: { type: 'string' }, to: { type: 'string' }, unit: { type: 'string' }, format: { type: 'string' }, output: { type: 'string', short: 'o' } },
  async run(args, io) {
    const { from, to, unit, output } = args.values;
    const format = args.values.format ?? 'pdf';
    if (args.positionals.length > 0) throw new UsageError('不需要位置参数。');
    if (typeof from !== 'string' || typeof to !== 'string') throw new UsageError('需要 --from 和 --to 日期，例如 --from 2026-10-01 --to 2026-12-31。');
    if (typeof output !== 'string') throw new UsageError('需要 -o 输出文件。');
    if (format !== 'pdf' && format !== 'csv') throw new UsageError('--format 应为 pdf 或 csv。');
    const period = { from, to, ...(typeof unit === 'string' ? { unit } : {}) };
    return withPrintSession(args, io, async (data, call) => {
      if (format === 'csv') {
        const r = await data.services.call('stats:csv', period, call);
        if (!r.ok) {
          io.stderr(`${r.error.message}\n`);
          return EXIT_REFUSED;
        }
        writeFileSync(output, r.value.csv, 'utf8');
        io.stdout(`已写入 ${output}：${from} 至 ${to} 的变更统计，${r.value.csv.split('\r\n').length - 2} 行\n`);
        return EXIT_OK;
      }
      const r = await data.services.call('stats:reportPdf', period, call);
      if (!r.ok) {
        io.stderr(`${r.error.message}\n`);
        return EXIT_REFUSED;
      }
      writeFileSync(output, Buffer.from(r.value.pdfBase64, 'base64'));
      io.stdout(`已写入 ${output}：变更实施定期评估报告 ${from} 至 ${to}，共 ${r.value.pages} 页，内容校验 ${r.value.qr.sha256}\n`);
      return EXIT_OK;
    });
  },
};
