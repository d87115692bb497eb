import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontDir, FONT_FILES } from '../../src-main/pdf/fonts';
import { blocks, renderPdf } from '../../src-main/pdf';
import { pdfTextCompact } from './pdf-tools';

/**
 * "No character of GB 18030's common set prints as a blank box" (issue 4). The set, computed
 * here independently of make-subset.sh: every character of GB 18030's two-byte area (which
 * holds GB 2312 and GBK: all 21 000 two-byte hanzi, pinyin, symbols, punctuation, full-width
 * forms) except its user-defined (private-use) positions; the mandatory four-byte hanzi of
 * CJK Extension A (U+3400–4DB5); all of U+4E00–9FEA; and ASCII.
 */
function requiredCodePoints(): number[] {
  const set = new Set<number>();
  const gb = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = gb.decode(Uint8Array.of(lead, trail));
      const cp = ch.codePointAt(0);
      if (cp === undefined || cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff)) continue;
      set.add(cp);
    }
  }
  for (let cp = 0x3400; cp <= 0x4db5; cp++) set.add(cp);
  for (let cp = 0x4e00; cp <= 0x9fea; cp++) set.add(cp);
  for (let cp = 0x20; cp <= 0x7e; cp++) set.add(cp);
  return [...set].sort((a, b) => a - b);
}

/** In GB 18030's two-byte area but absent from Noto Serif CJK itself (so no subset can have it). */
const NOT_IN_SOURCE_FONT = new Set([0x2252 /* ≒ */]);

describe('print font', () => {
  const required = requiredCodePoints();

  for (const weight of ['normal', 'bold'] as const) {
    it(`${weight} covers every character of the set`, () => {
      const font = fontkit.create(readFileSync(join(fontDir(), FONT_FILES[weight])));
      const missing = required.filter((cp) => !NOT_IN_SOURCE_FONT.has(cp) && !font.hasGlyphForCodePoint(cp));
      expect(required.length).toBeGreaterThan(28_000);
      expect(missing.map((cp) => `U+${cp.toString(16).toUpperCase()}`)).toEqual([]);
    });
  }

  it('prints a sample of the set that pdftotext reads back character for character', async () => {
    const hanzi = required.filter((cp) => cp >= 0x4e00 && cp <= 0x9fa5);
    // Every 37th hanzi of the basic block, the rarest of Extension A, and the punctuation forms use.
    const sample = [
      ...hanzi.filter((_, i) => i % 37 === 0),
      0x3400, 0x4db5, 0x3007, 0xff0c, 0x3002, 0x3001, 0xff1b, 0xff1a, 0x201c, 0x201d, 0x300a, 0x300b, 0xff08, 0xff09, 0x2460, 0x00a7, 0x00d7,
    ].map((cp) => String.fromCodePoint(cp));
    const lines: string[] = [];
    for (let i = 0; i < sample.length; i += 40) lines.push(sample.slice(i, i + 40).join(''));
    const text = lines.join('\n');
    const { bytes } = await renderPdf(
      { kind: 'sample', title: '字体样张', docNo: 'FONT-SAMPLE', version: 1, draft: false, content: [blocks.longText(text), { text: 'Bold 粗体样张', bold: true }] },
      { printedAt: '2026-11-28T10:00:00+08:00', terminal: 'test' },
    );
    const out = pdfTextCompact(bytes);
    const lost = sample.filter((ch) => !out.includes(ch));
    expect(lost).toEqual([]);
    expect(out).toContain('Bold粗体样张');
  });
});
