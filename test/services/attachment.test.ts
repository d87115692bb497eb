import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentPath, attachmentsDir } from '../../src-main/exchange';
import { coreOf } from '../../src-main/services';
import { DEMO_PASSWORD, loadDemoData } from '../../src-main/services/demo/demo-data';
import { auditLog, rebuildAll } from '../../src-main/services/maintenance';
import { ATTACHMENT_MAX_BYTES } from '../../src-main/shared/schemas/change-form';
import { useTempDirs } from '../helpers/temp-dir';
import { PART1 } from '../domain/change-form/fixtures';
import { ADMIN_PASSWORD, dumpProjections, makeFixture, setUpTerminal, TestClock, type Fixture } from './fixtures';

// Issue 6: files attached to a change form, kept by content hash where exchange bundles read
// them; adding and removing are events, and a removed file stays for the record.

const tempDir = useTempDirs();

async function demo(): Promise<{ f: Fixture; login(u: string): Promise<string> }> {
  const f = makeFixture(tempDir(), new TestClock('2026-11-28T19:00:00+08:00'));
  await setUpTerminal(f);
  await loadDemoData(f.ctx, coreOf(f.ctx).dir.usersNamed('admin')[0]!);
  return {
    f,
    login: async (u: string) => {
      await f.ok('auth:login', { username: u, password: DEMO_PASSWORD }, u);
      return u;
    },
  };
}

const REPORT = Buffer.from('%PDF-1.4\n测试报告：核心系统利率参数调整，全部用例通过。\n', 'utf8');
const b64 = (b: Buffer) => b.toString('base64');

async function attach(f: Fixture, formId: string, who: string, bytes: Buffer, name: string, kind: '测试报告' | '其他' = '其他') {
  const up = await f.ok('attachment:upload', { formId, name, dataBase64: b64(bytes) }, who);
  return f.ok('change:addAttachment', { formId, name, size: up.size, sha256: up.sha256, mediaType: 'application/pdf', kind }, who);
}

describe('attachments of a change form', () => {
  it('adds a file by its hash, opens it, removes it by an event and keeps the bytes', async () => {
    const { f, login } = await demo();
    const [zs, ls, ww, chen, xuli, tester] = [await login('zhangsan'), await login('lisi'), await login('wangwu'), await login('chenqi'), await login('xuli'), await login('zhuhong')];
    const draft = await f.ok('change:create', { ...PART1, systems: [...PART1.systems], title: '附件测试变更' }, zs);
    const formId = draft.state.formId;
    const before = coreOf(f.ctx).log.streamEvents(formId).length;

    const view = await attach(f, formId, zs, REPORT, '测试报告.pdf', '测试报告');
    const sha = view.state.attachments?.[0]?.sha256 as string;
    expect(view.state.attachments).toEqual([
      expect.objectContaining({ sha256: sha, name: '测试报告.pdf', size: REPORT.length, mediaType: 'application/pdf', kind: '测试报告', addedBy: expect.objectContaining({ name: '张三', role: 'applicant' }) }),
    ]);
    expect(readFileSync(attachmentPath(f.dataDir, sha))).toEqual(REPORT);
    expect(coreOf(f.ctx).log.streamEvents(formId).map((e) => e.type).slice(before)).toEqual(['change.addAttachment']);
    expect(view.timeline.at(-1)).toMatchObject({ label: '添加附件：测试报告.pdf（测试报告）', authorName: '张三' });

    const opened = await f.ok('attachment:read', { formId, sha256: sha }, zs);
    expect(opened).toMatchObject({ name: '测试报告.pdf', mediaType: 'application/pdf', size: REPORT.length });
    expect(Buffer.from(opened.dataBase64, 'base64')).toEqual(REPORT);

    // A draft is its applicant's own (§8): the ops centre does not attach to it; another unit does not even see it.
    expect(await f.refused('attachment:upload', { formId, name: 'x.txt', dataBase64: b64(Buffer.from('x')) }, ww)).toBe('FORBIDDEN_ROLE');
    expect(await f.refused('attachment:upload', { formId, name: 'x.txt', dataBase64: b64(Buffer.from('x')) }, chen)).toBe('NOT_FOUND');
    expect(await f.refused('attachment:read', { formId, sha256: sha }, chen)).toBe('NOT_FOUND');
    // 项目管理科 has no part in 附件1: refused before a byte is written.
    const stored = readdirSync(attachmentsDir(f.dataDir)).length;
    const other = Buffer.from('项目管理科的文件');
    await f.ok('change:submit', { formId }, zs);
    expect(await f.refused('attachment:upload', { formId, name: 'pmo.txt', dataBase64: b64(other) }, xuli)).toBe('FORBIDDEN_ROLE');
    expect(readdirSync(attachmentsDir(f.dataDir)).length).toBe(stored);

    // The same file twice is refused; a file that was never uploaded, or a size that lies, too.
    expect(await f.refused('change:addAttachment', { formId, name: '再传一次.pdf', size: REPORT.length, sha256: sha }, zs)).toBe('INVALID_STATE');
    expect(await f.refused('change:addAttachment', { formId, name: '无此文件.pdf', size: 10, sha256: 'e'.repeat(64) }, zs)).toBe('ATTACHMENT_NOT_FOUND');
    const up = await f.ok('attachment:upload', { formId, name: '说明.txt', dataBase64: b64(Buffer.from('部门说明')) }, ls);
    expect(await f.refused('change:addAttachment', { formId, name: '说明.txt', size: up.size + 1, sha256: up.sha256 }, ls)).toBe('ATTACHMENT_SIZE');
    await f.ok('change:addAttachment', { formId, name: '说明.txt', size: up.size, sha256: up.sha256 }, ls);

    // Removal: by whoever added it or the 受理人 (§27), with a reason; the file stays and still opens.
    await f.ok('change:deptApprove', { formId }, ls);
    expect(await f.refused('change:removeAttachment', { formId, sha256: sha, reason: '不需要' }, ls)).toBe('POLICY');
    expect(await f.refused('change:removeAttachment', { formId, sha256: sha, reason: '不需要' }, tester)).toBe('POLICY');
    const removed = await f.ok('change:removeAttachment', { formId, sha256: sha, reason: '报告版本有误，改传新版' }, ww);
    expect(removed.state.attachments?.[0]?.removed).toMatchObject({ name: '王五', reason: '报告版本有误，改传新版' });
    // The timeline names the file removed (from its addition) and gives the reason.
    expect(removed.timeline.at(-1)).toMatchObject({ label: '移除附件：测试报告.pdf', opinion: '报告版本有误，改传新版', authorName: '王五' });
    expect(existsSync(attachmentPath(f.dataDir, sha))).toBe(true);
    expect(Buffer.from((await f.ok('attachment:read', { formId, sha256: sha }, ww)).dataBase64, 'base64')).toEqual(REPORT);
    expect(await f.refused('change:removeAttachment', { formId, sha256: sha, reason: '再删' }, ww)).toBe('MISSING_FIELD');
    // Attached again after removal: a new entry; the removed one stays in the record.
    const again = await attach(f, formId, ww, REPORT, '测试报告-定稿.pdf', '测试报告');
    expect(again.state.attachments?.map((a) => [a.name, !!a.removed])).toEqual([
      ['测试报告.pdf', true],
      ['说明.txt', false],
      ['测试报告-定稿.pdf', false],
    ]);

    // The record is the event log: a rebuild gives the same projections, the audit passes.
    const incremental = dumpProjections(f.db);
    rebuildAll(f.db);
    expect(dumpProjections(f.db)).toEqual(incremental);
    expect(auditLog(f.db, f.dataDir).ok).toBe(true);
  });

  it('refuses an empty file and one over the size limit in words', async () => {
    const { f, login } = await demo();
    const zs = await login('zhangsan');
    const { state } = await f.ok('change:create', { title: '大文件' }, zs);
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 1);
    const r = await f.services.dispatch('attachment:upload', { formId: state.formId, name: '镜像.iso', dataBase64: b64(big) }, { door: 'test', channel: zs });
    expect(r).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_TOO_LARGE', message: '文件「镜像.iso」大小为 20.0 MB，超过附件上限 20 MB。' } });
    const bigger = Buffer.alloc(ATTACHMENT_MAX_BYTES + 4096, 1);
    const r2 = await f.services.dispatch('attachment:upload', { formId: state.formId, name: '镜像.iso', dataBase64: b64(bigger) }, { door: 'test', channel: zs });
    expect(r2).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('文件超过附件上限 20 MB，不能上传') } });
    expect(existsSync(attachmentsDir(f.dataDir)) ? readdirSync(attachmentsDir(f.dataDir)) : []).toEqual([]);
    const empty = await f.services.dispatch('attachment:upload', { formId: state.formId, name: '空.txt', dataBase64: '' }, { door: 'test', channel: zs });
    expect(empty).toMatchObject({ ok: false, error: { message: expect.stringContaining('文件是空文件，不能作为附件') } });
  });

  it('says who may create a form, and the buttons of a form, without the renderer deciding', async () => {
    const { f, login } = await demo();
    const [zs, xuli] = [await login('zhangsan'), await login('xuli')];
    expect(await f.ok('change:actions', {}, zs)).toEqual([{ name: 'create', label: '新建变更申请', allowed: true }]);
    expect(await f.ok('change:actions', {}, xuli)).toEqual([
      { name: 'create', label: '新建变更申请', allowed: false, code: 'FORBIDDEN_ROLE', reason: '无权办理「新建变更申请」：须由申请人或部门负责人办理（第8条）' },
    ]);
    const { state } = await f.ok('change:create', { title: '按钮' }, zs);
    expect((await f.ok('change:actions', { formId: state.formId }, zs)).filter((a) => a.allowed).map((a) => a.name)).toEqual(['saveDraft', 'withdraw', 'addAttachment']);
  });

  it('travels in an exchange bundle with the event that names it', async () => {
    const dir = tempDir();
    const a = makeFixture(tempDir());
    await a.ok('setup:init', { unitCode: 'RETAIL', unitName: '零售业务部', unitKind: 'business', adminUsername: 'admin', adminName: '管理员', adminPassword: ADMIN_PASSWORD });
    await a.ok('auth:login', { username: 'admin', password: ADMIN_PASSWORD });
    await a.ok('directory:saveUser', { username: 'zhangsan', name: '张三', unitCode: 'RETAIL', roles: ['applicant'], password: DEMO_PASSWORD });
    await a.ok('directory:saveUser', { username: 'lisi', name: '李四', unitCode: 'RETAIL', roles: ['dept_head'], password: DEMO_PASSWORD });
    for (const u of ['zhangsan', 'lisi']) await a.ok('auth:login', { username: u, password: DEMO_PASSWORD }, u);
    const { state } = await a.ok('change:create', { title: '带附件的变更' }, 'zhangsan');
    const view = await attach(a, state.formId, 'zhangsan', REPORT, '需求说明.pdf');
    const sha = view.state.attachments?.[0]?.sha256 as string;

    const b = makeFixture(tempDir());
    await setUpTerminal(b);
    for (const [self, other, name] of [[a, b, 'ops'], [b, a, 'retail']] as const) {
      const key = await other.ok('exchange:ownKey', {});
      const path = join(dir, `${name}.cdkey`);
      writeFileSync(path, key.keyFileText);
      await self.ok('exchange:addPeer', { path, confirmFingerprint: (await self.ok('exchange:readPeerKey', { path })).fingerprint });
    }
    const path = join(dir, 'retail-to-ops.cdbundle');
    const sent = await a.ok('exchange:export', { to: 'OPS', path });
    expect(sent.attachmentCount).toBe(1);
    expect((await b.ok('exchange:import', { paths: [path] }))[0]).toMatchObject({ ok: true, outcome: 'applied' });
    expect(readFileSync(attachmentPath(b.dataDir, sha))).toEqual(REPORT);
    const there = await b.ok('change:get', { formId: state.formId });
    expect(there.state.attachments).toEqual(view.state.attachments);
    expect(Buffer.from((await b.ok('attachment:read', { formId: state.formId, sha256: sha })).dataBase64, 'base64')).toEqual(REPORT);
  });
});
