import type { Database } from 'better-sqlite3';
import type { EventBody } from '../shared/schemas/event';
import { FORM_PROJECTION_TABLES, type FormProjection, type FormRows } from './change-projection';
import { DIRECTORY_PROJECTION_TABLES, DirectoryStore } from './directory';
import { bigTextBuffers } from './text-index';
import { NameHistory, type FoldCount, type FoldedForm, type FoldProgress } from './log-fold';
import { SUPERVISION_PROJECTION_TABLES, SupervisionStore } from './supervision-store';

/**
 * Where a rebuild's folded forms come from: foldFormStreams (log-fold.ts) run here, or on a
 * thread of its own that reads the log through a second connection (services/rebuild-thread.ts).
 * Started as the rebuild begins, so that a folding thread works while the old rows are cleared;
 * `drain` calls `emit` for every form, synchronously, before it returns; `stop` ends it either way.
 */
export type FoldedForms = () => {
  drain(emit: (form: FoldedForm) => void, progress?: FoldProgress): FoldCount & { thread: boolean };
  stop(): void;
};

/** Writes the rows of one kind of form other than the change form (the project forms of issue 8). */
export interface StreamWriter {
  readonly kind: string;
  readonly tables: readonly string[];
  writeRows(rows: unknown): void;
}

/** Forms whose texts are indexed together (TextIndex.insertFresh). */
const TEXT_BATCH = 5000;

/** The folder kind of the change forms (the rows are FormRows). */
export const CHANGE_FORM_KIND = 'change';

export interface RebuildResult {
  events: number;
  forms: number;
  ms: number;
  /** Whether the forms were folded on a second thread. */
  thread: boolean;
}

/**
 * Rebuilds every projection from the event log in one transaction (`changedesk rebuild`).
 * Directory and supervision events are replayed here in log order; the forms come folded from
 * `folded` (log-fold.ts), each written once. The result equals the one the appends built
 * incrementally.
 *
 * Speed (issue 3: 100,000 forms, 2.7 million events in under a minute): the folding, which is
 * JavaScript (parsing each body, the reducer, each state's canonical JSON), can run on a second
 * core while this thread writes. This thread then has time to spare while it waits for forms:
 * the secondary indexes are kept up to date as rows go in (building them at the end would add
 * their whole cost after the folding, measured 4 s more at 100,000 forms), and the text indexes
 * are filled as forms arrive. Signatures are not re-checked here: that is `audit verify`'s work.
 *
 * Crash story: all of it is one transaction on the usual durable connection (synchronous=FULL),
 * so a crash or a kill mid-rebuild leaves the old projections exactly as they were, and the
 * rebuild can simply be run again. A folding thread only reads, and sees the log as committed.
 */
export function rebuildProjections(
  db: Database,
  forms: FormProjection,
  folded: FoldedForms,
  others: readonly StreamWriter[] = [],
  progress?: FoldProgress,
): RebuildResult {
  const started = performance.now();
  const dir = new DirectoryStore(db);
  let count: FoldCount & { thread: boolean } = { events: 0, forms: 0, thread: false };
  let logEvents = 0;
  // A large page cache for the duration (256 MB, then the connection's own again): the rebuild
  // writes every projection row and its index entries, on a database of several gigabytes at
  // 100,000 forms, where the default 2 MB would send most reads to the file.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  try {
    rebuildInTransaction();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
  return { events: logEvents + count.events, forms: count.forms, ms: performance.now() - started, thread: count.thread };

  function rebuildInTransaction(): void {
    const fold = folded();
    try {
      db.transaction(() => replayLog(fold)).immediate();
    } finally {
      fold.stop();
    }
  }

  function replayLog(fold: ReturnType<FoldedForms>): void {
    // Both text indexes are emptied and filled again as the forms arrive (below). (Databases
    // before migration 0009 re-indexed through triggers: any left are set aside meanwhile,
    // inside this transaction, so a failure restores them.)
    const ftsTriggers = db.prepare<[], string>(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'form' AND name LIKE 'form_fts_%'`).pluck().all();
    for (const name of db.prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'form' AND name LIKE 'form_fts_%'`).pluck().all()) {
      db.exec(`DROP TRIGGER ${name}`);
    }
    db.exec(`INSERT INTO form_fts (form_fts) VALUES ('delete-all')`);
    db.exec(`DELETE FROM form_gram`);
    forms.text.forget();
    const formTables = [...FORM_PROJECTION_TABLES, ...others.flatMap((w) => w.tables)];
    for (const t of [...formTables, ...DIRECTORY_PROJECTION_TABLES, ...SUPERVISION_PROJECTION_TABLES]) db.exec(`DELETE FROM ${t}`);

    const dirRows = db.prepare<[], { body: string }>(`SELECT CAST(body AS TEXT) AS body FROM event WHERE stream >= 'dir:' AND stream < 'dir;' ORDER BY pos`).all();
    for (const row of dirRows) {
      const body = JSON.parse(row.body) as EventBody;
      dir.apply(body.type, body.payload, body.origin);
      logEvents++;
    }

    // Weekly reviews and inspections (sup:<unit>), in log order: a follow-up may be closed on
    // another terminal than the one that recorded its inspection.
    const sup = new SupervisionStore(db);
    const names = NameHistory.read(db);
    for (const row of db.prepare<[], { pos: number; id: string; body: string }>(`SELECT pos, id, CAST(body AS TEXT) AS body FROM event WHERE stream >= 'sup:' AND stream < 'sup;' ORDER BY pos`).all()) {
      const body = JSON.parse(row.body) as EventBody;
      sup.apply({ id: row.id, type: body.type, payload: body.payload, author: body.author, authorName: names.at(body.author, row.pos), role: body.role, time: body.time });
      logEvents++;
    }

    // Each form written once into emptied tables, and its text indexed as it comes, a batch in
    // rowid order at a time (reading the texts back at the end would read every form's row,
    // state and all, a second time: gigabytes at 100,000 forms).
    const text: Array<[number, string]> = [];
    const buffers = bigTextBuffers(db);
    const writeForm = (rows: FormRows): void => {
      forms.writeRows(rows, true);
      text.push([rows.rowid, rows.searchText]);
      if (text.length >= TEXT_BATCH) forms.text.insertFresh(text.splice(0));
    };
    const writers = new Map<string, (rows: unknown) => void>([[CHANGE_FORM_KIND, (rows) => writeForm(rows as FormRows)]]);
    for (const w of others) writers.set(w.kind, (rows) => w.writeRows(rows));
    count = fold.drain((f) => writers.get(f.kind)!(f.rows), progress);
    forms.text.insertFresh(text);
    buffers.restore();

    for (const sql of ftsTriggers) db.exec(sql);
  }
}
