import { describe, expect, it } from 'vitest';
import { applyProjectEvent, reachable, ROLLOUT_TRANSITIONS, ACCESS_TRANSITIONS, projectActions, addMonths, acceptanceFrom, trialComplete } from '../../../src-main/domain';
import type { Actor } from '../../../src-main/domain';
import type { RolloutFormState, RolloutKind, RolloutState } from '../../../src-main/shared/schemas/project-forms';
import { APPLICATION, attempt, ctxOf, expectRefused, NOW, P, plus, PLAN, rolloutIn, run, steps } from './fixtures';

// Every verb of the go-live/release workflow: allowed for the right role and leading where
// domain.md says, refused for a wrong role, on segregation of duties, and with a missing field.

interface Case {
  verb: string;
  from: (k: RolloutKind) => RolloutFormState;
  right: Actor;
  input?: Record<string, unknown> | ((f: RolloutFormState) => Record<string, unknown>);
  to: RolloutState;
  now?: string;
  wrong: Actor;
  sod?: { actor: Actor; message: string | RegExp };
  missing?: { from?: (k: RolloutKind) => RolloutFormState; input?: Record<string, unknown>; code: string; message: string | RegExp };
  golive?: boolean;
}

const SELF = /^违反第5条\(5\)监督制约原则：不得审核或批准本人提交的(上线|发布)申请$/;
const planned = (k: RolloutKind) => {
  let f = rolloutIn(k, 'preparing');
  f = run(k, f, P.pm, 'savePlan', { ...PLAN, steps: steps(k) });
  return run(k, f, P.pm, 'submitPlan');
};
const approved = (k: RolloutKind) => run(k, planned(k), P.itHead, 'approvePlan', { agree: true });
const ready = (k: RolloutKind) => {
  let f = approved(k);
  f = run(k, f, P.pm, 'recordDelivery', { what: 'rules', documents: '办法', recipients: '柜员', trainingDate: '2026-11-27' });
  f = run(k, f, P.pm, 'recordDelivery', { what: 'manuals', documents: '手册', recipients: '值班', trainingDate: '2026-11-27' });
  if (k === 'golive') {
    f = run(k, f, P.developer, 'recordVersionTable', { version: 'V1', components: [{ name: 'a', checksum: 'ab'.repeat(16) }], builtBy: 'x', builtAt: '2026-11-27 10:00' });
    f = run(k, f, P.versionAdmin, 'receiveVersionTable', {});
  }
  return f;
};
const ticked = (k: RolloutKind) => {
  let f = rolloutIn(k, 'rolling_out');
  const who: Record<string, Actor> = { [P.security.userId]: P.security, [P.versionAdmin.userId]: P.versionAdmin, [P.netadmin.userId]: P.netadmin, [P.sysadmin.userId]: P.sysadmin };
  for (const l of f.checklist) f = run(k, f, who[l.assigneeUserId]!, 'tickStep', { lineId: l.id, doneAt: '2026-11-28 18:00' });
  return k === 'golive' ? run(k, f, P.versionAdmin, 'recordVersionComparison', { oldVersion: 'a', newVersion: 'b', differences: 'c', consistent: true }) : f;
};
const withTable = (k: RolloutKind) => run(k, approved(k), P.developer, 'recordVersionTable', { version: 'V1', components: [{ name: 'a', checksum: 'ab'.repeat(16) }], builtBy: 'x', builtAt: '2026-11-27 10:00' });
const LATER = '2027-03-01T09:00+08:00';

const CASES: Case[] = [
  { verb: 'saveApplication', from: (k) => rolloutIn(k, 'draft'), right: P.pm, input: { contact: '6021' }, to: 'draft', wrong: P.coordinator },
  {
    verb: 'recordTestReport',
    from: (k) => rolloutIn(k, 'draft'),
    right: P.bizHead,
    input: { reportTitle: 'r', conclusion: '通过', passed: true },
    to: 'draft',
    wrong: P.pmo,
    sod: { actor: plus(P.pm, 'dept_head'), message: SELF },
    missing: { input: { reportTitle: 'r', passed: true }, code: 'INVALID_INPUT', message: '请填写验收结论' },
  },
  {
    verb: 'submit',
    from: (k) => run(k, rolloutIn(k, 'draft'), P.bizHead, 'recordTestReport', { reportTitle: 'r', conclusion: '通过', passed: true }),
    right: P.pm,
    to: 'pending_pmo',
    wrong: P.bizHead,
    missing: { from: (k) => rolloutIn(k, 'draft'), code: 'MISSING_FIELD', message: /^须附相关业务部门负责人签署意见的《(用户|系统)测试验收报告》（第(28条\(1\)|32条)）$/ },
  },
  {
    verb: 'pmoReview',
    from: (k) => rolloutIn(k, 'pending_pmo'),
    right: P.pmo,
    input: { agree: true, opinion: '同意' },
    to: 'pending_it_review',
    wrong: P.security,
    sod: { actor: plus(P.pm, 'pmo_reviewer'), message: SELF },
    missing: { input: { agree: true }, code: 'INVALID_INPUT', message: '请填写项目管理科审核意见' },
  },
  {
    verb: 'securityReview',
    from: (k) => rolloutIn(k, 'pending_it_review'),
    right: P.security,
    input: { agree: true, opinion: '同意' },
    to: 'pending_it_review',
    wrong: P.pmo,
    sod: { actor: plus(P.pm, 'security_reviewer'), message: SELF },
    missing: { input: { agree: true }, code: 'INVALID_INPUT', message: '请填写安全科审核意见' },
  },
  {
    verb: 'itHeadReview',
    from: (k) => run(k, rolloutIn(k, 'pending_it_review'), P.security, 'securityReview', { agree: true, opinion: '同意' }),
    right: P.itHead,
    input: { agree: true, opinion: '同意' },
    to: 'preparing',
    wrong: P.opsHead,
    sod: { actor: plus(P.pm, 'it_head'), message: SELF },
    missing: { input: { agree: true }, code: 'INVALID_INPUT', message: '请填写科技信息部负责人审核意见' },
  },
  {
    verb: 'savePlan',
    from: (k) => rolloutIn(k, 'preparing'),
    right: P.pm,
    input: (f) => ({ ...PLAN, steps: steps(f.kind) }),
    to: 'preparing',
    wrong: P.netadmin,
    missing: { input: { steps: [{ item: 'network', task: 'x', assigneeUserId: P.sysadmin.userId, plannedAt: '2026-11-28 22:00' }] }, code: 'POLICY', message: /孙浩|何军不是网络管理员/ },
  },
  {
    verb: 'submitPlan',
    from: (k) => run(k, rolloutIn(k, 'preparing'), P.pm, 'savePlan', { ...PLAN, steps: steps(k) }),
    right: P.pm,
    to: 'preparing',
    wrong: P.coordinator,
    missing: { from: (k) => run(k, rolloutIn(k, 'preparing'), P.pm, 'savePlan', { steps: steps(k) }), code: 'MISSING_FIELD', message: /^请填写备份方案（第(29|33)条\(1\)）$/ },
  },
  {
    verb: 'approvePlan',
    from: planned,
    right: P.itHead,
    input: { agree: true },
    to: 'preparing',
    wrong: P.opsHead,
    sod: { actor: plus(P.pm, 'it_head'), message: SELF },
    missing: { from: (k) => rolloutIn(k, 'preparing'), code: 'INVALID_STATE', message: /尚未由项目经理提交审批/ },
  },
  {
    verb: 'recordDelivery',
    from: approved,
    right: P.pm,
    input: { what: 'rules', documents: '办法', recipients: '柜员', trainingDate: '2026-11-27' },
    to: 'preparing',
    wrong: P.developer,
    missing: { input: { what: 'rules', documents: '办法', trainingDate: '2026-11-27' }, code: 'INVALID_INPUT', message: '请填写接收人员' },
  },
  {
    verb: 'recordVersionTable',
    golive: true,
    from: approved,
    right: P.developer,
    input: { version: 'V1', components: [{ name: 'a', checksum: 'ab'.repeat(16) }], builtBy: 'x', builtAt: '2026-11-27 10:00' },
    to: 'preparing',
    wrong: P.versionAdmin,
    missing: { input: { version: 'V1', components: [{ name: 'a', checksum: 'xyz' }], builtBy: 'x', builtAt: '2026-11-27 10:00' }, code: 'INVALID_INPUT', message: '校验值应为十六进制的 MD5/SHA 值' },
  },
  {
    verb: 'receiveVersionTable',
    golive: true,
    from: withTable,
    right: P.versionAdmin,
    input: {},
    to: 'preparing',
    wrong: P.developer,
    // §17(4): a developer never acts ops-side on the form.
    sod: { actor: plus(P.developer, 'prod_version_admin'), message: '违反第17条(4)：开发人员不得在同一上线申请上担任运行维护中心职责（生产系统版本管理员）' },
    missing: { from: approved, code: 'INVALID_STATE', message: '尚未提交《软件版本管理表》' },
  },
  {
    verb: 'completePreparation',
    from: ready,
    right: P.coordinator,
    to: 'rolling_out',
    wrong: P.pm,
    sod: { actor: plus(P.developer, 'ops_coordinator'), message: /^违反第17条\(4\)：开发人员不得在同一(上线|发布)申请上担任运行维护中心职责（受理人）$/ },
    missing: { from: approved, code: 'MISSING_FIELD', message: /^请登记业务管理办法和操作细则的交付和培训（第(29|33)条\(2\)）$/ },
  },
  {
    verb: 'tickStep',
    from: (k) => rolloutIn(k, 'rolling_out'),
    right: P.security,
    input: (f) => ({ lineId: f.checklist[0]!.id, doneAt: '2026-11-28 18:00' }),
    to: 'rolling_out',
    wrong: P.pm,
    sod: { actor: plus(P.developer, 'sysadmin'), message: /开发人员不得在同一(上线|发布)申请上担任运行维护中心职责（系统管理员）/ },
    missing: { input: { lineId: 's9', doneAt: '2026-11-28 18:00' }, code: 'MISSING_FIELD', message: '检查表没有第「s9」项' },
  },
  {
    verb: 'recordVersionComparison',
    golive: true,
    from: (k) => rolloutIn(k, 'rolling_out'),
    right: P.versionAdmin,
    input: { oldVersion: 'a', newVersion: 'b', differences: 'c', consistent: true },
    to: 'rolling_out',
    wrong: P.netadmin,
    sod: { actor: plus(P.developer, 'prod_version_admin'), message: /开发人员不得/ },
    missing: { input: { oldVersion: 'a', newVersion: 'b', consistent: true }, code: 'INVALID_INPUT', message: '请填写比对结果' },
  },
  {
    verb: 'closeChecklist',
    from: ticked,
    right: P.coordinator,
    input: {},
    to: 'trial_run',
    wrong: P.opsHead,
    missing: { from: (k) => rolloutIn(k, 'rolling_out'), code: 'POLICY', message: /^违反第(30|34)条：检查表尚有 \d 项未完成/ },
  },
  {
    verb: 'recordObservation',
    from: (k) => rolloutIn(k, 'trial_run'),
    right: P.batch,
    input: { keyDate: '结息日', date: '2026-12-21', observation: '结息批处理正常', normal: true },
    to: 'trial_run',
    wrong: P.pmo,
    missing: { input: { keyDate: '某日', date: '2026-12-21', observation: 'x', normal: true }, code: 'INVALID_INPUT', message: /请选择关键日期/ },
  },
  {
    verb: 'reportProblem',
    from: (k) => rolloutIn(k, 'trial_run'),
    right: P.coordinator,
    input: { description: '报表合计错误' },
    to: 'trial_run',
    wrong: P.pm,
    sod: { actor: plus(P.developer, 'ops_coordinator'), message: /开发人员不得/ },
    missing: { input: {}, code: 'INVALID_INPUT', message: '请填写问题描述' },
  },
  {
    verb: 'resolveProblem',
    from: (k) => run(k, rolloutIn(k, 'trial_run'), P.coordinator, 'reportProblem', { description: '报表合计错误' }),
    right: P.developer,
    input: { problemId: 'p1', text: '已修正' },
    to: 'trial_run',
    wrong: P.coordinator,
    missing: { input: { problemId: 'p7', text: 'x' }, code: 'MISSING_FIELD', message: '没有编号为「p7」的试运行问题' },
  },
  {
    verb: 'requestAcceptance',
    from: (k) => rolloutIn(k, 'trial_run'),
    right: P.pm,
    input: { summary: '平稳', documents: '全套' },
    now: LATER,
    to: 'pending_acceptance',
    wrong: P.developer,
    missing: { input: { documents: '全套' }, code: 'INVALID_INPUT', message: '请填写试运行情况总结' },
  },
  {
    verb: 'accept',
    from: (k) => rolloutIn(k, 'pending_acceptance'),
    right: P.itHead,
    input: { passed: true, opinion: '合格', acceptedOn: '2027-03-02' },
    now: LATER,
    to: 'in_production',
    wrong: P.opsHead,
    sod: { actor: plus(P.pm, 'it_head'), message: SELF },
    missing: { input: { passed: true, acceptedOn: '2027-03-02' }, code: 'INVALID_INPUT', message: '请填写验收意见' },
  },
  { verb: 'withdraw', from: (k) => rolloutIn(k, 'pending_pmo'), right: P.pm, input: { reason: '需求变化' }, to: 'withdrawn', wrong: P.pm2 },
];

const input = (c: Case, f: RolloutFormState) => (typeof c.input === 'function' ? c.input(f) : (c.input ?? {}));

for (const kind of ['golive', 'release'] as const) {
  const cases = CASES.filter((c) => kind === 'golive' || !c.golive);
  describe.each(cases)(`${kind} $verb`, (c) => {
    it(`is allowed for ${c.right.name} and leads to ${c.to}`, () => {
      const before = c.from(kind);
      const a = attempt(kind, before, c.right, c.verb, input(c, before), c.now);
      if (!a.ok) throw new Error(a.message);
      expect(a.form.state).toBe(c.to);
      expect(a.form.version).toBe(before.version + 1);
      expect(a.decision.ok && a.decision.events[0]?.type).toBe(`${kind}.${c.verb}`);
    });
    it('is refused for a wrong role, naming the role and the article', () => {
      const before = c.from(kind);
      expectRefused(attempt(kind, before, c.wrong, c.verb, input(c, before), c.now), 'FORBIDDEN_ROLE', /^(无权办理「.+」：(须由.+办理|只有申请人本人（.+）可以办理)（第\d+条.*）|.+须由.+（第\d+条.*）)$/);
    });
    if (c.sod) {
      it('is refused on segregation of duties', () => {
        const before = c.from(kind);
        expectRefused(attempt(kind, before, c.sod!.actor, c.verb, input(c, before), c.now), 'SEGREGATION', c.sod!.message);
      });
    }
    if (c.missing) {
      it('is refused with a missing field', () => {
        const m = c.missing!;
        const before = (m.from ?? c.from)(kind);
        expectRefused(attempt(kind, before, c.right, c.verb, m.input ?? input(c, before), c.now), m.code, m.message);
      });
    }
  });
}

describe('the state machines', () => {
  it('reach every state from the first, and 正式运行 / 已关闭 end the form', () => {
    expect(reachable(ROLLOUT_TRANSITIONS, 'draft')).toEqual(new Set(Object.keys(ROLLOUT_TRANSITIONS)));
    expect(reachable(ACCESS_TRANSITIONS, 'requested')).toEqual(new Set(Object.keys(ACCESS_TRANSITIONS)));
    expect(ROLLOUT_TRANSITIONS.in_production).toEqual([]);
  });

  it('the reducer refuses an event that would skip a state (tampered or conflicting)', () => {
    const f = rolloutIn('golive', 'draft');
    expect(() =>
      applyProjectEvent(f, { id: 'x', type: 'golive.accept', payload: { passed: true, opinion: 'x', acceptedOn: '2027-01-01', to: 'in_production' }, author: P.itHead.userId, authorName: '钱峰', role: 'it_head', time: NOW, formId: f.formId }),
    ).toThrow('不能从「草稿」直接变为「正式运行」');
  });

  it('availableActions gives the same reasons decide gives, and the next role its button', () => {
    const f = rolloutIn('golive', 'rolling_out');
    const acts = projectActions('golive', f, ctxOf(P.coordinator));
    expect(acts.find((a) => a.name === 'closeChecklist')).toMatchObject({ allowed: false, code: 'POLICY', reason: expect.stringContaining('检查表尚有 3 项未完成') });
    expect(projectActions('golive', f, ctxOf(P.netadmin)).find((a) => a.name === 'tickStep')).toMatchObject({ allowed: true });
  });
});

describe('§31(1) / §35(1): three months of trial run, on both sides of the boundary', () => {
  it('counts calendar months on Beijing dates and clamps to the month end', () => {
    expect(addMonths('2026-11-28', 3)).toBe('2027-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-10-31', 3)).toBe('2027-01-31');
    // 23:30 UTC on 11-27 is already 11-28 in Beijing.
    expect(acceptanceFrom('2026-11-27T23:30:00Z')).toBe('2027-02-28');
    expect(trialComplete('2026-12-01T02:00+08:00', '2027-02-28T23:59+08:00')).toBe(false);
    expect(trialComplete('2026-12-01T02:00+08:00', '2027-03-01T00:00+08:00')).toBe(true);
  });

  for (const [kind, article] of [['golive', '第31条(1)'], ['release', '第35条(1)']] as const) {
    it(`${kind}: refused at 2027-02-27 23:59, allowed at 2027-02-28 00:00 (trial from 2026-11-28 19:00)`, () => {
      const f = rolloutIn(kind, 'trial_run');
      expect(f.trial.startedAt).toBe(NOW);
      expectRefused(
        attempt(kind, f, P.pm, 'requestAcceptance', { summary: 's', documents: 'd' }, '2027-02-27T23:59+08:00'),
        'POLICY',
        `违反${article}：试运行须满3个月方可提交正式验收申请报告（试运行自 2026-11-28 开始，最早 2027-02-28）`,
      );
      expect(attempt(kind, f, P.pm, 'requestAcceptance', { summary: 's', documents: 'd' }, '2027-02-28T00:00+08:00').ok).toBe(true);
    });
  }
});

describe('the application itself', () => {
  it('only a project manager applies, and the test report comes from the named business unit', () => {
    expectRefused(attempt('golive', undefined, P.developer, 'create', APPLICATION), 'FORBIDDEN_ROLE', '无权办理「新建申请」：须由项目经理办理（第28条(1)）');
    const f = rolloutIn('golive', 'draft');
    expectRefused(attempt('golive', f, P.otherHead, 'recordTestReport', { reportTitle: 'r', conclusion: 'c', passed: true }), 'FORBIDDEN_ROLE', '《用户测试验收报告》须由相关业务部门（BIZ1）的部门负责人签署（第28条(1)）');
  });

  it('a plan approved may be changed no more; a plan refused goes back to the project manager', () => {
    const refused = run('golive', planned('golive'), P.itHead, 'approvePlan', { agree: false, opinion: '回退计划不具体' });
    expect(refused.plan.submitted).toBeUndefined();
    expect(refused.plan.approved).toBeUndefined();
    const ok = approved('golive');
    expectRefused(attempt('golive', ok, P.pm, 'savePlan', { backup: '改' }), 'INVALID_STATE', '实施计划已批准，不能再修改');
    // The unit's own head may approve instead of the IT head (§29(1) 部门负责人).
    expect(attempt('golive', planned('golive'), P.devHead, 'approvePlan', { agree: true }).ok).toBe(true);
    expect(attempt('golive', planned('golive'), P.otherHead, 'approvePlan', { agree: true }).ok).toBe(false);
  });
});

describe('试运行问题 (§30(13))', () => {
  it('offers 登记问题处理 only while a problem is open, and says why otherwise', () => {
    const trial = rolloutIn('golive', 'trial_run');
    const button = (f: RolloutFormState) => projectActions('golive', f, ctxOf(P.developer)).find((a) => a.name === 'resolveProblem');
    expect(button(trial)).toMatchObject({ allowed: false, reason: '没有待处理的试运行问题' });
    expectRefused(attempt('golive', trial, P.developer, 'resolveProblem', { problemId: 'p1', text: '已修正' }), 'INVALID_STATE', '没有待处理的试运行问题');
    const open = run('golive', trial, P.coordinator, 'reportProblem', { description: '报表合计错误' });
    expect(button(open)).toMatchObject({ allowed: true });
    const done = run('golive', open, P.developer, 'resolveProblem', { problemId: 'p1', text: '已修正' });
    expect(button(done)).toMatchObject({ allowed: false });
  });
});
