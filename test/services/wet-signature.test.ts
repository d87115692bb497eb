import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paperBlocks } from '../../src-main/domain';
import { attachmentPath } from '../../src-main/exchange';
import { coreOf } from '../../src-main/services';
import { loadDemoData } from '../../src-main/services/demo/demo-data';
import { auditLog, rebuildAll } from '../../src-main/services/maintenance';
import type { ChangeSummary } from '../../src-main/shared/schemas/change-form';
import { useTempDirs } from '../helpers/temp-dir';
import { pdfPagePngs } from '../pdf/pdf-tools';
import { dumpProjections, makeFixture, setUpTerminal, TestClock, type Fixture } from './fixtures';

// §27: the hand signatures on the printed paper are recorded block by block before filing.

const tempDir = useTempDirs();

async function demo(): Promise<{ f: Fixture; forms: ChangeSummary[]; login(u: string): Promise<string> }> {
  const f = makeFixture(tempDir(), new TestClock('2026-11-28T19:00:00+08:00'));
  await setUpTerminal(f);
  await loadDemoData(f.ctx, coreOf(f.ctx).dir.usersNamed('admin')[0]!);
  const login = async (u: string) => {
    await f.ok('auth:login', { username: u, password: 'demo-2026' }, u);
    return u;
  };
  const forms = (await f.ok('change:list', { filter: {}, page: 1, pageSize: 200 })).rows;
  return { f, forms, login };
}

async function scanOf(f: Fixture, formId: string, part: '1' | 'post', channel: string): Promise<string> {
  const printed = await f.ok('print:changeForm', { formId, part }, channel);
  return pdfPagePngs(Buffer.from(printed.pdfBase64, 'base64'), 150, { first: 1, last: 1 })[0]!.toString('base64');
}

describe('wet-signature record (§27)', () => {
  it('records each block, refuses wrong roles, states and blocks, and archives only when every block is recorded', async () => {
    const { f, forms, login } = await demo();
    const [arch, head, zs, ww, zhou, ls] = [await login('lvdang'), await login('hezong'), await login('zhangsan'), await login('wangwu'), await login('zhouba'), await login('lisi')];
    const row = forms.find((r) => r.state === 'pending_archive' && !r.emergency && r.applicantUnit === 'RETAIL')!;
    expect(row).toBeDefined();
    const formId = row.formId;
    await f.ok('change:archiveReview', { formId, opinion: '资料齐全' }, head);

    let view = await f.ok('change:get', { formId }, arch);
    const archive = view.actions.find((a) => a.name === 'archive');
    expect(archive).toMatchObject({ allowed: false, code: 'POLICY' });
    expect(archive?.reason).toMatch(/^违反第27条：以下签字栏的纸质签字尚未登记，不能归档：申请人、申请部门负责人意见、/);
    expect(await f.refused('change:archive', { formId }, arch)).toBe('POLICY');

    // Role: the applicant keeps no paper; another unit's head does not even see the form.
    expect(await f.refused('change:recordWetSignature', { formId, blockId: 'part1.applicant' }, zs)).toBe('FORBIDDEN_ROLE');
    expect(await f.refused('change:recordWetSignature', { formId, blockId: 'part1.applicant' }, zhou)).toBe('NOT_FOUND');
    // Unknown block, the archivist's own block (recorded by archiving), a future date.
    expect(await f.refused('change:recordWetSignature', { formId, blockId: 'part9.nobody' }, arch)).toBe('MISSING_FIELD');
    expect(await f.refused('change:recordWetSignature', { formId, blockId: 'post.archivist' }, arch)).toBe('INVALID_STATE');
    expect(await f.refused('change:recordWetSignature', { formId, blockId: 'part1.applicant', signedOn: '2026-12-01' }, arch)).toBe('MISSING_FIELD');
    // A scan that was never uploaded here.
    expect(await f.refused('change:recordWetSignature', { formId, blockId: 'part1.applicant', scanSha256: 'a'.repeat(64) }, arch)).toBe('SCAN_NOT_FOUND');

    // The unit's head records part 一; the same block twice is refused.
    view = await f.ok('change:recordWetSignature', { formId, blockId: 'part1.applicant', signedOn: '2026-11-20' }, ls);
    expect(view.state.state).toBe('pending_archive');
    expect(view.state.wetSignatures?.['part1.applicant']).toMatchObject({ blockId: 'part1.applicant', signedOn: '2026-11-20', recordedBy: { name: '李四', role: 'dept_head' } });
    expect(view.timeline.at(-1)?.label).toBe('登记纸质签字');
    expect(await f.refused('change:recordWetSignature', { formId, blockId: 'part1.applicant' }, arch)).toBe('INVALID_STATE');

    // The coordinator records the rest but the last; archive stays refused, naming what is missing.
    const rest = paperBlocks(view.state).filter((b) => b.applies && b.id !== 'part1.applicant' && b.id !== 'post.archivist');
    for (const b of rest.slice(0, -1)) await f.ok('change:recordWetSignature', { formId, blockId: b.id }, ww);
    view = await f.ok('change:get', { formId }, arch);
    expect(view.actions.find((a) => a.name === 'archive')?.reason).toBe(`违反第27条：以下签字栏的纸质签字尚未登记，不能归档：${rest.at(-1)!.label}`);
    await f.ok('change:recordWetSignature', { formId, blockId: rest.at(-1)!.id }, arch);
    view = await f.ok('change:get', { formId }, arch);
    expect(view.actions.find((a) => a.name === 'archive')).toMatchObject({ allowed: true });
    expect(view.actions.find((a) => a.name === 'recordWetSignature')).toMatchObject({ allowed: false, code: 'INVALID_STATE' });
    const archived = await f.ok('change:archive', { formId, location: '2026年变更档案第5盒' }, arch);
    expect(archived.state.state).toBe('archived');
    expect(archived.state.wetSignatures?.['post.archivist']?.recordedBy.name).toBe('吕档');
    expect(await f.refused('change:recordWetSignature', { formId, blockId: 'part1.deptHead' }, arch)).toBe('WRONG_STEP');

    // A draft has no paper yet.
    const draft = forms.find((r) => r.state === 'draft')!;
    expect(await f.refused('change:recordWetSignature', { formId: draft.formId, blockId: 'part1.applicant' }, ww)).toBe('WRONG_STEP');

    // Every demo form that is archived recorded its blocks first; rebuild equals incremental; audit passes.
    for (const r of (await f.ok('change:list', { filter: { state: 'archived' }, page: 1, pageSize: 200 })).rows) {
      const s = (await f.ok('change:get', { formId: r.formId }, arch)).state;
      expect(paperBlocks(s).filter((b) => b.applies && !s.wetSignatures?.[b.id]), s.formNo).toEqual([]);
    }
    expect(auditLog(f.db, f.dataDir)).toMatchObject({ ok: true });
    const incremental = dumpProjections(f.db);
    rebuildAll(f.db);
    expect(dumpProjections(f.db)).toEqual(incremental);
  });

  it('keeps a scan by its sha256 and flags a scan of another form or of a version before the block was signed', async () => {
    const { f, forms, login } = await demo();
    const ww = await login('wangwu');
    const [a, b] = forms.filter((r) => r.state === 'pending_archive');
    const good = await scanOf(f, a!.formId, 'post', ww);
    const stored = await f.ok('print:storeScan', { formId: a!.formId, blockId: 'post.implementer', imageBase64: good }, ww);
    expect(stored.problems).toEqual([]);
    expect(stored.verify).toMatchObject({ found: true, formId: a!.formId, contentMatches: true });
    expect(readFileSync(attachmentPath(f.dataDir, stored.sha256))).toEqual(Buffer.from(good, 'base64'));
    const view = await f.ok('change:recordWetSignature', { formId: a!.formId, blockId: 'post.implementer', scanSha256: stored.sha256 }, ww);
    expect(view.state.wetSignatures?.['post.implementer']?.scanSha256).toBe(stored.sha256);

    // The page of another form.
    const other = await f.ok('print:storeScan', { formId: b!.formId, blockId: 'post.implementer', imageBase64: good }, ww);
    expect(other.problems).toEqual([`扫描件是 ${a!.formNo} 的已投产系统变更流程单（实施后记录），不是本变更单 ${b!.formNo}`]);
    // A block that is not on the scanned page (part 一 does not carry the implementer).
    const p1 = await f.ok('print:storeScan', { formId: a!.formId, blockId: 'post.implementer', imageBase64: await scanOf(f, a!.formId, '1', ww) }, ww);
    expect(p1.problems).toEqual(['扫描件（已投产系统变更流程单（第一部分））上没有签字栏「实施人」']);
    // A page printed before the step was done is an outdated version for that block.
    const zs = await login('zhangsan');
    const draft = forms.find((r) => r.state === 'draft' && r.applicantUnit === 'RETAIL')!;
    const early = await scanOf(f, draft.formId, '1', zs);
    await f.ok('change:submit', { formId: draft.formId }, zs);
    await f.ok('change:deptApprove', { formId: draft.formId, opinion: '同意' }, await login('lisi'));
    const old = await f.ok('print:storeScan', { formId: draft.formId, blockId: 'part1.deptHead', imageBase64: early }, ww);
    expect(old.problems).toHaveLength(1);
    expect(old.problems[0]).toMatch(/^扫描件打印于第 \d+ 版，当时「申请部门负责人意见」尚未办理/);
    // Only the roles that keep the paper upload scans.
    expect(await f.refused('print:storeScan', { formId: a!.formId, blockId: 'post.implementer', imageBase64: good }, zs)).toBe('FORBIDDEN');
    expect(existsSync(attachmentPath(f.dataDir, other.sha256))).toBe(true);
  });
});
