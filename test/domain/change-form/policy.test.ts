import { describe, expect, it } from 'vitest';
import { applyChangeEvent, availableActions, summarizeChange, waitingRoles } from '../../../src-main/domain';
import { DEFAULT_POLICY_SETTINGS } from '../../../src-main/shared/schemas/calendar';
import type { ChangeFormState } from '../../../src-main/shared/schemas/change-form';
import { attempt, ctxOf, expectRefused, formIn, P, PART1, PART2, PLAN, plus, RISK_ITEMS, run, signPaper, SKIP } from './fixtures';

// (d) the policy rules of issue 3, each refusal citing its article.

/** A form with every part 三 record in place, planned for [start, end), awaiting the ops head. */
function planned(plannedStart: string, plannedEnd: string, part2: object = PART2): ChangeFormState {
  return formIn('pending_impl_approval', { saveAssessment: part2, savePlan: { ...PLAN, plannedStart, plannedEnd } });
}

const approve = (form: ChangeFormState, input: object = {}) => attempt(form, P.opsHead, 'implApprove', input);

describe('§17(2) time window: non-emergency changes go live outside business time', () => {
  it('refuses business hours on a workday, citing the article and the moment', () => {
    expectRefused(
      approve(planned('2026-12-01 10:00', '2026-12-01 11:00')),
      'POLICY',
      '违反第17条(2)：非紧急变更须安排在非业务时间上线（2026-12-01 10:00 为工作日业务时间）',
    );
  });

  it('allows a workday night, and the edges of business hours (08:30 start, 17:30 end)', () => {
    expect(approve(planned('2026-12-01 22:00', '2026-12-02 02:00')).ok).toBe(true);
    expect(approve(planned('2026-12-01 17:30', '2026-12-01 20:00')).ok).toBe(true);
    expect(approve(planned('2026-12-01 06:00', '2026-12-01 08:30')).ok).toBe(true);
    expectRefused(
      approve(planned('2026-12-01 06:00', '2026-12-01 08:31')),
      'POLICY',
      '违反第17条(2)：非紧急变更须安排在非业务时间上线（2026-12-01 08:30 为工作日业务时间）',
    );
    expectRefused(approve(planned('2026-12-01 17:29', '2026-12-01 20:00')), 'POLICY', /（2026-12-01 17:29 为工作日业务时间）$/);
  });

  it('allows daytime on a weekend and on a statutory holiday', () => {
    expect(approve(planned('2026-12-05 10:00', '2026-12-05 12:00')).ok).toBe(true); // Saturday
    expect(approve(planned('2026-10-01 10:00', '2026-10-01 12:00')).ok).toBe(true); // 国庆, a Thursday
  });

  it('treats a 调休 Saturday as a business day', () => {
    expectRefused(
      approve(planned('2026-10-10 10:00', '2026-10-10 12:00')),
      'POLICY',
      '违反第17条(2)：非紧急变更须安排在非业务时间上线（2026-10-10 10:00 为调休工作日业务时间）',
    );
    expect(approve(planned('2026-10-10 19:00', '2026-10-10 21:00')).ok).toBe(true);
  });

  it('lets the ops head override with a reason that stays on the form and shows in statistics', () => {
    const form = planned('2026-12-01 10:00', '2026-12-01 11:00');
    const actions = availableActions(form, ctxOf(P.opsHead));
    expect(actions.find((a) => a.name === 'implApprove')).toMatchObject({ allowed: true, warning: expect.stringContaining('越权理由') });
    const a = approve(form, { windowOverrideReason: '监管要求当日生效，业务部门已安排人工替代' });
    if (!a.ok) throw new Error(a.message);
    expect(a.form.state).toBe('scheduled');
    expect(a.form.overrides).toEqual([
      {
        rule: '17(2)',
        reason: '监管要求当日生效，业务部门已安排人工替代',
        finding: '2026-12-01 10:00 为工作日业务时间',
        plannedStart: '2026-12-01T10:00+08:00',
        userId: P.opsHead.userId,
        name: P.opsHead.name,
        role: 'ops_head',
        time: a.form.updatedAt,
      },
    ]);
    expect(summarizeChange(a.form).windowOverride).toBe(true);
    expect(summarizeChange(a.form).searchText).toContain('监管要求当日生效');
  });

  it('records no override when the window was fine', () => {
    const a = approve(planned('2026-12-05 10:00', '2026-12-05 12:00'), { windowOverrideReason: '多余' });
    if (!a.ok) throw new Error(a.message);
    expect(a.form.overrides).toEqual([]);
    expect(summarizeChange(a.form).windowOverride).toBe(false);
  });

  it('warns while planning and refuses to schedule in a year without a calendar unless overridden', () => {
    const plan = { ...PLAN, plannedStart: '2027-01-05 22:00', plannedEnd: '2027-01-05 23:00' };
    const saved = attempt(formIn('planning'), P.coordinator, 'savePlan', plan);
    if (!saved.ok) throw new Error(saved.message);
    expect(saved.decision.ok && saved.decision.warnings?.[0]).toMatch(/^依据第17条\(2\)：2027年节假日安排尚未载入/);
    const form = planned(plan.plannedStart, plan.plannedEnd);
    expectRefused(approve(form), 'POLICY', /^依据第17条\(2\)：2027年节假日安排尚未载入，无法判断计划上线时间是否为非业务时间/);
    const withYear = { ...DEFAULT_POLICY_SETTINGS, calendar: { years: { ...DEFAULT_POLICY_SETTINGS.calendar.years, '2027': { restDays: [], workdays: [] } } } };
    expect(attempt(form, P.opsHead, 'implApprove', {}, { settings: withYear }).ok).toBe(true);
    const o = approve(form, { windowOverrideReason: '2027年日历待发布，已人工核对非节假日夜间' });
    expect(o.ok && o.form.overrides[0]?.finding).toBe('2027年节假日安排尚未载入');
  });

  it('follows the business hours set in settings', () => {
    const form = planned('2026-12-01 08:00', '2026-12-01 08:45');
    expect(approve(form).ok).toBe(false);
    const later = { ...DEFAULT_POLICY_SETTINGS, businessHours: { start: '09:00', end: '18:00' } };
    expect(attempt(form, P.opsHead, 'implApprove', {}, { settings: later }).ok).toBe(true);
  });
});

describe('§19 business-impact notice', () => {
  const interrupting = { ...PART2, mayInterruptBusiness: true, interruptionNote: '核心系统停机30分钟' };
  const notice = (units: string[], noticeDate = '2026-12-01') => ({ units, scope: '柜面存取款', period: '2026-12-05 22:00–23:30', noticeDate });

  it('refuses to schedule a change that can interrupt business until 行长办公室 and 客户服务中心 are told in writing', () => {
    const form = planned('2026-12-05 22:00', '2026-12-05 23:30', interrupting);
    expectRefused(
      approve(form),
      'POLICY',
      '违反第19条：可能导致业务中断的变更，须在上线前书面告知相关业务部门（至少包括行长办公室和客户服务中心）后方可排期（尚未告知：行长办公室、客户服务中心）',
    );
    const one = run(form, P.coordinator, 'recordNotice', notice(['行长办公室', '个人金融部']));
    expectRefused(approve(one), 'POLICY', /（尚未告知：客户服务中心）$/);
    expect(availableActions(one, ctxOf(P.opsHead)).find((a) => a.name === 'implApprove')?.reason).toMatch(/尚未告知：客户服务中心/);
    const both = run(one, P.coordinator, 'recordNotice', notice(['客户服务中心']));
    expect(approve(both).ok).toBe(true);
    expect(both.part3.notices?.map((n) => n.units)).toEqual([['行长办公室', '个人金融部'], ['客户服务中心']]);
  });

  it('does not count a notice dated after go-live', () => {
    const form = run(planned('2026-12-05 22:00', '2026-12-05 23:30', interrupting), P.coordinator, 'recordNotice', notice(['行长办公室', '客户服务中心'], '2026-12-06'));
    expectRefused(approve(form), 'POLICY', /^违反第19条/);
  });

  it('needs no notice when the change cannot interrupt business', () => {
    expect(approve(planned('2026-12-05 22:00', '2026-12-05 23:30')).ok).toBe(true);
  });
});

describe('§16 security reviews', () => {
  it('sends a 中/高 risk change to the post-implementation review before 待申请部门确认', () => {
    for (const riskLevel of ['中', '高'] as const) {
      const form = formIn('implemented', { saveAssessment: { ...PART2, riskLevel } });
      const evaluated = run(form, P.coordinator, 'recordEvaluation', { goalMet: true, negativeImpact: false });
      expect(evaluated.state).toBe('pending_post_review');
      expect(waitingRoles(evaluated)).toEqual(['security_reviewer']);
      expectRefused(attempt(evaluated, P.deptHead, 'applicantConfirm', {}), 'WRONG_STEP', '「申请部门负责人确认」不能在「待上线后审阅」状态下办理');
      const reviewed = run(evaluated, P.security, 'postReview', { opinion: '达到变更目标', agree: true });
      expect(reviewed.state).toBe('pending_applicant_confirm');
      expect(run(reviewed, P.deptHead, 'applicantConfirm', {}).state).toBe('pending_archive');
    }
  });

  it('skips the post-implementation review for a low-risk change', () => {
    const evaluated = run(formIn('implemented'), P.coordinator, 'recordEvaluation', { goalMet: true, negativeImpact: false });
    expect(evaluated.state).toBe('pending_applicant_confirm');
  });

  it('refuses the applicant confirmation of a 中 risk form that somehow lacks the review', () => {
    const form = formIn('pending_applicant_confirm');
    const raised = applyChangeEvent(form, { id: 'x', type: 'change.saveAssessment', payload: { riskLevel: '中' }, author: 'u-x', authorName: 'x', role: 'admin', time: form.updatedAt, formId: form.formId });
    expectRefused(attempt(raised, P.deptHead, 'applicantConfirm', {}), 'POLICY', '违反第16条：风险等级为中的变更，须先完成信息安全上线后审阅');
  });

  it('needs an agreeing pre-implementation review before scheduling', () => {
    const form = formIn('pending_impl_approval', { recordPreReview: { opinion: '权限设置不符合要求', agree: false } });
    expectRefused(approve(form), 'POLICY', '第16条：信息安全上线前审阅未同意上线');
  });
});

describe('§13 assessment conclusions', () => {
  it('不建议实施 needs a reason and ends the form, which the applicant sees', () => {
    const base = run(formIn('pending_assessment'), P.coordinator, 'saveAssessment', { ...PART2, conclusion: '不建议实施' });
    expectRefused(attempt(base, P.coordinator, 'submitAssessment', {}), 'MISSING_FIELD', '请填写不建议实施的理由（第13条(1)）');
    const reasoned = run(base, P.coordinator, 'saveAssessment', { rejectReason: '现有参数功能已能满足' });
    const ended = run(run(reasoned, P.coordinator, 'submitAssessment', {}), P.opsHead, 'assessmentApprove', {});
    expect(ended.state).toBe('not_recommended');
    expect(ended.closure).toMatchObject({ kind: 'not_recommended', reason: '现有参数功能已能满足' });
    expect(waitingRoles(ended)).toEqual([]);
    expect(availableActions(ended, ctxOf(P.applicant))).toEqual([]);
  });

  it('转项目 ends the form with a pointer to the project', () => {
    const base = run(formIn('pending_assessment'), P.coordinator, 'saveAssessment', { conclusion: '转项目' });
    expectRefused(attempt(base, P.coordinator, 'submitAssessment', {}), 'MISSING_FIELD', '请填写转入的项目编号或名称（第13条(3)）');
    const pointed = run(base, P.coordinator, 'saveAssessment', { projectRef: 'XM-2026-031 新一代核心' });
    const ended = run(run(pointed, P.coordinator, 'submitAssessment', {}), P.opsHead, 'assessmentApprove', {});
    expect(ended.state).toBe('to_project');
    expect(ended.closure).toMatchObject({ kind: 'to_project', projectRef: 'XM-2026-031 新一代核心' });
    expect(summarizeChange(ended).searchText).toContain('XM-2026-031');
  });

  it('the one who submitted the assessment does not approve it (§5(5))', () => {
    const both = plus(P.coordinator, 'ops_head');
    const form = run(run(formIn('pending_assessment'), both, 'saveAssessment', PART2), both, 'submitAssessment', {});
    expectRefused(attempt(form, both, 'assessmentApprove', {}), 'SEGREGATION', '违反第5条(5)监督制约原则：不得审批本人提交的变更需求评估');
  });
});

describe('§5(8) new project or new business function', () => {
  it('requires the six risk items before the assessment goes up', () => {
    const form = run(run(undefined, P.applicant, 'create', { ...PART1, changeType: '新增功能' }), P.applicant, 'submit', {});
    const assessed = run(run(form, P.deptHead, 'deptApprove', {}), P.coordinator, 'saveAssessment', PART2);
    expectRefused(attempt(assessed, P.coordinator, 'submitAssessment', {}), 'MISSING_FIELD', '请填写备份机建设情况（第5条(8)：新项目或新业务功能须进行风险分析）');
    const partly = run(assessed, P.coordinator, 'saveAssessment', { newFunctionRisks: { ...RISK_ITEMS, otherSystems: '' } });
    expectRefused(attempt(partly, P.coordinator, 'submitAssessment', {}), 'MISSING_FIELD', '请填写对其他系统的影响（第5条(8)：新项目或新业务功能须进行风险分析）');
    const full = run(partly, P.coordinator, 'saveAssessment', { newFunctionRisks: RISK_ITEMS });
    expect(run(full, P.coordinator, 'submitAssessment', {}).state).toBe('pending_assessment_approval');
  });

  it('applies to any type marked as a new function', () => {
    const assessed = run(formIn('pending_assessment'), P.coordinator, 'saveAssessment', { ...PART2, newProjectOrFunction: true });
    expectRefused(attempt(assessed, P.coordinator, 'submitAssessment', {}), 'MISSING_FIELD', /^请填写备份机建设情况/);
  });
});

describe('§14 涉及软件开发', () => {
  it('asks how the development method guide was followed before the plan goes up', () => {
    const form = formIn('planning', { saveAssessment: { ...PART2, involvesSoftwareDev: true, needsDevelopment: true, devHours: 40 } });
    const withPlan = run(form, P.coordinator, 'savePlan', PLAN);
    expectRefused(
      attempt(withPlan, P.coordinator, 'submitPlan', {}),
      'MISSING_FIELD',
      '请填写开发方法指引执行记录（第14条：涉及软件开发的变更按《IT开发方法指引》执行）',
    );
    const ref = run(withPlan, P.coordinator, 'savePlan', { devMethodRef: '需求XQ-88，版本V2.3.1，设计与测试文档齐全' });
    expect(run(ref, P.coordinator, 'submitPlan', {}).state).toBe('pending_impl_approval');
  });

  it('asks for the estimated hours when development is needed (§12(1))', () => {
    const form = run(formIn('pending_assessment'), P.coordinator, 'saveAssessment', { ...PART2, needsDevelopment: true });
    expectRefused(attempt(form, P.coordinator, 'submitAssessment', {}), 'MISSING_FIELD', '请填写预计工时（第12条(1)）');
  });
});

describe('§18 user test and applicant confirmation', () => {
  it('needs a confirmed user test before the change is scheduled', () => {
    expectRefused(approve(formIn('pending_impl_approval', { recordUserTest: SKIP })), 'MISSING_FIELD', '请登记用户测试确认（第18条：变更上线前需进行用户测试）');
    const failed = formIn('pending_impl_approval', { recordUserTest: { result: '利息尾差不符', confirmed: false } });
    expectRefused(approve(failed), 'POLICY', '第18条：用户测试未通过确认，不能上线');
  });

  it('lets only the applicant unit record the user test', () => {
    expectRefused(
      attempt(formIn('planning'), { ...P.applicant2, userId: 'u-x', unitCode: 'BIZ2' }, 'recordUserTest', { result: '通过', confirmed: true }),
      'FORBIDDEN_ROLE',
      '无权办理「用户测试确认」：须由申请部门（零售业务部）的申请人办理（第9条）',
    );
  });
});

describe('§26 result record and §27 archive', () => {
  it('records a rollback with its reason, counted in the summary', () => {
    const rolled = run(formIn('scheduled'), P.sysadmin, 'recordResult', {
      outcome: '已回退',
      rollbackReason: '参数生效后批量计息异常',
      actualStart: '2026-12-05 22:00',
      actualEnd: '2026-12-05 23:20',
    });
    expect(rolled.state).toBe('rolled_back');
    const evaluated = run(rolled, P.coordinator, 'recordEvaluation', { goalMet: false, negativeImpact: true, negativeImpactNote: '延迟上线一周' });
    expect(evaluated.result).toMatchObject({ outcome: '已回退', rollbackReason: '参数生效后批量计息异常', goalMet: false, negativeImpact: true });
    expect(summarizeChange(evaluated)).toMatchObject({ rolledBack: true, outcome: '已回退' });
  });

  it('archives only after the IT dept head had it reviewed, and only by the archivist', () => {
    const form = formIn('pending_archive');
    expect(waitingRoles(form)).toEqual(['it_head']);
    const reviewed = run(form, P.itHead, 'archiveReview', { opinion: '资料齐全' });
    expect(waitingRoles(reviewed)).toEqual(['archivist']);
    expectRefused(attempt(reviewed, P.itHead, 'archiveReview', {}), 'INVALID_STATE', '科技信息部负责人已审阅');
    const archived = run(signPaper(reviewed), P.archivist, 'archive', {});
    expect(archived.state).toBe('archived');
    expect(archived.result.archivedBy?.userId).toBe(P.archivist.userId);
  });
});

describe('撤回 before 已排期', () => {
  it('is possible in every state before scheduling, by the applicant or their head', () => {
    for (const state of ['draft', 'pending_dept_approval', 'pending_assessment', 'pending_assessment_approval', 'planning', 'pending_impl_approval'] as const) {
      const w = run(formIn(state), P.deptHead, 'withdraw', { reason: '业务调整' });
      expect(w.state).toBe('withdrawn');
      expect(w.closure).toMatchObject({ kind: 'withdrawn', reason: '业务调整' });
    }
  });

  it('is refused once scheduled, saying what to do instead', () => {
    expectRefused(attempt(formIn('scheduled'), P.applicant, 'withdraw', { reason: '不做了' }), 'INVALID_STATE', '已排期的变更不能撤回；如需改期，由运行维护中心负责人取消排期');
  });

  it('is refused for another applicant of the same unit', () => {
    expectRefused(attempt(formIn('planning'), P.applicant2, 'withdraw', { reason: '业务调整' }), 'FORBIDDEN_ROLE', '无权办理「撤回」：须由申请人本人或申请部门负责人办理（第8条、第9条）');
  });
});
