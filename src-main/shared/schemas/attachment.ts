import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, Sha256Schema } from './change-form';
import { FormIdSchema } from './query';

// Attachments of a change form (issue 6): the bytes travel as base64 over the same call
// channel as every other call (Electron IPC or the browser host's same-origin HTTP with its
// token), are kept by content hash in the data folder (exchange/attachment-files.ts, the store
// the exchange bundles read), and are then named on the form by a `change:addAttachment` event.

const MB = 1024 * 1024;
/** Base64 of the largest allowed file (4 characters per 3 bytes, padded). */
const MAX_BASE64 = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4;

export const AttachmentUploadInput = z
  .object({
    formId: FormIdSchema,
    name: z.string({ error: '缺少文件名' }).trim().min(1, '缺少文件名').max(200, '文件名不超过200字'),
    dataBase64: z
      .string({ error: '缺少文件内容' })
      .min(1, '文件是空文件，不能作为附件')
      .max(MAX_BASE64, `文件超过附件上限 ${ATTACHMENT_MAX_BYTES / MB} MB，不能上传`),
  })
  .strict();

export interface AttachmentUploaded {
  sha256: string;
  size: number;
}

export const AttachmentReadInput = z.object({ formId: FormIdSchema, sha256: Sha256Schema }).strict();

export interface AttachmentFile {
  name: string;
  mediaType: string;
  size: number;
  dataBase64: string;
}

/** `12.3 MB`, `850 KB`, `312 B` */
export function formatBytes(n: number): string {
  if (n >= MB) return `${(n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export const ChangeActionsInput = z.object({ formId: FormIdSchema.optional() }).strict();
