import { describe, expect, it } from 'vitest';
import { availableActions, emergencyOverdue, summarizeChange, waitingRoles } from '../../../src-main/domain';
import { DEFAULT_POLICY_SETTINGS } from '../../../src-main/shared/schemas/calendar';
import { attempt, ctxOf, EM_PART2, EM_PLAN, emergencyIn, EMERGENCY_PATH, expectRefused, formIn, P, PART1, run, signPaper } from './fixtures';

// Emergency change (§22–§25): asked by the applicant's head, authorised by the ops head, backed
// up before implementation, then 补单 and 补测 within a number of working days, then the joint
// review of the 紧急变更日志.

const settings = DEFAULT_POLICY_SETTINGS;

describe('the emergency path', () => {
  it('runs from request to archive, never skipping a step', () => {
    const states: string[] = [];
    let form = undefined as ReturnType<typeof run> | undefined;
    for (const [name, actor, input] of EMERGENCY_PATH) {
      if (name === 'archive' && form) form = signPaper(form);
      form = run(form, actor, name, input);
      states.push(form.state);
    }
    expect(states).toEqual([
      'draft',
      'emergency_pending_auth',
      'emergency_pending_backup',
      'emergency_pending_impl',
      'emergency_followup',
      'emergency_followup',
      'emergency_followup',
      'emergency_followup',
      'emergency_log_review',
      'emergency_log_review',
      'pending_archive',
      'pending_archive',
      'archived',
    ]);
    const e = form?.emergency;
    expect(e?.authorisation).toMatchObject({ mode: '口头', authorisedAt: '2026-11-20T02:10+08:00', authoriserName: P.opsHead.name });
    expect(e?.backup).toMatchObject({ programBackup: '/backup/core/20261120', backupAt: '2026-11-20T02:30+08:00' });
    expect(e?.retest?.userId).toBe(P.tester.userId);
    expect(e?.logReview.ops?.userId).toBe(P.opsHead.userId);
    expect(e?.logReview.applicant?.userId).toBe(P.deptHead.userId);
    expect(summarizeChange(form!)).toMatchObject({ emergency: true, urgency: '特急', outcome: '成功' });
  });

  it('is implemented in business hours without a §17(2) check (the rule exempts 特急)', () => {
    const form = emergencyIn('emergency_pending_impl');
    const a = attempt(form, P.sysadmin, 'emergencyImplement', { implementedAt: '2026-11-20 09:30', testedBefore: true, outcome: '成功' });
    expect(a.ok).toBe(true);
  });

  it('goes to the ordinary path only through a normal submit, which refuses 特急', () => {
    expectRefused(attempt(emergencyIn('draft'), P.applicant, 'submit', {}), 'POLICY', '急迫性为「特急」的变更须由申请部门负责人按紧急变更流程提出（第23条）');
    expectRefused(attempt(formIn('draft'), P.deptHead, 'emergencyRequest', { reason: '急' }), 'POLICY', '第22条：只有急迫性为「特急」的变更才能按紧急变更流程提出');
  });

  it('a declined request goes back to the draft without its emergency record', () => {
    const declined = run(emergencyIn('emergency_pending_auth'), P.opsHead, 'emergencyDecline', { reason: '可安排在周末' });
    expect(declined.state).toBe('draft');
    expect(declined.emergency).toBeUndefined();
    const normal = run(run(declined, P.applicant, 'saveDraft', { urgency: '紧急' }), P.applicant, 'submit', {});
    expect(normal.state).toBe('pending_dept_approval');
  });
});

describe('§23 authorisation', () => {
  const form = () => emergencyIn('emergency_pending_auth');

  it('may be recorded by the coordinator for an oral or e-mail authorisation, naming the head', () => {
    const a = run(form(), P.coordinator, 'emergencyAuthorise', { mode: '邮件', authorisedAt: '2026-11-20 02:05', authoriserName: '刘洋' });
    expect(a.emergency?.authorisation).toMatchObject({ mode: '邮件', authoriserName: '刘洋', recordedBy: { userId: P.coordinator.userId } });
  });

  it('must be given by the head in person when it is 系统内', () => {
    expectRefused(
      attempt(form(), P.coordinator, 'emergencyAuthorise', { mode: '系统内', authorisedAt: '2026-11-20 02:05', authoriserName: '刘洋' }),
      'FORBIDDEN_ROLE',
      '系统内授权须由运行维护中心负责人本人办理（第23条）',
    );
  });

  it('cannot be dated in the future', () => {
    expectRefused(attempt(form(), P.opsHead, 'emergencyAuthorise', { mode: '口头', authorisedAt: '2026-11-21 02:05' }), 'MISSING_FIELD', '授权时间不能晚于当前时间');
  });

  it('asks only the applicant unit head to request it', () => {
    expectRefused(attempt(emergencyIn('draft'), P.otherDeptHead, 'emergencyRequest', { reason: '急' }), 'FORBIDDEN_ROLE', /^无权办理「提出紧急变更」：须由申请部门（零售业务部）的部门负责人办理/);
  });
});

describe('§25 backup before implementation', () => {
  it('refuses implementation before the backup is recorded, and one dated before the backup', () => {
    expectRefused(
      attempt(emergencyIn('emergency_pending_backup'), P.sysadmin, 'emergencyImplement', { implementedAt: '2026-11-20 03:00', testedBefore: true, outcome: '成功' }),
      'INVALID_STATE',
      '违反第25条：紧急变更实施前须先登记程序和数据备份',
    );
    expectRefused(
      attempt(emergencyIn('emergency_pending_impl'), P.sysadmin, 'emergencyImplement', { implementedAt: '2026-11-20 02:20', testedBefore: true, outcome: '成功' }),
      'POLICY',
      '违反第25条：程序和数据备份须在紧急变更实施之前完成',
    );
  });

  it('refuses a backup before the authorisation', () => {
    expectRefused(
      attempt(emergencyIn('emergency_pending_auth'), P.sysadmin, 'recordBackup', { programBackup: 'a', dataBackup: 'b', backupAt: '2026-11-20 02:30' }),
      'INVALID_STATE',
      '违反第23条：紧急变更须先获得运行维护中心负责人的授权',
    );
  });
});

describe('§23–§24 补单 and 补测', () => {
  it('lists both as open after an untested implementation, then closes them', () => {
    const form = emergencyIn('emergency_followup');
    expect(waitingRoles(form)).toEqual(['ops_coordinator', 'ops_head', 'tester']);
    expect(emergencyOverdue(form, '2026-11-20T12:00+08:00', settings)).toEqual([
      { kind: '补单', openSince: '2026-11-20T03:00+08:00', deadline: '2026-11-25', workingDaysOpen: 0, overdue: false },
      { kind: '补测', openSince: '2026-11-20T03:00+08:00', deadline: '2026-11-25', workingDaysOpen: 0, overdue: false },
    ]);
    const retested = run(form, P.tester, 'recordRetest', { steps: '复现', result: '通过', passed: true });
    expect(emergencyOverdue(retested, '2026-11-20T12:00+08:00', settings).map((i) => i.kind)).toEqual(['补单']);
    const complete = run(run(run(retested, P.coordinator, 'saveAssessment', EM_PART2), P.coordinator, 'savePlan', EM_PLAN), P.opsHead, 'completePaperwork', {});
    expect(complete.state).toBe('emergency_log_review');
    expect(emergencyOverdue(complete, '2026-11-30T12:00+08:00', settings)).toEqual([]);
  });

  it('counts working days across a weekend: overdue after the third working day', () => {
    const form = emergencyIn('emergency_followup'); // implemented Friday 2026-11-20
    const on = (now: string) => emergencyOverdue(form, now, settings)[0];
    expect(on('2026-11-22T20:00+08:00')).toMatchObject({ workingDaysOpen: 0, overdue: false }); // Sunday
    expect(on('2026-11-25T17:00+08:00')).toMatchObject({ workingDaysOpen: 3, overdue: false }); // Wednesday, the deadline
    expect(on('2026-11-26T09:00+08:00')).toMatchObject({ workingDaysOpen: 4, overdue: true });
  });

  it('counts working days across 国庆 and a 调休 Saturday', () => {
    const form = emergencyIn('emergency_followup', {
      emergencyAuthorise: { mode: '口头', authorisedAt: '2026-09-30 20:00' },
      recordBackup: { programBackup: 'p', dataBackup: 'd', backupAt: '2026-09-30 20:30' },
      emergencyImplement: { implementedAt: '2026-09-30 21:00', testedBefore: false, outcome: '成功' },
    });
    const item = (now: string) => emergencyOverdue(form, now, settings)[0];
    expect(item('2026-10-07T12:00+08:00')).toMatchObject({ deadline: '2026-10-10', workingDaysOpen: 0, overdue: false });
    expect(item('2026-10-10T12:00+08:00')).toMatchObject({ workingDaysOpen: 3, overdue: false });
    expect(item('2026-10-11T12:00+08:00')).toMatchObject({ workingDaysOpen: 3, overdue: true });
    const longer = { ...settings, emergencyPaperworkWorkingDays: 5 };
    expect(emergencyOverdue(form, '2026-10-11T12:00+08:00', longer)[0]).toMatchObject({ deadline: '2026-10-13', overdue: false });
  });

  it('needs no 补测 when tested before, and says so', () => {
    const form = emergencyIn('emergency_followup', { emergencyImplement: { implementedAt: '2026-11-20 03:00', testedBefore: true, outcome: '成功' } });
    expect(emergencyOverdue(form, '2026-11-20T12:00+08:00', settings).map((i) => i.kind)).toEqual(['补单']);
    expectRefused(attempt(form, P.tester, 'recordRetest', { steps: 'a', result: 'b', passed: true }), 'INVALID_STATE', '该紧急变更实施前已测试，无需补测（第24条）');
  });

  it('freezes the parts once 补单 is signed', () => {
    const form = run(run(run(emergencyIn('emergency_followup'), P.coordinator, 'saveAssessment', EM_PART2), P.coordinator, 'savePlan', EM_PLAN), P.opsHead, 'completePaperwork', {});
    expect(form.state).toBe('emergency_followup'); // 补测 still open
    expectRefused(attempt(form, P.coordinator, 'savePlan', { changePlan: '改' }), 'INVALID_STATE', '补单已审核签字，不能再修改（第23条）');
    expect(availableActions(form, ctxOf(P.applicant)).find((a) => a.name === 'saveDraft')?.reason).toBe('补单已审核签字，不能再修改（第23条）');
  });

  it('needs part 一 complete for 补单 (§23)', () => {
    const form = emergencyIn('emergency_followup', { create: { ...PART1, urgency: '特急', contact: '' } });
    const ready = run(run(form, P.coordinator, 'saveAssessment', EM_PART2), P.coordinator, 'savePlan', EM_PLAN);
    expectRefused(attempt(ready, P.opsHead, 'completePaperwork', {}), 'MISSING_FIELD', '请填写联系方式（第8条）');
    const filled = run(ready, P.applicant, 'saveDraft', { contact: '010-66660001' });
    expect(run(filled, P.opsHead, 'completePaperwork', {}).emergency?.paperwork?.userId).toBe(P.opsHead.userId);
  });

  it('with risk 中/高 waits for the post-implementation review too (§16)', () => {
    const form = run(run(run(emergencyIn('emergency_followup'), P.coordinator, 'saveAssessment', { ...EM_PART2, riskLevel: '高' }), P.coordinator, 'savePlan', EM_PLAN), P.opsHead, 'completePaperwork', {});
    const retested = run(form, P.tester, 'recordRetest', { steps: 'a', result: 'b', passed: true });
    expect(retested.state).toBe('emergency_followup');
    expect(waitingRoles(retested)).toEqual(['security_reviewer']);
    expect(run(retested, P.security, 'postReview', { opinion: '达到目标', agree: true }).state).toBe('emergency_log_review');
  });
});

describe('§25 joint review of the 紧急变更日志', () => {
  it('needs both 运行维护中心 and 申请部门, each once', () => {
    const form = emergencyIn('emergency_log_review');
    expect(waitingRoles(form)).toEqual(['ops_head', 'ops_coordinator', 'dept_head']);
    const ops = run(form, P.coordinator, 'emergencyLogSign', {});
    expect(ops.state).toBe('emergency_log_review');
    expectRefused(attempt(ops, P.opsHead, 'emergencyLogSign', {}), 'INVALID_STATE', '运行维护中心已在紧急变更日志上签字');
    expect(waitingRoles(ops)).toEqual(['dept_head']);
    expect(run(ops, P.deptHead, 'emergencyLogSign', {}).state).toBe('pending_archive');
  });
});
