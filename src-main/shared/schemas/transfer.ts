import { z } from 'zod';
import type { ChainCheckView, ExportSummary, ImportItem } from './exchange';

// Long exchange runs as jobs (issue 6, 交换): the screen starts one, then polls its progress,
// with the phase in words (校验签名 3,200/185,000). Files come by path (desktop, CLI) or by an
// upload into the data folder (browser host, POST /upload), and an export can be downloaded.

const path = z.string().trim().min(1).max(4096);
const unit = z.string().trim().min(1).max(64);

/** The largest file the browser host accepts in one upload (an archive's full bundle included). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

export const UploadInput = z
  .object({
    /** The file's own name, kept (sanitised) in the temporary name for the result in words. */
    name: z.string().trim().min(1).max(255),
    size: z.number().int().min(1).max(MAX_UPLOAD_BYTES, '文件过大：单个数据包不能超过 2 GB'),
  })
  .strict();

export const StartInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('import'), paths: z.array(path).min(1).max(1000), confirmOtherAddressee: z.boolean().optional() }).strict(),
  z
    .object({
      kind: z.literal('export'),
      to: unit.optional(),
      full: z.boolean().optional(),
      /** Where to write; absent: into the data folder, for a download (browser host). */
      path: path.optional(),
    })
    .strict()
    .refine((v) => v.full === true || v.to !== undefined, { message: '请选择接收单位，或选择全部导出', path: ['to'] }),
  /** IT综合科: every bundle in a folder, or many files dropped at once (paths). */
  z.object({ kind: z.literal('archiveImport'), dir: path.optional(), paths: z.array(path).min(1).max(10_000).optional() }).strict(),
  z.object({ kind: z.literal('archiveVerify') }).strict(),
]);

export const JobInput = z.object({ jobId: z.string().regex(/^[0-9a-f]{32}$/) }).strict();

export interface UploadTicket {
  /** Where the host writes the upload (inside the data folder), then the path to import. */
  path: string;
  maxBytes: number;
}

export type JobKind = z.infer<typeof StartInput>['kind'];

export type JobResult =
  | { kind: 'import'; items: ImportItem[] }
  | { kind: 'export'; summary: ExportSummary; /** Present when the bundle waits in the data folder for a download. */ downloadName?: string }
  | { kind: 'archiveVerify'; checks: ChainCheckView[] };

export interface JobView {
  id: string;
  kind: JobKind;
  status: 'running' | 'done' | 'failed';
  /** The phase in words: 校验附件 · 校验签名 · 写入事件 · 写出事件 · 核对链 … */
  phase: string;
  done: number;
  total: number | null;
  /** With several files: which one (1-based) of how many, and its name. */
  fileIndex: number;
  fileCount: number;
  fileName: string | null;
  startedAt: string;
  finishedAt: string | null;
  result?: JobResult;
  error?: { code: string; message: string };
}

export interface DownloadTicket {
  path: string;
  name: string;
}
