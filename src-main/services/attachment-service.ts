import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { availableActions } from '../domain';
import { attachmentPath, storeAttachment } from '../exchange/attachment-files';
import { AppError } from '../shared/errors';
import { formatBytes } from '../shared/schemas/attachment';
import { ATTACHMENT_MAX_BYTES, type ChangeFormState } from '../shared/schemas/change-form';
import { changeEngine } from './change-service';
import type { AreaHandlers, ServiceContext } from './context';
import { coreOf, currentUser } from './core';

// Attachments of a change form (issue 6). The bytes are kept by content hash in the data
// folder's attachment store — the one exchange bundles carry files from — so a file attached
// here travels with the `change.addAttachment` event that names it. Removing an attachment is
// an event too; the file stays, because the record must show what was attached and when.

/** Before `change:addAttachment` is recorded: the named file is here, and has the size the event says. */
export function verifyStoredAttachment(dataDir: string, a: { sha256: string; size: number }): void {
  let size: number;
  try {
    size = statSync(attachmentPath(dataDir, a.sha256)).size;
  } catch {
    throw new AppError('ATTACHMENT_NOT_FOUND', '找不到该附件的文件，请重新上传。');
  }
  if (size !== a.size) throw new AppError('ATTACHMENT_SIZE', `附件大小不符：已保存的文件为 ${formatBytes(size)}，登记为 ${formatBytes(a.size)}。`);
}

/** Every file a form names: its attachments (removed ones included) and its §27 scans. */
function namedFiles(form: ChangeFormState): Map<string, { name: string; mediaType: string }> {
  const out = new Map<string, { name: string; mediaType: string }>();
  for (const a of form.attachments ?? []) out.set(a.sha256, { name: a.name, mediaType: a.mediaType });
  for (const w of Object.values(form.wetSignatures ?? {})) {
    if (w.scanSha256 && !out.has(w.scanSha256)) out.set(w.scanSha256, { name: `${form.formNo}-${w.blockId}-扫描件`, mediaType: 'application/octet-stream' });
  }
  return out;
}

export function attachmentHandlers(ctx: ServiceContext): AreaHandlers<'attachment'> {
  const core = coreOf(ctx);
  const engine = changeEngine(core);

  return {
    'attachment:upload': async (input, call) => {
      const user = currentUser(ctx, call);
      const form = engine.readable(user, input.formId);
      // Only someone the domain would let attach to this form may put a file on this disk.
      const may = availableActions(form, engine.decisionContext(user)).find((a) => a.name === 'addAttachment');
      if (!may?.allowed) throw new AppError(may?.code ?? 'FORBIDDEN_ROLE', may?.reason ?? '无权为该变更单添加附件。');
      const bytes = Buffer.from(input.dataBase64, 'base64');
      if (bytes.length === 0) throw new AppError('ATTACHMENT_EMPTY', `文件「${input.name}」是空文件，不能作为附件。`);
      if (bytes.length > ATTACHMENT_MAX_BYTES) {
        throw new AppError('ATTACHMENT_TOO_LARGE', `文件「${input.name}」大小为 ${formatBytes(bytes.length)}，超过附件上限 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB。`);
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (!(await storeAttachment(ctx.dataDir, sha256, Readable.from([bytes])))) throw new AppError('ATTACHMENT_NOT_STORED', '附件保存失败，请重试。');
      return { sha256, size: bytes.length };
    },

    'attachment:read': (input, call) => {
      const form = engine.readable(currentUser(ctx, call), input.formId);
      const named = namedFiles(form).get(input.sha256);
      if (!named) throw new AppError('NOT_FOUND', `变更单 ${form.formNo} 没有这个附件。`);
      let bytes: Buffer;
      try {
        bytes = readFileSync(attachmentPath(ctx.dataDir, input.sha256));
      } catch {
        throw new AppError('ATTACHMENT_MISSING', `本终端没有附件「${named.name}」的文件（可能尚未随交换包导入）。`);
      }
      return { ...named, size: bytes.length, dataBase64: bytes.toString('base64') };
    },
  };
}
