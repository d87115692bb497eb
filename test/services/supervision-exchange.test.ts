import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildAll } from '../../src-main/services/maintenance';
import { useTempDirs } from '../helpers/temp-dir';
import { makeTerminal } from '../exchange/terminals';
import { dumpProjections } from './fixtures';

const tempDir = useTempDirs();

// Weekly reviews and inspections travel in bundles like any other signed event: the peer
// projects them into its own supervision records, and a rebuild there gives the same.
describe('supervision records between terminals', () => {
  it('a weekly review and an inspection recorded at the ops centre reach IT综合科 (the archive, §27) by bundle', async () => {
    const dir = tempDir();
    const ops = await makeTerminal(tempDir(), 'OPS', '运行维护中心', 'ops');
    const itd = await makeTerminal(tempDir(), 'ARCH', 'IT综合科', 'archive');
    await ops.trust(itd, dir);
    await itd.trust(ops, dir);
    await ops.ok('directory:saveUser', { username: 'head', name: '赵六', unitCode: 'OPS', roles: ['ops_head'], password: 'head-pass-123' });
    await ops.ok('auth:login', { username: 'head', password: 'head-pass-123' }, 'head');
    await ops.ok('supervision:weeklyReview', { week: '2026-W49', opinion: '同意本周计划' }, 'head');
    const insp = await ops.ok(
      'supervision:recordInspection',
      { kind: 'documents', performedOn: '2026-11-28', inspectors: '赵六', scope: '第四季度变更单', findings: '齐全', followUps: [{ action: '复核归档目录', owner: '赵六', due: '2026-12-15' }] },
      'head',
    );

    const file = join(dir, 'ops-to-arch.cdbundle');
    await ops.ok('exchange:export', { to: 'ARCH', path: file });
    const [item] = await itd.ok('exchange:import', { paths: [file] });
    expect(item).toMatchObject({ ok: true, outcome: 'applied' });

    await itd.ok('auth:login', { username: 'arch-user', password: 'user-pass-123' }, 'boss');
    const weeks = await itd.ok('supervision:weeks', { from: '2026-11-30', to: '2026-12-06' }, 'boss');
    expect(weeks[0]?.review).toMatchObject({ week: '2026-W49', name: '赵六', opinion: '同意本周计划' });
    expect(await itd.ok('supervision:inspections', {}, 'boss')).toEqual([insp]);

    const before = dumpProjections(itd.db);
    rebuildAll(itd.db);
    expect(dumpProjections(itd.db)).toEqual(before);
  }, 60_000);
});
