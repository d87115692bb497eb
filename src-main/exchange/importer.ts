import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Statement } from 'better-sqlite3';
import { AppError } from '../shared/errors';
import type { SignedEvent } from '../shared/schemas/event';
import { rowToEvent, type EventRow } from '../store/event-log';
import { flushesDeferred } from '../store/text-index';
import { isDirStream } from '../store/directory';
import { storeAttachment } from './attachment-files';
import { AuthorCheck } from './author-check';
import { BundleError } from './bundle-error';
import type { BundleManifest } from './bundle-format';
import { describePrerequisites, readSignedManifest, verifyBundle, type VerifyProgress } from './bundle-verifier';
import { DEFAULT_LIMITS } from './bundle-format';
import { EarlyFold, extendsHead } from './early-fold';
import { ZipArchive } from './zip-archive';
import { terminalKeyring, type ExchangeContext } from './exchange-context';
import type { ImportRecordRow } from './exchange-store';
import { unitLabel, type Keyring, type KnownKey } from './keyring';

export interface ImportOptions {
  /** The user confirmed importing a bundle addressed to another unit. */
  confirmOtherAddressee?: boolean;
  onProgress?: (p: VerifyProgress | { phase: 'applying'; done: number; total: number }) => void;
  /** Retry kept-aside bundles after this one (on by default). */
  retryPending?: boolean;
}

export interface ImportResult {
  file: string;
  producer: string;
  /** applied: events written; unchanged: every event was already here; pending: kept aside. */
  outcome: 'applied' | 'unchanged' | 'pending';
  eventCount: number;
  newEvents: number;
  /** For a kept-aside bundle: the events it waits for, in words. */
  waitingFor: string[];
  conflicts: number;
  /** Kept-aside bundles that this import made complete and that were applied after it. */
  released: ImportResult[];
}

const STAGE_BATCH = 2000;
/** Staged rows per INSERT: one statement for many rows about halves the cost of each (measured). */
const STAGE_ROWS_PER_INSERT = 16;
/** Events applied per page: each form touched is folded in memory and written once per page. */
const APPLY_PAGE = 5_000;

/** A staged event: the log's row without its position. */
type StagedRow = Omit<EventRow, 'pos'> & { n: number };

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

/**
 * Imports one bundle. Everything is verified first (signature, files, every event's hash,
 * signature, chain, order and author's role) while the new events are staged in a TEMP table;
 * then all of them are written in one transaction. A bundle that is refused leaves the
 * database as it was; a fork raises an alarm naming the unit.
 */
export async function importBundle(ctx: ExchangeContext, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const { db, store } = ctx;
  const keyring = terminalKeyring(ctx);
  const bundleSha = await sha256File(path).catch(() => '');
  // Verified events wait in a TEMP table (this connection only, not the database's content)
  // until the whole bundle has passed; then one transaction copies them into the log.
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS import_stage (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL, origin TEXT NOT NULL, seq INTEGER NOT NULL, stream TEXT NOT NULL,
    type TEXT NOT NULL, time TEXT NOT NULL, body BLOB NOT NULL, sig BLOB NOT NULL)`);
  db.exec('DELETE FROM temp.import_stage');
  type Staged = [number, string, string, number, string, string, string, Buffer, Buffer];
  const stageSql = (rows: number) =>
    `INSERT INTO temp.import_stage (n, id, origin, seq, stream, type, time, body, sig) VALUES ${Array<string>(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
  const stageOne = db.prepare(stageSql(1)) as Statement<Staged>;
  const stageMany = db.prepare(stageSql(STAGE_ROWS_PER_INSERT)) as Statement<Array<Staged[number]>>;
  const stageBatch = db.transaction((rows: Staged[]) => {
    let i = 0;
    for (; i + STAGE_ROWS_PER_INSERT <= rows.length; i += STAGE_ROWS_PER_INSERT) stageMany.run(...rows.slice(i, i + STAGE_ROWS_PER_INSERT).flat());
    for (; i < rows.length; i++) stageOne.run(...rows[i]!);
  });
  let pendingLines: Staged[] = [];
  let staged = 0;
  const authors = new AuthorCheck(db);
  const unknownAuthors: string[] = [];
  let manifestSeen: BundleManifest | undefined;

  const checkAddressee = (m: BundleManifest): void => {
    if (m.addressee !== null && m.addressee !== ctx.self.unit && !options.confirmOtherAddressee) {
      throw new BundleError(
        'BUNDLE_WRONG_ADDRESSEE',
        `交换包是${unitLabel(keyring, m.producer.unit)}发给单位「${m.addressee}」的，不是发给本单位（${ctx.self.unit}）的。确认仍要导入时请明确确认（命令行加 --accept-other-addressee）。`,
        { addressee: m.addressee },
      );
    }
  };
  if (bundleSha !== '' && store.wasApplied(bundleSha)) {
    const replay = await replayOfApplied(ctx, path, keyring, checkAddressee);
    if (replay) return { file: path, producer: replay.producer.unit, outcome: 'unchanged', eventCount: replay.eventCount, newEvents: 0, waitingFor: [], conflicts: 0, released: [] };
  }

  const earlyFolder = ctx.projector.early?.();
  const early = earlyFolder && new EarlyFold(store, earlyFolder);
  let verified;
  try {
    verified = await verifyBundle(path, {
      keyring,
      local: store.localLog(),
      checkManifest: (m) => {
        manifestSeen = m;
        checkAddressee(m);
      },
      checkAuthor: (e) => {
        const problem = authors.check(e);
        if (problem?.unknownAuthor) {
          unknownAuthors.push(`单位${unitLabel(keyring, e.origin)}第 ${e.seq} 号事件：${problem.message}`);
          return undefined;
        }
        return problem?.message;
      },
      onEvent: (e, known, body) => {
        if (known) return;
        staged += 1;
        pendingLines.push([staged, e.id, e.origin, e.seq, e.formId, e.type, e.time, body, Buffer.from(e.sig, 'base64')]);
        early?.take(e, staged);
        if (pendingLines.length >= STAGE_BATCH) {
          stageBatch(pendingLines);
          pendingLines = [];
        }
      },
      onAttachment: async (f, stream) => {
        await storeAttachment(ctx.dataDir, f.sha256, stream);
      },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    if (pendingLines.length > 0) stageBatch(pendingLines);
  } catch (e) {
    db.exec('DELETE FROM temp.import_stage');
    early?.discard();
    if (e instanceof BundleError && e.code === 'BUNDLE_FORK') {
      const unit = String(e.details.origin ?? manifestSeen?.producer.unit ?? '');
      db.transaction(() => {
        store.raiseAlarm('fork', unit, ctx.now(), e.message, { ...e.details, file: basename(path), bundleSha256: bundleSha });
      }).immediate();
    }
    throw e;
  }

  const m = verified.manifest;
  const base = {
    file: path,
    producer: m.producer.unit,
    eventCount: verified.eventCount,
    newEvents: verified.newEvents,
    conflicts: 0,
    released: [] as ImportResult[],
  };
  if (verified.waitingFor.length > 0 || unknownAuthors.length > 0 || verified.newEvents === 0) early?.discard();
  if (verified.waitingFor.length > 0) {
    db.exec('DELETE FROM temp.import_stage');
    const waiting = describePrerequisites(keyring, verified.waitingFor);
    await keepAside(ctx, path, bundleSha, m, verified.eventCount, waiting);
    return { ...base, outcome: 'pending', newEvents: 0, waitingFor: waiting };
  }
  if (unknownAuthors.length > 0) {
    // Nothing missing that could still introduce these authors: refuse.
    db.exec('DELETE FROM temp.import_stage');
    throw new BundleError('BUNDLE_AUTHOR_ROLE', `${unknownAuthors[0]}${unknownAuthors.length > 1 ? `（另有 ${unknownAuthors.length - 1} 个事件同样如此）` : ''}。交换包已拒绝。`);
  }
  if (verified.newEvents === 0) {
    // Every event already here (the same events came in another bundle): no form changes, but
    // the bundle did arrive, so the archive's catalogue lists it (IT综合科 counts each unit's
    // bundles and its last import). It is recorded once: the record marks it as applied (its
    // events are all in the log; read back as 'unchanged', see ExchangeStore.records), so the
    // very same file imported again takes the replay path above and adds no second record.
    db.exec('DELETE FROM temp.import_stage');
    db.transaction(() => {
      store.learnAcks(m.producer.unit, m.has);
      if (bundleSha !== '') store.addRecord(catalogueRecord(path, bundleSha, m, ctx.now(), 'applied', 0, null));
      store.dropPending(bundleSha);
    }).immediate();
    return { ...base, outcome: 'unchanged', waitingFor: [] };
  }

  const conflicts = applyStaged(ctx, m, verified.newEvents, path, bundleSha, options, early);
  const result: ImportResult = { ...base, outcome: 'applied', waitingFor: [], conflicts };
  if (options.retryPending !== false) result.released = await retryPending(ctx, options);
  return result;
}

/**
 * The very file (same sha256) was verified in full and applied before: a replay changes nothing.
 * What may have changed since is checked again — the manifest's signature by a key still trusted
 * and not revoked, its addressee — and every event it lists must still be here (each origin's
 * range ends at the same id locally). Then no event needs to be read, hashed or verified again.
 * Undefined sends the caller down the full path.
 */
async function replayOfApplied(
  ctx: ExchangeContext,
  path: string,
  keyring: Keyring,
  checkAddressee: (m: BundleManifest) => void,
): Promise<{ producer: KnownKey; eventCount: number } | undefined> {
  const zip = await ZipArchive.open(path, DEFAULT_LIMITS);
  try {
    const { manifest, producer } = await readSignedManifest(zip, keyring, DEFAULT_LIMITS);
    checkAddressee(manifest);
    const local = ctx.store.localLog();
    for (const [origin, range] of Object.entries(manifest.origins)) {
      if (local.idAt(origin, range.upTo) !== range.head) return undefined;
    }
    return { producer, eventCount: manifest.eventCount };
  } finally {
    zip.close();
  }
}

function applyStaged(
  ctx: ExchangeContext,
  m: BundleManifest,
  newEvents: number,
  path: string,
  bundleSha: string,
  options: ImportOptions,
  early: EarlyFold | undefined,
): number {
  const { db, store } = ctx;
  const now = ctx.now();
  const heads = new Map<string, string | undefined>();
  let conflicts = 0;
  let done = 0;
  try {
    db.transaction(() => flushesDeferred(db, () => {
      // What the verification folded already stands unless the log moved meanwhile (early-fold.ts).
      const late = early?.lateEvents();
      // Said as the writing starts: most of it (the copy, the forms folded early) is one step now.
      options.onProgress?.({ phase: 'applying', done: 0, total: newEvents });
      // The verified rows go into the log in one statement, in bundle order (SQLite copies them
      // without a round trip per row); the stored body is the very bytes that were hashed and
      // signed. A known id is skipped; the same origin and seq with another id (a fork) aborts.
      const before = store.lastPos();
      const staged = db.prepare('SELECT count(*) FROM temp.import_stage').pluck().get() as number;
      const copied = store.copyStagedEvents();
      const isNew = (id: string): boolean => copied === staged || (store.posOf(id) ?? 0) > before;
      for (const rows of stagedPages(ctx, late)) {
        for (const row of rows) {
          if (!isNew(row.id)) continue;
          const e = rowToEvent(row);
          let conflict = false;
          if (!isDirStream(e.formId)) {
            // The form's head before this import, or the import's own latest event of it.
            const head = heads.has(e.formId) ? heads.get(e.formId) : store.streamHeadAt(e.formId, before);
            conflict = recordConflict(ctx, e, head, now);
            heads.set(e.formId, e.id);
          }
          if (conflict) conflicts += 1;
          ctx.projector.project(e, { conflict });
          done += 1;
        }
        ctx.projector.flush();
        options.onProgress?.({ phase: 'applying', done, total: newEvents });
      }
      if (late) {
        // Every staged event is new here (the log has not moved): those not folded above were folded early.
        early!.write();
        done = staged;
        options.onProgress?.({ phase: 'applying', done, total: newEvents });
      }
      store.learnAcks(m.producer.unit, m.has);
      store.addRecord(catalogueRecord(path, bundleSha, m, now, 'applied', done, conflicts > 0 ? `${conflicts} 处冲突待处理` : null));
      store.dropPending(bundleSha);
    })).immediate();
  } finally {
    early?.discard();
    db.exec('DELETE FROM temp.import_stage');
  }
  return conflicts;
}

/**
 * The staged events for the transaction's fold, a page at a time in bundle order: all of them,
 * or only those with the given staging numbers (the rest were folded early).
 */
function* stagedPages(ctx: ExchangeContext, only: readonly number[] | undefined): Generator<StagedRow[]> {
  if (only === undefined) {
    const page = ctx.db.prepare('SELECT * FROM temp.import_stage WHERE n > ? ORDER BY n LIMIT ?') as Statement<[number, number], StagedRow>;
    for (let rows = page.all(0, APPLY_PAGE); rows.length > 0; rows = page.all(rows[rows.length - 1]!.n, APPLY_PAGE)) yield rows;
    return;
  }
  const chosen = ctx.db.prepare('SELECT * FROM temp.import_stage WHERE n IN (SELECT value FROM json_each(?)) ORDER BY n') as Statement<[string], StagedRow>;
  for (let i = 0; i < only.length; i += APPLY_PAGE) yield chosen.all(JSON.stringify(only.slice(i, i + APPLY_PAGE)));
}

/**
 * Two events that extend the same state of one form differently: the incoming event does not
 * build on the form's latest event here. Both stay in the log; a person chooses (the choice is
 * itself an event, exchange:resolveConflict).
 */
function recordConflict(ctx: ExchangeContext, e: SignedEvent, head: string | undefined, at: string): boolean {
  if (head === undefined || extendsHead(e, head)) return false;
  ctx.store.addConflict(e.formId, e.parents[0] ?? '(新建)', [head, e.id], at);
  return true;
}

function pendingDir(dataDir: string): string {
  return join(dataDir, 'pending');
}

/** The catalogue's line for a bundle (the archive's list of what arrived, §27). */
function catalogueRecord(path: string, sha: string, m: BundleManifest, at: string, outcome: ImportRecordRow['outcome'], newEvents: number, note: string | null): Omit<ImportRecordRow, 'id'> {
  return {
    bundleSha256: sha,
    fileName: basename(path),
    producer: m.producer.unit,
    addressee: m.addressee,
    scope: m.scope,
    createdAt: m.createdAt,
    importedAt: at,
    outcome,
    eventCount: m.eventCount,
    newEvents,
    origins: Object.fromEntries(Object.entries(m.origins).map(([o, r]) => [o, { since: r.since, upTo: r.upTo }])),
    note,
  };
}

async function keepAside(ctx: ExchangeContext, path: string, sha: string, m: BundleManifest, eventCount: number, waiting: string[]): Promise<void> {
  const dir = pendingDir(ctx.dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${sha}.cdbundle`);
  if (path !== file) {
    const tmp = `${file}.${randomBytes(4).toString('hex')}.part`;
    await copyFile(path, tmp);
    await rename(tmp, file);
  }
  ctx.db
    .transaction(() => {
      const already = ctx.store.pending().some((p) => p.bundleSha256 === sha);
      ctx.store.keepPending({ bundleSha256: sha, file, producer: m.producer.unit, keptAt: ctx.now(), waitingFor: waiting });
      if (!already) {
        ctx.store.addRecord({ ...catalogueRecord(path, sha, m, ctx.now(), 'pending', 0, `等待：${waiting.join('；')}`), eventCount });
      }
    })
    .immediate();
}

/** Applies every kept-aside bundle whose prerequisites have now arrived, until none is left ready. */
export async function retryPending(ctx: ExchangeContext, options: ImportOptions = {}): Promise<ImportResult[]> {
  const released: ImportResult[] = [];
  for (let progress = true; progress; ) {
    progress = false;
    for (const p of ctx.store.pending()) {
      let r: ImportResult;
      try {
        r = await importBundle(ctx, p.file, { ...options, retryPending: false, confirmOtherAddressee: true });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        continue; // still refused (e.g. a fork found meanwhile); it stays listed with its alarm
      }
      if (r.outcome !== 'pending') {
        ctx.db.transaction(() => ctx.store.dropPending(p.bundleSha256)).immediate();
        await rm(p.file, { force: true });
        released.push(r);
        progress = true;
      }
    }
  }
  return released;
}
