import type { Database } from 'better-sqlite3';
import type { EventBody } from '../shared/schemas/event';
import type { RoleCode } from '../shared/schemas/roles';
import type { FormEvent } from './change-projection';
import { DIR_EVENTS, type UserPayload } from './directory';
import { isSupStream } from './supervision-store';

// The rebuild's reading half (issue 3): the event log folded into each form's projection rows.
// It needs nothing but a connection that reads the log, so it can run on a thread of its own
// (services/rebuild-thread.ts) while the rebuild's writing half fills the tables.

const PAGE = 5000;

/** A stored event as the reducer takes it, with the author's name as the directory knew it then. */
export function toFormEvent(id: string, body: EventBody, authorName: string): FormEvent {
  return {
    id,
    type: body.type,
    payload: body.payload,
    author: body.author,
    authorName,
    role: body.role as RoleCode,
    time: body.time,
    formId: body.formId,
    parents: body.parents,
  };
}

/** Users' names through the log's history, so that a rebuild names each author as the append did. */
export class NameHistory {
  private readonly byUser = new Map<string, Array<{ pos: number; name: string }>>();

  add(pos: number, user: UserPayload): void {
    const list = this.byUser.get(user.id) ?? [];
    list.push({ pos, name: user.name });
    this.byUser.set(user.id, list);
  }

  at(userId: string, pos: number): string {
    const list = this.byUser.get(userId);
    if (!list) return userId;
    let name = userId;
    for (const entry of list) {
      if (entry.pos > pos) break;
      name = entry.name;
    }
    return name;
  }

  /** Every user's names from the log's directory events. */
  static read(db: Database): NameHistory {
    const names = new NameHistory();
    const rows = db
      .prepare<[string], { pos: number; body: string }>(`SELECT pos, CAST(body AS TEXT) AS body FROM event WHERE stream >= 'dir:' AND stream < 'dir;' AND type = ? ORDER BY pos`)
      .all(DIR_EVENTS.user);
    for (const row of rows) names.add(row.pos, (JSON.parse(row.body) as EventBody).payload as UserPayload);
    return names;
  }
}

/**
 * One kind of form stream (change forms; the project forms of issue 8): the first folder that
 * owns a stream's first event type folds the stream, and turns the final state into rows.
 */
export interface StreamFolder {
  readonly kind: string;
  owns(type: string): boolean;
  /** `earlier`: the stream's earlier events, for a form whose branches meet (a conflict, issue 5). */
  fold(state: unknown, event: FormEvent, earlier: () => FormEvent[]): unknown;
  rows(rowid: number, state: unknown): unknown;
}

/** One form's rows, ready for the writer of its kind. */
export interface FoldedForm {
  kind: string;
  rows: unknown;
}

export interface FoldCount {
  events: number;
  forms: number;
}

/** How far a fold has read: the log position reached, and the last one. */
export type FoldProgress = (pos: number, lastPos: number) => void;

/**
 * Folds every form stream of the log (not the directory's, not supervision's) and hands each
 * form's rows to `emit` when its last event has been folded.
 *
 * The log is read once, in its own order (a sequential scan, not a walk of the stream index
 * through a multi-gigabyte table); each form is emitted when its last event has been folded, so
 * only the forms whose streams are still open at that point of the log are held in memory.
 */
export function foldFormStreams(db: Database, folders: readonly StreamFolder[], emit: (form: FoldedForm) => void, progress?: FoldProgress): FoldCount {
  const names = NameHistory.read(db);
  let events = 0;
  let forms = 0;
  // Where each form stream ends (from the stream index alone): its state is complete there.
  const lastPos = new Map<string, number>();
  for (const r of db.prepare<[], { stream: string; last: number }>('SELECT stream, max(pos) AS last FROM event GROUP BY stream').all()) {
    if (!r.stream.startsWith('dir:') && !isSupStream(r.stream)) lastPos.set(r.stream, r.last);
  }
  // The body as text: SQLite hands the bytes over as a string, without a Buffer per event.
  const page = db.prepare<[number], { pos: number; id: string; stream: string; body: string }>(
    `SELECT pos, id, stream, CAST(body AS TEXT) AS body FROM event WHERE pos > ? ORDER BY pos LIMIT ${PAGE}`,
  );
  // A form whose branches meet is refolded from its earlier events: rare, so they are read
  // from the log only when the reducer asks for them.
  const earlierRows = db.prepare<[string, number], { pos: number; id: string; body: string }>(
    'SELECT pos, id, CAST(body AS TEXT) AS body FROM event WHERE stream = ? AND pos < ? ORDER BY pos',
  );
  let folding = { stream: '', pos: 0 };
  const earlier = (): FormEvent[] =>
    earlierRows.all(folding.stream, folding.pos).map((r) => {
      const b = JSON.parse(r.body) as EventBody;
      return toFormEvent(r.id, b, names.at(b.author, r.pos));
    });
  const open = new Map<string, { rowid: number; state: unknown; folder: StreamFolder }>();
  const fallback = folders[folders.length - 1]!;
  const end = (db.prepare('SELECT max(pos) FROM event').pluck().get() as number | null) ?? 0;
  for (let after = 0; ; ) {
    const rows = page.all(after);
    if (rows.length === 0) break;
    for (const row of rows) {
      const last = lastPos.get(row.stream);
      if (last === undefined) continue;
      let current = open.get(row.stream);
      try {
        const body = JSON.parse(row.body) as EventBody;
        if (!current) {
          // rowid = pos of the stream's first event, as the appends numbered it.
          current = { rowid: row.pos, state: undefined, folder: folders.find((f) => f.owns(body.type)) ?? fallback };
          open.set(row.stream, current);
        }
        folding = row;
        current.state = current.folder.fold(current.state, toFormEvent(row.id, body, names.at(body.author, row.pos)), earlier);
      } catch (e) {
        throw new Error(`事件日志第 ${row.pos} 条（${row.id.slice(0, 12)}…）无法重放：${e instanceof Error ? e.message : String(e)}。请先运行 changedesk audit verify 检查事件日志`);
      }
      events++;
      if (row.pos === last) {
        emit({ kind: current.folder.kind, rows: current.folder.rows(current.rowid, current.state) });
        open.delete(row.stream);
        forms++;
      }
    }
    after = rows[rows.length - 1]!.pos;
    progress?.(after, end);
  }
  return { events, forms };
}
