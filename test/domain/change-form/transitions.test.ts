import { describe, expect, it } from 'vitest';
import { applyChangeEvent, type Actor } from '../../../src-main/domain';
import type { ChangeCommandName, ChangeFormState, ChangeState } from '../../../src-main/shared/schemas/change-form';
import { attempt, EM_PLAN, emergencyIn, expectRefused, formIn, P, PART1, PART2, PLAN, plus, run, signPaper, SKIP } from './fixtures';

// Issue 3: every transition allowed for the right role, refused for a wrong role, refused on
// segregation of duties, refused with a missing field.

interface Case {
  verb: ChangeCommandName;
  from: () => ChangeFormState;
  right: Actor;
  input: unknown;
  to: ChangeState;
  wrong: Actor;
  /** An actor refused on segregation of duties (§5(5), §17(4)), with the message. */
  sod?: { actor: Actor; message: RegExp; from?: () => ChangeFormState };
  /** The same step with a field missing. */
  missing?: { from?: () => ChangeFormState; input?: unknown; actor?: Actor; code: string; message: string };
}

const SELF = /^违反第5条\(5\)监督制约原则：不得审批或签认本人申请的变更$/;
const DEV = /^违反第17条\(4\)：开发人员不得在同一变更单上担任运行维护中心职责/;

/** A form with a field blanked behind decide's back (decide could never produce it). */
function blanked(form: ChangeFormState, verb: 'saveDraft' | 'saveAssessment' | 'savePlan', payload: object): ChangeFormState {
  return applyChangeEvent(form, { id: 'x', type: `change.${verb}`, payload, author: 'u-x', authorName: 'x', role: 'admin', time: form.updatedAt, formId: form.formId });
}

const OPEN = { opinion: '同意' };

const CASES: Case[] = [
  {
    verb: 'submit',
    from: () => formIn('draft'),
    right: P.applicant,
    input: {},
    to: 'pending_dept_approval',
    wrong: P.coordinator,
    missing: { from: () => run(undefined, P.applicant, 'create', { ...PART1, content: '' }), code: 'MISSING_FIELD', message: '请填写变更内容和目的（第8条(2)）' },
  },
  {
    verb: 'withdraw',
    from: () => formIn('planning'),
    right: P.applicant,
    input: { reason: '需求取消' },
    to: 'withdrawn',
    wrong: P.opsHead,
    missing: { input: { reason: ' ' }, code: 'INVALID_INPUT', message: '请填写撤回原因' },
  },
  {
    verb: 'deptApprove',
    from: () => formIn('pending_dept_approval'),
    right: P.deptHead,
    input: OPEN,
    to: 'pending_assessment',
    wrong: P.otherDeptHead,
    sod: { actor: plus(P.applicant, 'dept_head'), message: SELF },
    missing: { from: () => blanked(formIn('pending_dept_approval'), 'saveDraft', { contact: '' }), code: 'MISSING_FIELD', message: '请填写联系方式（第8条）' },
  },
  {
    verb: 'deptReturn',
    from: () => formIn('pending_dept_approval'),
    right: P.deptHead,
    input: { opinion: '请补充不实施的影响' },
    to: 'draft',
    wrong: P.applicant2,
    sod: { actor: plus(P.applicant, 'dept_head'), message: SELF },
    missing: { input: {}, code: 'INVALID_INPUT', message: '请填写退回意见' },
  },
  {
    verb: 'submitAssessment',
    from: () => run(formIn('pending_assessment'), P.coordinator, 'saveAssessment', PART2),
    right: P.coordinator,
    input: {},
    to: 'pending_assessment_approval',
    wrong: P.developer,
    sod: { actor: plus(P.coordinator, 'developer'), message: DEV },
    missing: {
      from: () => run(formIn('pending_assessment'), P.coordinator, 'saveAssessment', { ...PART2, riskLevel: undefined }),
      code: 'MISSING_FIELD',
      message: '请填写风险等级（第16条）',
    },
  },
  {
    verb: 'assessmentApprove',
    from: () => formIn('pending_assessment_approval'),
    right: P.opsHead,
    input: OPEN,
    to: 'planning',
    wrong: P.coordinator,
    sod: { actor: plus(P.applicant, 'ops_head'), message: SELF },
    missing: {
      from: () => blanked(formIn('pending_assessment_approval'), 'saveAssessment', { serviceImpact: '' }),
      code: 'MISSING_FIELD',
      message: '请填写对客户服务和内部操作的影响（第13条(2)）',
    },
  },
  {
    verb: 'assessmentReturn',
    from: () => formIn('pending_assessment_approval'),
    right: P.opsHead,
    input: { opinion: '风险等级偏低' },
    to: 'pending_assessment',
    wrong: P.security,
    sod: { actor: plus(P.opsHead, 'developer'), message: DEV },
    missing: { input: { opinion: '' }, code: 'INVALID_INPUT', message: '请填写退回意见' },
  },
  {
    verb: 'submitPlan',
    from: () => run(formIn('planning'), P.coordinator, 'savePlan', PLAN),
    right: P.coordinator,
    input: {},
    to: 'pending_impl_approval',
    wrong: P.tester,
    sod: { actor: plus(P.coordinator, 'developer'), message: DEV },
    missing: {
      from: () => run(formIn('planning'), P.coordinator, 'savePlan', { ...PLAN, rollbackPlan: '' }),
      code: 'MISSING_FIELD',
      message: '请填写回退计划与步骤（第21条）',
    },
  },
  {
    verb: 'implApprove',
    from: () => formIn('pending_impl_approval'),
    right: P.opsHead,
    input: OPEN,
    to: 'scheduled',
    wrong: P.itHead,
    sod: { actor: plus(P.applicant, 'ops_head'), message: SELF },
    missing: {
      from: () => formIn('pending_impl_approval', { recordItTest: SKIP }),
      code: 'MISSING_FIELD',
      message: '请登记IT测试步骤与结果及测试人员签字（第15条、第21条）',
    },
  },
  {
    verb: 'implReturn',
    from: () => formIn('pending_impl_approval'),
    right: P.opsHead,
    input: { opinion: '回退步骤不够具体' },
    to: 'planning',
    wrong: P.coordinator,
    sod: { actor: plus(P.opsHead, 'developer'), message: DEV },
    missing: { input: {}, code: 'INVALID_INPUT', message: '请填写退回意见' },
  },
  {
    verb: 'reschedule',
    from: () => formIn('scheduled'),
    right: P.opsHead,
    input: { reason: '与年终结算冲突' },
    to: 'planning',
    wrong: P.sysadmin,
    sod: { actor: plus(P.opsHead, 'developer'), message: DEV },
    missing: { input: {}, code: 'INVALID_INPUT', message: '请填写改期原因' },
  },
  {
    verb: 'recordResult',
    from: () => formIn('scheduled'),
    right: P.sysadmin,
    input: { outcome: '已回退', rollbackReason: '验证失败', actualStart: '2026-12-05 22:00', actualEnd: '2026-12-05 23:10' },
    to: 'rolled_back',
    wrong: P.developer,
    sod: { actor: plus(P.sysadmin, 'developer'), message: DEV },
    missing: {
      input: { outcome: '已回退', actualStart: '2026-12-05 22:00', actualEnd: '2026-12-05 23:10' },
      code: 'MISSING_FIELD',
      message: '请填写回退原因（第26条(5)）',
    },
  },
  {
    verb: 'recordEvaluation',
    from: () => formIn('implemented'),
    right: P.coordinator,
    input: { goalMet: true, negativeImpact: false },
    to: 'pending_applicant_confirm',
    wrong: P.applicant,
    sod: { actor: plus(P.coordinator, 'developer'), message: DEV },
    missing: { input: { goalMet: true, negativeImpact: true }, code: 'MISSING_FIELD', message: '请填写负面影响说明（第26条(2)）' },
  },
  {
    verb: 'postReview',
    from: () => formIn('pending_post_review', { saveAssessment: { ...PART2, riskLevel: '中' } }),
    right: P.security,
    input: { opinion: '达到目标', agree: true },
    to: 'pending_applicant_confirm',
    wrong: P.tester,
    sod: { actor: plus(P.applicant, 'security_reviewer'), message: SELF },
    missing: { input: { agree: true }, code: 'INVALID_INPUT', message: '请填写信息安全上线后审阅意见' },
  },
  {
    verb: 'applicantConfirm',
    from: () => formIn('pending_applicant_confirm'),
    right: P.deptHead,
    input: OPEN,
    to: 'pending_archive',
    wrong: P.otherDeptHead,
    sod: { actor: plus(P.applicant, 'dept_head'), message: SELF },
  },
  {
    verb: 'archive',
    from: () => signPaper(run(formIn('pending_archive'), P.itHead, 'archiveReview', {})),
    right: P.archivist,
    input: {},
    to: 'archived',
    wrong: P.itHead,
    missing: { from: () => formIn('pending_archive'), code: 'POLICY', message: '第27条：流程单须经科技信息部负责人安排审阅后方可归档' },
  },
  // Emergency change (§22–§25)
  {
    verb: 'emergencyRequest',
    from: () => emergencyIn('draft'),
    right: P.deptHead,
    input: { reason: '监管要求紧急调整利率' },
    to: 'emergency_pending_auth',
    wrong: P.applicant,
    missing: { input: {}, code: 'INVALID_INPUT', message: '请填写紧急变更原因' },
  },
  {
    verb: 'emergencyAuthorise',
    from: () => emergencyIn('emergency_pending_auth'),
    right: P.opsHead,
    input: { mode: '邮件', authorisedAt: '2026-11-20 02:00' },
    to: 'emergency_pending_backup',
    wrong: P.sysadmin,
    sod: { actor: plus(P.deptHead, 'ops_head'), message: /^违反第5条\(5\)监督制约原则：紧急变更的提出人不得审批或签认本人提出的紧急变更$/ },
    missing: {
      actor: P.coordinator,
      input: { mode: '口头', authorisedAt: '2026-11-20 02:00' },
      code: 'MISSING_FIELD',
      message: '请填写授权人（运行维护中心负责人）姓名（第23条）',
    },
  },
  {
    verb: 'emergencyDecline',
    from: () => emergencyIn('emergency_pending_auth'),
    right: P.opsHead,
    input: { reason: '可按一般变更在周末实施' },
    to: 'draft',
    wrong: P.coordinator,
    sod: { actor: plus(P.opsHead, 'developer'), message: DEV },
    missing: { input: {}, code: 'INVALID_INPUT', message: '请填写不予授权的理由' },
  },
  {
    verb: 'recordBackup',
    from: () => emergencyIn('emergency_pending_backup'),
    right: P.sysadmin,
    input: { programBackup: '程序已备份', dataBackup: '数据已备份', backupAt: '2026-11-20 02:30' },
    to: 'emergency_pending_impl',
    wrong: P.developer,
    sod: { actor: plus(P.sysadmin, 'developer'), message: DEV },
    missing: { input: { programBackup: '程序已备份', backupAt: '2026-11-20 02:30' }, code: 'INVALID_INPUT', message: '请填写数据备份情况' },
  },
  {
    verb: 'emergencyImplement',
    from: () => emergencyIn('emergency_pending_impl'),
    right: P.sysadmin,
    input: { implementedAt: '2026-11-20 03:00', testedBefore: true, outcome: '成功' },
    to: 'emergency_followup',
    wrong: P.developer,
    sod: { actor: plus(P.sysadmin, 'developer'), message: DEV },
    missing: { input: { implementedAt: '2026-11-20 03:00', outcome: '成功' }, code: 'INVALID_INPUT', message: '请选择实施前是否已测试（是/否）' },
  },
  {
    verb: 'completePaperwork',
    from: () => run(run(emergencyIn('emergency_followup', { emergencyImplement: { implementedAt: '2026-11-20 03:00', testedBefore: true, outcome: '成功' } }), P.coordinator, 'saveAssessment', { existingCanMeet: false, needsDevelopment: false, securityConsiderations: '无', mayInterruptBusiness: false, riskLevel: '低' }), P.coordinator, 'savePlan', EM_PLAN),
    right: P.opsHead,
    input: {},
    to: 'emergency_log_review',
    wrong: P.coordinator,
    sod: { actor: plus(P.applicant, 'ops_head'), message: SELF },
    missing: {
      from: () => run(emergencyIn('emergency_followup'), P.coordinator, 'savePlan', { changePlan: '替换程序' }),
      code: 'MISSING_FIELD',
      message: '请填写现有功能/设置能否满足（第11条；第23条补单）',
    },
  },
  {
    verb: 'recordRetest',
    from: () => emergencyIn('emergency_followup'),
    right: P.tester,
    input: { steps: '复现', result: '通过', passed: true },
    to: 'emergency_followup',
    wrong: P.sysadmin,
    sod: { actor: plus(P.applicant, 'tester'), message: SELF },
    missing: { input: { steps: '复现', passed: true }, code: 'INVALID_INPUT', message: '请填写补测结果' },
  },
  {
    verb: 'emergencyLogSign',
    from: () => emergencyIn('emergency_log_review'),
    right: P.deptHead,
    input: OPEN,
    to: 'emergency_log_review',
    wrong: P.tester,
    sod: { actor: plus(P.applicant, 'ops_coordinator'), message: SELF },
  },
];

describe.each(CASES)('$verb', (c) => {
  it(`is allowed for ${c.right.roles.join('/')} and leads to ${c.to}`, () => {
    const before = c.from();
    const a = attempt(before, c.right, c.verb, c.input);
    if (!a.ok) throw new Error(a.message);
    expect(a.form.state).toBe(c.to);
    expect(a.form.version).toBe(before.version + 1);
    expect(a.decision.ok && a.decision.events[0]?.type).toBe(`change.${c.verb}`);
  });

  it('is refused for a wrong role, naming the role and article', () => {
    expectRefused(attempt(c.from(), c.wrong, c.verb, c.input), 'FORBIDDEN_ROLE', /^无权办理「.+」：须由.+办理（第\d+条.*）$/);
  });
});

// Steps without a segregation case are the applicant's own (submit, withdraw, emergencyRequest)
// or the archivist's filing, which approves nothing.
describe.each(CASES.filter((c) => c.sod))('$verb', (c) => {
  it('is refused on segregation of duties', () => {
    const sod = c.sod as NonNullable<Case['sod']>;
    expectRefused(attempt((sod.from ?? c.from)(), sod.actor, c.verb, c.input), 'SEGREGATION', sod.message);
  });
});

// applicantConfirm and emergencyLogSign need nothing but a signature; their gates (§16, §25)
// are tested in policy.test.ts and emergency.test.ts.
describe.each(CASES.filter((c) => c.missing))('$verb', (c) => {
  it('is refused with a missing field', () => {
    const m = c.missing as NonNullable<Case['missing']>;
    expectRefused(attempt((m.from ?? c.from)(), m.actor ?? c.right, c.verb, m.input ?? c.input), m.code, m.message);
  });
});
