import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/shared/errors';
import { migrate, openDatabase, schemaVersion, type Migration } from '../../src-main/store';
import { migrations } from '../../src-main/store/migrations';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

const m1: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x INTEGER)') };
const m2: Migration = { version: 2, name: 'two', up: (db) => db.exec('ALTER TABLE a ADD COLUMN y TEXT') };
const broken: Migration = {
  version: 3,
  name: 'broken',
  up: (db) => {
    db.exec('CREATE TABLE b (z INTEGER)');
    throw new Error('boom');
  },
};

describe('migration runner', () => {
  it('brings a fresh database to the newest version with the connection settings', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('upgrades an older database, running only the pending migrations', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, [m1])).toEqual({ from: 0, to: 1 });
    db.prepare('INSERT INTO a (x) VALUES (7)').run();
    expect(migrate(db, [m1, m2])).toEqual({ from: 1, to: 2 });
    expect(db.prepare('SELECT x, y FROM a').get()).toEqual({ x: 7, y: null });
    expect(migrate(db, [m1, m2])).toEqual({ from: 2, to: 2 });
  });

  it('applies all pending migrations in one transaction: a failure leaves the old schema', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [m1]);
    expect(() => migrate(db, [m1, m2, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    const cols = db.prepare("SELECT name FROM pragma_table_info('a')").all();
    expect(cols).toEqual([{ name: 'x' }]);
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
  });

  it('refuses a database written by a newer program, with a Chinese message, and changes nothing', () => {
    const dir = tempDir();
    const raw = new BetterSqlite3(join(dir, 'changedesk.db'));
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();
    let error: unknown;
    try {
      openDatabase(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_TOO_NEW');
    expect((error as AppError).message).toContain('高于本程序支持的版本');
    const again = new BetterSqlite3(join(dir, 'changedesk.db'));
    expect(schemaVersion(again)).toBe(migrations.length + 5);
    again.close();
  });

  it('refuses a file that is not a database', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'changedesk.db'), 'this is not sqlite '.repeat(100));
    expect(() => openDatabase(dir)).toThrow(/不是有效的 ChangeDesk 数据库|已损坏/);
  });

  it('rejects a migration list with a gap in its numbering', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, [m1, { ...m2, version: 3 }])).toThrow(/numbered 3, expected 2/);
  });
});
