import type { Database } from 'better-sqlite3';
import type { ChangeFormState } from '../shared/schemas/change-form';
import type { EventBody } from '../shared/schemas/event';
import type { RoleCode } from '../shared/schemas/roles';
import { FORM_PROJECTION_TABLES, FormProjection, type FormEvent, type FormReducer } from './change-projection';
import { DIR_EVENTS, DIRECTORY_PROJECTION_TABLES, DirectoryStore, type UserPayload } from './directory';
import { isSupStream, SUPERVISION_PROJECTION_TABLES, SupervisionStore } from './supervision-store';

const PAGE = 5000;

interface Row {
  pos: number;
  id: string;
  stream: string;
  body: Buffer;
}

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
class NameHistory {
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
}

/**
 * A projection of other form streams than the change form's (the project forms of issue 8): the
 * rebuild hands each stream to the first projection that owns its first event's type, and
 * folds the change form's otherwise.
 */
export interface StreamProjection<S> {
  readonly tables: readonly string[];
  owns(type: string): boolean;
  fold(state: S | undefined, event: FormEvent): S;
  write(rowid: number, state: S): unknown;
}

export interface RebuildResult {
  events: number;
  forms: number;
  ms: number;
}

/**
 * Rebuilds every projection from the event log in one transaction (`changedesk rebuild`).
 * Directory events are replayed in log order; each form's events in log order, folded in
 * memory and written once. The result equals the one the appends built incrementally.
 */
export function rebuildProjections(db: Database, reducer: FormReducer, streams: ReadonlyArray<StreamProjection<unknown>> = []): RebuildResult {
  const started = performance.now();
  const dir = new DirectoryStore(db);
  const forms = new FormProjection(db, reducer);
  const names = new NameHistory();
  let events = 0;
  let formCount = 0;
  db.transaction(() => {
    // The full-text index is rebuilt in one pass at the end rather than row by row: its
    // triggers are set aside meanwhile (inside this transaction, so a failure restores them).
    const ftsTriggers = db.prepare<[], string>(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'form' AND name LIKE 'form_fts_%'`).pluck().all();
    for (const name of db.prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'form' AND name LIKE 'form_fts_%'`).pluck().all()) {
      db.exec(`DROP TRIGGER ${name}`);
    }
    db.exec(`INSERT INTO form_fts (form_fts) VALUES ('delete-all')`);
    db.exec(`DELETE FROM form_gram`);
    for (const t of [...FORM_PROJECTION_TABLES, ...DIRECTORY_PROJECTION_TABLES, ...SUPERVISION_PROJECTION_TABLES, ...streams.flatMap((p) => p.tables)]) db.exec(`DELETE FROM ${t}`);

    const dirRows = db.prepare<[], Row>(`SELECT pos, id, stream, body FROM event WHERE stream >= 'dir:' AND stream < 'dir;' ORDER BY pos`).all();
    for (const row of dirRows) {
      const body = JSON.parse(row.body.toString('utf8')) as EventBody;
      dir.apply(body.type, body.payload, body.origin);
      if (body.type === DIR_EVENTS.user) names.add(row.pos, body.payload as UserPayload);
      events++;
    }

    // Weekly reviews and inspections (sup:<unit>), in log order: a follow-up may be closed on
    // another terminal than the one that recorded its inspection.
    const sup = new SupervisionStore(db);
    for (const row of db.prepare<[], Row>(`SELECT pos, id, stream, body FROM event WHERE stream >= 'sup:' AND stream < 'sup;' ORDER BY pos`).all()) {
      const body = JSON.parse(row.body.toString('utf8')) as EventBody;
      sup.apply({ id: row.id, type: body.type, payload: body.payload, author: body.author, authorName: names.at(body.author, row.pos), role: body.role, time: body.time });
      events++;
    }

    const page = db.prepare<[string, number], Row>(
      `SELECT pos, id, stream, body FROM event WHERE (stream, pos) > (?, ?) ORDER BY stream, pos LIMIT ${PAGE}`,
    );
    // The change form's earlier events, for the reducer to refold a form whose branches meet (issue 5).
    let earlier: { stream: string; events: FormEvent[] } = { stream: '', events: [] };
    const changeForms: StreamProjection<unknown> = {
      tables: FORM_PROJECTION_TABLES,
      owns: () => true,
      fold: (state, e) => {
        if (earlier.stream !== e.formId) earlier = { stream: e.formId, events: [] };
        const next = reducer.apply(state as ChangeFormState | undefined, e, () => earlier.events);
        earlier.events.push(e);
        return next;
      },
      // A rebuild writes each form once into emptied tables (main's `fresh` flag).
      write: (rowid, state) => forms.write(rowid, state as ChangeFormState, true),
    };
    let current: { stream: string; rowid: number; state: unknown; projection: StreamProjection<unknown> } | undefined;
    const flush = (): void => {
      if (current?.state) {
        current.projection.write(current.rowid, current.state);
        formCount++;
      }
    };
    let after: [string, number] = ['', 0];
    for (;;) {
      const rows = page.all(after[0], after[1]);
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.stream.startsWith('dir:') || isSupStream(row.stream)) continue;
        const body = JSON.parse(row.body.toString('utf8')) as EventBody;
        if (current?.stream !== row.stream) {
          flush();
          const projection = streams.find((p) => p.owns(body.type)) ?? changeForms;
          current = { stream: row.stream, rowid: row.pos, state: undefined, projection };
        }
        current.state = current.projection.fold(current.state, toFormEvent(row.id, body, names.at(body.author, row.pos)));
        events++;
      }
      const last = rows[rows.length - 1]!;
      after = [last.stream, last.pos];
    }
    flush();
    db.exec(`INSERT INTO form_fts (form_fts) VALUES ('rebuild')`);
    for (const sql of ftsTriggers) db.exec(sql);
  }).immediate();
  return { events, forms: formCount, ms: performance.now() - started };
}
