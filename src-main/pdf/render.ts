import PdfPrinter, { type PdfKitDocumentLike } from 'pdfmake/js/Printer';
import { fontDescriptors, installSharedFonts } from './fonts';
import { tableLayouts, toPdfmake } from './layout/page';
import { installPdfmakeSpeedups } from './pdfmake-speedups';
import type { PrintContext, PrintedDocument } from './layout/types';
import { contentHash } from './qr-payload';

/**
 * pdfmake must never reach outside the definition: no URL is fetched, no local file read.
 * Our definitions embed nothing (the QR code is drawn as vectors), so both doors stay shut.
 */
const closedFiles = {
  existsSync: () => false,
  readFileSync: (name: string) => {
    throw new Error(`打印不读取文件：${name}`);
  },
};
const noUrls = {
  // pdfmake passes every font name through here too; only a URL would be fetched.
  resolve: (url: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) throw new Error(`打印不访问网络：${url}`);
  },
  resolved: async () => undefined,
  setUrlAccessPolicy: () => undefined,
};

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
  /** sha256 of the printed content, as in the QR code of every page. */
  sha256: string;
}

/** Renders a document (plain data) with what every page carries, to PDF bytes. */
export async function renderPdf(doc: PrintedDocument, ctx: PrintContext): Promise<RenderedPdf> {
  installSharedFonts();
  installPdfmakeSpeedups();
  const sha256 = contentHash(doc);
  const def = toPdfmake(doc, ctx, sha256);
  // pdfmake writes layout state into the nodes it is given: render a copy, keep the data clean.
  def.content = structuredClone(doc.content);
  let pages = 0;
  const footer = def.footer as (page: number, count: number) => unknown;
  def.footer = (page: number, count: number) => {
    pages = count;
    return footer(page, count);
  };
  // Font descriptors carry names only (fonts.ts supplies the parsed fonts); a fresh copy because
  // pdfmake rewrites them in place.
  const printer = new PdfPrinter(structuredClone(fontDescriptors), closedFiles, noUrls, () => false);
  const pdf = await printer.createPdfKitDocument(def, { tableLayouts });
  const bytes = await collect(pdf);
  return { bytes, pages, sha256 };
}

function collect(doc: PdfKitDocumentLike): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The characters most forms print (labels, states, common words of the policy), for the warm-up. */
const WARM_UP_TEXT =
  '已投产系统变更流程单第一二三部分申请信息需求评估计划和测试接受实施后记录部门人联系方式日期涉及类型来源内容目的是否存在其他措施满足不的影响客户合规外部利益相关方内部管理操作安全控制可用性数据准确性急迫性一般紧急特急现有功能设置能手段开发工时系统库中间件硬网络后台考虑因素资源统筹可能业务断服务水平下降风险等级低高结论建议步骤回退意外应急测试结果上线前审阅用户确认告知签字盖章意见同运行维护心负责科技综合归档页共打印时间终端草稿版本编号状态通过成功已排期';

/**
 * Reads and parses the fonts and runs one small document through every step, so that the first
 * real print after start does not pay for it (call it when the program is idle after start).
 */
export async function warmUpPrinting(): Promise<void> {
  await renderPdf(
    { kind: 'sample', title: '预热', docNo: 'WARM-UP', version: 0, draft: true, content: [{ text: WARM_UP_TEXT }, { text: WARM_UP_TEXT, bold: true }] },
    { printedAt: '2026-01-01T00:00:00+08:00', terminal: '' },
  );
}
