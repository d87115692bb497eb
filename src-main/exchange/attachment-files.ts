import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { AttachmentSource } from './bundle-writer';
import { isSha256Hex } from './bundle-format';

// Attachments (scans of signed pages, test reports …) are kept by content hash in the data
// folder: the same file arriving twice is stored once, and a name can never point elsewhere.

export function attachmentsDir(dataDir: string): string {
  return join(dataDir, 'attachments');
}

export function attachmentPath(dataDir: string, sha256: string): string {
  if (!isSha256Hex(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return join(attachmentsDir(dataDir), sha256);
}

export function attachmentSource(dataDir: string, sha256: string): AttachmentSource {
  const path = attachmentPath(dataDir, sha256);
  return { sha256, size: statSync(path).size, open: () => createReadStream(path) };
}

/**
 * Stores a stream under its hash if its content has that hash: written to a temporary file,
 * flushed, then renamed, so a crash never leaves a wrong file under a hash name.
 */
export async function storeAttachment(dataDir: string, sha256: string, stream: Readable): Promise<boolean> {
  const dir = attachmentsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const final = attachmentPath(dataDir, sha256);
  if (existsSync(final)) {
    for await (const _ of stream) void _;
    return true;
  }
  const tmp = join(dir, `.${sha256}.${randomBytes(4).toString('hex')}.part`);
  const fh = await open(tmp, 'wx');
  const hash = createHash('sha256');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      await fh.write(chunk);
    }
    await fh.sync();
    await fh.close();
    if (hash.digest('hex') !== sha256) {
      await rm(tmp, { force: true });
      return false;
    }
    await rename(tmp, final);
    return true;
  } catch (e) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
}

const SHA_IN_TEXT = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g;

/** The hashes of every stored attachment. */
export function storedAttachments(dataDir: string): Set<string> {
  try {
    return new Set(readdirSync(attachmentsDir(dataDir)).filter(isSha256Hex));
  } catch {
    return new Set();
  }
}

/** Attachment hashes an event names (any 64-hex string in it that is a stored attachment). */
export function referencedAttachments(eventJson: string, stored: ReadonlySet<string>, into: Set<string>): void {
  if (stored.size === 0) return;
  for (const m of eventJson.matchAll(SHA_IN_TEXT)) {
    if (stored.has(m[0])) into.add(m[0]);
  }
}
