import type { Database, Statement } from 'better-sqlite3';

/** Forms re-indexed together: large enough that a flush costs little per form, small enough to stay a few ms. */
export const TEXT_INDEX_BATCH = 64;

function isCjk(code: number): boolean {
  return (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

/**
 * Each Chinese character and each pair of neighbours, once, space-separated: the short-term
 * index's tokens, in order of first appearance. (The ranges are all in the BMP: one code unit
 * per character.)
 */
export function cjkGrams(text: string): string {
  const grams = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    if (!isCjk(text.charCodeAt(i))) continue;
    grams.add(text[i]!);
    if (i + 1 < text.length && isCjk(text.charCodeAt(i + 1))) grams.add(text.slice(i, i + 2));
  }
  return [...grams].join(' ');
}

/** FTS5's default in-memory buffer of new index entries (its 'hashsize' option), in bytes. */
const FTS_DEFAULT_HASH_SIZE = 1048576;
const BULK_HASH_SIZE = 64 * 1048576;

/**
 * A larger buffer for both text indexes while a rebuild or a bulk import fills them: FTS5
 * writes a segment to the database each time the buffer fills, and merges segments later; 64 MB
 * instead of 1 MB saves a fifth of the indexing. `restore` sets each back (in the same transaction).
 */
export function bigTextBuffers(db: Database): { restore(): void } {
  const tables = ['form_fts', 'form_gram'];
  const before = tables.map((t) => (db.prepare(`SELECT v FROM ${t}_config WHERE k = 'hashsize'`).pluck().get() as number | undefined) ?? FTS_DEFAULT_HASH_SIZE);
  // A literal: FTS5 refuses a bound value here ("SQL logic error").
  const set = (t: string, size: number): void => void db.exec(`INSERT INTO ${t} (${t}, rank) VALUES ('hashsize', ${Math.trunc(size)})`);
  for (const t of tables) set(t, BULK_HASH_SIZE);
  return { restore: () => tables.forEach((t, i) => set(t, before[i]!)) };
}

/** Connections inside flushesDeferred: their queue is emptied once, at the end. */
const deferring = new WeakSet<Database>();

/**
 * Runs `write` (inside the caller's transaction) with the text queue emptied once at its end
 * instead of every TEXT_INDEX_BATCH forms: a bulk write (an import of thousands of forms) then
 * indexes them all in rowid order in one pass, as FTS5 takes them fastest.
 */
export function flushesDeferred<T>(db: Database, write: () => T): T {
  if (deferring.has(db)) return write();
  deferring.add(db);
  let result: T;
  try {
    result = write();
  } finally {
    deferring.delete(db);
  }
  const buffers = bigTextBuffers(db);
  new TextIndex(db).flush();
  buffers.restore();
  return result;
}

/**
 * The two text indexes of the change forms — form_fts (trigram, over form.search_text) and
 * form_gram (one- and two-character terms) — kept up to date through the queue of migration
 * 0009: a write notes which form's text changed, in its own transaction; the queue is emptied
 * into both indexes in one go when it holds a batch, and before a search reads them (sync).
 */
export class TextIndex {
  private readonly s: {
    note: Statement<[number, string | null]>;
    count: Statement<[], number>;
    pending: Statement<[], { rowid: number; indexed: string | null; search_text: string | null }>;
    clear: Statement<[]>;
    ftsDelete: Statement<[number, string]>;
    ftsInsert: Statement<[number, string]>;
    gramDelete: Statement<[number]>;
    gramInsert: Statement<[number, string]>;
  };

  constructor(readonly db: Database) {
    this.s = {
      note: db.prepare('INSERT INTO form_text_pending (rowid, indexed) VALUES (?, ?) ON CONFLICT (rowid) DO NOTHING'),
      count: db.prepare<[], number>('SELECT count(*) FROM form_text_pending').pluck(),
      pending: db.prepare('SELECT p.rowid, p.indexed, f.search_text FROM form_text_pending p LEFT JOIN form f ON f.rowid = p.rowid ORDER BY p.rowid'),
      clear: db.prepare('DELETE FROM form_text_pending'),
      ftsDelete: db.prepare(`INSERT INTO form_fts (form_fts, rowid, search_text) VALUES ('delete', ?, ?)`),
      ftsInsert: db.prepare('INSERT INTO form_fts (rowid, search_text) VALUES (?, ?)'),
      gramDelete: db.prepare('DELETE FROM form_gram WHERE rowid = ?'),
      gramInsert: db.prepare('INSERT INTO form_gram (rowid, grams) VALUES (?, ?)'),
    };
  }

  /**
   * A form's indexed text changed from `before` (undefined: a new form), inside the writer's
   * transaction. The first note of a form keeps the text the indexes hold until the next flush.
   */
  changed(rowid: number, before: string | undefined): void {
    this.s.note.run(rowid, before ?? null);
    if (!deferring.has(this.db) && this.s.count.get()! >= TEXT_INDEX_BATCH) this.flush();
  }

  /** Empties the queue into the indexes (inside the caller's transaction). */
  flush(): void {
    for (const p of this.s.pending.all()) {
      if (p.indexed !== null) {
        this.s.ftsDelete.run(p.rowid, p.indexed);
        this.s.gramDelete.run(p.rowid);
      }
      if (p.search_text !== null) {
        this.s.ftsInsert.run(p.rowid, p.search_text);
        this.s.gramInsert.run(p.rowid, cjkGrams(p.search_text));
      }
    }
    this.s.clear.run();
  }

  /** Before a search: the queue emptied in a transaction of its own, when it holds anything. */
  sync(): void {
    if (this.s.count.get()! > 0) this.db.transaction(() => this.flush()).immediate();
  }

  /** A rebuild fills both indexes itself (insertFresh): nothing is left to queue. */
  forget(): void {
    this.s.clear.run();
  }

  /**
   * Forms a rebuild wrote into emptied indexes, [rowid, indexed text] each, inserted in rowid
   * order: FTS5 writes a new segment whenever a rowid is lower than the one before, so a batch
   * in ascending order costs one segment instead of many.
   */
  insertFresh(forms: Array<[number, string]>): void {
    forms.sort((a, b) => a[0] - b[0]);
    for (const [rowid, text] of forms) {
      this.s.ftsInsert.run(rowid, text);
      this.s.gramInsert.run(rowid, cjkGrams(text));
    }
  }
}
