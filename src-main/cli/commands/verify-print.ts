import { readFileSync } from 'node:fs';
import { sniffFormat } from '../../pdf';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { printSessionOptions, withPrintSession } from './print-session';

/**
 * `changedesk verify-print <png|jpg|pdf>`: reads the QR code of a scanned page and says which
 * form and version it is, whether that is the current version, and what changed since.
 * Exit 0 when the page is the current version with matching content, 1 otherwise.
 */
export const verifyPrintCommand: Command = {
  name: 'verify-print',
  summary: '识别扫描件上的二维码：是哪张表单的哪个版本、是否为当前版本、之后有何变动',
  usage: '<扫描件.png|.jpg|.pdf> --user 用户名 [--data-dir 目录]',
  options: { ...printSessionOptions },
  async run(args, io) {
    const [file, ...rest] = args.positionals;
    if (!file || rest.length > 0) throw new UsageError('需要一个扫描文件。');
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new UsageError(`无法读取 ${file}：${(e as Error).message}`);
    }
    const base64 = bytes.toString('base64');
    const input = sniffFormat(bytes) === 'pdf' ? { pdfBase64: base64 } : { imageBase64: base64 };
    return withPrintSession(args, io, async (data, call) => {
      const r = await data.services.call('print:verify', input, call);
      if (!r.ok) {
        io.stderr(`${r.error.message}\n`);
        return EXIT_REFUSED;
      }
      const v = r.value;
      io.stdout(`${v.message}\n`);
      if (v.qr) io.stdout(`二维码：${v.qr.text}\n`);
      if (v.changesSince.length) {
        io.stdout('打印之后的变动：\n');
        for (const t of v.changesSince) io.stdout(`  ${t.time.replace('T', ' ').slice(0, 16)}  ${t.authorName}（${t.roleLabel}）  ${t.label}${t.opinion ? `：${t.opinion}` : ''}\n`);
      }
      return v.found && v.isCurrent && v.contentMatches ? EXIT_OK : EXIT_REFUSED;
    });
  },
};
