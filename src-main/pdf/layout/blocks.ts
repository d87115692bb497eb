import type { Content, ContentNode } from './types';

/**
 * The layout kit: the pieces a bank's paper form is made of, as plain data. Every function
 * returns pdfmake content; nothing here renders or reads a clock.
 */

/** The mark printed in a box list: chosen ■, not chosen □ (both are in the print font). */
export const CHOSEN = '■';
export const NOT_CHOSEN = '□';

/** A field as the form prints it: label in the policy's terms, value as text. */
export interface Field {
  label: string;
  value: Content | undefined;
  /** Takes the whole width of the row (long texts). */
  wide?: boolean;
}

const LABEL_WIDTH = 92;

/** 第一部分　申请信息（第8条） */
export function partHeading(text: string, note?: string): ContentNode {
  return {
    text: note ? [text, { text: `　${note}`, fontSize: 8.5, bold: false, color: '#444444' }] : text,
    style: 'part',
    headlineLevel: 1,
  };
}

/** Empty values print as an empty cell with room to write by hand, never as "undefined". */
function valueCell(value: Content | undefined, colSpan?: number): ContentNode {
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  const cell: ContentNode = { stack: [empty ? ' ' : value], style: 'value' };
  if (colSpan) cell.colSpan = colSpan;
  return cell;
}

function labelCell(label: string, colSpan?: number): ContentNode {
  const cell: ContentNode = { text: label, style: 'label' };
  if (colSpan) cell.colSpan = colSpan;
  return cell;
}

/** Characters of text in a piece of content (to tell a long field from a short one). */
function textLength(c: Content | undefined): number {
  if (c === undefined) return 0;
  if (typeof c === 'string') return c.length;
  if (Array.isArray(c)) return c.reduce((n, x) => n + textLength(x), 0);
  return textLength(c.text) + (c.stack ? textLength(c.stack) : 0) + (c.columns ? textLength(c.columns) : 0);
}

/** A row taller than this many characters may break over a page; shorter rows never do. */
const LONG_FIELD = 300;

/**
 * A grid of fields, two to a row: 标签 | 值 | 标签 | 值. A wide field, or one left alone, takes
 * the whole row. Short rows are never split over two pages (a label cut in half is unreadable);
 * a long text gets a table of its own that breaks over pages line by line, so nothing is lost.
 * The tables follow each other with no gap (their rules meet): on paper it is one grid.
 */
export function fieldTable(fields: Field[], heading?: ContentNode): ContentNode {
  const none: [boolean, boolean, boolean, boolean] = [false, false, false, false];
  const segments: Array<{ rows: Content[][]; long: boolean }> = [];
  const push = (row: Content[], long: boolean) => {
    const last = segments[segments.length - 1];
    if (last && !last.long && !long) last.rows.push(row);
    else segments.push({ rows: [row], long });
  };
  let pending: Field | undefined;
  const single = (f: Field) => push([labelCell(f.label), valueCell(f.value, 3), '', ''], textLength(f.value) > LONG_FIELD);
  for (const f of fields) {
    if (f.wide) {
      if (pending) single(pending);
      pending = undefined;
      single(f);
    } else if (pending) {
      push([labelCell(pending.label), valueCell(pending.value), labelCell(f.label), valueCell(f.value)], false);
      pending = undefined;
    } else {
      pending = f;
    }
  }
  if (pending) single(pending);
  const tables: ContentNode[] = segments.map((seg, i) => {
    const body = [...seg.rows];
    // The part's heading is the first table's header row: never left alone at the foot of a
    // page, and kept with the first row.
    const withHeading = i === 0 && heading !== undefined;
    if (withHeading) body.unshift([{ ...heading, colSpan: 4, border: none }, { text: '', border: none }, { text: '', border: none }, { text: '', border: none }]);
    return {
      table: { widths: [LABEL_WIDTH, '*', LABEL_WIDTH, '*'], body, dontBreakRows: !seg.long, ...(withHeading ? { headerRows: 1, keepWithHeaderRows: 1 } : {}) },
      layout: 'form',
    };
  });
  if (tables.length === 0 && heading) return heading;
  return tables.length === 1 ? (tables[0] as ContentNode) : { stack: tables };
}

/** A box list: ■ 新增功能　□ 系统逻辑改变 … (every option printed, the chosen ones filled). */
export function choices(options: readonly string[], chosen: readonly string[] | string | undefined): Content {
  const set = new Set(typeof chosen === 'string' ? [chosen] : (chosen ?? []));
  // Each option stays whole on its line: a box never parts from its words.
  return { text: options.map((o, i) => ({ text: `${set.has(o) ? CHOSEN : NOT_CHOSEN} ${o}${i < options.length - 1 ? '　' : ''}`, noWrap: true })) };
}

/** 是 / 否 as a box pair, with an optional explanation after it. */
export function yesNo(value: boolean | undefined, detail?: string): Content {
  const box = `${value === true ? CHOSEN : NOT_CHOSEN} 是　${value === false ? CHOSEN : NOT_CHOSEN} 否`;
  return detail ? { stack: [box, longText(detail)] } : box;
}

/**
 * A long text: paragraphs kept, every character printed. pdfmake breaks lines between any two
 * CJK characters and at spaces, and cuts a word longer than the line (a path, a URL) where the
 * line ends, so nothing runs out of its cell.
 */
export function longText(text: string | undefined): Content {
  if (!text) return '';
  const paragraphs = text.replace(/\r\n?/g, '\n').split('\n');
  return { stack: paragraphs.map((p) => ({ text: p.length === 0 ? ' ' : p, preserveLeadingSpaces: true })) };
}


/** A block of labelled lines inside one cell: 客户：…　合规：… */
export function labelledLines(lines: Array<{ label: string; value: string | undefined }>): Content {
  return {
    stack: lines.map((l) => ({ text: [{ text: `${l.label}：`, bold: true }, l.value ?? ''], margin: [0, 0, 0, 2] })),
  };
}

/** The electronic approval already recorded, printed in the signature block for reference. */
export interface ElectronicRecord {
  name: string;
  roleLabel?: string;
  time: string;
  agree?: boolean;
  opinion?: string;
}

/** One signature block: who signs (in the policy's terms, citing the article), then 签字 · 日期 (· 盖章). */
export interface SignatureSpec {
  /** e.g. 申请部门负责人意见 */
  label: string;
  /** e.g. 第9条 */
  article?: string;
  record?: ElectronicRecord;
  /** §28/§32: 签名盖章. */
  seal?: boolean;
  /** Printed instead of the record when there is none yet, e.g. 待审批. */
  pendingText?: string;
}

function recordLine(r: ElectronicRecord): Content {
  // The opinion as written; 同意/不同意 only where the person wrote nothing or disagreed.
  const verdict = r.agree === undefined ? '' : r.agree ? (r.opinion ? '' : '同意。') : '不同意。';
  const said = `${verdict}${r.opinion ?? ''}`;
  return {
    stack: [
      ...(said ? [{ text: `意见：${said}`, style: 'value' }] : []),
      { text: `（系统内已记录：${r.name}${r.roleLabel ? `，${r.roleLabel}` : ''}，${r.time}）`, style: 'note', margin: [0, 1, 0, 0] },
    ],
  };
}

/**
 * Signature blocks, one table row each, never split over two pages. The row leaves room for a
 * wet signature: the paper copy is what the archive keeps (§27).
 */
export function signatureTable(blocks: SignatureSpec[]): ContentNode {
  const body: Content[][] = blocks.map((b) => [
    { stack: [{ text: b.label, bold: true }, b.article ? { text: `（${b.article}）`, style: 'note' } : ''], style: 'sigLabel' },
    {
      stack: [
        b.record ? recordLine(b.record) : { text: b.pendingText ?? ' ', style: 'note' },
        {
          margin: [0, 12, 0, 0],
          columns: [
            { width: '*', text: '签字：' },
            { width: 150, text: '日期：　　　　年　　月　　日' },
            ...(b.seal ? [{ width: 64, text: '（盖章）', alignment: 'right' as const }] : []),
          ],
        },
      ],
      style: 'value',
    },
  ]);
  return { table: { widths: [LABEL_WIDTH, '*'], body, dontBreakRows: true }, layout: 'form', margin: [0, 4, 0, 0] };
}

/** A list table with a header row repeated on every page (the weekly plan). */
export function listTable(headers: string[], widths: Array<number | string>, rows: Content[][]): ContentNode {
  return {
    table: {
      widths,
      headerRows: 1,
      dontBreakRows: true,
      body: [headers.map((h) => ({ text: h, style: 'tableHead' })), ...rows.map((r) => r.map((c) => (typeof c === 'string' ? { text: c, style: 'cell' } : c)))],
    },
    layout: 'form',
  };
}

/** A paragraph of running text (the notice's letter body). */
export function paragraph(text: string, extra: Partial<ContentNode> = {}): ContentNode {
  // Letters indent their paragraphs with full-width spaces: keep them.
  return { text, style: 'body', preserveLeadingSpaces: true, ...extra };
}

export function spacer(height: number): ContentNode {
  return { text: ' ', fontSize: 1, margin: [0, height, 0, 0] };
}
