import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle, importBundle, verifyArchive } from '../../src-main/exchange';
import { coreOf } from '../../src-main/services';
import { openDatabase } from '../../src-main/store';
import { exchangeContextOf } from '../../src-main/services/exchange-service';
import { PROGRAM_VERSION } from '../../src-main/services';
import { useTempDirs } from '../helpers/temp-dir';
import { databaseHash, eventCount, makeTerminal } from './terminals';

const tempDir = useTempDirs();
const EVENTS = 12_000;

describe('a crash in the middle of an import', () => {
  it('SIGKILL while the transaction is being written: the reopened database is consistent and a second import completes', async () => {
    const dir = tempDir();
    const a = await makeTerminal(tempDir(), 'DEPA', '需求部门甲');
    const b = await makeTerminal(tempDir(), 'OPS', '运行维护中心', 'ops');
    await a.trust(b, dir);
    await b.trust(a, dir);
    const core = coreOf(a.ctx);
    core.write(() => {
      for (let i = 0; i < EVENTS; i++) {
        core.append({ stream: `BG-DEPA-2026-${String(i % 500).padStart(4, '0')}`, type: 'note.draftSaved', author: a.applicantId, role: 'applicant', payload: { step: i, note: '批量测试数据' } });
      }
    });
    const bundle = join(dir, 'big.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: bundle });
    const before = eventCount(b.db);
    const hashBefore = databaseHash(b.db);
    b.db.close();

    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-child.ts'), b.dataDir, bundle], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const killedAt = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /applying (\d+)\n/.exec(out);
        if (m && !child.killed) {
          child.kill('SIGKILL');
          resolve(m[0].trim());
        }
      });
      child.on('exit', () => resolve('exit'));
      child.on('error', reject);
    });
    await new Promise((r) => child.once('close', r));
    expect(killedAt, `${out}\n${stderr}`).toMatch(/^applying \d+$/);
    expect(out).not.toContain('done');

    // Reopen: the database is intact and holds either none of the bundle or all of it.
    const db = openDatabase(b.dataDir);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const after = db.prepare('SELECT count(*) FROM event').pluck().get() as number;
    expect(after).toBe(before);
    expect(databaseHash(db)).toBe(hashBefore);
    const x = exchangeContextOf({ db, dataDir: b.dataDir, version: PROGRAM_VERSION, clock: () => new Date() });
    const r = await importBundle(x, bundle);
    expect(r.outcome).toBe('applied');
    expect(db.prepare('SELECT count(*) FROM event').pluck().get()).toBe(before + r.newEvents);
    expect(r.newEvents).toBe(eventCount(a.db));
    expect((await verifyArchive(x)).every((c) => c.ok)).toBe(true);
    db.close();
  }, 120_000);
});
