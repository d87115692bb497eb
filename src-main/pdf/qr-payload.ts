import { canonicalJson, sha256Hex } from '../store/event-codec';
import { DOC_KINDS, type DocKind, type PrintedDocument } from './layout/types';

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

/**
 * The sha256 of what a document prints: kind, number, version, title, 草稿 and the content,
 * canonically serialised. Print time and terminal are left out, so the same version printed
 * twice carries the same hash, and any difference in printed words changes it.
 */
export function contentHash(doc: PrintedDocument): string {
  return sha256Hex(
    canonicalJson({ kind: doc.kind, docNo: doc.docNo, version: doc.version, title: doc.title, subtitle: doc.subtitle ?? null, draft: doc.draft, content: doc.content }),
  );
}
