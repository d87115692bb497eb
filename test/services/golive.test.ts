import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { auditLog, rebuildAll } from '../../src-main/services/maintenance';
import { useTempDirs } from '../helpers/temp-dir';
import { makeFixture, TestClock } from './fixtures';
import { act, APPLICATION, PLAN_TEXT, planSteps, startFlow, throughChecklist, throughReviews } from './golive-flow';

const tempDir = useTempDirs();

function dumpProject(db: Database) {
  return {
    form: db.prepare('SELECT * FROM project_form ORDER BY rowid').all(),
    waiting: db.prepare('SELECT * FROM project_waiting ORDER BY role, owner, updated_at, form_rowid').all(),
    counter: db.prepare('SELECT * FROM project_counter ORDER BY prefix, unit, year').all(),
  };
}

describe('附件2 go-live through the services', () => {
  it('application → reviews → preparation → checklist → trial → acceptance → 正式运行, each step refused when it should be', async () => {
    const clock = new TestClock('2026-11-28T19:00:00+08:00');
    const f = makeFixture(tempDir(), clock);
    const flow = await startFlow(f);
    let s = await flow.state();
    expect(s).toMatchObject({ state: 'draft', formNo: 'SX-OPS-2026-0001', application: { title: APPLICATION.title, appliedOn: '2026-11-28' } });

    // Only a project manager applies (§28(1)); the test report is signed by the named business unit's head.
    expect((await flow.refusal('golive:create', APPLICATION, 'wangwu')).code).toBe('FORBIDDEN_ROLE');
    expect(await flow.refusal('golive:submit', { formId: flow.formId }, 'yangfan')).toEqual({ code: 'MISSING_FIELD', message: expect.stringContaining('《用户测试验收报告》（第28条(1)）') });
    expect((await flow.refusal('golive:recordTestReport', { formId: flow.formId, reportTitle: 'x', conclusion: 'y', passed: true }, 'zhouba')).code).toBe('NOT_FOUND');
    // The business head sees the form (her unit is its 相关业务部门) and has it in her inbox.
    expect((await f.ok('project:inbox', {}, 'lisi')).groups.map((g) => g.kind)).toEqual(['dept_head']);
    const rejected = await act(flow, 'recordTestReport', { reportTitle: '测试验收报告', conclusion: '未通过', passed: false }, 'lisi');
    expect(rejected.testReport?.passed).toBe(false);
    expect((await flow.refusal('golive:submit', { formId: flow.formId }, 'yangfan')).message).toContain('违反第28条(1)');

    await throughReviews(flow);
    s = await flow.state();
    expect(s.state).toBe('preparing');
    expect(s.reviews.security).toMatchObject({ name: '秦安', agree: true, sealed: true });
    expect(s.reviews.itHead).toMatchObject({ name: '何总', agree: true, sealed: true });

    // 上线准备 (§29): plan parts, 责任人 of the right role, approval by another person, deliveries, 附件3.
    expect((await flow.refusal('golive:submitPlan', { formId: flow.formId }, 'yangfan')).message).toContain('请填写备份方案（第29条(1)）');
    const wrongPerson = planSteps(flow).map((x) => (x.item === 'network' ? { ...x, assigneeUserId: flow.ids.sunhao! } : x));
    expect(await flow.refusal('golive:savePlan', { formId: flow.formId, ...PLAN_TEXT, steps: wrongPerson }, 'yangfan')).toEqual({
      code: 'POLICY',
      message: expect.stringContaining('须由网络管理员负责（第30条(5)），孙浩不是网络管理员'),
    });
    const noSecurity = planSteps(flow).filter((x) => x.item !== 'security_check');
    await act(flow, 'savePlan', { ...PLAN_TEXT, steps: noSecurity }, 'yangfan');
    expect((await flow.refusal('golive:submitPlan', { formId: flow.formId }, 'yangfan')).message).toContain('缺少「安全检查');
    await act(flow, 'savePlan', { steps: planSteps(flow) }, 'yangfan');
    expect((await flow.refusal('golive:approvePlan', { formId: flow.formId, agree: true }, 'hezong')).message).toContain('尚未由项目经理提交审批');
    await act(flow, 'submitPlan', {}, 'yangfan');
    expect((await f.ok('project:inbox', {}, 'hezong')).groups[0]?.rows[0]?.formNo).toBe('SX-OPS-2026-0001');
    expect((await flow.refusal('golive:approvePlan', { formId: flow.formId, agree: true }, 'wangwu')).code).toBe('FORBIDDEN_ROLE');
    // §5(5): the plan's submitter never approves it, though a 部门负责人 of the same unit may.
    expect((await flow.refusal('golive:approvePlan', { formId: flow.formId, agree: true }, 'yangfan')).code).toBe('FORBIDDEN_ROLE');
    await act(flow, 'approvePlan', { agree: true, opinion: '同意' }, 'hezong');
    expect((await flow.refusal('golive:completePreparation', { formId: flow.formId }, 'wangwu')).message).toContain('业务管理办法和操作细则');
    await act(flow, 'recordDelivery', { what: 'rules', documents: '办法', recipients: '柜员', trainingDate: '2026-12-01' }, 'yangfan');
    await act(flow, 'recordDelivery', { what: 'manuals', documents: '手册', recipients: '值班', trainingDate: '2026-12-02' }, 'yangfan');
    expect((await flow.refusal('golive:completePreparation', { formId: flow.formId }, 'wangwu')).message).toContain('附件3《软件版本管理表》（第29条(4)）');
    await act(flow, 'recordVersionTable', { version: 'V3', components: [{ name: 'a.war', checksum: '0123456789abcdef0123456789abcdef' }], builtBy: '韩梅', builtAt: '2026-11-27 16:00' }, 'hanmei');
    expect((await flow.refusal('golive:completePreparation', { formId: flow.formId }, 'wangwu')).message).toContain('须由生产系统版本管理员接收');
    await act(flow, 'receiveVersionTable', {}, 'zhengxin');
    s = await act(flow, 'completePreparation', {}, 'wangwu');
    expect(s.state).toBe('rolling_out');
    expect(s.checklist.map((l) => [l.item, l.assigneeName, l.plannedAt])).toEqual([
      ['security_check', '秦安', '2026-12-05T20:00+08:00'],
      ['prod_backup', '郑欣', '2026-12-05T21:00+08:00'],
      ['network', '钱进', '2026-12-05T22:00+08:00'],
    ]);

    // 上线与试运行 (§30): each line only by its 责任人 in its role; no close with an unticked line.
    expect((await f.ok('project:inbox', {}, 'qianjin')).groups[0]?.rows.map((r) => r.formNo)).toEqual(['SX-OPS-2026-0001']);
    expect((await f.ok('project:inbox', {}, 'sunhao')).groups).toEqual([]);
    const net = s.checklist.find((l) => l.item === 'network')!;
    expect(await flow.refusal('golive:tickStep', { formId: flow.formId, lineId: net.id, doneAt: '2026-11-28 18:00' }, 'zhengxin')).toEqual({
      code: 'FORBIDDEN_ROLE',
      message: expect.stringContaining('须由网络管理员登记'),
    });
    expect((await flow.refusal('golive:tickStep', { formId: flow.formId, lineId: net.id, doneAt: '2026-11-28 20:00' }, 'qianjin')).message).toContain('不能晚于当前时间');
    await act(flow, 'tickStep', { lineId: net.id, doneAt: '2026-11-28 18:00' }, 'qianjin');
    expect((await flow.refusal('golive:tickStep', { formId: flow.formId, lineId: net.id, doneAt: '2026-11-28 18:00' }, 'qianjin')).message).toContain('已于 2026-11-28 18:00 登记完成');
    expect(await flow.refusal('golive:closeChecklist', { formId: flow.formId }, 'wangwu')).toEqual({
      code: 'POLICY',
      message: expect.stringContaining('违反第30条：检查表尚有 2 项未完成'),
    });
    for (const [item, who] of [['security_check', 'qinan'], ['prod_backup', 'zhengxin']] as const) {
      const line = s.checklist.find((l) => l.item === item)!;
      await act(flow, 'tickStep', { lineId: line.id, doneAt: '2026-11-28 18:30' }, who);
    }
    expect((await flow.refusal('golive:closeChecklist', { formId: flow.formId }, 'wangwu')).message).toContain('新老版本比对');
    await act(flow, 'recordVersionComparison', { oldVersion: 'V2', newVersion: 'V3', differences: '一致', consistent: true }, 'zhengxin');
    await act(flow, 'closeChecklist', {}, 'wangwu');
    s = await flow.state();
    expect(s.state).toBe('trial_run');
    expect(s.trial.startedAt).toBe('2026-11-28T19:00:00+08:00');

    // Trial run: key-date observations, a problem back to the project team.
    await act(flow, 'recordObservation', { keyDate: '下一营业日', date: '2026-11-30', observation: '联机交易正常', normal: true }, 'wangwu');
    await act(flow, 'recordObservation', { keyDate: '月终', date: '2026-11-30', observation: '月终批处理正常', normal: true }, 'chuli');
    await act(flow, 'reportProblem', { description: '转账回单打印字段错位' }, 'wangwu');
    expect((await f.ok('project:inbox', {}, 'hanmei')).groups.map((g) => g.kind)).toEqual(['developer']);

    // §31(1): three months of trial run — refused the day before, accepted on the day.
    await flow.at('2027-02-27T23:59:00+08:00');
    expect(await flow.refusal('golive:requestAcceptance', { formId: flow.formId, summary: '运行平稳', documents: '全套' }, 'yangfan')).toEqual({
      code: 'POLICY',
      message: '违反第31条(1)：试运行须满3个月方可提交正式验收申请报告（试运行自 2026-11-28 开始，最早 2027-02-28）',
    });
    expect((await f.ok('project:inbox', {}, 'yangfan')).acceptanceDue).toEqual([]);
    await flow.at('2027-02-28T00:00:00+08:00');
    expect((await f.ok('project:inbox', {}, 'yangfan')).acceptanceDue.map((r) => r.formNo)).toEqual(['SX-OPS-2026-0001']);
    expect((await flow.refusal('golive:requestAcceptance', { formId: flow.formId, summary: '运行平稳', documents: '全套' }, 'yangfan')).message).toContain('尚有 1 项未处理（第30条(13)）');
    await act(flow, 'resolveProblem', { problemId: 'p1', text: '已修正打印模板' }, 'hanmei');
    await act(flow, 'requestAcceptance', { summary: '试运行三个月，运行平稳', documents: '验收申请报告、测试报告、用户手册' }, 'yangfan');
    // §5(5): the applicant never accepts; 科技信息部负责人 accepts.
    expect((await flow.refusal('golive:accept', { formId: flow.formId, passed: true, opinion: 'ok', acceptedOn: '2027-03-01' }, 'wangwu')).code).toBe('FORBIDDEN_ROLE');
    s = await act(flow, 'accept', { passed: true, opinion: '验收合格，转正式运行', acceptedOn: '2027-03-01' }, 'hezong');
    expect(s.state).toBe('in_production');

    const view = await f.ok('project:get', { formId: flow.formId }, 'hezong');
    expect(view.timeline.at(-1)).toMatchObject({ label: '科技信息部验收', authorName: '何总', roleLabel: '科技信息部负责人' });
    expect((await f.ok('project:list', { kind: 'golive', text: '网银' }, 'hezong')).rows.map((r) => r.stateLabel)).toEqual(['正式运行']);
    // A business-only user of another unit sees nothing of it.
    expect((await f.ok('project:list', {}, 'zhangsan')).total).toBe(1);
    expect((await f.ok('project:list', {}, 'zhouba')).total).toBe(0);
    expect(await f.refused('project:get', { formId: flow.formId }, 'zhouba')).toBe('NOT_FOUND');

    expect(auditLog(f.db, f.dataDir).ok).toBe(true);
    const before = dumpProject(f.db);
    rebuildAll(f.db);
    expect(dumpProject(f.db)).toEqual(before);
  });

  it('returns by 项目管理科 or 科技信息部负责人 go back to the draft; a review is given once; a resubmission starts the reviews afresh', async () => {
    const f = makeFixture(tempDir());
    const flow = await startFlow(f);
    await act(flow, 'recordTestReport', { reportTitle: 'r', conclusion: '通过', passed: true }, 'lisi');
    await act(flow, 'submit', {}, 'yangfan');
    const back = await act(flow, 'pmoReview', { agree: false, opinion: '缺少测试报告附件' }, 'xuli');
    expect(back.state).toBe('draft');
    await act(flow, 'submit', {}, 'yangfan');
    await act(flow, 'pmoReview', { agree: true, opinion: '同意' }, 'xuli');
    await act(flow, 'securityReview', { agree: true, opinion: '同意' }, 'qinan');
    expect((await flow.refusal('golive:securityReview', { formId: flow.formId, agree: true, opinion: '再次' }, 'qinan')).code).toBe('INVALID_STATE');
    const returned = await act(flow, 'itHeadReview', { agree: false, opinion: '上线时间与年终决算冲突' }, 'hezong');
    expect(returned.state).toBe('draft');
    expect(returned.reviews.itHead?.agree).toBe(false);
    // Resubmitted, the reviews start afresh.
    await act(flow, 'submit', {}, 'yangfan');
    expect((await flow.state()).reviews).toEqual({});
  });

  it('refuses a form of another kind through a kind’s calls, and unknown people as 责任人', async () => {
    const f = makeFixture(tempDir());
    const flow = await startFlow(f);
    expect(await f.refused('release:submit', { formId: flow.formId }, 'yangfan')).toBe('NOT_FOUND');
    await throughReviews(flow);
    const steps = [{ item: 'security_check', task: 'x', assigneeUserId: 'nobody', plannedAt: '2026-12-05 20:00' }];
    expect((await flow.refusal('golive:savePlan', { formId: flow.formId, steps }, 'yangfan')).message).toContain('责任人不存在');
    const bad = [{ item: 'coffee', task: 'x', assigneeUserId: flow.ids.qinan!, plannedAt: '2026-12-05 20:00' }];
    expect((await flow.refusal('golive:savePlan', { formId: flow.formId, steps: bad }, 'yangfan')).message).toContain('不是第30条所列的一项');
  });
});

describe('附件4 release through the services', () => {
  it('its own checklist (§34) and articles; no 附件3; the three-month gate cites §35(1)', async () => {
    const clock = new TestClock('2026-11-30T22:00:00+08:00');
    const f = makeFixture(tempDir(), clock);
    const flow = await startFlow(f, 'release');
    expect((await flow.state()).formNo).toBe('FB-OPS-2026-0001');
    expect(await flow.refusal('release:submit', { formId: flow.formId }, 'yangfan')).toEqual({ code: 'MISSING_FIELD', message: expect.stringContaining('《系统测试验收报告》（第32条）') });
    await throughReviews(flow);
    expect((await flow.refusal('release:recordVersionTable', { formId: flow.formId, version: 'v', components: [{ name: 'a', checksum: '0123456789abcdef0123456789abcdef' }], builtBy: 'x', builtAt: '2026-11-27 16:00' }, 'yangfan')).message).toContain('系统发布无需');
    // §33(1) has no 上线环境 item: a release plan is complete without it.
    await act(flow, 'savePlan', { backup: 'b', rollback: 'r', problems: 'p', steps: planSteps(flow) }, 'yangfan');
    await act(flow, 'submitPlan', {}, 'yangfan');
    // §33(1): a release's plan is its 发布计划, in the buttons as in the policy.
    expect((await f.ok('project:get', { formId: flow.formId }, 'hezong')).actions.find((a) => a.name === 'approvePlan')?.label).toBe('审批发布计划');
    // §29(4), §30(2) are go-live only: a release's screen never offers them, even disabled.
    expect((await f.ok('project:get', { formId: flow.formId }, 'yangfan')).actions.map((a) => a.name)).not.toContain('recordVersionTable');
    await act(flow, 'approvePlan', { agree: true }, 'hezong');
    // §33(2)–(3): the deliveries wait in the project manager's 待办, then preparation in the coordinator's.
    const waiting = async (who: string) => (await f.ok('project:inbox', {}, who)).groups.flatMap((g) => g.rows.map((r) => r.formNo));
    expect(await waiting('yangfan')).toEqual(['FB-OPS-2026-0001']);
    expect(await waiting('wangwu')).toEqual([]);
    await act(flow, 'recordDelivery', { what: 'rules', documents: '办法', recipients: '柜员', trainingDate: '2026-12-01' }, 'yangfan');
    expect(await waiting('yangfan')).toEqual(['FB-OPS-2026-0001']);
    await act(flow, 'recordDelivery', { what: 'manuals', documents: '手册', recipients: '值班', trainingDate: '2026-12-02' }, 'yangfan');
    expect(await waiting('yangfan')).toEqual([]);
    expect(await waiting('wangwu')).toEqual(['FB-OPS-2026-0001']);
    const s = await act(flow, 'completePreparation', {}, 'wangwu');
    expect(s.checklist.map((l) => [l.article, l.assigneeName])).toEqual([
      ['第34条(2)', '秦安'],
      ['第34条(3)', '孙浩'],
    ]);
    expect((await flow.refusal('release:closeChecklist', { formId: flow.formId }, 'wangwu')).message).toContain('违反第34条');
    await throughChecklist(flow);
    expect((await flow.state()).state).toBe('trial_run');
    // Begun 2026-11-30: the month of February has no 30th, so the gate opens on 2027-02-28.
    await flow.at('2027-02-27T12:00:00+08:00');
    expect((await flow.refusal('release:requestAcceptance', { formId: flow.formId, summary: 's', documents: 'd' }, 'yangfan')).message).toBe(
      '违反第35条(1)：试运行须满3个月方可提交正式验收申请报告（试运行自 2026-11-30 开始，最早 2027-02-28）',
    );
    await flow.at('2027-02-28T08:00:00+08:00');
    await act(flow, 'requestAcceptance', { summary: 's', documents: 'd' }, 'yangfan');
    const failed = await act(flow, 'accept', { passed: false, opinion: '文档不全', acceptedOn: '2027-03-01' }, 'hezong');
    expect(failed.state).toBe('trial_run');
  });
});
