import { canonicalJson, sha256Hex } from '../store/event-codec';
import { DOC_KINDS, type Content, type DocKind, type PrintedDocument } from './layout/types';

/**
 * What the QR code on every printed page holds (domain.md "Paper and signatures"): which
 * document, its number, the event-log version printed, the page, and a sha256 of the printed
 * content, so that a scanned page proves which version was signed.
 *
 *   CDP1|form|BG-2026-0012|17|2/3|<64 hex>
 *
 * Plain ASCII separated by '|' keeps the code small (version 6 at level M) so that it still
 * reads from a 150 dpi office scan.
 */
export interface QrPayload {
  kind: DocKind;
  docNo: string;
  version: number;
  page: number;
  pages: number;
  sha256: string;
}

const PREFIX = 'CDP1';

export function encodeQrPayload(p: QrPayload): string {
  if (p.docNo.includes('|')) throw new Error('编号不能包含字符 |');
  return [PREFIX, p.kind, p.docNo, String(p.version), `${p.page}/${p.pages}`, p.sha256].join('|');
}

export function parseQrPayload(text: string): QrPayload | undefined {
  const parts = text.trim().split('|');
  if (parts.length !== 6 || parts[0] !== PREFIX) return undefined;
  const [, kind, docNo, version, pageOf, sha] = parts as [string, string, string, string, string, string];
  const pm = /^(\d+)\/(\d+)$/.exec(pageOf);
  if (!(kind in DOC_KINDS) || !docNo || !/^\d+$/.test(version) || !pm || !/^[0-9a-f]{64}$/.test(sha)) return undefined;
  return { kind: kind as DocKind, docNo, version: Number(version), page: Number(pm[1]), pages: Number(pm[2]), sha256: sha };
}

/** Every text a piece of content prints, in reading order (cells row by row), without its look. */
export function printedTexts(content: Content, out: string[] = []): string[] {
  if (typeof content === 'string') {
    if (content.trim()) out.push(content);
  } else if (Array.isArray(content)) {
    for (const c of content) printedTexts(c, out);
  } else {
    if (content.text !== undefined) printedTexts(content.text, out);
    if (content.stack) printedTexts(content.stack, out);
    if (content.columns) printedTexts(content.columns, out);
    if (content.table) for (const row of content.table.body) printedTexts(row, out);
  }
  return out;
}

/**
 * The sha256 of what a document prints: kind, number, version, title, 草稿 and every text of
 * the content in order, canonically serialised. Print time and terminal are left out, so the
 * same version printed twice carries the same hash; so is the layout (widths, spacing), so a
 * newer program that only lays the page out differently still recognises an old printout; any
 * difference in the printed words changes it.
 */
export function contentHash(doc: PrintedDocument): string {
  return sha256Hex(
    canonicalJson({ kind: doc.kind, docNo: doc.docNo, version: doc.version, title: doc.title, subtitle: doc.subtitle ?? null, draft: doc.draft, text: printedTexts(doc.content) }),
  );
}
