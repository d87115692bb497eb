import { writeFileSync } from 'node:fs';
import { PRINT_PARTS, type PrintPart } from '../../shared/schemas/print';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { printSessionOptions, withPrintSession } from './print-session';

/** `changedesk pdf <form-no> -o file.pdf`: a change form (or one part, the annex, the §19 notice) as PDF. */
export const pdfCommand: Command = {
  name: 'pdf',
  summary: '将变更单打印为 PDF（整单、某一部分、紧急变更附页或业务影响告知书）',
  usage: `<变更单编号> -o 文件.pdf [--part ${PRINT_PARTS.join('|')}] --user 用户名 [--data-dir 目录]`,
  options: { ...printSessionOptions, output: { type: 'string', short: 'o' }, part: { type: 'string' } },
  async run(args, io) {
    const [formNo, ...rest] = args.positionals;
    const output = args.values.output;
    if (!formNo || rest.length > 0) throw new UsageError('需要一个变更单编号。');
    if (typeof output !== 'string') throw new UsageError('需要 -o 输出文件。');
    const part = args.values.part ?? 'all';
    if (typeof part !== 'string' || !(PRINT_PARTS as readonly string[]).includes(part)) throw new UsageError(`--part 应为 ${PRINT_PARTS.join('、')} 之一。`);
    return withPrintSession(args, io, async (data, call) => {
      const found = await data.services.call('change:list', { filter: { text: formNo }, page: 1, pageSize: 20 }, call);
      if (!found.ok) {
        io.stderr(`${found.error.message}\n`);
        return EXIT_REFUSED;
      }
      const row = found.value.rows.find((r) => r.formNo === formNo);
      if (!row) {
        io.stderr(`找不到变更单 ${formNo}。\n`);
        return EXIT_REFUSED;
      }
      const r = await data.services.call('print:changeForm', { formId: row.formId, part: part as PrintPart }, call);
      if (!r.ok) {
        io.stderr(`${r.error.message}\n`);
        return EXIT_REFUSED;
      }
      writeFileSync(output, Buffer.from(r.value.pdfBase64, 'base64'));
      io.stdout(`已写入 ${output}：${r.value.qr.kindLabel} ${formNo} 第 ${r.value.qr.version} 版，共 ${r.value.pages} 页，内容校验 ${r.value.qr.sha256}\n`);
      return EXIT_OK;
    });
  },
};
