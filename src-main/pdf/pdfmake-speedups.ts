import { deflateSync } from 'node:zlib';
import Line from 'pdfmake/js/Line';
import PDFDocument from 'pdfmake/js/PDFDocument';
import Renderer from 'pdfmake/js/Renderer';
import StyleContextStack from 'pdfmake/js/StyleContextStack';
import TextBreaker from 'pdfmake/js/TextBreaker';
import TextInlines from 'pdfmake/js/TextInlines';
import pdfmakePackage from 'pdfmake/package.json';

/**
 * Changes to pdfmake 0.3's text path, installed once per process (renderPdf calls
 * installPdfmakeSpeedups). Chinese text may break between any two hanzi, so pdfmake makes one
 * "inline" per hanzi, and for each it
 *  1. resolves some twenty style properties by walking the style stack (TextInlines.measure),
 *  2. checks the rest of the paragraph for glue (buildNextLine copies it per inline),
 *  3. writes a separate text object into the PDF (Renderer.renderLine; its own source says
 *     "TODO: line.optimizeInlines()").
 * That dominates a warm render of a form. Here:
 *  - a run of single-hanzi words (nothing else: punctuation stays with its word, so the line
 *    breaking rules of UAX #14 hold) becomes one inline marked as breakable anywhere; a line
 *    takes as much of it as fits, exactly where pdfmake cuts an over-long word;
 *  - words of one text node share one resolved style (same own properties, same style stack);
 *  - neighbouring inlines of one line with the same look are written as one run.
 * What is printed, and where each character lands, is what pdfmake lays out per character.
 */

/** Everything measure() copies from the style stack onto an inline (pdfmake 0.3.11). */
const RESOLVED = [
  'font', 'alignment', 'fontSize', 'fontFeatures', 'characterSpacing', 'color', 'decoration', 'decorationColor',
  'decorationStyle', 'decorationThickness', 'background', 'link', 'linkToPage', 'linkToDestination', 'noWrap',
  'opacity', 'sup', 'sub',
] as const;
const LEADING = /^(\s)+/;
const TRAILING = /(\s)+$/;

type Inline = Record<string, unknown> & { text: string };

/** An inline's own properties but its text: inlines with the same key resolve to the same style. */
function styleKey(item: Inline): string {
  let key = '';
  for (const k in item) {
    if (k !== 'text' && k !== 'lineEnd' && k !== 'noNewLine' && k !== '_hanRun') key += `${k}=${JSON.stringify(item[k])};`;
  }
  return key;
}

let installed = false;

const HAN = /^\p{Script=Han}$/u;
const isHanWord = (w: Inline): boolean => !w.lineEnd && !w.noNewLine && HAN.test(w.text);

/** zlib level for the PDF's streams: pdfkit uses the default (6); 1 is several times faster for a few KB more. */
const DEFLATE_LEVEL = 1;

interface PdfReferenceLike {
  compress: boolean;
  buffer: Uint8Array[];
  finalize(this: PdfReferenceLike): void;
}

/** The pdfmake these changes were written against: its internals are not an API. */
const KNOWN_PDFMAKE = /^0\.3\./;

export function installPdfmakeSpeedups(): void {
  if (installed) return;
  installed = true;
  // Another pdfmake may lay out differently inside: print correctly and slower rather than guess.
  if (!KNOWN_PDFMAKE.test(pdfmakePackage.version)) {
    console.warn(`pdfmake ${pdfmakePackage.version}：未启用打印加速（仅适用于 0.3.x）。`);
    return;
  }

  // pdfkit deflates every stream (page contents, font subsets) at zlib's default level, which is
  // the largest single cost of a warm render. The class is not exported: take it from a reference.
  const probe = new PDFDocument({}, {}, {}, {}, { autoFirstPage: false, font: null }) as unknown as { ref(): { constructor: { prototype: PdfReferenceLike } } };
  const refProto = probe.ref().constructor.prototype;
  const finalize = refProto.finalize;
  refProto.finalize = function finalizeFast(this: PdfReferenceLike) {
    if (this.compress && this.buffer.length) {
      this.buffer = [deflateSync(Buffer.concat(this.buffer), { level: DEFLATE_LEVEL })];
      this.compress = false; // already deflated; /Filter /FlateDecode was set when written
    }
    finalize.call(this);
  };

  const getBreaks = TextBreaker.prototype.getBreaks;
  TextBreaker.prototype.getBreaks = function hanRuns(this: TextBreaker, texts, stack) {
    const words = getBreaks.call(this, texts, stack) as Inline[];
    const out: Inline[] = [];
    let runKey: string | undefined;
    for (const w of words) {
      const prev = out[out.length - 1];
      if (prev && runKey !== undefined && isHanWord(w) && styleKey(w) === runKey) {
        prev.text += w.text;
        prev._hanRun = true;
        continue;
      }
      out.push(w);
      runKey = isHanWord(w) ? styleKey(w) : undefined;
    }
    return out;
  };

  // A run of hanzi may start on a line that has room for at least its first character: pdfmake
  // then cuts it where the line is full (LayoutBuilder.buildNextLine, "inline.width >
  // line.getAvailableWidth()"), and the rest, still a run, goes on the next line.
  const hasEnoughSpace = Line.prototype.hasEnoughSpaceForInline;
  Line.prototype.hasEnoughSpaceForInline = function roomForHan(this: Line, inline, next) {
    if (inline._hanRun && this.inlines.length > 0 && !this.newLineForced) {
      const chars = (inline.text as string).length;
      return this.getAvailableWidth() + 0.01 >= (inline.width as number) / chars;
    }
    return hasEnoughSpace.call(this, inline, next);
  };

  // A run's widest unbreakable piece is one hanzi, not the run: auto-sized columns and tables
  // must see the same minimum width as with one inline per character.
  const buildInlines = TextInlines.prototype.buildInlines;
  TextInlines.prototype.buildInlines = function buildWithRuns(this: TextInlines, textArray, stack) {
    const r = buildInlines.call(this, textArray, stack);
    if (!r.items.some((i) => i._hanRun)) return r;
    let min = 0;
    for (const i of r.items) {
      const w = i._hanRun ? (i.width as number) / (i.text as string).length : Math.max(0, (i.width as number) - ((i.leadingCut as number) || 0) - ((i.trailingCut as number) || 0));
      if (w > min) min = w;
    }
    return { ...r, minWidth: min };
  };

  const measure = TextInlines.prototype.measure;
  TextInlines.prototype.measure = function measureShared(this: TextInlines, array, stack) {
    const items = array as Inline[];
    // leadingIndent touches only the first inline: leave such text to pdfmake as it is.
    if (items.length < 3 || StyleContextStack.getStyleProperty(items[0] ?? {}, stack, 'leadingIndent', 0)) return measure.call(this, array, stack);
    const resolved = new Map<string, { style: Record<string, unknown>; height: number; keepLeading: unknown; keepTrailing: unknown }>();
    for (const item of items) {
      const key = styleKey(item);
      let r = resolved.get(key);
      if (!r) {
        const probe = measure.call(this, [{ ...item, text: 'x' }], stack)[0] as Record<string, unknown>;
        const style: Record<string, unknown> = {};
        for (const p of RESOLVED) style[p] = probe[p];
        r = {
          style,
          height: probe.height as number,
          keepLeading: StyleContextStack.getStyleProperty(item, stack, 'preserveLeadingSpaces', false),
          keepTrailing: StyleContextStack.getStyleProperty(item, stack, 'preserveTrailingSpaces', false),
        };
        resolved.set(key, r);
      }
      Object.assign(item, r.style);
      item.width = this.widthOfText(item.text, item);
      item.height = r.height;
      if (!item.leadingCut) item.leadingCut = 0;
      if (!r.keepLeading) {
        const m = LEADING.exec(item.text);
        if (m) item.leadingCut = (item.leadingCut as number) + this.widthOfText(m[0], item);
      }
      item.trailingCut = 0;
      if (!r.keepTrailing) {
        const m = TRAILING.exec(item.text);
        if (m) item.trailingCut = this.widthOfText(m[0], item);
      }
    }
    return items;
  };

  const renderLine = Renderer.prototype.renderLine;
  Renderer.prototype.renderLine = function renderMerged(this: Renderer, line, x, y) {
    if (line.inlines.length < 2) return renderLine.call(this, line, x, y);
    const merged: Array<Record<string, unknown>> = [];
    let i = 0;
    const all = line.inlines;
    while (i < all.length) {
      const first = all[i] as Record<string, unknown>;
      let j = i + 1;
      let width = first.width as number;
      while (j < all.length && sameRun(all[j - 1] as Record<string, unknown>, all[j] as Record<string, unknown>)) {
        width += (all[j] as Record<string, unknown>).width as number;
        j++;
      }
      if (j === i + 1) merged.push(first);
      else {
        let text = '';
        for (let k = i; k < j; k++) text += (all[k] as Record<string, unknown>).text as string;
        merged.push({ ...first, text, width });
      }
      i = j;
    }
    const view = Object.create(line) as typeof line;
    view.inlines = merged;
    return renderLine.call(this, view, x, y);
  };
}

/** Two neighbours print as one run: same look, nothing attached, the second right after the first. */
function sameRun(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const k of ['link', 'linkToPage', 'linkToDestination', '_pageNodeRef', 'decoration', 'background', 'fontFeatures', 'sup', 'sub'] as const) {
    if (a[k] || b[k]) return false;
  }
  if (a.font !== b.font || a.fontSize !== b.fontSize || a.color !== b.color || a.opacity !== b.opacity || (a.characterSpacing ?? 0) !== (b.characterSpacing ?? 0) || a.height !== b.height) return false;
  return Math.abs((a.x as number) + (a.width as number) - (b.x as number)) < 0.01;
}
