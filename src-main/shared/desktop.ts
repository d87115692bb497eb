// Calls that only the desktop program has (issue #7): native open/save dialogs, printing a PDF
// and reporting renderer errors. They are not part of the AppApi contract because a browser
// has its own means (a file input, a download, its PDF viewer): the renderer uses
// `window.desktop` when it exists and falls back to those otherwise (src-renderer/src/api/desktop-files.ts).
import { z } from 'zod';
import './zod-setup';
import type { ApiResult } from './errors';

/** The largest file opened or saved through the dialogs (bundles with scans can be large). */
export const MAX_DESKTOP_FILE_BYTES = 512 * 1024 * 1024;

export const FilePurpose = z.enum(['bundle', 'scan', 'pdf', 'backup', 'csv', 'attachment']);
export type FilePurpose = z.infer<typeof FilePurpose>;

/** What each purpose may open or save (the browser fallback uses the same list as `accept`). */
export const FILE_FILTERS: Record<FilePurpose, { name: string; extensions: string[] }> = {
  bundle: { name: '交换包', extensions: ['zip'] },
  scan: { name: '扫描件', extensions: ['pdf', 'png', 'jpg', 'jpeg'] },
  pdf: { name: 'PDF 文件', extensions: ['pdf'] },
  backup: { name: 'ChangeDesk 数据库备份', extensions: ['db'] },
  csv: { name: 'CSV 表格（第26条统计）', extensions: ['csv'] },
  // A change form's attachment (issue 6): any kind of file.
  attachment: { name: '附件', extensions: ['*'] },
};

const bytes = z
  .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: '须为文件内容（字节）' })
  .refine((b) => b.byteLength <= MAX_DESKTOP_FILE_BYTES, '文件过大（上限 512 MB）');

/** A file name without any folder: the dialog decides where it goes. */
const fileName = z
  .string()
  .min(1)
  .max(200)
  .refine((n) => !/[\\/:*?"<>|\0]/.test(n) && n !== '.' && n !== '..', '文件名不能包含路径或特殊字符');

export const desktopInputs = {
  'desktop:openFile': z.object({ purpose: FilePurpose, title: z.string().max(100).optional() }).strict(),
  'desktop:saveFile': z.object({ purpose: FilePurpose, suggestedName: fileName, bytes, title: z.string().max(100).optional() }).strict(),
  'desktop:printPdf': z.object({ title: z.string().min(1).max(200), bytes }).strict(),
  'desktop:reportError': z
    .object({ message: z.string().max(10_000), stack: z.string().max(50_000).optional(), source: z.string().max(1_000).optional() })
    .strict(),
} as const;

export interface OpenedFile {
  /** The file's own name (no folder: the renderer never learns paths it could misuse). */
  name: string;
  bytes: Uint8Array;
}

export interface DesktopOutputs {
  /** null when the person cancelled the dialog. */
  'desktop:openFile': OpenedFile | null;
  /** The full path written, to tell the person where it went; null when cancelled. */
  'desktop:saveFile': { path: string } | null;
  'desktop:printPdf': { opened: true };
  'desktop:reportError': { logged: true };
}

export type DesktopCallName = keyof typeof desktopInputs;
export const desktopCallNames = Object.keys(desktopInputs) as DesktopCallName[];
export type DesktopInput<K extends DesktopCallName> = z.input<(typeof desktopInputs)[K]>;
export type DesktopParsedInput<K extends DesktopCallName> = z.output<(typeof desktopInputs)[K]>;

/** `window.desktop` under Electron (one function per call, like `window.api`). */
export type DesktopApi = { [K in DesktopCallName]: (input: DesktopInput<K>) => Promise<ApiResult<DesktopOutputs[K]>> };
