import { describe, expect, it } from 'vitest';
import { applyChangeEvent, availableActions, decideChange, summarizeChange, waitingRoles, waitingScope } from '../../../src-main/domain';
import { changeCommandSchemas } from '../../../src-main/shared/schemas/change-form';
import { attempt, ctxOf, EM_PART1, emergencyIn, expectRefused, formIn, P, PART1, PART2, PLAN, run } from './fixtures';

// What the UI offers and the inbox lists, from the same guards decideChange uses.

const names = (form: Parameters<typeof availableActions>[0], actor: (typeof P)[keyof typeof P]) =>
  availableActions(form, ctxOf(actor))
    .filter((a) => a.allowed)
    .map((a) => a.name);

describe('availableActions', () => {
  it('offers create to applicants only', () => {
    expect(availableActions(undefined, ctxOf(P.applicant))).toEqual([{ name: 'create', label: '新建变更申请', allowed: true }]);
    expect(availableActions(undefined, ctxOf(P.sysadmin))[0]).toMatchObject({ allowed: false, reason: '无权办理「新建变更申请」：须由申请人或部门负责人办理（第8条）' });
  });

  it('lists each step for whoever may take it, and explains the others', () => {
    const draft = formIn('draft');
    expect(names(draft, P.applicant)).toEqual(['saveDraft', 'submit', 'withdraw', 'addAttachment']);
    expect(names(draft, P.deptHead)).toEqual(['withdraw', 'addAttachment']);
    const pending = formIn('pending_dept_approval');
    // §27: the applicant's block is signed, so the unit's head may record its hand signature.
    expect(names(pending, P.deptHead)).toEqual(['withdraw', 'deptApprove', 'deptReturn', 'recordWetSignature', 'addAttachment']);
    const other = availableActions(pending, ctxOf(P.otherDeptHead)).find((a) => a.name === 'deptApprove');
    expect(other).toMatchObject({ allowed: false, code: 'FORBIDDEN_ROLE', reason: '无权办理「部门负责人审批通过」：须由申请部门（零售业务部）的部门负责人办理（第9条）' });
    expect(names(formIn('planning'), P.coordinator)).toEqual(['savePlan', 'recordNotice', 'recordWetSignature', 'addAttachment']);
    expect(availableActions(formIn('planning'), ctxOf(P.coordinator)).find((a) => a.name === 'submitPlan')?.reason).toBe('请填写变更计划与步骤（第21条）');
    expect(names(formIn('planning'), P.tester)).toEqual(['recordItTest', 'addAttachment']);
    expect(names(formIn('scheduled'), P.sysadmin)).toEqual(['recordResult', 'addAttachment']);
    expect(names(formIn('archived'), P.archivist)).toEqual([]);
  });

  it('gives the very refusal the call gives', () => {
    const form = run(formIn('planning'), P.coordinator, 'savePlan', { ...PLAN, rollbackPlan: '' });
    const action = availableActions(form, ctxOf(P.coordinator)).find((a) => a.name === 'submitPlan');
    const decision = decideChange(form, { name: 'submitPlan', input: changeCommandSchemas.submitPlan.parse({}) }, ctxOf(P.coordinator));
    expect(action).toMatchObject({ allowed: false, reason: '请填写回退计划与步骤（第21条）', code: 'MISSING_FIELD' });
    expect(decision).toEqual({ ok: false, code: 'MISSING_FIELD', message: action?.reason });
  });

  it('tells a verb of another step (WRONG_STEP) from one whose earlier step must come first (INVALID_STATE)', () => {
    expectRefused(attempt(formIn('draft'), P.archivist, 'archive', {}), 'WRONG_STEP', '「归档」不能在「草稿」状态下办理');
    expect(availableActions(formIn('draft'), ctxOf(P.archivist)).map((a) => a.name)).not.toContain('archive');
    const waiting = emergencyIn('emergency_pending_auth');
    const backup = { programBackup: '程序已备份', dataBackup: '数据已备份', backupAt: '2026-11-20 02:30' };
    expectRefused(attempt(waiting, P.sysadmin, 'recordBackup', backup), 'INVALID_STATE', '违反第23条：紧急变更须先获得运行维护中心负责人的授权');
    // The button says so too, to the roles that will take that step; not to others.
    expect(availableActions(waiting, ctxOf(P.sysadmin)).find((a) => a.name === 'recordBackup')).toEqual({
      name: 'recordBackup',
      label: '登记程序和数据备份',
      allowed: false,
      reason: '违反第23条：紧急变更须先获得运行维护中心负责人的授权',
      code: 'INVALID_STATE',
    });
    expect(availableActions(waiting, ctxOf(P.tester)).find((a) => a.name === 'recordBackup')).toBeUndefined();
  });

  it('warns the coordinator while planning in business time', () => {
    const form = run(formIn('planning'), P.coordinator, 'savePlan', { ...PLAN, plannedStart: '2026-12-01 10:00', plannedEnd: '2026-12-01 11:00' });
    expect(availableActions(form, ctxOf(P.coordinator)).find((a) => a.name === 'submitPlan')?.warning).toBe(
      '违反第17条(2)：非紧急变更须安排在非业务时间上线（2026-12-01 10:00 为工作日业务时间）；实施审批时须由运行维护中心负责人填写越权理由',
    );
  });
});

describe('§17(4) developers and the ops side of a form', () => {
  it('refuses an ops-side step to someone who gave the development opinion on the same form', () => {
    const assessed = run(formIn('pending_assessment'), P.developer, 'devAssess', { devOpinion: '需修改计息模块', devHours: 24 });
    expect(assessed.part2).toMatchObject({ devOpinion: '需修改计息模块', devHours: 24 });
    // The same person later moved to 运行维护中心: still not on this form.
    const moved = { ...P.developer, roles: ['ops_coordinator' as const] };
    expectRefused(attempt(assessed, moved, 'saveAssessment', PART2), 'SEGREGATION', '违反第17条(4)：开发人员不得在同一变更单上担任运行维护中心职责（受理人）');
    expect(attempt(formIn('pending_assessment'), moved, 'saveAssessment', PART2).ok).toBe(true);
  });

  it('refuses the development opinion to someone who acted ops-side on the form', () => {
    const form = run(formIn('pending_assessment'), P.coordinator, 'saveAssessment', PART2);
    const turned = { ...P.coordinator, roles: ['developer' as const] };
    expectRefused(attempt(form, turned, 'devAssess', { devOpinion: '无需开发' }), 'SEGREGATION', '违反第17条(4)：已在本变更单上担任运行维护中心职责的人员不得再以开发人员身份参与');
  });
});

describe('waitingRoles and waitingScope (the inbox)', () => {
  it('names who acts next at each step of the ordinary path', () => {
    expect(waitingScope(formIn('draft'))).toEqual({ roles: ['applicant', 'dept_head'], userId: P.applicant.userId });
    expect(waitingScope(formIn('pending_dept_approval'))).toEqual({ roles: ['dept_head'], unitCode: 'BIZ1' });
    expect(waitingRoles(formIn('pending_assessment'))).toEqual(['ops_coordinator']);
    expect(waitingRoles(formIn('pending_assessment_approval'))).toEqual(['ops_head']);
    expect(waitingScope(formIn('planning'))).toEqual({ roles: ['ops_coordinator', 'tester', 'security_reviewer', 'applicant', 'dept_head'], unitCode: 'BIZ1' });
    expect(waitingRoles(formIn('pending_impl_approval'))).toEqual(['ops_head']);
    expect(waitingRoles(formIn('scheduled'))).toContain('sysadmin');
    expect(waitingRoles(formIn('scheduled'))).not.toContain('ops_head');
    expect(waitingRoles(formIn('implemented'))).toEqual(['ops_coordinator', 'ops_head']);
    expect(waitingScope(formIn('pending_applicant_confirm'))).toEqual({ roles: ['dept_head'], unitCode: 'BIZ1' });
    expect(waitingRoles(formIn('archived'))).toEqual([]);
  });

  it('sends an emergency draft to the applicant unit head and the request to the ops head', () => {
    expect(waitingScope(emergencyIn('draft'))).toEqual({ roles: ['dept_head'], unitCode: 'BIZ1' });
    expect(waitingRoles(emergencyIn('emergency_pending_auth'))).toEqual(['ops_head']);
    expect(waitingRoles(emergencyIn('emergency_pending_backup'))).toEqual(['sysadmin', 'dba', 'prod_version_admin', 'ops_coordinator']);
  });
});

describe('summarizeChange', () => {
  it('gives a list row with every text for search', () => {
    const form = formIn('scheduled');
    const s = summarizeChange(form);
    expect(s).toMatchObject({
      formId: 'F-1',
      formNo: 'BG-BIZ1-2026-0001',
      title: PART1.title,
      state: 'scheduled',
      stateLabel: '已排期',
      changeType: '业务参数修改',
      urgency: '一般',
      emergency: false,
      systems: ['CORE'],
      applicantUnit: 'BIZ1',
      applicantUnitName: '零售业务部',
      applicantUserId: P.applicant.userId,
      applicantName: P.applicant.name,
      appliedOn: '2026-11-20',
      plannedStart: '2026-12-05T22:00+08:00',
      plannedEnd: '2026-12-05T23:30+08:00',
      riskLevel: '低',
      windowOverride: false,
      rolledBack: false,
    });
    for (const text of [PART1.content, PART2.securityConsiderations, PLAN.rollbackPlan, '计息正确', '权限控制符合要求', '同意实施']) {
      expect(s.searchText).toContain(text);
    }
  });

  it('marks an emergency', () => {
    expect(summarizeChange(run(undefined, P.applicant, 'create', EM_PART1))).toMatchObject({ emergency: false, urgency: '特急' });
    expect(summarizeChange(emergencyIn('emergency_pending_auth')).emergency).toBe(true);
  });
});

describe('applyChangeEvent', () => {
  it('refuses an event that would skip a state (e.g. a conflicting edit from another terminal)', () => {
    const form = formIn('pending_assessment');
    expect(() =>
      applyChangeEvent(form, { id: 'e-x', type: 'change.implApprove', payload: { to: 'scheduled' }, author: P.opsHead.userId, authorName: P.opsHead.name, role: 'ops_head', time: form.updatedAt, formId: form.formId }),
    ).toThrow('变更单 BG-BIZ1-2026-0001 不能从「待受理评估」直接变为「已排期」（事件 e-x）');
  });

  it('refuses an unknown event type and an event for a form not created', () => {
    const form = formIn('draft');
    const base = { id: 'e-y', payload: {}, author: 'u', authorName: 'u', role: 'applicant' as const, time: form.updatedAt, formId: form.formId };
    expect(() => applyChangeEvent(form, { ...base, type: 'change.teleport' })).toThrow('未知的变更事件类型：change.teleport');
    expect(() => applyChangeEvent(undefined, { ...base, type: 'change.submit' })).toThrow(/尚未创建/);
  });
});

describe('role refusals', () => {
  it('list the roles that may act, as a person would say it', () => {
    expectRefused(attempt(emergencyIn('emergency_log_review'), P.tester, 'emergencyLogSign', {}), 'FORBIDDEN_ROLE', '无权办理「紧急变更日志审核签字」：须由运行维护中心负责人、受理人或部门负责人办理（第25条）');
  });
});
