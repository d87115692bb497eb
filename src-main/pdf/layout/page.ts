import { FONT_FAMILY } from '../font-files';
import { contentHash, encodeQrPayload } from '../qr-payload';
import { qrCanvas } from './qr-node';
import type { Content, PrintContext, PrintedDocument } from './types';

/** A4 in points; margins leave room for the header (title, number, QR) and the footer. */
export const PAGE = { width: 595.28, height: 841.89, marginX: 42, top: 100, bottom: 54 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.marginX;
const QR_SIZE = 70;
const HEADER_TOP = 20;

/** 2026-11-28T15:30:05+08:00 → 2026-11-28 15:30 (the terminal's own clock, as printed). */
export function printTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

export const styles = {
  annex: { fontSize: 9 },
  title: { fontSize: 16, bold: true, alignment: 'center', characterSpacing: 1 },
  subtitle: { fontSize: 9, alignment: 'center', color: '#333333' },
  part: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 4] },
  label: { fontSize: 9.5, fillColor: '#efefef' },
  value: { fontSize: 9.5 },
  note: { fontSize: 8, color: '#444444' },
  small: { fontSize: 8 },
  sigLabel: { fontSize: 9.5, fillColor: '#efefef', bold: true },
  tableHead: { fontSize: 9, bold: true, fillColor: '#e4e4e4', alignment: 'center' },
  cell: { fontSize: 9 },
  body: { fontSize: 10.5, lineHeight: 1.45 },
} as const;

function isHeadingTable(node: { table: { body?: unknown[][] } }): boolean {
  const first = node.table.body?.[0]?.[0] as { style?: unknown } | undefined;
  return first?.style === 'part';
}

/** Thin black rules like a printed form (pdfmake's default table layout is too heavy). */
export const tableLayouts = {
  form: {
    // A table whose header row is the part's heading has no rule above that heading.
    hLineWidth: (i: number, node: { table: { body?: unknown[][] } }) => (i === 0 && isHeadingTable(node) ? 0 : 0.6),
    vLineWidth: () => 0.6,
    hLineColor: () => '#000000',
    vLineColor: () => '#000000',
    paddingLeft: () => 4,
    paddingRight: () => 4,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  },
} as const;

/**
 * The pdfmake definition of a document: the content as given, plus on every page the title, the
 * document number, a QR code (number, version, page, sha256 of the content), the footer with
 * 第 x 页 共 y 页, printing time and terminal, and 草稿 across drafts.
 */
export function toPdfmake(doc: PrintedDocument, ctx: PrintContext, sha256 = contentHash(doc)): Record<string, unknown> {
  const header = (page: number, pages: number): Content => ({
    margin: [PAGE.marginX, HEADER_TOP, PAGE.marginX, 0],
    columns: [
      { width: QR_SIZE, text: doc.annexLabel ?? '', style: 'annex' },
      {
        width: '*',
        stack: [
          { text: doc.title, style: 'title' },
          { text: `编号：${doc.docNo}　　版本：第 ${doc.version} 版${doc.subtitle ? `　　${doc.subtitle}` : ''}`, style: 'subtitle', margin: [0, 4, 0, 0] },
        ],
        margin: [0, 12, 0, 0],
      },
      qrCanvas(encodeQrPayload({ kind: doc.kind, docNo: doc.docNo, version: doc.version, page, pages, sha256 }), QR_SIZE, { x: PAGE.width - PAGE.marginX - QR_SIZE, y: HEADER_TOP }),
    ],
  });
  const footer = (page: number, pages: number): Content => ({
    margin: [PAGE.marginX, 14, PAGE.marginX, 0],
    stack: [
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5 }] },
      {
        margin: [0, 4, 0, 0],
        columns: [
          { width: '*', text: `打印时间：${printTime(ctx.printedAt)}　终端：${ctx.terminal}`, style: 'small' },
          { width: 86, text: `第 ${page} 页 共 ${pages} 页`, alignment: 'center', fontSize: 9 },
          { width: 120, text: `内容校验：${sha256.slice(0, 16)}`, style: 'small', alignment: 'right' },
        ],
      },
    ],
  });
  return {
    pageSize: 'A4',
    pageMargins: [PAGE.marginX, PAGE.top, PAGE.marginX, PAGE.bottom],
    info: { title: `${doc.title} ${doc.docNo}`, subject: `${doc.kind} ${doc.docNo} 第${doc.version}版`, keywords: `sha256:${sha256}`, creator: 'ChangeDesk', producer: 'ChangeDesk' },
    defaultStyle: { font: FONT_FAMILY, fontSize: 10, lineHeight: 1.25 },
    styles,
    header,
    footer,
    watermark: doc.draft ? { text: '草稿', font: FONT_FAMILY, bold: true, fontSize: 110, color: '#9a9a9a', opacity: 0.22, angle: -40 } : undefined,
    content: doc.content,
  };
}

export { contentHash };
