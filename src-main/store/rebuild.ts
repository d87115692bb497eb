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

/** Projection tables' secondary indexes, as their CREATE statements: dropped during a rebuild and made again at its end. */
function secondaryIndexes(db: Database, tables: readonly string[]): Array<{ name: string; sql: string }> {
  const marks = tables.map(() => '?').join(',');
  return db
    .prepare<string[], { name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${marks})`)
    .all(...tables);
}

/**
 * Rebuilds every projection from the event log in one transaction (`changedesk rebuild`).
 * Directory events are replayed in log order; each form's events in log order, folded in
 * memory and written once. The result equals the one the appends built incrementally.
 *
 * Speed (issue 3: 1.7 million events in under a minute): the log is read once, in its own
 * order (a sequential scan, not a walk of the stream index through a multi-gigabyte table);
 * each form is written when its last event has been folded, so only the forms whose streams are
 * still open at that point of the log are held in memory. The projection tables' secondary
 * indexes, the full-text index and the short-term index are set aside and built in one pass
 * each at the end, which is far cheaper than maintaining them row by row. Signatures are not
 * re-checked here: that is `audit verify`'s work.
 *
 * Crash story: all of it is one transaction on the usual durable connection (synchronous=FULL),
 * so a crash or a kill mid-rebuild leaves the old projections exactly as they were, and the
 * rebuild can simply be run again.
 */
export function rebuildProjections(db: Database, reducer: FormReducer, streams: ReadonlyArray<StreamProjection<unknown>> = []): RebuildResult {
  const started = performance.now();
  const dir = new DirectoryStore(db);
  const forms = new FormProjection(db, reducer);
  const names = new NameHistory();
  let events = 0;
  let formCount = 0;
  // A large page cache for the duration (256 MB, then the connection's own again): the rebuild
  // writes every projection row and reads them back to build the indexes, on a database of
  // several gigabytes at 100,000 forms, where the default 2 MB would send most reads to the file.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  try {
    rebuildInTransaction();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
  return { events, forms: formCount, ms: performance.now() - started };

  function rebuildInTransaction(): void {
    db.transaction(() => {
      // The full-text index is rebuilt in one pass at the end rather than row by row. (Databases
      // before migration 0009 re-indexed through triggers: any left are set aside meanwhile,
      // inside this transaction, so a failure restores them.)
      const ftsTriggers = db.prepare<[], string>(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'form' AND name LIKE 'form_fts_%'`).pluck().all();
      for (const name of db.prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'form' AND name LIKE 'form_fts_%'`).pluck().all()) {
        db.exec(`DROP TRIGGER ${name}`);
      }
      db.exec(`INSERT INTO form_fts (form_fts) VALUES ('delete-all')`);
      db.exec(`DELETE FROM form_gram`);
      forms.text.forget();
      const tables = [...FORM_PROJECTION_TABLES, ...DIRECTORY_PROJECTION_TABLES, ...SUPERVISION_PROJECTION_TABLES, ...streams.flatMap((p) => p.tables)];
      for (const t of tables) db.exec(`DELETE FROM ${t}`);
      const indexes = secondaryIndexes(db, [...FORM_PROJECTION_TABLES, ...streams.flatMap((p) => p.tables)]);
      for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);

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

      // Where each form stream ends (from the stream index alone): its state is complete there.
      const lastPos = new Map<string, number>();
      for (const r of db.prepare<[], { stream: string; last: number }>('SELECT stream, max(pos) AS last FROM event GROUP BY stream').all()) {
        if (!r.stream.startsWith('dir:') && !isSupStream(r.stream)) lastPos.set(r.stream, r.last);
      }
      // The body as text: SQLite hands the bytes over as a string, without a Buffer per event.
      const page = db.prepare<[number], { pos: number; id: string; stream: string; body: string }>(
        `SELECT pos, id, stream, CAST(body AS TEXT) AS body FROM event WHERE pos > ? ORDER BY pos LIMIT ${PAGE}`,
      );
      // A form whose branches meet (a conflict, issue 5) is refolded from its earlier events: rare,
      // so they are read from the log only when the reducer asks for them.
      const earlierRows = db.prepare<[string, number], Row>('SELECT pos, id, stream, body FROM event WHERE stream = ? AND pos < ? ORDER BY pos');
      let foldingPos = 0;
      const changeForms: StreamProjection<unknown> = {
        tables: FORM_PROJECTION_TABLES,
        owns: () => true,
        fold: (state, e) =>
          reducer.apply(state as ChangeFormState | undefined, e, () =>
            earlierRows.all(e.formId, foldingPos).map((r) => {
              const body = JSON.parse(r.body.toString('utf8')) as EventBody;
              return toFormEvent(r.id, body, names.at(body.author, r.pos));
            }),
          ),
        // A rebuild writes each form once into emptied tables; the short-term index is filled at the end.
        write: (rowid, state) => forms.write(rowid, state as ChangeFormState, true),
      };
      const open = new Map<string, { rowid: number; state: unknown; projection: StreamProjection<unknown> }>();
      let after = 0;
      for (;;) {
        const rows = page.all(after);
        if (rows.length === 0) break;
        for (const row of rows) {
          const last = lastPos.get(row.stream);
          if (last === undefined) continue;
          const body = JSON.parse(row.body) as EventBody;
          let current = open.get(row.stream);
          if (!current) {
            // rowid = pos of the stream's first event, as the appends numbered it.
            current = { rowid: row.pos, state: undefined, projection: streams.find((p) => p.owns(body.type)) ?? changeForms };
            open.set(row.stream, current);
          }
          foldingPos = row.pos;
          current.state = current.projection.fold(current.state, toFormEvent(row.id, body, names.at(body.author, row.pos)));
          events++;
          if (row.pos === last) {
            current.projection.write(current.rowid, current.state);
            open.delete(row.stream);
            formCount++;
          }
        }
        after = rows[rows.length - 1]!.pos;
      }
      for (const ix of indexes) db.exec(ix.sql);
      forms.fillShortTermIndex();
      db.exec(`INSERT INTO form_fts (form_fts) VALUES ('rebuild')`);
      for (const sql of ftsTriggers) db.exec(sql);
    }).immediate();
  }
}
