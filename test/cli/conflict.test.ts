import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src-main/cli';
import { as, PART2, PASS, send, twoTerminals, waitingForAssessment } from '../services/conflict-setup';
import { useTempDirs } from '../helpers/temp-dir';

// `changedesk conflict list | resolve`: the same calls and role checks as the 冲突 screen.

const tempDir = useTempDirs();

async function run(argv: string[], password = PASS): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), env: { CHANGEDESK_PASSWORD: password }, isTty: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('changedesk conflict', () => {
  it('lists an open conflict with numbered branches, refuses the wrong role, and resolves by branch number', async () => {
    const { dir, biz, ops } = await twoTerminals(tempDir);
    const formId = await waitingForAssessment(biz, ops, dir);
    await as(ops, 'ops-user');
    await ops.ok('change:saveAssessment', { formId, ...PART2 });
    await ops.ok('change:submitAssessment', { formId });
    await as(biz, 'ywb-user');
    await biz.ok('change:withdraw', { formId, reason: '需求已取消' });
    await send(biz, ops, dir, 'b2');
    const formNo = (await ops.ok('change:get', { formId })).state.formNo;
    const d = ['--data-dir', ops.dataDir];

    const listed = await run(['conflict', 'list', '--user', 'ops-user', ...d]);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(formNo);
    expect(listed.out).toContain('待处理');
    const branch = listed.out.split('\n').find((l) => l.includes('→ 待评估审批'));
    expect(branch).toMatch(/^ {2}分支 [12] {2}[0-9a-f]{12} /);
    expect(listed.out).toMatch(/→ 已撤回/);
    const number = branch!.match(/分支 (\d)/)![1]!;

    // Usage mistakes exit 2; an ops admin without a business or ops-head role may not choose.
    expect((await run(['conflict', 'resolve', formNo, '--user', 'ops-user', ...d])).code).toBe(2);
    expect((await run(['conflict', 'resolve', formNo, '--choose', '7', '--user', 'ops-user', ...d])).code).toBe(2);
    expect((await run(['conflict', 'resolve', formNo, '--choose', 'zz', '--user', 'ops-user', ...d])).code).toBe(2);
    const wrong = await run(['conflict', 'resolve', formNo, '--choose', number, '--user', 'admin', ...d], 'admin-pass-1');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('无权处理此冲突');

    const done = await run(['conflict', 'resolve', formNo, '--choose', number, '--user', 'ops-user', ...d]);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(done.out).toContain('已处理');
    expect(done.out).toContain('当前状态：待评估审批');
    expect((await run(['conflict', 'resolve', formNo, '--choose', number, '--user', 'ops-user', ...d])).code).toBe(1);
    const after = await run(['conflict', 'list', '--user', 'ops-user', ...d]);
    expect(after.out).not.toContain('待处理');
    await as(ops, 'ops-user');
    const form = (await ops.ok('change:get', { formId })).state;
    expect(form.state).toBe('pending_assessment_approval');
    expect(form.conflict).toBeUndefined();
  });

  it('resolves by the start of the chosen event id', async () => {
    const { dir, biz, ops } = await twoTerminals(tempDir);
    const formId = await waitingForAssessment(biz, ops, dir);
    await as(ops, 'ops-user');
    await ops.ok('change:saveAssessment', { formId, ...PART2 });
    await as(biz, 'ywb-user');
    const withdrawn = await biz.ok('change:withdraw', { formId, reason: '先撤回' });
    await send(biz, ops, dir, 'b2');
    const done = await run(['conflict', 'resolve', formId, '--choose', withdrawn.state.head[0]!.slice(0, 8), '--user', 'ops-head', '--data-dir', ops.dataDir]);
    expect(done.err).toBe('');
    expect(done.out).toContain('当前状态：已撤回');
  });
});
