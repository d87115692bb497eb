import { describe, expect, it } from 'vitest';
import { coreOf } from '../../src-main/services';
import { loadDemoData } from '../../src-main/services/demo/demo-data';
import { storeForeignEvents } from '../../src-main/services/event-intake';
import { auditLog, rebuildAll } from '../../src-main/services/maintenance';
import { rowToEvent, type EventRow } from '../../src-main/store/event-log';
import { useTempDirs } from '../helpers/temp-dir';
import { dumpProjections, makeFixture, setUpTerminal } from './fixtures';

const tempDir = useTempDirs();

describe('events from another terminal', () => {
  it('are stored as signed, projected like a rebuild would, skipped when known, and pass audit', async () => {
    const a = makeFixture(tempDir());
    await setUpTerminal(a);
    await loadDemoData(a.ctx, coreOf(a.ctx).dir.usersNamed('admin')[0]!);
    const events = (a.db.prepare('SELECT * FROM event ORDER BY pos').all() as EventRow[]).map(rowToEvent);

    const b = makeFixture(tempDir());
    await b.ok('setup:init', { unitCode: 'RETAIL', unitName: '零售业务部', unitKind: 'business', adminUsername: 'boss', adminName: '管理员', adminPassword: 'b-admin-pass' });
    const settingsBefore = b.db.prepare('SELECT * FROM policy').all();
    const first = b.ctx.db.transaction(() => storeForeignEvents(b.ctx, events)).immediate();
    expect(first).toEqual({ added: events.map((e) => e.id), skipped: 0 });
    const again = b.ctx.db.transaction(() => storeForeignEvents(b.ctx, events)).immediate();
    expect(again).toEqual({ added: [], skipped: events.length });

    const count = (db: typeof a.db) => db.prepare('SELECT count(*) FROM form').pluck().get();
    expect(count(b.db)).toBe(count(a.db));
    expect(b.db.prepare('SELECT summary_json FROM form ORDER BY form_no').pluck().all()).toEqual(a.db.prepare('SELECT summary_json FROM form ORDER BY form_no').pluck().all());
    // The peer's unit record does not replace this terminal's own (RETAIL stays a terminal unit with its own key).
    expect(b.db.prepare(`SELECT name FROM unit WHERE code = 'RETAIL'`).pluck().get()).toBe('零售业务部');
    expect(b.db.prepare('SELECT * FROM policy').all()).toEqual(settingsBefore);

    expect(auditLog(b.db, b.dataDir)).toMatchObject({ ok: true, origins: { OPS: expect.any(Number), RETAIL: 2 } });
    const incremental = dumpProjections(b.db);
    rebuildAll(b.db);
    expect(dumpProjections(b.db)).toEqual(incremental);
  });
});
