import { randomBytes, sign, type KeyObject } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { SignedEvent } from '../shared/schemas/event';
import { canonicalJson, keyFingerprint } from '../store/event-codec';
import { BundleError } from './bundle-error';
import {
  attachmentEntryName,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  EVENTS_ENTRY,
  isSha256Hex,
  MANIFEST_ENTRY,
  SIGNATURE_ENTRY,
  type BundleManifest,
  type ManifestFile,
  type OriginRange,
} from './bundle-format';
import { newTally, tallyStream } from './hashed-stream';

export interface BundleProducer {
  unit: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

/** An attachment to carry, addressed by the sha256 of its content. */
export interface AttachmentSource {
  sha256: string;
  size: number;
  open(): Readable;
}

/** An event already spelt as its events.ndjson line (the stored canonical body with id and sig). */
export interface EncodedEvent {
  origin: string;
  seq: number;
  prev: string | null;
  id: string;
  line: string;
}

export interface ExportProgress {
  phase: 'events' | 'attachments' | 'done';
  done: number;
  total?: number;
}

export interface WriteBundleOptions {
  producer: BundleProducer;
  /** The unit the bundle is meant for; null for a full export. */
  addressee: string | null;
  scope: 'delta' | 'full';
  /** The producer's version vector: per origin, the highest seq it holds. */
  has: Record<string, number>;
  /** In log order: per origin ascending and gap-free, every parent before its child. */
  events: Iterable<SignedEvent | EncodedEvent> | AsyncIterable<SignedEvent | EncodedEvent>;
  /** Iterated after the last event was read. */
  attachments?: Iterable<AttachmentSource>;
  createdAt: string;
  onProgress?: (p: ExportProgress) => void;
}

export interface WrittenBundle {
  path: string;
  manifest: BundleManifest;
}

const CHUNK_BYTES = 256 * 1024;
const PROGRESS_EVERY = 10_000;

/**
 * Writes a signed bundle. The zip goes to a temporary file beside the target, is flushed to
 * disk and only then renamed: a crash or a full USB stick never leaves half a bundle under
 * the final name, and an existing file of that name stays whole until the new one is complete.
 */
export async function writeBundle(target: string, options: WriteBundleOptions): Promise<WrittenBundle> {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.part`);
  const fh = await open(tmp, 'wx');
  try {
    const manifest = await writeZip(fh.fd, options);
    await fh.sync();
    await fh.close();
    await rename(tmp, target);
    await syncFolder(dirname(target));
    options.onProgress?.({ phase: 'done', done: manifest.eventCount });
    return { path: target, manifest };
  } catch (e) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    if (e instanceof BundleError) throw e;
    throw new BundleError('BUNDLE_WRITE_FAILED', `写入交换包「${target}」失败：${(e as Error).message}。目标位置未留下不完整的文件。`);
  }
}

async function syncFolder(folder: string): Promise<void> {
  // The rename itself must survive a power cut; not every platform lets a folder be opened.
  try {
    const dir = await open(folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    /* best effort (Windows) */
  }
}

async function writeZip(fd: number, o: WriteBundleOptions): Promise<BundleManifest> {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  const out = pipeline(output, createWriteStream('', { fd, autoClose: false }));
  // An output failure (disk full) ends every wait below instead of leaving it hanging.
  const failed = new Promise<never>((_, reject) => {
    out.catch(reject);
  });
  try {
    return await fillZip(zip, o, failed, out);
  } catch (e) {
    output.destroy();
    await out.catch(() => undefined);
    throw e;
  }
}

async function fillZip(zip: yazl.ZipFile, o: WriteBundleOptions, failed: Promise<never>, out: Promise<void>): Promise<BundleManifest> {
  const mtime = new Date(o.createdAt);

  const origins: Record<string, OriginRange> = {};
  let eventCount = 0;
  const evTally = newTally();
  const eventsDone = new Promise<void>((resolve, reject) => {
    zip.addReadStreamLazy(EVENTS_ENTRY, { mtime, compressionLevel: 6 }, (cb) => {
      const source = Readable.from(eventChunks(o, origins, () => (eventCount += 1)));
      const hashing = tallyStream(evTally);
      source.on('error', reject);
      hashing.on('end', resolve);
      hashing.on('error', reject);
      cb(null, source.pipe(hashing));
    });
  });

  // Attachments are added once the events are written: the caller may learn which ones the
  // events reference while they stream.
  await Promise.race([eventsDone, failed]);
  const files: ManifestFile[] = [{ path: EVENTS_ENTRY, sha256: evTally.hash.digest('hex'), size: evTally.bytes }];
  const attachmentFiles: Array<Promise<ManifestFile>> = [];
  let attachmentCount = 0;
  const seen = new Set<string>();
  for (const a of o.attachments ?? []) {
    if (!isSha256Hex(a.sha256)) throw new BundleError('BUNDLE_WRITE_FAILED', `附件编号「${a.sha256}」不是 SHA-256。`);
    if (seen.has(a.sha256)) continue;
    seen.add(a.sha256);
    const name = attachmentEntryName(a.sha256);
    attachmentFiles.push(
      new Promise<ManifestFile>((resolve, reject) => {
        // Attachments are scans and PDFs, already compressed: stored as they are.
        zip.addReadStreamLazy(name, { mtime, compress: false }, (cb) => {
          const tally = newTally();
          const source = a.open();
          const hashing = tallyStream(tally);
          source.on('error', reject);
          hashing.on('error', reject);
          hashing.on('end', () => {
            const sha256 = tally.hash.digest('hex');
            if (sha256 !== a.sha256 || tally.bytes !== a.size) {
              reject(new BundleError('BUNDLE_WRITE_FAILED', `附件 ${a.sha256} 的内容与其编号不符，本地附件库可能已损坏。`));
              return;
            }
            attachmentCount += 1;
            o.onProgress?.({ phase: 'attachments', done: attachmentCount, total: seen.size });
            resolve({ path: name, sha256, size: tally.bytes });
          });
          cb(null, source.pipe(hashing));
        });
      }),
    );
  }

  files.push(...(await Promise.race([Promise.all(attachmentFiles), failed])));

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    producer: { unit: o.producer.unit, fingerprint: keyFingerprint(o.producer.publicKeyPem) },
    addressee: o.addressee,
    scope: o.scope,
    createdAt: o.createdAt,
    eventCount,
    origins,
    has: o.has,
    files,
  };
  const bytes = Buffer.from(canonicalJson(manifest), 'utf8');
  zip.addBuffer(bytes, MANIFEST_ENTRY, { mtime });
  zip.addBuffer(Buffer.from(sign(null, bytes, o.producer.privateKey).toString('base64'), 'ascii'), SIGNATURE_ENTRY, { mtime });
  zip.end();
  await out;
  return manifest;
}


/** events.ndjson in chunks, checking the order promised by the caller as it goes. */
async function* eventChunks(o: WriteBundleOptions, origins: Record<string, OriginRange>, counted: () => number): AsyncGenerator<Buffer> {
  let lines: string[] = [];
  let size = 0;
  for await (const e of o.events) {
    const r = origins[e.origin];
    if (r === undefined) {
      origins[e.origin] = { since: e.seq, upTo: e.seq, prev: e.prev, head: e.id };
    } else if (e.seq !== r.upTo + 1 || e.prev !== r.head) {
      throw new BundleError('BUNDLE_WRITE_FAILED', `导出的事件顺序有误：单位 ${e.origin} 第 ${e.seq} 号事件未紧接第 ${r.upTo} 号。`);
    } else {
      r.upTo = e.seq;
      r.head = e.id;
    }
    const line = 'line' in e ? e.line : canonicalJson(e);
    lines.push(line);
    size += line.length;
    const n = counted();
    if (n % PROGRESS_EVERY === 0) o.onProgress?.({ phase: 'events', done: n });
    if (size >= CHUNK_BYTES) {
      yield Buffer.from(`${lines.join('\n')}\n`, 'utf8');
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) yield Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}
