import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfmake/js/PDFDocument';
import { FONT_FAMILY, FONT_FILES, fontDir } from './font-files';

/**
 * The print font: Noto Serif CJK SC (OFL-1.1), regular and bold, cut by
 * resources/fonts/make-subset.sh to what the paper forms print (GB 18030's hanzi and symbols).
 *
 * Why this file exists: pdfmake asks pdfkit for a font once per document, and pdfkit hands the
 * 10 MB file to fontkit each time; fontkit then decodes the CFF table and every glyph it lays
 * out again. That is most of a naive render. Here the file is read and parsed ONCE per process;
 * each document gets its own pdfkit EmbeddedFont (its own subset, widths and object ids) around
 * the same parsed fontkit font, and the text-run layout cache is shared too.
 */
export { FONT_FAMILY, FONT_FILES, fontDir } from './font-files';
type Weight = keyof typeof FONT_FILES;

/** What pdfkit's EmbeddedFont needs from a parsed fontkit font; we only pass it through. */
type FontkitFont = object;
interface EmbeddedFontLike {
  id: string;
  layoutCache?: Record<string, unknown>;
}
interface LayoutRun {
  glyphs: unknown[] | null;
  positions: unknown[] | null;
  advanceWidth: number;
}
interface EmbeddedFontProto {
  layout(this: EmbeddedFontProto, text: string, features?: unknown, onlyWidth?: boolean): LayoutRun;
  layoutCached(this: EmbeddedFontProto, text: string): LayoutRun;
}
type EmbeddedFontClass = new (document: unknown, font: FontkitFont, id: string) => EmbeddedFontLike;

interface SharedFont {
  parsed: FontkitFont;
  layoutCache: Record<string, unknown>;
  layoutEntries: number;
}

let embeddedFontClass: EmbeddedFontClass | undefined;
const shared = new Map<Weight, SharedFont>();
/** The layout cache is keyed by text run; a long-running terminal clears it past this size. */
const LAYOUT_CACHE_LIMIT = 200_000;

function sharedFont(weight: Weight): SharedFont {
  let entry = shared.get(weight);
  if (!entry) {
    const bytes = readFileSync(join(fontDir(), FONT_FILES[weight]));
    // One throw-away pdfkit document parses the font through pdfkit's own path; we keep the
    // parsed fontkit font and the EmbeddedFont class, and never embed from this document.
    const probe = new PDFDocument({}, {}, {}, {}, { autoFirstPage: false, font: null });
    const font = probe.font(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))._font as { font: FontkitFont; constructor: EmbeddedFontClass };
    if (!embeddedFontClass) {
      embeddedFontClass = font.constructor;
      layoutPerCharacter(embeddedFontClass.prototype as EmbeddedFontProto);
    }
    entry = { parsed: font.font, layoutCache: Object.create(null) as Record<string, unknown>, layoutEntries: 0 };
    shared.set(weight, entry);
  }
  return entry;
}

/** Parses both weights now (e.g. while the window opens) so the first print is quick. */
export function preloadFonts(): void {
  sharedFont('normal');
  sharedFont('bold');
}

/** pdfmake's font descriptors: names only; our provideFont below never reads them. */
export const fontDescriptors = { [FONT_FAMILY]: { normal: FONT_FILES.normal, bold: FONT_FILES.bold } };

let installed = false;

/**
 * Makes pdfmake's PDFDocument take our family from the shared parse. Other families (none in
 * this program) keep pdfmake's own path.
 */
export function installSharedFonts(): void {
  if (installed) return;
  installed = true;
  const proto = PDFDocument.prototype;
  const original = proto.provideFont;
  proto.provideFont = function provideFont(this: PDFDocument, familyName: string, bold: boolean, italics: boolean) {
    if (familyName !== FONT_FAMILY) return original.call(this, familyName, bold, italics);
    const weight: Weight = bold ? 'bold' : 'normal';
    const perDoc = (this.fontCache[familyName] ??= {});
    const existing = perDoc[weight];
    if (existing) return existing;
    const font = sharedFont(weight);
    const Embedded = embeddedFontClass as EmbeddedFontClass;
    const embedded = new Embedded(this, font.parsed, `F${++this._fontCount}`);
    if (font.layoutEntries > LAYOUT_CACHE_LIMIT) {
      font.layoutCache = Object.create(null) as Record<string, unknown>;
      font.layoutEntries = 0;
    }
    embedded.layoutCache = countingCache(font);
    // pdfkit embeds (subsets and writes) every font registered here when the document ends.
    this._fontFamilies[embedded.id] = embedded;
    perDoc[weight] = embedded;
    return embedded;
  } as typeof proto.provideFont;
  // An embedded SVG (a chart) asks pdfkit for its font by file name (pdfmake's fontCallback
  // answers with the descriptor's file): hand it the same shared font instead of a file read.
  const byFile = new Map<string, boolean>(Object.entries(FONT_FILES).map(([w, file]) => [file, w === 'bold']));
  const docProto = proto as unknown as { font: (this: SvgFontDoc, src: unknown, ...rest: unknown[]) => unknown };
  const font = docProto.font;
  docProto.font = function fontByFile(this: SvgFontDoc, src: unknown, ...rest: unknown[]) {
    const bold = typeof src === 'string' ? byFile.get(src) : undefined;
    if (bold === undefined) return font.call(this, src, ...rest);
    this._font = this.provideFont(FONT_FAMILY, bold, false);
    return this;
  };
}

interface SvgFontDoc {
  _font: unknown;
  provideFont(family: string, bold: boolean, italics: boolean): unknown;
}

/** The shared cache, counting new entries so that it can be bounded. */
function countingCache(font: SharedFont): Record<string, unknown> {
  return new Proxy(font.layoutCache, {
    set(target, key, value) {
      if (!(key in target)) font.layoutEntries++;
      return Reflect.set(target, key, value);
    },
  });
}

/** Hanzi, CJK punctuation and full-width forms: each has its own advance, nothing kerns or joins across them. */
const SOLO = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/**
 * pdfkit lays out and caches text word by word (split at spaces); a Chinese sentence has no
 * spaces, so every line is a new cache entry shaped from scratch. Characters that never interact
 * are laid out one by one instead, from the cache, and joined: the same glyphs and advances.
 */
function layoutPerCharacter(proto: EmbeddedFontProto): void {
  const layout = proto.layout;
  proto.layout = function layoutSolo(text, features, onlyWidth) {
    if (features || !SOLO.test(text)) return layout.call(this, text, features, onlyWidth);
    const glyphs: unknown[] | null = onlyWidth ? null : [];
    const positions: unknown[] | null = onlyWidth ? null : [];
    let advanceWidth = 0;
    let other = '';
    const add = (r: LayoutRun) => {
      advanceWidth += r.advanceWidth;
      if (glyphs && positions && r.glyphs && r.positions) {
        for (const g of r.glyphs) glyphs.push(g);
        for (const p of r.positions) positions.push(p);
      }
    };
    for (const ch of text) {
      if (SOLO.test(ch)) {
        if (other) add(layout.call(this, other, undefined, onlyWidth));
        other = '';
        add(this.layoutCached(ch));
      } else {
        other += ch;
      }
    }
    if (other) add(layout.call(this, other, undefined, onlyWidth));
    return { glyphs, positions, advanceWidth };
  };
}
