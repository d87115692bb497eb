import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/shared/errors';
import {
  automaticBackup,
  backupDir,
  createBackup,
  inspectDatabaseFile,
  listBackups,
  openConnection,
  openDatabase,
  pruneAutomaticBackups,
  restoreDatabase,
  schemaVersion,
} from '../../src-main/store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

function setUnit(db: ReturnType<typeof openDatabase>, unit: string): void {
  db.prepare(`INSERT INTO setting (key, value) VALUES ('terminal.unit', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(unit);
}
const unitOf = (db: ReturnType<typeof openDatabase>): unknown => db.prepare(`SELECT value FROM setting WHERE key = 'terminal.unit'`).pluck().get();

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('backup and restore', () => {
  it('round trip: back up, change, restore, and the open connection sees the backed-up data', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    setUnit(db, '总行科技部');
    const backup = await createBackup(db, dir, 'manual', new Date(2026, 10, 28, 9, 30, 0));
    expect(backup.name).toBe('changedesk-20261128-093000-manual.db');
    expect(backup.createdAt).toBe(new Date(2026, 10, 28, 9, 30, 0).toISOString());
    // The backup is one self-contained file, not a WAL database needing side files.
    const copy = openConnection(join(backupDir(dir), backup.name), { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();

    setUnit(db, '改过的单位');
    db.exec(`CREATE TABLE scratch (x INTEGER)`);
    const read = db.prepare(`SELECT value FROM setting WHERE key = 'terminal.unit'`).pluck();
    expect(read.get()).toBe('改过的单位');

    const r = await restoreDatabase(db, dir, join(backupDir(dir), backup.name), new Date(2026, 10, 28, 10, 0, 0));
    expect(read.get()).toBe('总行科技部'); // a statement prepared before the restore
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'scratch'`).get()).toBeUndefined();
    expect(r.schemaVersion).toBe(schemaVersion(db));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');

    // The data as it was just before the restore was kept.
    expect(r.before.kind).toBe('before-restore');
    const before = openConnection(join(backupDir(dir), r.before.name), { readonly: true });
    expect(before.prepare(`SELECT value FROM setting WHERE key = 'terminal.unit'`).pluck().get()).toBe('改过的单位');
    before.close();
    db.close();

    const reopened = openDatabase(dir);
    expect(unitOf(reopened)).toBe('总行科技部');
    reopened.close();
  });

  it('refuses a file that is not a ChangeDesk database, in Chinese, and changes nothing', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    setUnit(db, '原单位');
    const text = join(dir, 'notes.db');
    writeFileSync(text, '这不是数据库'.repeat(200));
    const e1 = await refusal(restoreDatabase(db, dir, text, new Date()));
    expect(e1.code).toBe('NOT_A_CHANGEDESK_DATABASE');
    expect(e1.message).toContain('不是 ChangeDesk 数据库');
    expect(e1.message).toContain('已拒绝恢复');

    // A real SQLite database that is not ours is refused too.
    const other = join(dir, 'other.db');
    const foreign = openConnection(other);
    foreign.exec('CREATE TABLE customers (id INTEGER)');
    foreign.close();
    const e2 = await refusal(restoreDatabase(db, dir, other, new Date()));
    expect(e2.code).toBe('NOT_A_CHANGEDESK_DATABASE');

    // A truncated copy of a real backup is refused.
    const good = await createBackup(db, dir, 'manual', new Date());
    const truncated = join(dir, 'truncated.db');
    const { readFileSync } = await import('node:fs');
    writeFileSync(truncated, readFileSync(join(backupDir(dir), good.name)).subarray(0, 100));
    expect(() => inspectDatabaseFile(truncated)).toThrow(AppError);

    expect(unitOf(db)).toBe('原单位');
    // Nothing was backed up "before restore", because nothing was restored.
    expect(listBackups(dir).filter((b) => b.kind === 'before-restore')).toEqual([]);
    db.close();
  });

  it('refuses a backup written by a newer program', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const file = join(dir, 'newer.db');
    await db.backup(file);
    const newer = openConnection(file);
    newer.pragma('user_version = 999');
    newer.close();
    const e = await refusal(restoreDatabase(db, dir, file, new Date()));
    expect(e.code).toBe('DB_TOO_NEW');
    db.close();
  });

  it('keeps the last 14 automatic backups and every manual one', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    await createBackup(db, dir, 'manual', new Date(2026, 0, 1, 8, 0, 0));
    for (let day = 1; day <= 16; day++) await automaticBackup(db, dir, new Date(2026, 10, day, 8, 0, 0));
    const autos = listBackups(dir).filter((b) => b.kind === 'auto');
    expect(autos).toHaveLength(14);
    expect(autos[0]?.name).toBe('changedesk-20261116-080000-auto.db');
    expect(autos[13]?.name).toBe('changedesk-20261103-080000-auto.db');
    expect(listBackups(dir).filter((b) => b.kind === 'manual')).toHaveLength(1);
    expect(pruneAutomaticBackups(dir)).toEqual([]);
    expect(readdirSync(backupDir(dir)).some((n) => n.endsWith('.partial'))).toBe(false);
    db.close();
  });

  it('gives two backups in the same second different names, newest first', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const t = new Date(2026, 10, 28, 12, 0, 0);
    const a = await createBackup(db, dir, 'manual', t);
    const b = await createBackup(db, dir, 'manual', t);
    expect(b.name).toBe('changedesk-20261128-120000-1-manual.db');
    expect(listBackups(dir).map((x) => x.name)).toEqual([b.name, a.name]);
    expect(existsSync(join(backupDir(dir), a.name))).toBe(true);
    db.close();
  });
});

describe('backup before an upgrade', () => {
  it('copies a database of an older schema before it is migrated, and nothing otherwise', async () => {
    const { backupBeforeUpgrade, migrations } = await import('../../src-main/store');
    const current = migrations.length;
    const dir = tempDir();
    expect(await backupBeforeUpgrade(dir, new Date(), current + 1)).toBeUndefined(); // no database yet
    const db = openDatabase(dir); // the newest version of today's migrations
    setUnit(db, '旧版本的单位');
    db.close();
    expect(await backupBeforeUpgrade(dir, new Date(), current)).toBeUndefined(); // up to date
    const entry = await backupBeforeUpgrade(dir, new Date(2026, 10, 28, 7, 0, 0), current + 1); // a program with one more migration
    expect(entry?.name).toBe('changedesk-20261128-070000-before-upgrade.db');
    const copy = openConnection(join(backupDir(dir), entry!.name), { readonly: true });
    expect(copy.prepare(`SELECT value FROM setting WHERE key = 'terminal.unit'`).pluck().get()).toBe('旧版本的单位');
    expect(schemaVersion(copy)).toBe(current);
    copy.close();
    expect(pruneAutomaticBackups(dir, 0)).toEqual([]); // never pruned
  });
});
