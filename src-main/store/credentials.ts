import type { Database, Statement } from 'better-sqlite3';

// Password hashes and lock-out state: local to this terminal, never in an event or a bundle.

export interface CredentialRow {
  user_id: string;
  hash: string;
  failed_count: number;
  locked_until: string | null;
  changed_at: string;
}

export class CredentialStore {
  private readonly getStmt: Statement<[string], CredentialRow>;
  private readonly setHashStmt: Statement<[string, string, string]>;
  private readonly failStmt: Statement<[number, string | null, string]>;

  constructor(db: Database) {
    this.getStmt = db.prepare('SELECT * FROM credential WHERE user_id = ?');
    this.setHashStmt = db.prepare(
      `INSERT INTO credential (user_id, hash, failed_count, locked_until, changed_at) VALUES (?, ?, 0, NULL, ?)
       ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, failed_count = 0, locked_until = NULL, changed_at = excluded.changed_at`,
    );
    this.failStmt = db.prepare('UPDATE credential SET failed_count = ?, locked_until = ? WHERE user_id = ?');
  }

  get(userId: string): CredentialRow | undefined {
    return this.getStmt.get(userId);
  }

  setHash(userId: string, hash: string, now: string): void {
    this.setHashStmt.run(userId, hash, now);
  }

  setFailures(userId: string, count: number, lockedUntil: string | null): void {
    this.failStmt.run(count, lockedUntil, userId);
  }
}
