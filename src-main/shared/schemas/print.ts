import { z } from 'zod';
import { FormIdSchema, type TimelineEntry } from './query';

// Printing and print verification (issue 4): the paper a form prints as, and what a scanned
// page's QR code proves.

/** What to print of a form: the whole form (the parts it has reached), one part, or an annex. */
export const PRINT_PARTS = ['all', '1', '2', '3', 'post', 'annex', 'notice'] as const;
export type PrintPart = (typeof PRINT_PARTS)[number];
export const PRINT_PART_LABELS: Record<PrintPart, string> = {
  all: '整张流程单',
  '1': '第一部分 申请信息',
  '2': '第二部分 变更需求评估信息',
  '3': '第三部分 变更计划和测试接受信息',
  post: '实施后记录',
  annex: '紧急变更附页',
  notice: '业务影响告知书',
};

export const PrintChangeFormInput = z
  .object({
    formId: FormIdSchema,
    part: z.enum(PRINT_PARTS, { error: `打印内容应为 ${PRINT_PARTS.join('/')}` }).optional(),
  })
  .strict();

export const PrintOptionsInput = z.object({ formId: FormIdSchema }).strict();

/** One thing a form can be printed as, for the print menu. */
export interface PrintOption {
  part: PrintPart;
  label: string;
  /** 草稿 would be printed across it (the part is not yet approved). */
  draft: boolean;
}

export const IsoWeekSchema = z.string({ error: '请填写周次' }).regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, '周次格式应为 YYYY-Www，例如 2026-W49');
export const PrintWeeklyPlanInput = z.object({ week: IsoWeekSchema }).strict();

/** A scan: PNG or JPEG image, or a PDF (scanner output or the printed file itself). */
export const PrintVerifyInput = z
  .object({
    imageBase64: z.string().min(1).max(80_000_000).optional(),
    pdfBase64: z.string().min(1).max(80_000_000).optional(),
  })
  .strict()
  .refine((v) => (v.imageBase64 === undefined) !== (v.pdfBase64 === undefined), { message: '请提供一个扫描图像或一个 PDF 文件' });

/** What the QR code of a printed page holds. */
export interface PrintQr {
  kind: string;
  kindLabel: string;
  docNo: string;
  version: number;
  page: number;
  pages: number;
  sha256: string;
  /** The text in the code, as printed on page 1. */
  text: string;
}

export interface PrintResult {
  pdfBase64: string;
  pages: number;
  /** The QR payload of page 1 (every page carries the same but for its page number). */
  qr: PrintQr;
  /** A file name to save it under, e.g. BG-OPS-2026-0012-v17.pdf */
  fileName: string;
}

export interface PrintVerifyResult {
  /** A ChangeDesk QR code was read. */
  found: boolean;
  /** One sentence for people, in Chinese. */
  message: string;
  qr?: PrintQr;
  /** Pages whose QR code was read (a multi-page PDF scan). */
  pagesRead?: number;
  formId?: string;
  title?: string;
  currentVersion?: number;
  isCurrent?: boolean;
  /** The printed hash equals the hash of that version regenerated now. */
  contentMatches?: boolean;
  /** Timeline entries after the printed version (what changed since it was printed). */
  changesSince: TimelineEntry[];
}
