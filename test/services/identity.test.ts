import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../src-main/services';
import { hashStrength } from '../../src-main/services/password';
import { openDatabase } from '../../src-main/store';
import { unitKeyPath } from '../../src-main/store/unit-key';
import { useTempDirs } from '../helpers/temp-dir';
import { ADMIN_PASSWORD, makeFixture, setUpTerminal } from './fixtures';

const tempDir = useTempDirs();

describe('first-run set-up', () => {
  it('reports the state, makes the unit, its key (mode 0600) and the first administrator, once', async () => {
    const f = makeFixture(tempDir());
    expect(await f.ok('setup:status', {})).toEqual({ setUp: false });
    const r = await f.ok('setup:init', {
      unitCode: 'OPS',
      unitName: '运行维护中心',
      unitKind: 'ops',
      adminUsername: 'admin',
      adminName: '管理员',
      adminPassword: ADMIN_PASSWORD,
    });
    expect(r.unit).toEqual({ code: 'OPS', name: '运行维护中心', kind: 'ops' });
    expect(r.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(statSync(unitKeyPath(f.dataDir)).mode & 0o777).toBe(0o600);
    expect(await f.ok('setup:status', {})).toEqual({ setUp: true, unit: { code: 'OPS', name: '运行维护中心', kind: 'ops' } });
    expect(await f.refused('setup:init', { unitCode: 'X1', unitName: 'x', unitKind: 'ops', adminUsername: 'a2', adminName: 'b', adminPassword: '12345678' })).toBe(
      'ALREADY_SET_UP',
    );
    // The unit and the administrator are signed events of the dir:OPS stream.
    const events = f.db.prepare('SELECT origin, seq, stream, type FROM event ORDER BY pos').all();
    expect(events).toEqual([
      { origin: 'OPS', seq: 1, stream: 'dir:OPS', type: 'unit.saved' },
      { origin: 'OPS', seq: 2, stream: 'dir:OPS', type: 'user.saved' },
    ]);
    const session = await f.ok('auth:login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(session).toMatchObject({ user: { username: 'admin', unitCode: 'OPS', roles: ['admin'] }, locked: false, idleLockMinutes: 10 });
  });

  it('hashes passwords with scrypt N = 2^17 by default', async () => {
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const services = createServices({ db, dataDir, onUnexpected: () => {} });
    const r = await services.call(
      'setup:init',
      { unitCode: 'OPS', unitName: '运维', unitKind: 'ops', adminUsername: 'admin', adminName: '管理员', adminPassword: ADMIN_PASSWORD },
      { door: 'test', channel: 't' },
    );
    expect(r.ok).toBe(true);
    const { hash } = db.prepare('SELECT hash FROM credential').get() as { hash: string };
    expect(hashStrength(hash)).toBeGreaterThanOrEqual(17);
    expect(hash).not.toContain(ADMIN_PASSWORD);
  });
});

describe('log-in', () => {
  it('refuses every non-public call without log-in, and binds a session to its channel', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    expect(await f.refused('directory:users', {}, 'other')).toBe('NOT_LOGGED_IN');
    expect(await f.refused('settings:get', {}, 'other')).toBe('NOT_LOGGED_IN');
    expect(await f.ok('auth:session', {}, 'other')).toBeNull();
    expect((await f.ok('directory:users', {})).map((u) => u.username)).toEqual(['admin']);
    await f.ok('auth:logout', {});
    expect(await f.refused('directory:users', {})).toBe('NOT_LOGGED_IN');
  });

  it('locks the account for 15 minutes after five wrong passwords', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    for (let i = 0; i < 4; i++) expect(await f.refused('auth:login', { username: 'admin', password: 'wrong-pass' }, 'x')).toBe('BAD_CREDENTIALS');
    expect(await f.refused('auth:login', { username: 'admin', password: 'wrong-pass' }, 'x')).toBe('ACCOUNT_LOCKED');
    expect(await f.refused('auth:login', { username: 'admin', password: ADMIN_PASSWORD }, 'x')).toBe('ACCOUNT_LOCKED');
    const listed = await f.ok('directory:users', {});
    expect(listed[0]?.lockedUntil).toBe('2026-11-28T19:15:00+08:00');
    f.clock.advanceMinutes(14);
    expect(await f.refused('auth:login', { username: 'admin', password: ADMIN_PASSWORD }, 'x')).toBe('ACCOUNT_LOCKED');
    f.clock.advanceMinutes(2);
    expect((await f.ok('auth:login', { username: 'admin', password: ADMIN_PASSWORD }, 'x')).user.username).toBe('admin');
    // A success resets the count: four more wrong ones do not lock.
    for (let i = 0; i < 4; i++) await f.refused('auth:login', { username: 'admin', password: 'wrong-pass' }, 'y');
    await f.ok('auth:login', { username: 'admin', password: ADMIN_PASSWORD }, 'y');
    expect(await f.refused('auth:login', { username: 'nobody', password: 'whatever' }, 'z')).toBe('BAD_CREDENTIALS');
  });

  it('locks an idle session after the configured minutes; only unlock and log-out pass until unlocked', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    f.clock.advanceMinutes(9);
    await f.ok('directory:units', {});
    f.clock.advanceMinutes(11);
    expect(await f.refused('directory:units', {})).toBe('SESSION_LOCKED');
    expect(await f.ok('auth:session', {})).toMatchObject({ locked: true });
    expect(await f.refused('auth:unlock', { password: 'wrong-pass' })).toBe('BAD_CREDENTIALS');
    expect(await f.ok('auth:unlock', { password: ADMIN_PASSWORD })).toMatchObject({ locked: false });
    await f.ok('directory:units', {});
    // The idle time is a policy setting.
    const settings = await f.ok('settings:get', {});
    await f.ok('settings:save', { ...settings, idleLockMinutes: 3 });
    f.clock.advanceMinutes(4);
    expect(await f.refused('directory:units', {})).toBe('SESSION_LOCKED');
    await f.ok('auth:unlock', { password: ADMIN_PASSWORD });
    await f.ok('auth:lock', {});
    expect(await f.refused('directory:units', {})).toBe('SESSION_LOCKED');
    await f.ok('auth:logout', {});
    expect(await f.ok('auth:session', {})).toBeNull();
  });

  it('changes a password only with the old one', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    expect(await f.refused('auth:changePassword', { oldPassword: 'not-it-at-all', newPassword: 'new-pass-22' })).toBe('BAD_CREDENTIALS');
    await f.ok('auth:changePassword', { oldPassword: ADMIN_PASSWORD, newPassword: 'new-pass-22' });
    expect(await f.refused('auth:login', { username: 'admin', password: ADMIN_PASSWORD }, 'n')).toBe('BAD_CREDENTIALS');
    await f.ok('auth:login', { username: 'admin', password: 'new-pass-22' }, 'n');
  });
});

describe('directory', () => {
  it('lets the administrator keep units, users with roles of their unit, and systems, as signed events', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    await f.ok('directory:saveUnit', { code: 'RETAIL', name: '零售业务部', kind: 'business' });
    const alice = await f.ok('directory:saveUser', { username: 'alice', name: '张三', unitCode: 'RETAIL', roles: ['applicant'], password: 'alice-pass-1' });
    expect(alice).toMatchObject({ username: 'alice', unitCode: 'RETAIL', roles: ['applicant'], disabled: false });
    const sys = await f.ok('directory:saveSystem', { code: 'CORE', name: '核心业务系统', class: '生产业务系统', ownerUnit: 'OPS' });
    expect(sys).toEqual({ code: 'CORE', name: '核心业务系统', class: '生产业务系统', ownerUnit: 'OPS' });
    expect((await f.ok('directory:units', {})).map((u) => [u.code, u.self])).toEqual([
      ['OPS', true],
      ['RETAIL', false],
    ]);

    // A role of another kind of unit is refused, naming both.
    expect(await f.refused('directory:saveUser', { username: 'bob', name: '李四', unitCode: 'RETAIL', roles: ['ops_head'], password: 'bob-pass-12' })).toBe(
      'ROLE_NOT_IN_UNIT',
    );
    expect(await f.refused('directory:saveUser', { username: 'ALICE', name: '重名', unitCode: 'RETAIL', roles: ['applicant'], password: 'x-pass-123' })).toBe(
      'USERNAME_TAKEN',
    );
    expect(await f.refused('directory:saveUser', { username: 'carol', name: '王五', unitCode: 'RETAIL', roles: ['applicant'] })).toBe('PASSWORD_REQUIRED');
    expect(await f.refused('directory:saveSystem', { code: 'X', name: 'x', class: '管理信息系统', ownerUnit: 'NOPE' })).toBe('NOT_FOUND');
    const admin = (await f.ok('directory:users', {})).find((u) => u.username === 'admin')!;
    expect(await f.refused('directory:saveUser', { ...admin, roles: ['admin'], disabled: true })).toBe('LAST_ADMIN');

    // Non-administrators read the directory but cannot write it.
    await f.ok('auth:login', { username: 'alice', password: 'alice-pass-1' }, 'alice');
    expect((await f.ok('directory:systems', {}, 'alice')).map((s) => s.code)).toEqual(['CORE']);
    expect(await f.refused('directory:saveUnit', { code: 'HACK', name: 'x', kind: 'ops' }, 'alice')).toBe('FORBIDDEN');
    expect(await f.refused('directory:saveUser', { ...alice, roles: ['admin'] }, 'alice')).toBe('FORBIDDEN');
    expect(await f.refused('settings:save', await f.ok('settings:get', {}, 'alice'), 'alice')).toBe('FORBIDDEN');

    // Disabling a user ends their session at the next call.
    await f.ok('directory:saveUser', { ...alice, disabled: true });
    expect(await f.refused('directory:units', {}, 'alice')).toBe('NOT_LOGGED_IN');
    expect(await f.refused('auth:login', { username: 'alice', password: 'alice-pass-1' }, 'alice')).toBe('ACCOUNT_DISABLED');

    const types = f.db.prepare(`SELECT type FROM event WHERE stream = 'dir:OPS' ORDER BY pos`).pluck().all();
    expect(types).toEqual(['unit.saved', 'user.saved', 'unit.saved', 'user.saved', 'system.saved', 'user.saved']);
  });
});

describe('settings', () => {
  it('starts from the shipped defaults and imports a calendar year (admin / ops head only)', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    const s = await f.ok('settings:get', {});
    expect(s).toMatchObject({ businessHours: { start: '08:30', end: '17:30' }, emergencyPaperworkWorkingDays: 3, idleLockMinutes: 10 });
    expect(Object.keys(s.calendar.years)).toEqual(['2026']);
    const after = await f.ok('settings:importCalendarYear', { year: 2027, restDays: ['2027-01-01', '2027-01-02'], workdays: [] });
    expect(Object.keys(after.calendar.years).sort()).toEqual(['2026', '2027']);
    expect((await f.ok('settings:get', {})).calendar.years['2027']?.restDays).toEqual(['2027-01-01', '2027-01-02']);
    expect(await f.refused('settings:importCalendarYear', { year: 2027, restDays: ['2028-01-01'], workdays: [] })).toBe('INVALID_INPUT');
  });
});
