import { describe, expect, it } from 'vitest';
import type { Reminder } from '../../src-main/shared/schemas/supervision';
import { useTempDirs } from '../helpers/temp-dir';
import { makeFixture, TestClock } from './fixtures';
import { act, startFlow, throughChecklist, throughPreparation, throughReviews } from './golive-flow';

const tempDir = useTempDirs();

const titles = (items: Reminder[]) => items.filter((r) => r.formKind && r.formKind !== 'change').map((r) => `${r.severity}:${r.kind}:${r.title}`);

describe('提醒 of the go-live, release and access forms (issue 9 with issue 8)', () => {
  it('the §36(1)–(2) checks before a go-live, the trial run reaching three months (§31(1)), each appearing and clearing', async () => {
    const clock = new TestClock('2026-11-28T19:00:00+08:00');
    const f = makeFixture(tempDir(), clock);
    const flow = await startFlow(f);
    const reminders = async (user: string) => titles((await f.ok('supervision:reminders', {}, user)).items);
    await throughReviews(flow);
    // Before the plan is approved no day is fixed: nothing owed yet.
    expect(await reminders('zhengxin')).toEqual([]);
    await throughPreparation(flow);
    // The plan's first step is on 2026-12-05, within the week: the checks are due, each for its own role.
    expect(await reminders('zhengxin')).toEqual(['due:inspection:SX-OPS-2026-0001 新一代个人网银系统 上线前版本检查']);
    expect(await reminders('sunhao')).toEqual(['due:inspection:SX-OPS-2026-0001 新一代个人网银系统 上线前系统检查']);
    expect(await reminders('zhaoliu')).toEqual([
      'due:inspection:SX-OPS-2026-0001 新一代个人网银系统 上线前版本检查',
      'due:inspection:SX-OPS-2026-0001 新一代个人网银系统 上线前系统检查',
    ]);
    expect(await reminders('lisi')).toEqual([]);
    // Recording the version check (naming the form) clears it; it is listed with the form's number.
    const check = { performedOn: '2026-11-28', inspectors: '郑欣', scope: '个人网银 V3.0 上线版本', findings: '版本与附件3一致' };
    const v = await f.ok('supervision:recordInspection', { ...check, kind: 'version', formId: flow.formId }, 'zhengxin');
    expect(v).toMatchObject({ formNo: 'SX-OPS-2026-0001', formKind: 'golive' });
    expect(await reminders('zhengxin')).toEqual([]);
    // Past the planned day without the system check it is overdue; the check clears it.
    await flow.at('2026-12-06T09:00:00+08:00');
    expect(await reminders('sunhao')).toEqual(['overdue:inspection:SX-OPS-2026-0001 新一代个人网银系统 上线前系统检查']);
    await f.ok('supervision:recordInspection', { ...check, performedOn: '2026-12-05', inspectors: '孙浩', findings: '系统资源充足', kind: 'system', formId: flow.formId }, 'sunhao');
    expect(await reminders('sunhao')).toEqual([]);

    await throughChecklist(flow);
    const s = await flow.state();
    expect(s.trial.startedAt?.slice(0, 10)).toBe('2026-12-06');
    // The trial run began 2026-12-06: acceptance from 2027-03-06, reminded from a week before.
    await flow.at('2027-02-26T09:00:00+08:00');
    expect(await reminders('yangfan')).toEqual([]);
    await flow.at('2027-02-27T09:00:00+08:00');
    expect(await reminders('yangfan')).toEqual(['due:trial_run:SX-OPS-2026-0001 新一代个人网银系统 试运行将满三个月']);
    const soon = (await f.ok('supervision:reminders', {}, 'hezong')).items.find((r) => r.kind === 'trial_run');
    expect(soon).toMatchObject({ due: '2027-03-06', article: '第31条(1)', formId: flow.formId, formKind: 'golive', detail: '试运行自 2026-12-06 开始，2027-03-06 起可由项目组提交正式验收申请报告' });
    expect(await reminders('sunhao')).toEqual([]);
    await flow.at('2027-03-06T09:00:00+08:00');
    expect(await reminders('yangfan')).toEqual(['due:trial_run:SX-OPS-2026-0001 新一代个人网银系统 试运行已满三个月']);
    const counts = (await f.ok('supervision:reminders', {}, 'yangfan')).counts;
    expect(counts.byKind.trial_run).toBe(1);
    // The request clears it.
    await act(flow, 'requestAcceptance', { summary: '试运行三个月运行平稳', documents: '验收申请报告' }, 'yangfan');
    expect(await reminders('yangfan')).toEqual([]);
  }, 120_000);

  it('a release reminds with chapter 5 articles', async () => {
    const clock = new TestClock('2026-11-28T19:00:00+08:00');
    const f = makeFixture(tempDir(), clock);
    const flow = await startFlow(f, 'release');
    await throughReviews(flow);
    await throughPreparation(flow);
    await throughChecklist(flow);
    await flow.at('2027-02-28T09:00:00+08:00');
    const r = (await f.ok('supervision:reminders', {}, 'yangfan')).items.find((x) => x.kind === 'trial_run');
    expect(r).toMatchObject({ title: 'FB-OPS-2026-0001 新一代个人网银系统 试运行已满三个月', article: '第35条(1)', formKind: 'release' });
  }, 120_000);

  it('an access account not disabled (§17(7)): due when the access ends, overdue after the grace hour, cleared when disabled', async () => {
    const clock = new TestClock('2026-11-28T19:30:00+08:00');
    const f = makeFixture(tempDir(), clock);
    const flow = await startFlow(f);
    const sunhao = flow.ids.sunhao!;
    const reminders = async (user: string) => titles((await f.ok('supervision:reminders', {}, user)).items);
    const created = await f.ok('access:create', { system: 'CORE', reason: '日终批处理中断，紧急修复', account: 'dev_tmp01', plannedStart: '2026-11-28 20:00', plannedEnd: '2026-11-28 22:00' }, 'hanmei');
    const formId = created.state.formId;
    await f.ok('access:approve', { formId, supervisorUserId: sunhao }, 'zhaoliu');
    await flow.at('2026-11-28T20:05:00+08:00');
    await f.ok('access:start', { formId, startedAt: '2026-11-28 20:00' }, 'sunhao');
    expect(await reminders('sunhao')).toEqual([]);
    // Still in production past the planned end and the grace hour: overdue.
    await flow.at('2026-11-28T23:05:00+08:00');
    expect(await reminders('sunhao')).toEqual(['overdue:access_account:FW-OPS-2026-0001 核心业务系统 紧急访问（dev_tmp01） 访问账号未禁用']);
    await f.ok('access:end', { formId, endedAt: '2026-11-28 23:00', workDone: '修正利息计算程序' }, 'sunhao');
    // Ended at 23:00: due until 24:00, for the ops side and the developer who asked; not for a business user.
    expect(await reminders('sunhao')).toEqual(['due:access_account:FW-OPS-2026-0001 核心业务系统 紧急访问（dev_tmp01） 访问账号未禁用']);
    expect(await reminders('hanmei')).toEqual(['due:access_account:FW-OPS-2026-0001 核心业务系统 紧急访问（dev_tmp01） 访问账号未禁用']);
    expect(await reminders('lisi')).toEqual([]);
    await flow.at('2026-11-29T00:30:00+08:00');
    const late = (await f.ok('supervision:reminders', {}, 'zhaoliu')).items.find((r) => r.kind === 'access_account');
    expect(late).toMatchObject({ severity: 'overdue', article: '第17条(7)', formKind: 'access', due: '2026-11-29' });
    await f.ok('access:disableAccount', { formId, disabledAt: '2026-11-29 00:20', action: '禁用' }, 'sunhao');
    expect(await reminders('zhaoliu')).toEqual([]);
  }, 120_000);
});
