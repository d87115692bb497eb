import { verify } from 'node:crypto';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SignedEvent } from '../shared/schemas/event';
import { canonicalJson } from '../store/event-codec';
import { BundleError } from './bundle-error';
import {
  ATTACHMENT_PREFIX,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  DEFAULT_LIMITS,
  EVENTS_ENTRY,
  MANIFEST_ENTRY,
  ManifestSchema,
  SIGNATURE_ENTRY,
  type BundleLimits,
  type BundleManifest,
  type ManifestFile,
} from './bundle-format';
import { eventShapeProblem } from './event-shape';
import { KeyCache, unitLabel, type Keyring, type KnownKey, type RangedKey } from './keyring';
import { ndjsonLines, newTally, tallyStream } from './hashed-stream';
import { SignaturePool } from './signature-pool';
import { signedBody } from './event-line';
import { ZipArchive } from './zip-archive';

/** What the importing terminal already holds of the event log. */
export interface LocalLog {
  /** id of the origin's event number `seq`, if held. */
  idAt(origin: string, seq: number): string | undefined;
  /** The highest seq held of the origin (0 if none); the log of each origin is gap-free. */
  headSeq(origin: string): number;
  hasEvent(id: string): boolean;
}

export interface VerifyProgress {
  phase: 'attachments' | 'events';
  done: number;
  total: number;
}

export interface VerifyOptions {
  keyring: Keyring;
  /** Without it only the bundle itself is checked (`changedesk verify` on a bare file). */
  local?: LocalLog;
  limits?: Partial<BundleLimits>;
  /** Further checks of the signed manifest (e.g. its addressee); throw a BundleError to refuse. */
  checkManifest?: (m: BundleManifest) => void;
  /** Called for each event that passed its own checks, in file order (an import stages them). */
  onEvent?: (e: SignedEvent, known: boolean, body: Buffer) => void;
  /** A Chinese reason why the author could not have written this event (role check), or undefined. */
  checkAuthor?: (e: SignedEvent) => string | undefined;
  /** Receives each attachment's bytes as they are checked (an import stores them). */
  onAttachment?: (file: ManifestFile, stream: Readable) => Promise<void>;
  onProgress?: (p: VerifyProgress) => void;
}

/** Events the bundle needs that neither it nor this terminal holds. */
export type Prerequisite =
  | { kind: 'range'; origin: string; fromSeq: number; toSeq: number }
  | { kind: 'event'; eventId: string; neededBy: string };

export interface VerifiedBundle {
  manifest: BundleManifest;
  producer: KnownKey;
  eventCount: number;
  /** Events already held locally (same id): applying them changes nothing. */
  knownEvents: number;
  newEvents: number;
  waitingFor: Prerequisite[];
}

const PROGRESS_EVERY = 10_000;

/**
 * Checks a bundle completely without writing anything: zip structure and caps, the manifest
 * and its signature by a known, unrevoked key, every file's size and sha256, and every event's
 * hash, signature, chain link and order. Throws a BundleError saying what was wrong.
 */
export async function verifyBundle(path: string, options: VerifyOptions): Promise<VerifiedBundle> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const zip = await ZipArchive.open(path, limits);
  try {
    const { manifest, producer } = await readSignedManifest(zip, options.keyring, limits);
    options.checkManifest?.(manifest);
    checkFileList(zip, manifest);
    await checkAttachments(zip, manifest, options);
    const events = await checkEvents(zip, manifest, options, limits);
    return { manifest, producer, ...events };
  } finally {
    zip.close();
  }
}

/** The manifest and its producer's key, after the signature has been checked. */
export async function readSignedManifest(
  zip: ZipArchive,
  keyring: Keyring,
  limits: BundleLimits,
): Promise<{ manifest: BundleManifest; producer: KnownKey }> {
  for (const name of [MANIFEST_ENTRY, SIGNATURE_ENTRY, EVENTS_ENTRY]) {
    if (!zip.entries.has(name)) {
      const code = name === SIGNATURE_ENTRY ? 'BUNDLE_SIGNATURE_MISSING' : 'BUNDLE_MISSING_ENTRY';
      const what = name === SIGNATURE_ENTRY ? '缺少清单签名 manifest.sig，无法确认来源，已拒绝。' : `缺少「${name}」，不是完整的 ChangeDesk 交换包。`;
      throw new BundleError(code, `交换包${what}`, { entry: name });
    }
  }
  const bytes = await zip.readSmallEntry(MANIFEST_ENTRY, limits.maxManifestBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BundleError('BUNDLE_MANIFEST_INVALID', '交换包清单 manifest.json 不是有效的 JSON，文件已损坏或被改动。');
  }
  const head = parsed as { format?: unknown; formatVersion?: unknown };
  if (typeof parsed !== 'object' || parsed === null || head.format !== BUNDLE_FORMAT) {
    throw new BundleError('BUNDLE_MANIFEST_INVALID', '交换包清单 manifest.json 不是 ChangeDesk 交换包的清单。');
  }
  if (typeof head.formatVersion === 'number' && head.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw new BundleError(
      'BUNDLE_FORMAT_TOO_NEW',
      `交换包格式版本为 ${head.formatVersion}，高于本程序支持的版本 ${BUNDLE_FORMAT_VERSION}，可能由更新版本的 ChangeDesk 导出。请升级本程序后再导入。`,
      { formatVersion: head.formatVersion },
    );
  }
  const result = ManifestSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `「${issue.path.join('.')}」` : '';
    throw new BundleError('BUNDLE_MANIFEST_INVALID', `交换包清单 manifest.json 的字段${where}无效：${issue?.message ?? '格式不符'}。`);
  }
  const manifest = result.data;
  // The signature covers exactly these bytes; requiring the canonical form leaves no second
  // spelling of the same manifest.
  if (canonicalJson(manifest) !== bytes.toString('utf8')) {
    throw new BundleError('BUNDLE_MANIFEST_INVALID', '交换包清单 manifest.json 不是规范格式，文件已被改动。');
  }

  const producer = keyring.key(manifest.producer.unit);
  if (!producer || producer.fingerprint !== manifest.producer.fingerprint) {
    throw new BundleError(
      'BUNDLE_UNKNOWN_SIGNER',
      producer
        ? `交换包自称由${unitLabel(keyring, manifest.producer.unit)}签署，但其密钥指纹 ${manifest.producer.fingerprint} 与已登记的 ${producer.fingerprint} 不符，已拒绝。如对方更换了密钥，请管理员核对新指纹后重新添加。`
        : `交换包由未登记的单位「${manifest.producer.unit}」签署（密钥指纹 ${manifest.producer.fingerprint}），已拒绝。请管理员先添加该单位的公钥并当面或电话核对指纹。`,
      { unit: manifest.producer.unit, fingerprint: manifest.producer.fingerprint },
    );
  }
  if (producer.revoked) {
    throw new BundleError('BUNDLE_REVOKED_SIGNER', `交换包由${unitLabel(keyring, producer.unit)}已吊销的密钥签署，已拒绝。`, {
      unit: producer.unit,
    });
  }
  const sigText = (await zip.readSmallEntry(SIGNATURE_ENTRY, 1024)).toString('ascii').trim();
  if (sigText.length === 0) {
    throw new BundleError('BUNDLE_SIGNATURE_MISSING', '交换包的清单签名 manifest.sig 为空，无法确认来源，已拒绝。');
  }
  let good = false;
  try {
    good = /^[A-Za-z0-9+/]+={0,2}$/.test(sigText) && verify(null, bytes, new KeyCache().get(producer), Buffer.from(sigText, 'base64'));
  } catch {
    good = false;
  }
  if (!good) {
    throw new BundleError(
      'BUNDLE_SIGNATURE_INVALID',
      `交换包清单的签名无效：清单在签名后被改动，或签名不是${unitLabel(keyring, producer.unit)}的密钥所签，已拒绝。`,
      { unit: producer.unit },
    );
  }
  return { manifest, producer };
}

/** The zip holds exactly the manifest's files, each of the size it states. */
function checkFileList(zip: ZipArchive, manifest: BundleManifest): void {
  const listed = new Map<string, ManifestFile>();
  for (const f of manifest.files) {
    if (listed.has(f.path)) throw new BundleError('BUNDLE_MANIFEST_INVALID', `交换包清单重复列出了「${f.path}」。`);
    listed.set(f.path, f);
    const isAttachment = f.path.startsWith(ATTACHMENT_PREFIX);
    if (f.path !== EVENTS_ENTRY && !(isAttachment && f.path.slice(ATTACHMENT_PREFIX.length) === f.sha256)) {
      throw new BundleError('BUNDLE_MANIFEST_INVALID', `交换包清单列出的文件「${f.path}」不是事件文件，也不是以其 SHA-256 命名的附件。`);
    }
    const entry = zip.entries.get(f.path);
    if (!entry) throw new BundleError('BUNDLE_MISSING_ENTRY', `交换包缺少清单所列的文件「${f.path}」。`, { entry: f.path });
    if (entry.size !== f.size) {
      throw new BundleError('BUNDLE_FILE_SIZE', `交换包中「${f.path}」有 ${entry.size} 字节，清单记载为 ${f.size} 字节，内容已被改动。`, {
        entry: f.path,
      });
    }
  }
  if (!listed.has(EVENTS_ENTRY)) throw new BundleError('BUNDLE_MANIFEST_INVALID', '交换包清单未列出事件文件 events.ndjson。');
  for (const name of zip.entries.keys()) {
    if (name !== MANIFEST_ENTRY && name !== SIGNATURE_ENTRY && !listed.has(name)) {
      throw new BundleError('BUNDLE_UNEXPECTED_ENTRY', `交换包中有清单未列出的条目「${name}」，已拒绝。`, { entry: name });
    }
  }
}


function fileHashError(f: ManifestFile, bytes: number, sha: string, detail = ''): BundleError {
  const what = bytes !== f.size ? `实际 ${bytes} 字节，清单记载为 ${f.size} 字节` : `SHA-256 为 ${sha.slice(0, 12)}…，清单记载为 ${f.sha256.slice(0, 12)}…`;
  return new BundleError('BUNDLE_FILE_HASH', `交换包中「${f.path}」的内容与签名清单不符（${what}），文件在签名后被改动，已拒绝。${detail}`, {
    entry: f.path,
  });
}

async function checkAttachments(zip: ZipArchive, manifest: BundleManifest, options: VerifyOptions): Promise<void> {
  const files = manifest.files.filter((f) => f.path !== EVENTS_ENTRY);
  let done = 0;
  for (const f of files) {
    const t = newTally();
    const stream = (await zip.openEntry(f.path)).pipe(tallyStream(t));
    try {
      if (options.onAttachment) await options.onAttachment(f, stream);
      else await pipeline(stream, new Writable({ write: (_c, _e, cb) => cb() }));
    } catch (e) {
      if (e instanceof BundleError) throw e;
      throw new BundleError('BUNDLE_FILE_SIZE', `交换包中「${f.path}」已损坏或被改动，无法按 zip 目录记载的大小解压，已拒绝（${(e as Error).message}）。`, {
        entry: f.path,
      });
    }
    const sha = t.hash.digest('hex');
    if (sha !== f.sha256 || t.bytes !== f.size) throw fileHashError(f, t.bytes, sha);
    done += 1;
    options.onProgress?.({ phase: 'attachments', done, total: files.length });
  }
}

interface OriginCursor {
  seq: number;
  id: string | null;
}

async function checkEvents(
  zip: ZipArchive,
  manifest: BundleManifest,
  options: VerifyOptions,
  limits: BundleLimits,
): Promise<Omit<VerifiedBundle, 'manifest' | 'producer'>> {
  const file = manifest.files.find((f) => f.path === EVENTS_ENTRY)!;
  const { keyring, local } = options;
  const signatures = new SignaturePool();
  const cursors = new Map<string, OriginCursor>();
  const seen = new Set<string>();
  const missingParents = new Map<string, string>();
  /** Lines whose origin's key was replaced at or before them: a bad signature there may be the old key's. */
  const replacedBefore = new Map<number, RangedKey>();
  let eventCount = 0;
  let knownEvents = 0;
  let problem: BundleError | undefined;
  const t = newTally();
  const stream = await zip.openEntry(EVENTS_ENTRY);

  const refuse = (code: ConstructorParameters<typeof BundleError>[0], message: string, details: Record<string, unknown> = {}): never => {
    throw new BundleError(code, message, details);
  };

  try {
    const lines = ndjsonLines(stream, limits.maxEventBytes, t, (n) =>
      new BundleError('BUNDLE_EVENT_INVALID', `事件文件第 ${n} 行超过 ${limits.maxEventBytes} 字节的上限，已拒绝。`),
    );
    for await (const batch of lines) {
      for (const { line, lineNo } of batch) {
        if (problem) continue; // keep hashing: a changed file is reported as such
        try {
          let value: unknown;
          const text = line.toString('utf8');
          try {
            value = JSON.parse(text);
          } catch {
            refuse('BUNDLE_EVENT_INVALID', `事件文件第 ${lineNo} 行不是有效的 JSON。`, { line: lineNo });
          }
          const shape = eventShapeProblem(value);
          if (shape) refuse('BUNDLE_EVENT_INVALID', `事件文件第 ${lineNo} 行不是有效的事件：${shape}。`, { line: lineNo });
          const e = value as SignedEvent;
          // Only a refusal needs them (every event would otherwise build both strings).
          const who = (): string => unitLabel(keyring, e.origin);
          const where = (): string => `事件文件第 ${lineNo} 行（单位${who()}第 ${e.seq} 号事件）`;
          const range = manifest.origins[e.origin];
          if (!range) refuse('BUNDLE_RANGE_MISMATCH', `${where()}不在清单记载的范围内。`, { line: lineNo });

          // Order within the origin's chain: since, since+1, … each linked to the one before.
          const cur = cursors.get(e.origin) ?? { seq: range!.since - 1, id: range!.prev };
          if (e.seq !== cur.seq + 1) {
            refuse(
              'BUNDLE_EVENT_ORDER',
              `${where()}顺序错乱：此处应为第 ${cur.seq + 1} 号。事件被重新排列或缺失，已拒绝。`,
              { line: lineNo, origin: e.origin },
            );
          }
          if (e.prev !== cur.id) {
            refuse('BUNDLE_CHAIN_BROKEN', `${where()}的前序哈希与第 ${e.seq - 1} 号事件不符，事件链断裂，已拒绝。`, {
              line: lineNo,
              origin: e.origin,
            });
          }

          // Known already? Same origin and number with another hash is a fork of that unit's log.
          const localId = local?.idAt(e.origin, e.seq);
          if (localId !== undefined && localId !== e.id) {
            refuse(
              'BUNDLE_FORK',
              `分叉告警：单位${who()}第 ${e.seq} 号事件与本终端已有的同号事件不同（本地 ${localId.slice(0, 12)}…，交换包 ${e.id.slice(0, 12)}…）。该单位的终端可能被复制或篡改，交换包已拒绝，请联系该单位核查。`,
              { origin: e.origin, seq: e.seq, localId, bundleId: e.id },
            );
          }
          const known = localId === e.id;
          const body = signedBody(text, e);
          if (!body) refuse('BUNDLE_EVENT_HASH', `${where()}的内容与其编号（哈希）不符，已被改动。`, { line: lineNo, origin: e.origin });
          if (known) {
            knownEvents += 1;
          } else {
            if (local && e.seq === cur.seq + 1 && cur.seq === range!.since - 1 && e.seq > 1) {
              // The first new event must attach to the local chain where the local chain ends.
              const localPrev = local.idAt(e.origin, e.seq - 1);
              if (localPrev !== undefined && localPrev !== e.prev) {
                refuse(
                  'BUNDLE_FORK',
                  `分叉告警：单位${who()}第 ${e.seq} 号事件接在一个本终端不认识的第 ${e.seq - 1} 号事件之后，与本地事件链不一致。该单位的终端可能被复制或篡改，交换包已拒绝，请联系该单位核查。`,
                  { origin: e.origin, seq: e.seq - 1, localId: localPrev, bundleId: e.prev },
                );
              }
            }
            // The key valid for this point of the origin's chain (a replaced key only for the events before its replacement).
            const key = keyring.keyFor(e.origin, e.seq);
            if (!key) {
              refuse('BUNDLE_EVENT_UNKNOWN_ORIGIN', `${where()}来自未登记公钥的单位，无法核验签名，已拒绝。请先添加该单位的公钥。`, {
                origin: e.origin,
              });
            }
            if (key!.revoked) refuse('BUNDLE_REVOKED_SIGNER', `${where()}由已吊销的密钥签署，已拒绝。`, { origin: e.origin });
            if (key!.fromSeq > 1) replacedBefore.set(lineNo, key!);
            const backlog = signatures.add({ body: body!, sig: Buffer.from(e.sig, 'base64'), publicKeyPem: key!.publicKeyPem, tag: lineNo });
            if (backlog) await backlog;
            const authorProblem = options.checkAuthor?.(e);
            if (authorProblem) refuse('BUNDLE_AUTHOR_ROLE', `${where()}：${authorProblem}`, { line: lineNo, origin: e.origin });
          }
          for (const p of e.parents) {
            if (!seen.has(p) && !missingParents.has(p) && !(local?.hasEvent(p) ?? false)) missingParents.set(p, e.id);
          }
          seen.add(e.id);
          cursors.set(e.origin, { seq: e.seq, id: e.id });
          eventCount += 1;
          options.onEvent?.(e, known, body!);
          if (eventCount % PROGRESS_EVERY === 0) options.onProgress?.({ phase: 'events', done: eventCount, total: manifest.eventCount });
        } catch (err) {
          if (!(err instanceof BundleError)) throw err;
          problem = err;
        }
      }
    }
  } catch (err) {
    await signatures.close();
    if (err instanceof BundleError) throw err;
    throw new BundleError('BUNDLE_FILE_SIZE', `交换包中的事件文件已损坏或被改动，无法按 zip 目录记载的大小解压，已拒绝（${(err as Error).message}）。`, {
      entry: EVENTS_ENTRY,
    });
  }
  const sha = t.hash.digest('hex');
  if (sha !== file.sha256 || t.bytes !== file.size) {
    await signatures.close();
    throw fileHashError(file, t.bytes, sha, problem ? `（${problem.message}）` : '');
  }
  if (problem) {
    await signatures.close();
    throw problem;
  }
  const badSignature = (await signatures.failures())[0];
  if (badSignature !== undefined) {
    const replaced = replacedBefore.get(badSignature);
    if (replaced) {
      throw new BundleError(
        'BUNDLE_EVENT_SIGNATURE',
        `事件文件第 ${badSignature} 行事件的签名无效：单位${unitLabel(keyring, replaced.unit)}自第 ${replaced.fromSeq} 号事件起须用更换后的密钥（指纹 ${replaced.fingerprint}）签署，此事件不是该密钥所签（可能仍用已被替换的旧密钥），已拒绝。`,
        { line: badSignature, origin: replaced.unit },
      );
    }
    throw new BundleError('BUNDLE_EVENT_SIGNATURE', `事件文件第 ${badSignature} 行事件的签名无效，不是其来源单位的密钥所签，已拒绝。`, { line: badSignature });
  }

  for (const [origin, range] of Object.entries(manifest.origins)) {
    const cur = cursors.get(origin);
    if (!cur || cur.seq !== range.upTo || cur.id !== range.head) {
      throw new BundleError('BUNDLE_RANGE_MISMATCH', `交换包中单位${unitLabel(keyring, origin)}的事件与清单记载的范围（第 ${range.since}–${range.upTo} 号）不符。`);
    }
  }
  if (eventCount !== manifest.eventCount) {
    throw new BundleError('BUNDLE_RANGE_MISMATCH', `交换包含 ${eventCount} 个事件，清单记载为 ${manifest.eventCount} 个。`);
  }
  options.onProgress?.({ phase: 'events', done: eventCount, total: manifest.eventCount });

  const waitingFor: Prerequisite[] = [];
  for (const [parent, child] of missingParents) {
    if (seen.has(parent)) {
      throw new BundleError('BUNDLE_EVENT_ORDER', `交换包中事件 ${child.slice(0, 12)}… 排在它的父事件 ${parent.slice(0, 12)}… 之前，事件顺序被打乱，已拒绝。`);
    }
    if (local) waitingFor.push({ kind: 'event', eventId: parent, neededBy: child });
  }
  if (local) {
    for (const [origin, range] of Object.entries(manifest.origins)) {
      const held = local.headSeq(origin);
      if (range.since > held + 1) waitingFor.unshift({ kind: 'range', origin, fromSeq: held + 1, toSeq: range.since - 1 });
    }
  }
  return { eventCount, knownEvents, newEvents: eventCount - knownEvents, waitingFor };
}

/** 「单位 X 第 a–b 号事件」 lines for telling a person what a kept-aside bundle waits for. */
export function describePrerequisites(keyring: Keyring, list: readonly Prerequisite[]): string[] {
  return list.map((p) =>
    p.kind === 'range'
      ? `单位${unitLabel(keyring, p.origin)}第 ${p.fromSeq === p.toSeq ? p.fromSeq : `${p.fromSeq}–${p.toSeq}`} 号事件`
      : `事件 ${p.eventId.slice(0, 12)}…（${p.neededBy.slice(0, 12)}… 的父事件）`,
  );
}
