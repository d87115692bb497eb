import { describe, expect, it } from 'vitest';
import { coreOf } from '../../src-main/services';
import { loadDemoData, DEMO_PASSWORD } from '../../src-main/services/demo/demo-data';
import type { ProjectSummary } from '../../src-main/shared/schemas/project-forms';
import { pdfText } from '../pdf/pdf-tools';
import { useTempDirs } from '../helpers/temp-dir';
import { makeFixture, setUpTerminal, TestClock } from './fixtures';

const tempDir = useTempDirs();

describe('demo data: the project forms (issue 8)', () => {
  it('loads go-lives, releases and access records in varied states, with their reminders and inbox entries', async () => {
    const f = makeFixture(tempDir(), new TestClock('2026-11-28T19:00:00+08:00'));
    await setUpTerminal(f);
    const r = await loadDemoData(f.ctx, coreOf(f.ctx).dir.usersNamed('admin')[0]!);
    expect(r.projectForms).toBe(10);
    const login = async (u: string) => {
      const s = await f.services.dispatch('auth:login', { username: u, password: DEMO_PASSWORD }, { door: 'test', channel: u });
      if (!s.ok) throw new Error(s.error.message);
    };
    for (const u of ['yangfan', 'sunhao', 'lisi', 'hezong', 'zhengxin']) await login(u);
    const list = await f.ok('project:list', { pageSize: 100 }, 'hezong');
    const states = (kind: string) => list.rows.filter((x: ProjectSummary) => x.kind === kind).map((x: ProjectSummary) => x.state).sort();
    expect(states('golive')).toEqual(['draft', 'in_production', 'pending_it_review', 'rolling_out', 'trial_run']);
    expect(states('release')).toEqual(['preparing', 'trial_run']);
    expect(states('access')).toEqual(['closed', 'pending_disable', 'requested']);
    // The trial run near three months, the account not disabled, the checks before the go-live being carried out.
    const kinds = (await f.ok('supervision:reminders', {}, 'yangfan')).items.map((x) => `${x.kind}:${x.title}`);
    expect(kinds.filter((k) => k.startsWith('trial_run'))).toEqual([expect.stringMatching(/^trial_run:SX-.* 手机银行理财超市 试运行将满三个月$/)]);
    const ops = (await f.ok('supervision:reminders', {}, 'sunhao')).items;
    expect(ops.filter((x) => x.kind === 'access_account').map((x) => [x.severity, x.title])).toEqual([['overdue', expect.stringContaining('网上银行系统 紧急访问（dev_tmp02） 访问账号未禁用')]]);
    expect(ops.filter((x) => x.formKind === 'golive').map((x) => x.title)).toEqual([expect.stringContaining('对公信贷审批系统二期 上线前系统检查')]);
    // Inbox entries: the business head's test report, the checklist line of the version administrator.
    expect((await f.ok('project:inbox', {}, 'hezong')).groups.map((g) => g.kind)).toEqual(['it_head']);
    const ver = (await f.ok('project:inbox', {}, 'zhengxin')).groups.find((g) => g.kind === 'prod_version_admin');
    expect(ver?.rows.map((x) => x.title)).toEqual(['对公信贷审批系统二期']);
    expect(ver?.count).toBe(1);

    // 附件2 prints the units by name (相关业务部门, 项目组), the plan's task on each checklist line.
    const live = list.rows.find((x: ProjectSummary) => x.state === 'in_production')!;
    const text = pdfText(Buffer.from((await f.ok('print:projectForm', { formId: live.formId }, 'hezong')).pdfBase64, 'base64')).replace(/\s+/g, '');
    expect(text).toContain('相关业务部门零售业务部');
    expect(text).toContain('项目组科技信息部软件开发中心');
    expect(text).not.toMatch(/RETAIL|DEV/);
    expect(text).toContain('工作内容：切换前置通讯接口');
    // §26 with chapters 4–5: counted by hand from project-demo.ts (now 2026-11-28): applied 07-01, 08-10,
    // 11-08, 11-25 (the 11-27 draft not yet) and releases 09-29, 11-18; live 07-26, 09-03 and 10-29;
    // accepted 11-08; in trial at the year's end 手机银行理财超市 and 支付清算系统升级.
    const counts = (lines: Array<{ key: string; golive: unknown[]; release: unknown[] }>) => lines.map((l) => `${l.key}:${l.golive.length}/${l.release.length}`);
    const year = await f.ok('stats:report', { from: '2026-01-01', to: '2026-12-31' }, 'hezong');
    expect(counts(year.projects)).toEqual(['applied:4/2', 'live:2/1', 'accepted:1/0', 'inTrial:1/1', 'withdrawn:0/0']);
    expect(year.projects.find((l) => l.key === 'inTrial')!.golive.map((x) => [x.title, x.date, x.stateLabel])).toEqual([['手机银行理财超市', '2026-09-03', '试运行']]);
    const november = await f.ok('stats:report', { from: '2026-11-01', to: '2026-11-30' }, 'hezong');
    expect(counts(november.projects)).toEqual(['applied:2/1', 'live:0/0', 'accepted:1/0', 'inTrial:1/1', 'withdrawn:0/0']);
    // A business unit's view: the forms it is the project team or the 相关业务部门 of.
    const corp = await f.ok('stats:report', { from: '2026-01-01', to: '2026-12-31', unit: 'CORP' }, 'hezong');
    expect(counts(corp.projects)).toEqual(['applied:1/1', 'live:0/1', 'accepted:0/0', 'inTrial:0/1', 'withdrawn:0/0']);
    const report = pdfText(Buffer.from((await f.ok('stats:reportPdf', { from: '2026-01-01', to: '2026-12-31' }, 'hezong')).pdfBase64, 'base64')).replace(/\s+/g, '');
    expect(report).toContain('八、软件上线与系统发布');
    expect(report).toContain('验收合格转正式运行10');

    // The access record says the account is overdue at printing (§17(7)).
    const overdue = list.rows.find((x: ProjectSummary) => x.state === 'pending_disable')!;
    const access = pdfText(Buffer.from((await f.ok('print:projectForm', { formId: overdue.formId }, 'hezong')).pdfBase64, 'base64')).replace(/\s+/g, '');
    expect(access).toContain('尚未禁用或删除——已逾期');
    expect(access).toContain('所属部门科技信息部软件开发中心');
  }, 120_000);
});
