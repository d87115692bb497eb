/**
 * A printed document as plain data: what to print, never how. The layout kit (blocks.ts) builds
 * the content; page.ts adds what every page carries (title, number, QR code, footer, 草稿) when
 * rendering. Definitions are JSON: they can be compared, hashed and tested without a PDF.
 */

/** The pdfmake content nodes the layout kit uses (a JSON subset of pdfmake's definition). */
export type Content = string | Content[] | ContentNode;

export interface ContentNode {
  text?: Content;
  stack?: Content[];
  columns?: Content[];
  table?: TableNode;
  layout?: string;
  style?: string | string[];
  bold?: boolean;
  fontSize?: number;
  color?: string;
  alignment?: 'left' | 'center' | 'right' | 'justify';
  margin?: number | [number, number] | [number, number, number, number];
  width?: number | string;
  colSpan?: number;
  rowSpan?: number;
  fillColor?: string;
  border?: [boolean, boolean, boolean, boolean];
  lineHeight?: number;
  pageBreak?: 'before' | 'after';
  unbreakable?: boolean;
  headlineLevel?: number;
  noWrap?: boolean;
  characterSpacing?: number;
  preserveLeadingSpaces?: boolean;
  decoration?: 'underline';
  canvas?: Array<Record<string, unknown>>;
  /** An SVG drawing (a chart), embedded as vectors by pdfmake. */
  svg?: string;
}

export interface TableNode {
  widths: Array<number | string>;
  body: Content[][];
  headerRows?: number;
  heights?: number | Array<number | 'auto'>;
  dontBreakRows?: boolean;
  keepWithHeaderRows?: number;
}

/** The kinds of paper ChangeDesk prints; the code goes into the QR payload. */
export const DOC_KINDS = {
  form: '已投产系统变更流程单',
  'form-1': '已投产系统变更流程单（第一部分）',
  'form-2': '已投产系统变更流程单（第二部分）',
  'form-3': '已投产系统变更流程单（第三部分）',
  'form-post': '已投产系统变更流程单（实施后记录）',
  annex: '紧急变更附页',
  notice: '业务影响告知书',
  weekly: '周变更计划',
  golive: '软件产品上线申请表',
  release: '系统发布申请表',
  'golive-plan': '上线实施计划',
  'release-plan': '系统发布计划',
  'version-table': '软件版本管理表',
  'golive-acceptance': '项目正式上线验收申请报告',
  'release-acceptance': '系统正式验收申请报告',
  access: '生产系统访问登记表',
  report: '变更实施定期评估报告',
  sample: '字体与版式样张',
} as const;
export type DocKind = keyof typeof DOC_KINDS;

/** A document ready to render. */
export interface PrintedDocument {
  kind: DocKind;
  /** Shown above the title, e.g. 附件1. */
  annexLabel?: string;
  title: string;
  /** The form number (BG-2026-0012) or the plan's week (2026-W49). */
  docNo: string;
  /** Event-log version of what is printed: the form's count of applied events. */
  version: number;
  /** 草稿 across every page: the printed part is not yet approved. */
  draft: boolean;
  /** One line under the title on every page, e.g. the form's state. */
  subtitle?: string;
  content: Content[];
}

/** Where and when it is printed: in the footer, never in the content hash. */
export interface PrintContext {
  /** ISO time with offset, e.g. 2026-11-28T15:30:00+08:00. */
  printedAt: string;
  terminal: string;
  /** Unit name printed in the footer (the bank's unit that owns this terminal). */
  unitName?: string;
}
