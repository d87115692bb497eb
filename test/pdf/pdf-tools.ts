import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePng, readQrTexts } from '../../src-main/pdf/verify/scan-image';

/** Poppler's view of a PDF (tests only: the program itself never needs poppler). */
function inTemp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'changedesk-pdf-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `raw`: in content-stream order (a rotated watermark reads in its own order). */
export function pdfText(bytes: Uint8Array, raw = false): string {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'a.pdf'), bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', ...(raw ? ['-raw'] : []), join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  });
}

/** pdftotext's text with all white space removed: table cells and wrapped lines join up. */
export function pdfTextCompact(bytes: Uint8Array, raw = false): string {
  return pdfText(bytes, raw).replace(/\s+/g, '');
}

/**
 * The text of the content area only (between header and footer), pages joined, white space
 * removed: a text broken over a page reads back as one run.
 */
export function pdfBodyTextCompact(bytes: Uint8Array, top = 100, bottom = 54, raw = true): string {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'a.pdf'), bytes);
    const pages = pdfPageCount(bytes);
    let out = '';
    for (let p = 1; p <= pages; p++) {
      const crop = ['-x', '0', '-y', String(top), '-W', '596', '-H', String(842 - top - bottom)];
      const order = raw ? ['-raw'] : [];
      out += execFileSync('pdftotext', ['-enc', 'UTF-8', ...order, '-f', String(p), '-l', String(p), ...crop, join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
    }
    return out.replace(/\s+/g, '');
  });
}

export function pdfPageCount(bytes: Uint8Array): number {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'a.pdf'), bytes);
    const info = execFileSync('pdfinfo', [join(dir, 'a.pdf')], { encoding: 'utf8' });
    return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  });
}

/** Each page rendered by pdftoppm, as PNG bytes. */
export function pdfPagePngs(bytes: Uint8Array, dpi = 150, pages?: { first: number; last: number }): Buffer[] {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'a.pdf'), bytes);
    const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), ...range, join(dir, 'a.pdf'), join(dir, 'p')]);
    return readdirSync(dir)
      .filter((f) => f.startsWith('p') && f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(join(dir, f)));
  });
}

/** The QR texts of every page, decoded from pdftoppm's rendering. */
export function pdfQrTexts(bytes: Uint8Array, dpi = 150): string[] {
  return pdfPagePngs(bytes, dpi).map((png) => {
    const texts = readQrTexts(decodePng(png));
    if (texts.length !== 1) throw new Error(`expected one QR code on the page, found ${texts.length}`);
    return texts[0] as string;
  });
}
