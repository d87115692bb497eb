import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../shared/errors';
import type { BackupEntry, BackupKind } from '../shared/schemas/backup';
import { DATABASE_FILE } from './database';
import { migrate, schemaVersion } from './migrate';
import { migrations as allMigrations } from './migrations';
import { openConnection } from './native-binding';

/** `<data>/backups/`: automatic, manual and before-restore copies of the database. */
export const BACKUP_DIR = 'backups';
/** How many automatic backups are kept (issue #7); manual and before-restore ones are never pruned. */
export const KEEP_AUTOMATIC_BACKUPS = 14;

const SQLITE_MAGIC = 'SQLite format 3\0';
const NAME_PATTERN = /^changedesk-(\d{8})-(\d{6})(?:-(\d+))?-(auto|manual|before-restore|before-upgrade)\.db$/;

export function backupDir(dataDir: string): string {
  return join(dataDir, BACKUP_DIR);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `changedesk-20261128-081530-auto.db`, in local time so that people recognise it. */
export function backupFileName(kind: BackupKind, now: Date, serial = 0): string {
  const day = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `changedesk-${day}-${time}${serial ? `-${serial}` : ''}-${kind}.db`;
}

/**
 * Copies the open database to `file` with SQLite's online backup API (a consistent snapshot
 * while the program keeps running). The copy is written under a temporary name and renamed
 * only when complete, so a crash never leaves half a backup that looks whole; it is switched
 * to a rollback journal so that it is one self-contained file.
 */
export async function writeBackup(db: Database, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  rmSync(tmp, { force: true });
  try {
    await db.backup(tmp);
    const copy = openConnection(tmp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new AppError('BACKUP_FAILED', `备份文件校验未通过（${String(check)}）。`);
    } finally {
      copy.close();
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('BACKUP_FAILED', `备份失败：${(e as Error).message}`);
  }
}

function entryOf(dir: string, name: string): BackupEntry | undefined {
  const m = NAME_PATTERN.exec(name);
  if (!m) return undefined;
  const [, day = '', time = ''] = m;
  const num = (text: string, from: number, to: number): number => Number(text.slice(from, to));
  // The time in the name is the program's clock when it was made (local time).
  const made = new Date(num(day, 0, 4), num(day, 4, 6) - 1, num(day, 6, 8), num(time, 0, 2), num(time, 2, 4), num(time, 4, 6));
  return { name, kind: m[4] as BackupKind, createdAt: made.toISOString(), sizeBytes: statSync(join(dir, name)).size };
}

/** Orders by the time in the name, then by the serial added for a second name in one second. */
function ageKey(name: string): string {
  const m = NAME_PATTERN.exec(name);
  return m ? `${m[1]}${m[2]}${(m[3] ?? '0').padStart(6, '0')}` : '';
}

/** Every backup in `<data>/backups/`, newest first. */
export function listBackups(dataDir: string): BackupEntry[] {
  const dir = backupDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((n) => entryOf(dir, n))
    .filter((e): e is BackupEntry => e !== undefined)
    .sort((a, b) => ageKey(b.name).localeCompare(ageKey(a.name)));
}

/** A backup into `<data>/backups/` under a fresh name. */
export async function createBackup(db: Database, dataDir: string, kind: BackupKind, now: Date): Promise<BackupEntry> {
  const dir = backupDir(dataDir);
  let serial = 0;
  while (existsSync(join(dir, backupFileName(kind, now, serial)))) serial++;
  const name = backupFileName(kind, now, serial);
  await writeBackup(db, join(dir, name));
  const entry = entryOf(dir, name);
  if (!entry) throw new Error(`backup name ${name} does not match its own pattern`);
  return entry;
}

/**
 * Before a newer program migrates the database: a copy of it as the older program left it, so
 * that a migration gone wrong loses nothing. Nothing happens for a new or an up-to-date database.
 */
export async function backupBeforeUpgrade(dataDir: string, now: Date, latest = allMigrations.length): Promise<BackupEntry | undefined> {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return undefined;
  const conn = openConnection(file, { fileMustExist: true });
  try {
    const version = schemaVersion(conn);
    if (version === 0 || version >= latest) return undefined;
    return await createBackup(conn, dataDir, 'before-upgrade', now);
  } finally {
    conn.close();
  }
}

/** Removes all but the newest `keep` automatic backups; returns the names removed. */
export function pruneAutomaticBackups(dataDir: string, keep = KEEP_AUTOMATIC_BACKUPS): string[] {
  const autos = listBackups(dataDir).filter((b) => b.kind === 'auto');
  const removed = autos.slice(keep).map((b) => b.name);
  for (const name of removed) rmSync(join(backupDir(dataDir), name), { force: true });
  return removed;
}

/** Start-of-day / start-of-program backup: one automatic backup, then pruning. */
export async function automaticBackup(db: Database, dataDir: string, now: Date): Promise<BackupEntry> {
  const entry = await createBackup(db, dataDir, 'auto', now);
  pruneAutomaticBackups(dataDir);
  return entry;
}

function refuse(file: string, why: string): AppError {
  return new AppError('NOT_A_CHANGEDESK_DATABASE', `文件 ${basename(file)} 不是 ChangeDesk 数据库（${why}），已拒绝恢复，现有数据未作任何改动。`);
}

/**
 * Checks that `file` is a sound ChangeDesk database this program can read, without writing
 * to it: SQLite's header, an integrity check, a schema version we know, our own tables.
 */
export function inspectDatabaseFile(file: string, latest = allMigrations.length): { schemaVersion: number } {
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('BACKUP_NOT_FOUND', `找不到备份文件 ${file}。`);
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_MAGIC) throw refuse(file, '不是 SQLite 数据库文件');
  let conn: Database;
  try {
    conn = openConnection(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw refuse(file, `无法打开：${(e as Error).message}`);
  }
  try {
    const check = conn.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw refuse(file, `完整性检查未通过：${String(check)}`);
    const version = schemaVersion(conn);
    if (version < 1) throw refuse(file, '没有 ChangeDesk 的数据结构');
    if (version > latest) {
      throw new AppError('DB_TOO_NEW', `备份 ${basename(file)} 的数据库版本（${version}）高于本程序支持的版本（${latest}），请升级本程序后再恢复。`);
    }
    const hasSettings = conn.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'setting'`).get();
    if (!hasSettings) throw refuse(file, '缺少 ChangeDesk 的数据表');
    return { schemaVersion: version };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse(file, (e as Error).message);
  } finally {
    conn.close();
  }
}

export interface RestoreResult {
  /** The backup of the database as it was just before the restore. */
  before: BackupEntry;
  /** Schema version after restoring (older backups are migrated forward). */
  schemaVersion: number;
}

/**
 * Replaces the content of the open database with `source`: the file is checked first, then the
 * current database is backed up (kind `before-restore`), then SQLite's backup API copies the
 * source into the live file in one write transaction, so the open connection — and every
 * statement prepared on it — simply sees the restored data. Older backups are migrated forward.
 */
export async function restoreDatabase(db: Database, dataDir: string, source: string, now: Date): Promise<RestoreResult> {
  inspectDatabaseFile(source);
  const before = await createBackup(db, dataDir, 'before-restore', now);
  const src = openConnection(source, { readonly: true, fileMustExist: true });
  try {
    // All remaining pages in one step after the first: the live file is locked for as short a time as possible.
    await src.backup(join(dataDir, DATABASE_FILE), { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } catch (e) {
    throw new AppError('RESTORE_FAILED', `恢复失败：${(e as Error).message}。恢复前的数据已备份为 ${before.name}。`);
  } finally {
    src.close();
  }
  migrate(db, allMigrations);
  return { before, schemaVersion: schemaVersion(db) };
}
