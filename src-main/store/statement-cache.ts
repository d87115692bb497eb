import type { Database, Statement } from 'better-sqlite3';

/** Statements built from a query's filters, each distinct SQL prepared once and kept. */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
