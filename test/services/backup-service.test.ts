import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAutomaticBackups } from '../../src-main/services';
import { backupDir, listBackups, openDatabase } from '../../src-main/store';
import { useTempDirs } from '../helpers/temp-dir';
import { makeFixture, setUpTerminal, TestClock } from './fixtures';

const tempDir = useTempDirs();
const cli = { door: 'test' as const, channel: 'test' };

/** A terminal set up with its administrator logged in on channel `test`. */
async function setup(now = new Date(2026, 10, 28, 9, 0, 0)) {
  const f = makeFixture(tempDir(), new TestClock(now.toISOString()));
  await setUpTerminal(f);
  return f;
}

describe('backup calls', () => {
  it('are for the administrator only', async () => {
    const f = await setup();
    expect(await f.refused('backup:list', {}, 'nobody')).toBe('NOT_LOGGED_IN');
    await f.ok('directory:saveUser', { username: 'ops1', name: '受理人甲', unitCode: 'OPS', roles: ['ops_coordinator'], password: 'ops-pass-123' });
    await f.ok('auth:login', { username: 'ops1', password: 'ops-pass-123' }, 'ops1');
    for (const call of ['backup:list', 'backup:create'] as const) expect(await f.refused(call, {}, 'ops1')).toBe('FORBIDDEN');
    expect(await f.refused('backup:restore', { name: 'changedesk-20261128-090000-manual.db' }, 'ops1')).toBe('FORBIDDEN');
    f.db.close();
  });

  it('backup:create makes a manual backup that backup:list shows, and backup:restore brings it back', async () => {
    const { services, db, dataDir } = await setup();
    db.prepare(`INSERT INTO setting (key, value) VALUES ('x', 'before')`).run();
    const made = await services.call('backup:create', {}, cli);
    expect(made).toMatchObject({ ok: true, value: { name: 'changedesk-20261128-090000-manual.db', kind: 'manual' } });
    const list = await services.call('backup:list', {}, cli);
    expect(list).toEqual({ ok: true, value: { dir: backupDir(dataDir), backups: [expect.objectContaining({ name: 'changedesk-20261128-090000-manual.db' })] } });

    db.prepare(`UPDATE setting SET value = 'after' WHERE key = 'x'`).run();
    const restored = await services.call('backup:restore', { name: 'changedesk-20261128-090000-manual.db' }, cli);
    expect(restored).toMatchObject({ ok: true, value: { restoredFrom: 'changedesk-20261128-090000-manual.db', before: { kind: 'before-restore' } } });
    expect(db.prepare(`SELECT value FROM setting WHERE key = 'x'`).pluck().get()).toBe('before');
    db.close();
  });

  it('backup:restore takes a bare backup name only: paths are refused before any file is touched', async () => {
    const { services, db } = await setup();
    for (const name of ['../changedesk.db', '/etc/passwd', 'changedesk-20261128-090000-manual.db/../x.db', 'C:\\x\\changedesk-20261128-090000-manual.db', 'x.db']) {
      const r = await services.dispatch('backup:restore', { name }, cli);
      expect(r, name).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await services.dispatch('backup:restore', { name: 'changedesk-20261128-090000-manual.db', extra: 1 }, cli)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    db.close();
  });

  it('backup:restore refuses a file in backups/ that is not a ChangeDesk database, in Chinese', async () => {
    const { services, db, dataDir } = await setup();
    await services.call('backup:create', {}, cli);
    const fake = 'changedesk-20261127-090000-auto.db';
    writeFileSync(join(backupDir(dataDir), fake), 'not a database at all');
    const r = await services.call('backup:restore', { name: fake }, cli);
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_A_CHANGEDESK_DATABASE' } });
    if (!r.ok) expect(r.error.message).toMatch(/不是 ChangeDesk 数据库.*已拒绝恢复/);
    db.close();
  });
});

describe('automatic backups', () => {
  it('backs up at start, and again only once the newest automatic backup is a day old', async () => {
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    let now = new Date(2026, 10, 28, 8, 0, 0);
    const errors: unknown[] = [];
    const auto = startAutomaticBackups({ db, dataDir, clock: () => now, onError: (e) => errors.push(e), checkEveryMs: 20 });
    await auto.first;
    expect(listBackups(dataDir).map((b) => b.name)).toEqual(['changedesk-20261128-080000-auto.db']);

    now = new Date(2026, 10, 28, 20, 0, 0); // half a day later: not yet
    await new Promise((r) => setTimeout(r, 80));
    expect(listBackups(dataDir)).toHaveLength(1);

    now = new Date(2026, 10, 29, 8, 0, 0); // a day later
    await expect.poll(() => listBackups(dataDir).length, { timeout: 2000 }).toBe(2);
    auto.stop();
    expect(errors).toEqual([]);
    db.close();
  });

  it('makes no start backup when an automatic one is less than an hour old (restarts do not pile up copies)', async () => {
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    let now = new Date(2026, 10, 28, 8, 0, 0);
    const first = startAutomaticBackups({ db, dataDir, clock: () => now, onError: () => {} });
    await first.first;
    first.stop();
    now = new Date(2026, 10, 28, 8, 30, 0);
    const second = startAutomaticBackups({ db, dataDir, clock: () => now, onError: () => {} });
    await second.first;
    second.stop();
    expect(listBackups(dataDir)).toHaveLength(1);
    now = new Date(2026, 10, 28, 9, 5, 0);
    const third = startAutomaticBackups({ db, dataDir, clock: () => now, onError: () => {} });
    await third.first;
    third.stop();
    expect(listBackups(dataDir)).toHaveLength(2);
    db.close();
  });

  it('reports a failing backup instead of losing it', async () => {
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    db.close(); // a closed connection cannot be backed up
    const errors: unknown[] = [];
    const auto = startAutomaticBackups({ db, dataDir, onError: (e) => errors.push(e) });
    await auto.first;
    auto.stop();
    expect(errors).toHaveLength(1);
  });
});
