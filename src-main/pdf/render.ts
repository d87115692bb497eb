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
