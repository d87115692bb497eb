import Renderer from 'pdfmake/js/Renderer';
import StyleContextStack from 'pdfmake/js/StyleContextStack';
import TextInlines from 'pdfmake/js/TextInlines';

/**
 * Two changes to pdfmake 0.3's text path, installed once per process (renderPdf calls
 * installPdfmakeSpeedups). Chinese text breaks between any two characters, so pdfmake makes
 * one "inline" per hanzi, and for each it
 *  1. resolves some twenty style properties by walking the style stack (TextInlines.measure),
 *  2. writes a separate text object into the PDF (Renderer.renderLine; its own source says
 *     "TODO: line.optimizeInlines()").
 * Both dominate a warm render of a form. The results are the same: words of one text node share
 * one resolved style (same own properties, same style stack), and neighbouring inlines of one
 * line with the same look are written as one run at the same place.
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
    if (k !== 'text' && k !== 'lineEnd' && k !== 'noNewLine') key += `${k}=${JSON.stringify(item[k])};`;
  }
  return key;
}

let installed = false;

export function installPdfmakeSpeedups(): void {
  if (installed) return;
  installed = true;

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
