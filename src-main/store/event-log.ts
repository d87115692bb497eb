import { sign, type KeyObject } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { EventBody, SignedEvent } from '../shared/schemas/event';
import { canonicalEventBytes, sha256Hex } from './event-codec';

/** What a service asks to record; the log adds origin, seq, prev, parents, id and signature. */
export interface EventDraft {
  stream: string;
  type: string;
  author: string;
  role: string;
  time: string;
  payload: unknown;
  /** The stream's head event(s) this one extends; by default the stream's latest event. */
  parents?: string[];
}

/** This terminal's signing identity: its unit code and the unit's Ed25519 private key. */
export interface Signer {
  origin: string;
  privateKey: KeyObject;
}

export interface EventRow {
  pos: number;
  id: string;
  origin: string;
  seq: number;
  stream: string;
  type: string;
  time: string;
  body: Buffer;
  sig: Buffer;
}

/** A stored row back to the envelope of architecture.md (the body is parsed, the signature base64). */
export function rowToEvent(row: Pick<EventRow, 'id' | 'body' | 'sig'>): SignedEvent {
  const body = JSON.parse(row.body.toString('utf8')) as EventBody;
  return { ...body, id: row.id, sig: row.sig.toString('base64') };
}

/**
 * The append-only event log. Every write happens inside the caller's transaction, together
 * with the projections it feeds, so a crash leaves both or neither. Statements are prepared
 * once per connection.
 */
export class EventLog {
  private readonly insertStmt: Statement<[string, string, number, string, string, string, Buffer, Buffer]>;
  private readonly originHeadStmt: Statement<[string], { seq: number; id: string }>;
  private readonly streamHeadStmt: Statement<[string], { id: string }>;
  private readonly streamRowsStmt: Statement<[string], EventRow>;
  private readonly byIdStmt: Statement<[string], EventRow>;

  /** pos (log order) of the last event this connection appended or inserted. */
  lastPos = 0;

  constructor(readonly db: Database) {
    this.insertStmt = db.prepare('INSERT INTO event (id, origin, seq, stream, type, time, body, sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.originHeadStmt = db.prepare('SELECT seq, id FROM event WHERE origin = ? ORDER BY seq DESC LIMIT 1');
    this.streamHeadStmt = db.prepare('SELECT id FROM event WHERE stream = ? ORDER BY pos DESC LIMIT 1');
    this.streamRowsStmt = db.prepare('SELECT * FROM event WHERE stream = ? ORDER BY pos');
    this.byIdStmt = db.prepare('SELECT * FROM event WHERE id = ?');
  }

  /** Signs and appends one event of this terminal: the next seq of its origin, linked to the previous one. */
  append(draft: EventDraft, signer: Signer): SignedEvent {
    const head = this.originHeadStmt.get(signer.origin);
    const body: EventBody = {
      origin: signer.origin,
      seq: head ? head.seq + 1 : 1,
      prev: head ? head.id : null,
      time: draft.time,
      author: draft.author,
      role: draft.role,
      formId: draft.stream,
      parents: draft.parents ?? this.streamHeads(draft.stream),
      type: draft.type,
      payload: draft.payload,
    };
    const bytes = canonicalEventBytes(body);
    const id = sha256Hex(bytes);
    const sig = sign(null, bytes, signer.privateKey);
    this.lastPos = Number(this.insertStmt.run(id, body.origin, body.seq, body.formId, body.type, body.time, bytes, sig).lastInsertRowid);
    return { ...body, id, sig: sig.toString('base64') };
  }

  /**
   * Stores an event signed elsewhere (a peer's, from a bundle) exactly as it was signed. The
   * caller verifies it first; returns false when the event is already known (by id).
   */
  insertSigned(e: SignedEvent): boolean {
    if (this.byIdStmt.get(e.id)) return false;
    const info = this.insertStmt.run(e.id, e.origin, e.seq, e.formId, e.type, e.time, canonicalEventBytes(e), Buffer.from(e.sig, 'base64'));
    this.lastPos = Number(info.lastInsertRowid);
    return true;
  }

  /** The stream's latest event, as the parent list of the next one. */
  streamHeads(stream: string): string[] {
    const row = this.streamHeadStmt.get(stream);
    return row ? [row.id] : [];
  }

  streamEvents(stream: string): SignedEvent[] {
    return this.streamRowsStmt.all(stream).map(rowToEvent);
  }

  get(id: string): SignedEvent | undefined {
    const row = this.byIdStmt.get(id);
    return row ? rowToEvent(row) : undefined;
  }
}
