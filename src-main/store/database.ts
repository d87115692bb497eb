import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../shared/errors';
import { migrate, type Migration } from './migrate';
import { migrations as allMigrations } from './migrations';
import { openConnection } from './native-binding';

export const DATABASE_FILE = 'changedesk.db';

export interface OpenOptions {
  /** Defaults to every migration the program has; tests pass their own lists. */
  migrations?: readonly Migration[];
  /** better-sqlite3's nativeBinding, for Electron's ABI; defaults to setNativeBinding's (see src-main/electron). */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) the database in the data folder, with the settings every
 * connection must have, and runs pending migrations. WAL for concurrent readers,
 * synchronous=FULL because a bank's records must survive a power cut.
 */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Database {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE);
  let db: Database;
  try {
    db = openConnection(file, {}, options.nativeBinding);
  } catch (e) {
    throw new AppError('DB_OPEN_FAILED', `无法打开数据库文件 ${file}：${(e as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // No integrity scan here: on a multi-gigabyte archive it would cost seconds at every start.
    // A file that is not a database fails on the first pragma; the automatic backup checks its copy.
    migrate(db, options.migrations ?? allMigrations);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    const msg = (e as Error).message;
    if (/not a database|malformed/i.test(msg)) {
      throw new AppError('DB_CORRUPT', `文件 ${file} 不是有效的 ChangeDesk 数据库或已损坏，请从备份恢复。`);
    }
    throw new AppError('DB_OPEN_FAILED', `无法打开数据库文件 ${file}：${msg}`);
  }
}
