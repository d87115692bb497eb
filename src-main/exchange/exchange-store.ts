import type { Database, Statement } from 'better-sqlite3';
import type { SignedEvent } from '../shared/schemas/event';
import type { CatalogueEntry } from '../shared/schemas/exchange';
import { rowToEvent } from '../store/event-log';
import type { LocalLog } from './bundle-verifier';
import type { KnownKey, RangedKey } from './keyring';

export interface PeerRow {
  unit: string;
  name: string;
  kind: string | null;
  publicKeyPem: string;
  fingerprint: string;
  addedAt: string;
  addedBy: string;
  revokedAt: string | null;
}

/** One bundle in the catalogue (the archive's list of what arrived). */
export type ImportRecordRow = CatalogueEntry;

export interface PendingRow {
  bundleSha256: string;
  file: string;
  producer: string;
  keptAt: string;
  waitingFor: string[];
}

export interface ConflictRow {
  id: number;
  formId: string;
  parentId: string;
  eventIds: string[];
  detectedAt: string;
  resolvedBy: string | null;
}

export interface AlarmRow {
  id: number;
  kind: string;
  unit: string;
  raisedAt: string;
  message: string;
  details: Record<string, unknown>;
}

interface RawPeer {
  unit: string;
  name: string;
  kind: string | null;
  public_key: string;
  fingerprint: string;
  added_at: string;
  added_by: string;
  revoked_at: string | null;
}

/** The exchange's tables (migration 0004) and its reads of the event log; statements prepared once. */
export class ExchangeStore {
  private readonly s;

  constructor(readonly db: Database) {
    this.s = {
      peers: db.prepare('SELECT * FROM peer ORDER BY unit') as Statement<[], RawPeer>,
      peer: db.prepare('SELECT * FROM peer WHERE unit = ?') as Statement<[string], RawPeer>,
      upsertPeer: db.prepare(
        `INSERT INTO peer (unit, name, kind, public_key, fingerprint, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (unit) DO UPDATE SET name = excluded.name, kind = excluded.kind, public_key = excluded.public_key,
           fingerprint = excluded.fingerprint, added_at = excluded.added_at, added_by = excluded.added_by,
           revoked_at = NULL, revoked_by = NULL`,
      ) as Statement<[string, string, string | null, string, string, string, string]>,
      revokePeer: db.prepare('UPDATE peer SET revoked_at = ?, revoked_by = ? WHERE unit = ?') as Statement<[string, string, string]>,
      keyHistory: db.prepare('SELECT unit, fingerprint, public_key, from_seq, to_seq FROM peer_key ORDER BY unit, from_seq') as Statement<
        [],
        { unit: string; fingerprint: string; public_key: string; from_seq: number; to_seq: number | null }
      >,
      closeKey: db.prepare('UPDATE peer_key SET to_seq = ?, replaced_at = ?, replaced_by = ? WHERE unit = ? AND to_seq IS NULL') as Statement<
        [number, string, string, string]
      >,
      dropUnusedKey: db.prepare('DELETE FROM peer_key WHERE unit = ? AND to_seq IS NULL') as Statement<[string]>,
      addKey: db.prepare(
        'INSERT INTO peer_key (unit, fingerprint, public_key, from_seq, to_seq, added_at, added_by) VALUES (?, ?, ?, ?, NULL, ?, ?)',
      ) as Statement<[string, string, string, number, string, string]>,
      acks: db.prepare('SELECT origin, seq FROM peer_ack WHERE peer = ?') as Statement<[string], { origin: string; seq: number }>,
      ack: db.prepare(
        `INSERT INTO peer_ack (peer, origin, seq) VALUES (?, ?, ?)
         ON CONFLICT (peer, origin) DO UPDATE SET seq = max(seq, excluded.seq)`,
      ) as Statement<[string, string, number]>,
      idAt: db.prepare('SELECT id FROM event WHERE origin = ? AND seq = ?').pluck() as Statement<[string, number], string>,
      headSeq: db.prepare('SELECT max(seq) FROM event WHERE origin = ?').pluck() as Statement<[string], number | null>,
      hasEvent: db.prepare('SELECT 1 FROM event WHERE id = ?').pluck() as Statement<[string], number>,
      vector: db.prepare('SELECT origin, max(seq) AS seq FROM event GROUP BY origin') as Statement<[], { origin: string; seq: number }>,
      rowPage: db.prepare('SELECT pos, id, origin, seq, body, sig FROM event WHERE pos > ? ORDER BY pos LIMIT ?') as Statement<
        [number, number],
        { pos: number; id: string; origin: string; seq: number; body: Buffer; sig: Buffer }
      >,
      originPage: db.prepare('SELECT id, body, sig, seq FROM event WHERE origin = ? AND seq > ? ORDER BY seq LIMIT ?') as Statement<
        [string, number, number],
        { id: string; body: Buffer; sig: Buffer; seq: number }
      >,
      origins: db.prepare('SELECT DISTINCT origin FROM event ORDER BY origin').pluck() as Statement<[], string>,
      streamHeadAt: db.prepare('SELECT id FROM event WHERE stream = ? AND pos <= ? ORDER BY pos DESC LIMIT 1').pluck() as Statement<[string, number], string>,
      lastPos: db.prepare('SELECT coalesce(max(pos), 0) FROM event').pluck() as Statement<[], number>,
      posOf: db.prepare('SELECT pos FROM event WHERE id = ?').pluck() as Statement<[string], number>,
      addRecord: db.prepare(
        `INSERT INTO import_record (bundle_sha256, file_name, producer, addressee, scope, created_at, imported_at, outcome,
           event_count, new_events, origins, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ) as Statement<unknown[]>,
      records: db.prepare('SELECT * FROM import_record ORDER BY id') as Statement<[], Record<string, unknown>>,
      lastRecord: db.prepare('SELECT coalesce(max(id), 0) FROM import_record').pluck() as Statement<[], number>,
      applied: db.prepare(`SELECT 1 FROM import_record WHERE bundle_sha256 = ? AND outcome = 'applied' LIMIT 1`).pluck() as Statement<[string], number>,
      keepPending: db.prepare(
        `INSERT INTO pending_bundle (bundle_sha256, file, producer, kept_at, waiting_for) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (bundle_sha256) DO UPDATE SET waiting_for = excluded.waiting_for`,
      ) as Statement<[string, string, string, string, string]>,
      pending: db.prepare('SELECT * FROM pending_bundle ORDER BY kept_at') as Statement<
        [],
        { bundle_sha256: string; file: string; producer: string; kept_at: string; waiting_for: string }
      >,
      dropPending: db.prepare('DELETE FROM pending_bundle WHERE bundle_sha256 = ?') as Statement<[string]>,
      addAlarm: db.prepare('INSERT INTO exchange_alarm (kind, unit, raised_at, message, details) VALUES (?, ?, ?, ?, ?)') as Statement<
        [string, string, string, string, string]
      >,
      alarms: db.prepare('SELECT * FROM exchange_alarm ORDER BY id DESC') as Statement<
        [],
        { id: number; kind: string; unit: string; raised_at: string; message: string; details: string }
      >,
      addConflict: db.prepare(
        `INSERT INTO form_conflict (form_id, parent_id, event_ids, detected_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (form_id, parent_id) DO UPDATE SET event_ids = excluded.event_ids`,
      ) as Statement<[string, string, string, string]>,
      conflictAt: db.prepare('SELECT event_ids FROM form_conflict WHERE form_id = ? AND parent_id = ?').pluck() as Statement<
        [string, string],
        string
      >,
      conflicts: db.prepare('SELECT * FROM form_conflict ORDER BY id') as Statement<
        [],
        { id: number; form_id: string; parent_id: string; event_ids: string; detected_at: string; resolved_by: string | null }
      >,
      resolveConflict: db.prepare('UPDATE form_conflict SET resolved_by = ? WHERE id = ?') as Statement<[string, number]>,
    };
  }

  // Peers and keys.

  peers(): PeerRow[] {
    return this.s.peers.all().map(toPeer);
  }

  peer(unit: string): PeerRow | undefined {
    const r = this.s.peer.get(unit);
    return r ? toPeer(r) : undefined;
  }

  /**
   * Adds a peer or replaces its key. A replaced key stays in the key history for the events this
   * terminal already holds of that unit (seq 1 … its head here, all verified with it); the new
   * key covers every later event. Re-adding the same key (e.g. after a revocation) keeps the history.
   */
  savePeer(p: { unit: string; name: string; kind: string | null; publicKeyPem: string; fingerprint: string }, at: string, by: string): void {
    const before = this.s.peer.get(p.unit);
    if (!before || before.fingerprint !== p.fingerprint) {
      const held = this.s.headSeq.get(p.unit) ?? 0;
      const current = this.keyHistory().find((k) => k.unit === p.unit && k.toSeq === null);
      if (current && held >= current.fromSeq) this.s.closeKey.run(held, at, by, p.unit);
      // A key that never verified an event here leaves no range to keep.
      else this.s.dropUnusedKey.run(p.unit);
      this.s.addKey.run(p.unit, p.fingerprint, p.publicKeyPem, current && held >= current.fromSeq ? held + 1 : (current?.fromSeq ?? 1), at, by);
    }
    this.s.upsertPeer.run(p.unit, p.name, p.kind, p.publicKeyPem, p.fingerprint, at, by);
  }

  /** Every key each peer has had, with the range of its chain that each covers (revocation marked on the current one). */
  keyHistory(): RangedKey[] {
    const peers = new Map(this.s.peers.all().map((r) => [r.unit, r]));
    return this.s.keyHistory.all().map((r) => ({
      unit: r.unit,
      name: peers.get(r.unit)?.name ?? r.unit,
      publicKeyPem: r.public_key,
      fingerprint: r.fingerprint,
      revoked: r.to_seq === null && (peers.get(r.unit)?.revoked_at ?? null) !== null,
      fromSeq: r.from_seq,
      toSeq: r.to_seq,
    }));
  }

  revokePeer(unit: string, at: string, by: string): void {
    this.s.revokePeer.run(at, by, unit);
  }

  /** Every key bundles are checked against: the peers', revoked ones marked. */
  peerKeys(): KnownKey[] {
    return this.peers().map((p) => ({ unit: p.unit, name: p.name, publicKeyPem: p.publicKeyPem, fingerprint: p.fingerprint, revoked: p.revokedAt !== null }));
  }

  // Version vectors.

  /** What a peer said it holds, per origin. */
  acks(peer: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.s.acks.all(peer)) out[r.origin] = r.seq;
    return out;
  }

  learnAcks(peer: string, has: Record<string, number>): void {
    for (const [origin, seq] of Object.entries(has)) this.s.ack.run(peer, origin, seq);
  }

  /** This terminal's version vector: per origin, the highest seq held (the log of each origin is gap-free). */
  vector(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.s.vector.all()) out[r.origin] = r.seq;
    return out;
  }

  /**
   * What this terminal holds, as a snapshot for one verification. Each origin's log is gap-free
   * (1 … head), so a seq beyond the head needs no look-up: an import into a fresh archive asks
   * the database nothing per event.
   */
  localLog(): LocalLog {
    const heads = this.vector();
    return {
      idAt: (origin, seq) => (seq > (heads[origin] ?? 0) ? undefined : this.s.idAt.get(origin, seq)),
      headSeq: (origin) => heads[origin] ?? 0,
      hasEvent: (id) => this.s.hasEvent.get(id) !== undefined,
    };
  }

  /** The stored rows in log order, as they were signed (export writes them without re-encoding). */
  *rowsInLogOrder(after: Record<string, number> = {}, pageSize = 5000): Generator<{ pos: number; id: string; origin: string; seq: number; body: Buffer; sig: Buffer }> {
    let pos = 0;
    for (;;) {
      const rows = this.s.rowPage.all(pos, pageSize);
      if (rows.length === 0) return;
      for (const r of rows) if (r.seq > (after[r.origin] ?? 0)) yield r;
      pos = rows[rows.length - 1]!.pos;
    }
  }

  origins(): string[] {
    return this.s.origins.all();
  }

  /** One origin's chain from seq `after + 1`, page by page. */
  *originChain(origin: string, pageSize = 2000): Generator<SignedEvent & { body: Buffer }> {
    let seq = 0;
    for (;;) {
      const rows = this.s.originPage.all(origin, seq, pageSize);
      if (rows.length === 0) return;
      for (const r of rows) yield { ...rowToEvent(r), body: r.body };
      seq = rows[rows.length - 1]!.seq;
    }
  }

  /** The stream's latest event at log position `pos` or before. */
  streamHeadAt(stream: string, pos: number): string | undefined {
    return this.s.streamHeadAt.get(stream, pos);
  }

  /** The log position of the last event (0 for an empty log). */
  lastPos(): number {
    return this.s.lastPos.get()!;
  }

  posOf(id: string): number | undefined {
    return this.s.posOf.get(id);
  }

  /**
   * Copies an import's verified rows (TEMP table import_stage, this connection only) into the
   * log in their order, skipping ids already held; returns how many were added. The same origin
   * and seq with another id violates the log's unique key and aborts the caller's transaction.
   */
  copyStagedEvents(): number {
    // An upsert after INSERT … SELECT needs the SELECT's WHERE (SQLite's parsing rule).
    return this.db
      .prepare(
        `INSERT INTO event (id, origin, seq, stream, type, time, body, sig)
         SELECT id, origin, seq, stream, type, time, body, sig FROM temp.import_stage WHERE true ORDER BY n
         ON CONFLICT (id) DO NOTHING`,
      )
      .run().changes;
  }

  // Imports.

  addRecord(r: Omit<ImportRecordRow, 'id'>): void {
    this.s.addRecord.run(
      r.bundleSha256,
      r.fileName,
      r.producer,
      r.addressee,
      r.scope,
      r.createdAt,
      r.importedAt,
      r.outcome,
      r.eventCount,
      r.newEvents,
      JSON.stringify(r.origins),
      r.note,
    );
  }

  records(): ImportRecordRow[] {
    return this.s.records.all().map((r) => ({
      id: r.id as number,
      bundleSha256: r.bundle_sha256 as string,
      fileName: r.file_name as string,
      producer: r.producer as string,
      addressee: r.addressee as string | null,
      scope: r.scope as string,
      createdAt: r.created_at as string,
      importedAt: r.imported_at as string,
      // A bundle whose events were all here already is kept as applied with no new event (the
      // table's outcomes predate it; importer.ts records it so): the catalogue says 'unchanged'.
      outcome: r.outcome === 'applied' && r.new_events === 0 ? 'unchanged' : (r.outcome as ImportRecordRow['outcome']),
      eventCount: r.event_count as number,
      newEvents: r.new_events as number,
      origins: JSON.parse(r.origins as string) as ImportRecordRow['origins'],
      note: r.note as string | null,
    }));
  }

  /** The catalogue's newest line (0 when empty): an import that adds none leaves it as it was. */
  lastRecordId(): number {
    return this.s.lastRecord.get() ?? 0;
  }

  /** Whether the file with this sha256 was imported and applied before. */
  wasApplied(bundleSha256: string): boolean {
    return this.s.applied.get(bundleSha256) !== undefined;
  }

  keepPending(p: PendingRow): void {
    this.s.keepPending.run(p.bundleSha256, p.file, p.producer, p.keptAt, JSON.stringify(p.waitingFor));
  }

  pending(): PendingRow[] {
    return this.s.pending.all().map((r) => ({
      bundleSha256: r.bundle_sha256,
      file: r.file,
      producer: r.producer,
      keptAt: r.kept_at,
      waitingFor: JSON.parse(r.waiting_for) as string[],
    }));
  }

  dropPending(sha: string): void {
    this.s.dropPending.run(sha);
  }

  raiseAlarm(kind: string, unit: string, at: string, message: string, details: Record<string, unknown>): void {
    this.s.addAlarm.run(kind, unit, at, message, JSON.stringify(details));
  }

  alarms(): AlarmRow[] {
    return this.s.alarms.all().map((r) => ({
      id: r.id,
      kind: r.kind,
      unit: r.unit,
      raisedAt: r.raised_at,
      message: r.message,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
  }

  /** Records that `eventId` extends `parentId` of a form that another event already extended. */
  addConflict(formId: string, parentId: string, eventIds: string[], at: string): void {
    const before = this.s.conflictAt.get(formId, parentId);
    const ids = new Set<string>(before ? (JSON.parse(before) as string[]) : []);
    for (const id of eventIds) ids.add(id);
    this.s.addConflict.run(formId, parentId, JSON.stringify([...ids]), at);
  }

  conflicts(): ConflictRow[] {
    return this.s.conflicts.all().map((r) => ({
      id: r.id,
      formId: r.form_id,
      parentId: r.parent_id,
      eventIds: JSON.parse(r.event_ids) as string[],
      detectedAt: r.detected_at,
      resolvedBy: r.resolved_by,
    }));
  }

  markResolved(id: number, eventId: string): void {
    this.s.resolveConflict.run(eventId, id);
  }
}

function toPeer(r: RawPeer): PeerRow {
  return {
    unit: r.unit,
    name: r.name,
    kind: r.kind,
    publicKeyPem: r.public_key,
    fingerprint: r.fingerprint,
    addedAt: r.added_at,
    addedBy: r.added_by,
    revokedAt: r.revoked_at,
  };
}
