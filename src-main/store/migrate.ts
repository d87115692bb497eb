import type { Database } from 'better-sqlite3';
import { AppError } from '../shared/errors';

export interface Migration {
  /** 1, 2, 3 … — the PRAGMA user_version after this migration has run. */
  version: number;
  name: string;
  up(db: Database): void;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the newest version: every pending migration in one transaction,
 * so a crash leaves either the old schema or the new one, never half of it. A database
 * written by a newer program is refused rather than misread.
 */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new AppError(
      'DB_TOO_NEW',
      `数据库版本（${from}）高于本程序支持的版本（${latest}），可能由更新版本的 ChangeDesk 写入。请升级本程序后再打开，数据未作任何改动。`,
    );
  }
  if (from === latest) return { from, to: latest };
  db.transaction(() => {
    for (const m of migrations.slice(from)) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return { from, to: latest };
}
