import { describe, expect, it } from 'vitest';
import { coreOf } from '../../src-main/services';
import { auditLog } from '../../src-main/services/maintenance';
import { generateUnitKeyPair } from '../../src-main/store/event-codec';
import { useTempDirs } from '../helpers/temp-dir';
import { makeFixture, setUpTerminal, type Fixture } from '../services/fixtures';

const tempDir = useTempDirs();

async function logWithEvents(): Promise<Fixture> {
  const f = makeFixture(tempDir());
  await setUpTerminal(f);
  for (let i = 0; i < 3; i++) await f.ok('directory:saveUnit', { code: `U${i}X`, name: `单位${i}`, kind: 'business' });
  return f;
}

/** Tampering needs the append-only triggers out of the way, as an intruder with the file would. */
function tamper(f: Fixture, sql: string, ...params: unknown[]): void {
  f.db.exec('DROP TRIGGER event_append_only_update; DROP TRIGGER event_append_only_delete;');
  f.db.prepare(sql).run(...params);
}

describe('event log', () => {
  it('is append-only: UPDATE and DELETE are refused by the database', async () => {
    const f = await logWithEvents();
    expect(() => f.db.prepare(`UPDATE event SET type = 'x' WHERE pos = 1`).run()).toThrow(/只能追加/);
    expect(() => f.db.prepare('DELETE FROM event WHERE pos = 1').run()).toThrow(/只能追加/);
  });

  it('chains each origin: seq 1, 2, 3 … with prev = the previous id; parents = the stream head', async () => {
    const f = await logWithEvents();
    const events = coreOf(f.ctx).log.streamEvents('dir:OPS');
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    events.forEach((e, i) => {
      expect(e.prev).toBe(i === 0 ? null : events[i - 1]!.id);
      expect(e.parents).toEqual(i === 0 ? [] : [events[i - 1]!.id]);
    });
    expect(auditLog(f.db, f.dataDir)).toEqual({ ok: true, events: 5, origins: { OPS: 5 } });
  });

  it('audit names the first altered event: body byte, id, signature, indexed column, a removed event', async () => {
    const cases: Array<[string, (f: Fixture) => void, RegExp, number]> = [
      ['body', (f) => tamper(f, `UPDATE event SET body = CAST(replace(CAST(body AS TEXT), '单位1', '单位9') AS BLOB) WHERE pos = 4`), /哈希/, 4],
      ['id', (f) => tamper(f, `UPDATE event SET id = (CASE WHEN substr(id, 1, 1) = '0' THEN '1' ELSE '0' END) || substr(id, 2) WHERE pos = 3`), /哈希/, 3],
      ['sig', (f) => tamper(f, `UPDATE event SET sig = zeroblob(64) WHERE pos = 2`), /签名无效/, 2],
      ['column', (f) => tamper(f, `UPDATE event SET stream = 'dir:X' WHERE pos = 5`), /索引列/, 5],
      ['gap', (f) => tamper(f, 'DELETE FROM event WHERE pos = 3'), /序号不连续/, 4],
    ];
    for (const [, alter, reason, pos] of cases) {
      const f = await logWithEvents();
      alter(f);
      const r = auditLog(f.db, f.dataDir);
      expect(r.ok, String(reason)).toBe(false);
      expect(r.firstBad?.reason).toMatch(reason);
      expect(r.firstBad?.pos).toBe(pos);
    }
  });

  it('checks its own events against the key file, not against the directory table', async () => {
    const f = await logWithEvents();
    const other = generateUnitKeyPair();
    f.db.prepare(`UPDATE unit SET public_key = ? WHERE code = 'OPS'`).run(other.publicKeyPem);
    expect(auditLog(f.db, f.dataDir).ok).toBe(true);
  });
});
