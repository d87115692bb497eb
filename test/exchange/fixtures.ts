import { createHash, sign, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { writeBundle, type AttachmentSource, type KnownKey, type WrittenBundle } from '../../src-main/exchange';
import type { SignedEvent } from '../../src-main/shared/schemas/event';
import { canonicalJson, generateUnitKeyPair, keyFingerprint, privateKeyFromPem, signEvent } from '../../src-main/store/event-codec';

export interface TestUnit {
  code: string;
  name: string;
  publicKeyPem: string;
  privateKey: KeyObject;
  known: KnownKey;
}

export function makeUnit(code: string, name = code): TestUnit {
  const keys = generateUnitKeyPair();
  const fingerprint = keyFingerprint(keys.publicKeyPem);
  return {
    code,
    name,
    publicKeyPem: keys.publicKeyPem,
    privateKey: privateKeyFromPem(keys.privateKeyPem),
    known: { unit: code, name, publicKeyPem: keys.publicKeyPem, fingerprint, revoked: false },
  };
}

/**
 * `n` events of one unit's chain, spread over `forms` forms, each extending its form's head.
 * `after` continues an existing chain (its last event and the heads of its forms).
 */
export function makeChain(unit: TestUnit, n: number, opts: { forms?: number; after?: SignedEvent[]; payloadBytes?: number } = {}): SignedEvent[] {
  const out: SignedEvent[] = [];
  const prior = opts.after ?? [];
  const heads = new Map<string, string>();
  for (const e of prior) heads.set(e.formId, e.id);
  let last = prior[prior.length - 1];
  const forms = opts.forms ?? 3;
  const filler = 'x'.repeat(opts.payloadBytes ?? 0);
  for (let i = 0; i < n; i++) {
    const seq = (last?.seq ?? 0) + 1;
    const formId = `${unit.code}-2026-${String((seq - 1) % forms).padStart(4, '0')}`;
    const head = heads.get(formId);
    const e = signEvent(
      {
        origin: unit.code,
        seq,
        prev: last?.id ?? null,
        time: `2026-11-28T09:${String(seq % 60).padStart(2, '0')}:00+08:00`,
        author: `${unit.code.toLowerCase()}-u1`,
        role: 'applicant',
        formId,
        parents: head ? [head] : [],
        type: head ? 'change.draftSaved' : 'change.created',
        payload: { title: `变更 ${formId}`, step: seq, note: filler },
      },
      unit.privateKey,
    );
    heads.set(formId, e.id);
    out.push(e);
    last = e;
  }
  return out;
}

export function attachment(content: string | Buffer): AttachmentSource & { data: Buffer } {
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { data, sha256: createHash('sha256').update(data).digest('hex'), size: data.length, open: () => Readable.from([data]) };
}

export async function bundleOf(
  dir: string,
  unit: TestUnit,
  events: SignedEvent[],
  opts: { attachments?: AttachmentSource[]; addressee?: string | null; file?: string; has?: Record<string, number> } = {},
): Promise<WrittenBundle> {
  const has: Record<string, number> = { ...opts.has };
  for (const e of events) has[e.origin] = Math.max(has[e.origin] ?? 0, e.seq);
  return writeBundle(join(dir, opts.file ?? 'test.cdbundle'), {
    producer: { unit: unit.code, privateKey: unit.privateKey, publicKeyPem: unit.publicKeyPem },
    addressee: opts.addressee ?? null,
    scope: 'delta',
    has,
    events,
    attachments: opts.attachments ?? [],
    createdAt: '2026-11-28T10:00:00+08:00',
  });
}

export interface RawEntry {
  name: string;
  data: Buffer;
  /** Unix mode (e.g. 0o120777 for a symlink). */
  mode?: number;
  compress?: boolean;
}

/** Every entry of a zip, raw (names undecoded are decoded as UTF-8 here). */
export function readEntries(path: string): Promise<RawEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, decodeStrings: false }, (err, zip) => {
      if (err) return reject(err);
      const out: RawEntry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e2, stream) => {
          if (e2) return reject(e2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.push({ name: entry.fileNameRaw.toString('utf8'), data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/**
 * Writes entries as a zip, names taken literally: yazl refuses names such as `../x`, so such
 * names are written as same-length placeholders and patched in the bytes afterwards.
 */
export async function writeEntries(path: string, entries: RawEntry[]): Promise<void> {
  const zip = new yazl.ZipFile();
  const patches: Array<[Buffer, Buffer]> = [];
  entries.forEach((e, i) => {
    const wanted = Buffer.from(e.name, 'utf8');
    const safe = /^[A-Za-z0-9._/-]+$/.test(e.name) && !e.name.split('/').includes('..') && !e.name.startsWith('/');
    let name = e.name;
    if (!safe) {
      const placeholder = Buffer.alloc(wanted.length, 0x71); // 'q…'
      placeholder.write(String(i).padStart(Math.min(6, wanted.length), '0').slice(-wanted.length), 0, 'ascii');
      name = placeholder.toString('ascii');
      patches.push([placeholder, wanted]);
    }
    zip.addBuffer(e.data, name, { mode: e.mode ?? 0o100644, compress: e.compress ?? true, mtime: new Date('2026-11-28T02:00:00Z') });
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as Readable) chunks.push(c as Buffer);
  let bytes: Buffer = Buffer.concat(chunks);
  for (const [from, to] of patches) bytes = replaceAll(bytes, from, to);
  writeFileSync(path, bytes);
}

function replaceAll(buf: Buffer, from: Buffer, to: Buffer): Buffer {
  let at = buf.indexOf(from);
  while (at !== -1) {
    to.copy(buf, at);
    at = buf.indexOf(from, at + to.length);
  }
  return buf;
}

/** Signs a manifest object as the unit would, for crafting bundles whose manifest is valid but lies. */
export function signedManifest(manifest: unknown, unit: Pick<TestUnit, 'privateKey'>): { manifest: Buffer; sig: Buffer } {
  const bytes = Buffer.from(canonicalJson(manifest), 'utf8');
  return { manifest: bytes, sig: Buffer.from(sign(null, bytes, unit.privateKey).toString('base64'), 'ascii') };
}

/** Rewrites a good bundle through `edit`, re-signing the manifest with `signer` when given. */
export async function rewriteBundle(
  src: string,
  dest: string,
  edit: (entries: RawEntry[], manifest: Record<string, unknown>) => RawEntry[] | void,
  signer?: Pick<TestUnit, 'privateKey'>,
): Promise<void> {
  const entries = await readEntries(src);
  const m = entries.find((e) => e.name === 'manifest.json')!;
  const manifest = JSON.parse(m.data.toString('utf8')) as Record<string, unknown>;
  const edited = edit(entries, manifest) ?? entries;
  if (signer) {
    const signed = signedManifest(manifest, signer);
    for (const e of edited) {
      if (e.name === 'manifest.json') e.data = signed.manifest;
      if (e.name === 'manifest.sig') e.data = signed.sig;
    }
  }
  await writeEntries(dest, edited);
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function readBytes(path: string): Buffer {
  return readFileSync(path);
}
