import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '../../src-main/exchange';
import { AppError } from '../../src-main/shared/errors';
import { useTempDirs } from '../helpers/temp-dir';
import { applyMutations, mutations } from './mutations';
import { databaseHash, eventCount, makeTerminal } from './terminals';

const tempDir = useTempDirs();

describe('importing damaged bundles', () => {
  it('200 mutated bundles into a database: each is refused leaving it unchanged, or imported whole', async () => {
    const dir = tempDir();
    const a = await makeTerminal(tempDir(), 'DEPA', '需求部门甲');
    const b = await makeTerminal(tempDir(), 'OPS', '运行维护中心', 'ops');
    await a.trust(b, dir);
    await b.trust(a, dir);
    for (let i = 0; i < 6; i++) a.formEvent(`BG-DEPA-2026-${i % 2}`, 'note.added', { text: `第 ${i} 条说明` });
    const good = join(dir, 'good.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: good });
    const original = readFileSync(good);
    const mutant = join(dir, 'mutant.cdbundle');
    // An accepted bundle whose events were all here already still adds a line to the archive
    // catalogue (import_record, peer_ack); the forms and the log must be one of two states.
    const catalogue = ['import_record', 'peer_ack'];
    const emptyHash = databaseHash(b.db, catalogue);
    const expectedEvents = eventCount(b.db) + eventCount(a.db);
    let imported: string | undefined;
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(mutations(2), async (muts) => {
        writeFileSync(mutant, applyMutations(original, muts));
        const before = databaseHash(b.db);
        try {
          const r = await importBundle(b.x, mutant);
          // Accepted: the signed content was intact, and it lands whole (or was already there).
          expect(['applied', 'unchanged']).toContain(r.outcome);
          expect(eventCount(b.db)).toBe(expectedEvents);
          imported ??= databaseHash(b.db, catalogue);
          expect(databaseHash(b.db, catalogue)).toBe(imported);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          expect(e.message).toMatch(/[\u4e00-\u9fff]/);
          expect(databaseHash(b.db)).toBe(before);
          expect([emptyHash, imported]).toContain(databaseHash(b.db, catalogue));
          refusals += 1;
        }
      }),
      { numRuns: 200 },
    );
    expect(refusals).toBeGreaterThan(100);
  }, 120_000);
});
