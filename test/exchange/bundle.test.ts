import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BundleError,
  keyringOf,
  verifyBundle,
  writeBundle,
  type BundleErrorCode,
  type LocalLog,
  type VerifyOptions,
} from '../../src-main/exchange';
import type { SignedEvent } from '../../src-main/shared/schemas/event';
import { useTempDirs } from '../helpers/temp-dir';
import { attachment, bundleOf, makeChain, makeUnit, readEntries, rewriteBundle, sha256, signedManifest, writeEntries, type RawEntry } from './fixtures';

const tempDir = useTempDirs();
const ops = makeUnit('OPS', '运行维护中心');
const dev = makeUnit('DEV', '软件开发中心');
const stranger = makeUnit('EVIL', '冒名者');
const keyring = keyringOf([ops.known, dev.known]);
const opsChain = makeChain(ops, 12, { forms: 3 });
const scan = attachment('扫描件：已签字的《已投产系统变更流程单》第 1 页');
const pdf = attachment(Buffer.alloc(4096, 7));

async function goodBundle(dir = tempDir()): Promise<string> {
  const w = await bundleOf(dir, ops, opsChain, { attachments: [scan, pdf], addressee: 'DEV' });
  return w.path;
}

/** Expects verification to refuse with `code`, a Chinese message, and returns the error. */
async function refused(path: string, code: BundleErrorCode, options: Partial<VerifyOptions> = {}): Promise<BundleError> {
  const err = await verifyBundle(path, { keyring, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(BundleError);
  const be = err as BundleError;
  expect(be.code, be.message).toBe(code);
  expect(be.message).toMatch(/[\u4e00-\u9fff]/);
  return be;
}

function localOf(events: SignedEvent[]): LocalLog {
  const byKey = new Map(events.map((e) => [`${e.origin}#${e.seq}`, e.id]));
  const ids = new Set(events.map((e) => e.id));
  return {
    idAt: (o, s) => byKey.get(`${o}#${s}`),
    headSeq: (o) => Math.max(0, ...events.filter((e) => e.origin === o).map((e) => e.seq)),
    hasEvent: (id) => ids.has(id),
  };
}

async function edited(edit: Parameters<typeof rewriteBundle>[2], signer?: typeof ops): Promise<string> {
  const dir = tempDir();
  const src = await goodBundle(dir);
  const dest = join(dir, 'edited.cdbundle');
  await rewriteBundle(src, dest, edit, signer);
  return dest;
}

function entry(entries: RawEntry[], name: string): RawEntry {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`no ${name}`);
  return e;
}

/** Re-states events.ndjson in the manifest after an edit, as a producer would sign it. */
function restateEvents(entries: RawEntry[], manifest: Record<string, unknown>): void {
  const ev = entry(entries, 'events.ndjson');
  const files = manifest.files as Array<{ path: string; sha256: string; size: number }>;
  const f = files.find((x) => x.path === 'events.ndjson')!;
  f.sha256 = sha256(ev.data);
  f.size = ev.data.length;
}

function lines(entries: RawEntry[]): string[] {
  return entry(entries, 'events.ndjson').data.toString('utf8').trimEnd().split('\n');
}

function setLines(entries: RawEntry[], ls: string[]): void {
  entry(entries, 'events.ndjson').data = Buffer.from(`${ls.join('\n')}\n`, 'utf8');
}

describe('a good bundle', () => {
  it('is written, then verified whole: manifest, signature, files, every event', async () => {
    const dir = tempDir();
    const w = await bundleOf(dir, ops, opsChain, { attachments: [scan, pdf], addressee: 'DEV' });
    expect(w.manifest.origins.OPS).toEqual({ since: 1, upTo: 12, prev: null, head: opsChain[11]!.id });
    expect(w.manifest.files.map((f) => f.path).sort()).toEqual(['attachments/' + pdf.sha256, 'attachments/' + scan.sha256, 'events.ndjson'].sort());
    const seen: SignedEvent[] = [];
    const stored = new Map<string, Buffer>();
    const v = await verifyBundle(w.path, {
      keyring,
      onEvent: (e) => seen.push(e),
      onAttachment: async (f, stream) => {
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        stored.set(f.sha256, Buffer.concat(chunks));
      },
    });
    expect(v.eventCount).toBe(12);
    expect(v.newEvents).toBe(12);
    expect(v.producer.unit).toBe('OPS');
    expect(seen).toEqual(opsChain);
    expect(stored.get(scan.sha256)).toEqual(scan.data);
    expect(stored.get(pdf.sha256)).toEqual(pdf.data);
    // Only the bundle is left in the folder: the temporary file was renamed.
    expect(readdirSync(dir)).toEqual(['test.cdbundle']);
  });

  it('carries events relayed from another origin, each checked with its own origin key', async () => {
    const devChain = makeChain(dev, 4, { forms: 1 });
    const w = await bundleOf(tempDir(), ops, [...devChain, ...opsChain]);
    const v = await verifyBundle(w.path, { keyring });
    expect(v.eventCount).toBe(16);
    expect(Object.keys(v.manifest.origins).sort()).toEqual(['DEV', 'OPS']);
  });

  it('reports events already held as known (a replay changes nothing) and what a bundle waits for', async () => {
    const path = await goodBundle();
    const all = await verifyBundle(path, { keyring, local: localOf(opsChain) });
    expect(all.knownEvents).toBe(12);
    expect(all.newEvents).toBe(0);

    const later = makeChain(ops, 3, { after: opsChain, forms: 3 });
    const w = await bundleOf(tempDir(), ops, later);
    const waiting = await verifyBundle(w.path, { keyring, local: localOf(opsChain.slice(0, 5)) });
    expect(waiting.waitingFor[0]).toEqual({ kind: 'range', origin: 'OPS', fromSeq: 6, toSeq: 12 });
    const ready = await verifyBundle(w.path, { keyring, local: localOf(opsChain) });
    expect(ready.waitingFor).toEqual([]);
    expect(ready.newEvents).toBe(3);
  });

  it('a failed write leaves neither the target nor a temporary file behind', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.cdbundle');
    writeFileSync(target, 'the previous bundle');
    const liar = { ...scan, sha256: pdf.sha256 };
    const err = await writeBundle(target, {
      producer: { unit: 'OPS', privateKey: ops.privateKey, publicKeyPem: ops.publicKeyPem },
      addressee: null,
      scope: 'full',
      has: { OPS: 12 },
      events: opsChain,
      attachments: [liar],
      createdAt: '2026-11-28T10:00:00+08:00',
    }).catch((e: unknown) => e);
    expect((err as BundleError).code).toBe('BUNDLE_WRITE_FAILED');
    expect(readFileSync(target, 'utf8')).toBe('the previous bundle');
    expect(readdirSync(dir)).toEqual(['out.cdbundle']);
  });

  it('refuses to write events out of chain order', async () => {
    const dir = tempDir();
    const err = await bundleOf(dir, ops, [opsChain[1]!, opsChain[0]!]).catch((e: unknown) => e);
    expect((err as BundleError).code).toBe('BUNDLE_WRITE_FAILED');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('bad input is refused before anything is used, saying what was wrong', () => {
  it('a file that is not a zip at all, or empty', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.cdbundle'), '这不是交换包，只是一段文字。');
    expect((await refused(join(dir, 'a.cdbundle'), 'BUNDLE_NOT_ZIP')).message).toContain('不是 zip');
    writeFileSync(join(dir, 'b.cdbundle'), '');
    await refused(join(dir, 'b.cdbundle'), 'BUNDLE_NOT_ZIP');
    await refused(join(dir, 'missing.cdbundle'), 'BUNDLE_NOT_FOUND');
  });

  it('a truncated file', async () => {
    const path = await goodBundle();
    const bytes = readFileSync(path);
    for (const keep of [bytes.length - 1, bytes.length - 30, Math.floor(bytes.length / 2), 10]) {
      writeFileSync(path, bytes.subarray(0, keep));
      expect((await refused(path, 'BUNDLE_TRUNCATED')).message).toContain('截断');
    }
  });

  it('a flipped byte in the events', async () => {
    const path = await edited((entries) => {
      const ls = lines(entries);
      ls[3] = ls[3]!.replace('"step":4', '"step":5');
      setLines(entries, ls);
    });
    const err = await refused(path, 'BUNDLE_FILE_HASH');
    expect(err.message).toContain('events.ndjson');
    expect(err.message).toContain('第 4 行');
  });

  it('a flipped byte in an attachment', async () => {
    const dir = tempDir();
    const src = await goodBundle(dir);
    const bytes = readFileSync(src);
    const at = bytes.indexOf(scan.data); // attachments are stored uncompressed
    expect(at).toBeGreaterThan(0);
    bytes[at + 5] = bytes[at + 5]! ^ 0x01;
    writeFileSync(src, bytes);
    const err = await refused(src, 'BUNDLE_FILE_HASH');
    expect(err.message).toContain(`attachments/${scan.sha256}`);
  });

  it('a flipped byte in the manifest', async () => {
    const path = await edited((entries) => {
      const m = entry(entries, 'manifest.json');
      m.data = Buffer.from(m.data.toString('utf8').replace('"addressee":"DEV"', '"addressee":"DEW"'), 'utf8');
    });
    expect((await refused(path, 'BUNDLE_SIGNATURE_INVALID')).message).toContain('签名无效');
  });

  it('a wrong, an empty or a missing signature', async () => {
    const wrong = await edited((entries, manifest) => {
      entry(entries, 'manifest.sig').data = signedManifest(manifest, stranger).sig;
    });
    await refused(wrong, 'BUNDLE_SIGNATURE_INVALID');
    const empty = await edited((entries) => {
      entry(entries, 'manifest.sig').data = Buffer.alloc(0);
    });
    await refused(empty, 'BUNDLE_SIGNATURE_MISSING');
    const missing = await edited((entries) => entries.filter((e) => e.name !== 'manifest.sig'));
    expect((await refused(missing, 'BUNDLE_SIGNATURE_MISSING')).message).toContain('manifest.sig');
  });

  it('an unknown signer, a key whose fingerprint differs, a revoked key', async () => {
    const path = await goodBundle();
    const err = await refused(path, 'BUNDLE_UNKNOWN_SIGNER', { keyring: keyringOf([dev.known]) });
    expect(err.message).toContain('OPS');
    const impostor = { ...stranger.known, unit: 'OPS', name: '运行维护中心' };
    expect((await refused(path, 'BUNDLE_UNKNOWN_SIGNER', { keyring: keyringOf([impostor]) })).message).toContain('指纹');
    await refused(path, 'BUNDLE_REVOKED_SIGNER', { keyring: keyringOf([{ ...ops.known, revoked: true }]) });
    // A bundle signed by a stranger's key under its own name.
    const w = await bundleOf(tempDir(), stranger, makeChain(stranger, 2));
    expect((await refused(w.path, 'BUNDLE_UNKNOWN_SIGNER')).message).toContain('EVIL');
  });

  it('reordered events, even under a manifest that signs the reordered file', async () => {
    const swap = (entries: RawEntry[], manifest: Record<string, unknown>) => {
      const ls = lines(entries);
      [ls[4], ls[5]] = [ls[5]!, ls[4]!];
      setLines(entries, ls);
      restateEvents(entries, manifest);
    };
    await refused(await edited(swap), 'BUNDLE_FILE_HASH');
    const err = await refused(await edited(swap, ops), 'BUNDLE_EVENT_ORDER');
    expect(err.message).toContain('顺序');
  });

  it('an event whose parent comes after it', async () => {
    const devChain = makeChain(dev, 2, { forms: 1 });
    const child = makeChain(ops, 1, { forms: 1 })[0]!;
    const { signEvent } = await import('../../src-main/store/event-codec');
    const reply = signEvent({ ...child, parents: [devChain[1]!.id] }, ops.privateKey);
    const w = await bundleOf(tempDir(), ops, [reply, ...devChain]);
    expect((await refused(w.path, 'BUNDLE_EVENT_ORDER')).message).toContain('父事件');
  });

  it('an event altered or signed by another key, under a re-signed manifest', async () => {
    const tampered = await edited((entries, manifest) => {
      const ls = lines(entries);
      ls[2] = ls[2]!.replace('"step":3', '"step":33');
      setLines(entries, ls);
      restateEvents(entries, manifest);
    }, ops);
    expect((await refused(tampered, 'BUNDLE_EVENT_HASH')).message).toContain('第 3 行');

    const { signEvent } = await import('../../src-main/store/event-codec');
    const forged = await edited((entries, manifest) => {
      const ls = lines(entries);
      const e = JSON.parse(ls[0]!) as SignedEvent;
      const other = signEvent(e, stranger.privateKey);
      ls[0] = JSON.stringify(other);
      setLines(entries, ls);
      restateEvents(entries, manifest);
    }, ops);
    expect((await refused(forged, 'BUNDLE_EVENT_SIGNATURE')).message).toContain('签名无效');
  });

  it('a manifest whose hashes or sizes lie', async () => {
    const sizeLie = await edited((_e, manifest) => {
      (manifest.files as Array<{ path: string; size: number }>).find((f) => f.path.startsWith('attachments/'))!.size += 1;
    }, ops);
    expect((await refused(sizeLie, 'BUNDLE_FILE_SIZE')).message).toContain('清单记载');
    const hashLie = await edited((_e, manifest) => {
      const f = (manifest.files as Array<{ path: string; sha256: string }>).find((x) => x.path === 'events.ndjson')!;
      f.sha256 = f.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    }, ops);
    await refused(hashLie, 'BUNDLE_FILE_HASH');
    const countLie = await edited((_e, manifest) => {
      manifest.eventCount = 13;
    }, ops);
    await refused(countLie, 'BUNDLE_RANGE_MISMATCH');
    const rangeLie = await edited((_e, manifest) => {
      (manifest.origins as Record<string, { upTo: number }>).OPS!.upTo = 20;
    }, ops);
    await refused(rangeLie, 'BUNDLE_RANGE_MISMATCH');
  });

  it('an unknown future format version', async () => {
    const path = await edited((_e, manifest) => {
      manifest.formatVersion = 2;
    }, ops);
    const err = await refused(path, 'BUNDLE_FORMAT_TOO_NEW');
    expect(err.message).toContain('升级');
  });

  it.each([
    ['../evil', 'parent'],
    ['attachments/../../etc/passwd', 'parent'],
    ['/etc/passwd', 'absolute'],
    ['C:/Windows/evil.dll', 'drive'],
    ['attachments\\evil', 'backslash'],
  ])('an entry named %s', async (name, problem) => {
    const path = await edited((entries) => [...entries, { name, data: Buffer.from('x') }]);
    const err = await refused(path, 'BUNDLE_ENTRY_NAME');
    expect(err.details.problem).toBe(problem);
    expect(err.message).toContain(name);
  });

  it('a symlink entry', async () => {
    const path = await edited((entries) => [...entries, { name: 'attachments/link', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]);
    expect((await refused(path, 'BUNDLE_SYMLINK')).message).toContain('符号链接');
  });

  it('duplicate entry names, also after case-folding and Unicode normalisation', async () => {
    const exact = await edited((entries) => [...entries, { name: 'events.ndjson', data: Buffer.from('{}\n') }]);
    await refused(exact, 'BUNDLE_DUPLICATE_ENTRY');
    const cased = await edited((entries) => [...entries, { name: 'Manifest.JSON', data: Buffer.from('{}') }]);
    expect((await refused(cased, 'BUNDLE_DUPLICATE_ENTRY')).message).toContain('忽略大小写');
    const nfc = await edited((entries) => [
      ...entries,
      { name: 'attachments/caf\u00e9', data: Buffer.from('a') },
      { name: 'attachments/cafe\u0301', data: Buffer.from('b') },
    ]);
    await refused(nfc, 'BUNDLE_DUPLICATE_ENTRY');
  });

  it('an entry the manifest does not list', async () => {
    const path = await edited((entries) => [...entries, { name: 'attachments/' + 'a'.repeat(64), data: Buffer.from('extra') }]);
    await refused(path, 'BUNDLE_UNEXPECTED_ENTRY');
  });

  it('a zip bomb: too many entries, a huge entry, a huge ratio, too much in total', async () => {
    const dir = tempDir();
    const many: RawEntry[] = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') }));
    await writeEntries(join(dir, 'many.cdbundle'), many);
    await refused(join(dir, 'many.cdbundle'), 'BUNDLE_TOO_MANY_ENTRIES', { limits: { maxEntries: 10 } });

    const zeros = Buffer.alloc(20 * 1024 * 1024);
    await writeEntries(join(dir, 'bomb.cdbundle'), [{ name: 'events.ndjson', data: zeros }]);
    expect(readFileSync(join(dir, 'bomb.cdbundle')).length).toBeLessThan(100_000);
    expect((await refused(join(dir, 'bomb.cdbundle'), 'BUNDLE_COMPRESSION_RATIO')).message).toContain('压缩炸弹');
    await refused(join(dir, 'bomb.cdbundle'), 'BUNDLE_ENTRY_TOO_LARGE', { limits: { maxEntryBytes: 1024 * 1024 } });

    const parts: RawEntry[] = Array.from({ length: 4 }, (_, i) => ({ name: `p${i}`, data: Buffer.alloc(600 * 1024, i), compress: false }));
    await writeEntries(join(dir, 'total.cdbundle'), parts);
    await refused(join(dir, 'total.cdbundle'), 'BUNDLE_TOO_LARGE', { limits: { maxTotalBytes: 2 * 1024 * 1024 } });
  });

  it('an entry whose zip sizes lie about its content', async () => {
    const dir = tempDir();
    const src = await goodBundle(dir);
    const bytes = readFileSync(src);
    // Central directory record of the stored attachment: shrink its declared size by one.
    const name = Buffer.from(`attachments/${pdf.sha256}`);
    let at = bytes.lastIndexOf(name);
    at -= 46; // start of the central directory file header
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    bytes.writeUInt32LE(bytes.readUInt32LE(at + 24) - 1, at + 24);
    bytes.writeUInt32LE(bytes.readUInt32LE(at + 20) - 1, at + 20);
    writeFileSync(src, bytes);
    await expect(verifyBundle(src, { keyring })).rejects.toBeInstanceOf(BundleError);
  });

  it('a fork: the same origin and number with another hash, naming the unit', async () => {
    const path = await goodBundle();
    // Over two forms instead of three, the chain agrees on events 1 and 2 and parts at 3.
    const other = makeChain(ops, 12, { forms: 2 });
    const err = await refused(path, 'BUNDLE_FORK', { local: localOf(other.slice(0, 3)) });
    expect(err.message).toContain('运行维护中心');
    expect(err.details).toMatchObject({ origin: 'OPS', seq: 3 });
    // A bundle continuing a chain the receiver knows differently.
    const later = makeChain(ops, 2, { after: opsChain });
    const w = await bundleOf(tempDir(), ops, later);
    const forkedPrefix = [...opsChain.slice(0, 11), makeChain(ops, 1, { after: opsChain.slice(0, 11), forms: 1 })[0]!];
    await refused(w.path, 'BUNDLE_FORK', { local: localOf(forkedPrefix) });
  });

  it('an author refused by the role check', async () => {
    const path = await goodBundle();
    const err = await refused(path, 'BUNDLE_AUTHOR_ROLE', { checkAuthor: (e) => (e.seq === 7 ? '作者不具有申请人角色' : undefined) });
    expect(err.message).toContain('作者不具有申请人角色');
  });

  it('unknown origin of a relayed event', async () => {
    const strangerChain = makeChain(stranger, 1);
    const w = await bundleOf(tempDir(), ops, [...strangerChain, ...opsChain.slice(0, 2)]);
    await refused(w.path, 'BUNDLE_EVENT_UNKNOWN_ORIGIN');
  });

  it('an event line that is not an event', async () => {
    const path = await edited((entries, manifest) => {
      const ls = lines(entries);
      ls[1] = '{"hello":"world"}';
      setLines(entries, ls);
      restateEvents(entries, manifest);
    }, ops);
    await refused(path, 'BUNDLE_EVENT_INVALID');
  });

  it('a good bundle holds exactly the listed files', async () => {
    const entries = await readEntries(await goodBundle());
    expect(entries.map((e) => e.name).sort()).toEqual(
      ['events.ndjson', 'manifest.json', 'manifest.sig', `attachments/${scan.sha256}`, `attachments/${pdf.sha256}`].sort(),
    );
  });
});

describe('one spelling only', () => {
  it('refuses an event whose signature was re-spelt in the spare bits of base64', async () => {
    const path = await (async () => {
      const dir = tempDir();
      const src = await goodBundle(dir);
      const dest = join(dir, 'respelt.cdbundle');
      await rewriteBundle(
        src,
        dest,
        (entries, manifest) => {
          const ls = lines(entries);
          const e = JSON.parse(ls[0]!) as SignedEvent;
          // 64 bytes → 86 characters and "==": the 86th carries 4 bits that decode to nothing.
          const last = e.sig[85]!;
          const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
          const respelt = e.sig.slice(0, 85) + alphabet[alphabet.indexOf(last) ^ 1]! + e.sig.slice(86);
          expect(Buffer.from(respelt, 'base64')).toEqual(Buffer.from(e.sig, 'base64'));
          ls[0] = ls[0]!.replace(e.sig, respelt);
          setLines(entries, ls);
          restateEvents(entries, manifest);
        },
        ops,
      );
      return dest;
    })();
    expect((await refused(path, 'BUNDLE_EVENT_INVALID')).message).toContain('规范 base64');
  });
});
