import { writeFileSync } from 'node:fs';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { printSessionOptions, withPrintSession } from './print-session';

/** `changedesk weekly-plan --week 2026-W49 -o file.pdf`: the §17(1) weekly change plan. */
export const weeklyPlanCommand: Command = {
  name: 'weekly-plan',
  summary: '打印周变更计划（第17条(1)）为 PDF',
  usage: '--week 2026-W49 -o 文件.pdf --user 用户名 [--data-dir 目录]',
  options: { ...printSessionOptions, week: { type: 'string' }, output: { type: 'string', short: 'o' } },
  async run(args, io) {
    const { week, output } = args.values;
    if (args.positionals.length > 0) throw new UsageError('不需要位置参数。');
    if (typeof week !== 'string') throw new UsageError('需要 --week 周次，例如 2026-W49。');
    if (typeof output !== 'string') throw new UsageError('需要 -o 输出文件。');
    return withPrintSession(args, io, async (data, call) => {
      const r = await data.services.call('print:weeklyPlan', { week }, call);
      if (!r.ok) {
        io.stderr(`${r.error.message}\n`);
        return EXIT_REFUSED;
      }
      writeFileSync(output, Buffer.from(r.value.pdfBase64, 'base64'));
      io.stdout(`已写入 ${output}：周变更计划 ${week}，共 ${r.value.pages} 页，内容校验 ${r.value.qr.sha256}\n`);
      return EXIT_OK;
    });
  },
};
