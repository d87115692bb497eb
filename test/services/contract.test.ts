import { describe, expect, it } from 'vitest';
import { createHandlers, createServices } from '../../src-main/services';
import { callNames } from '../../src-main/shared/api';
import { openDatabase } from '../../src-main/store';
import { migrations } from '../../src-main/store/migrations';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const cli = { door: 'cli' as const, channel: 'cli' };

function setup() {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const clock = () => new Date('2026-11-28T09:00:00+08:00');
  return { dataDir, db, services: createServices({ db, dataDir, clock, onUnexpected: () => {} }), clock };
}

describe('contract wiring', () => {
  it('has exactly one handler per call of the contract', () => {
    const { db, dataDir, clock } = setup();
    const handlers = createHandlers({ db, dataDir, version: 'x', clock });
    expect(Object.keys(handlers).sort()).toEqual([...callNames].sort());
  });

  it('app:info reports version, data folder, schema version and set-up state', async () => {
    const { services, dataDir } = setup();
    const r = await services.call('app:info', {}, cli);
    expect(r).toEqual({ ok: true, value: { version: expect.any(String), dataDir, schemaVersion: migrations.length, setUp: false, door: 'cli' } });
  });

  it('app:health answers with the injected clock', async () => {
    const { services } = setup();
    expect(await services.call('app:health', {}, cli)).toEqual({
      ok: true,
      value: { ok: true, database: 'ok', time: '2026-11-28T01:00:00.000Z' },
    });
  });

  it('refuses an unknown call and a malformed input with stable codes and Chinese messages', async () => {
    const { services } = setup();
    const unknown = await services.dispatch('app:nothing', {}, cli);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    const bad = await services.dispatch('app:info', { extra: 1 }, cli);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/^输入有误/);
    const notObject = await services.dispatch('app:info', 'text', cli);
    expect(notObject).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('turns an unexpected failure into INTERNAL without crashing the door', async () => {
    const { services, db } = setup();
    db.close();
    const r = await services.dispatch('app:info', {}, cli);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
