import {
  applyChangeEvent,
  decideChange,
  missingWetSignatures,
  type Actor,
  type ChangeCommand,
  type Decision,
  type DecisionContext,
} from '../../../src-main/domain';
import { DEFAULT_POLICY_SETTINGS, type PolicySettings } from '../../../src-main/shared/schemas/calendar';
import {
  changeCommandSchemas,
  type ChangeCommandName,
  type ChangeFormState,
  type ChangeState,
} from '../../../src-main/shared/schemas/change-form';
import { applyDecided, person } from '../decided';

export { expectRefused } from '../expect-refused';
export { plus } from '../decided';

// People of domain.md (Who), one per role, and helpers that run commands the way the service
// does: parse the input with the verb's zod schema, decide, apply the events.

export const P = {
  applicant: person('u-alice', '王丽', 'BIZ1', 'applicant'),
  applicant2: person('u-amy', '李敏', 'BIZ1', 'applicant'),
  deptHead: person('u-bob', '赵强', 'BIZ1', 'dept_head'),
  otherDeptHead: person('u-ben', '孙伟', 'BIZ2', 'dept_head'),
  coordinator: person('u-carol', '陈静', 'OPS', 'ops_coordinator'),
  opsHead: person('u-dave', '刘洋', 'OPS', 'ops_head'),
  tester: person('u-erin', '周婷', 'TEST', 'tester'),
  security: person('u-frank', '吴刚', 'SEC', 'security_reviewer'),
  developer: person('u-gina', '郑楠', 'DEV', 'developer'),
  projectManager: person('u-paul', '冯涛', 'DEV', 'project_manager'),
  sysadmin: person('u-hank', '何军', 'OPS', 'sysadmin'),
  itHead: person('u-ivan', '钱峰', 'IT', 'it_head'),
  archivist: person('u-judy', '许娟', 'ARC', 'archivist'),
} as const;

export const NOW = '2026-11-20T10:00+08:00';

export function ctxOf(actor: Actor, now = NOW, settings: PolicySettings = DEFAULT_POLICY_SETTINGS): DecisionContext {
  return { actor, now, settings, newFormId: 'F-1', newFormNo: 'BG-BIZ1-2026-0001' };
}

export type Attempt = { ok: true; form: ChangeFormState; decision: Decision } | { ok: false; code: string; message: string };

/** Parse, decide, apply: one command as a service would run it. */
export function attempt(
  form: ChangeFormState | undefined,
  actor: Actor,
  name: ChangeCommandName,
  rawInput: unknown = {},
  opts: { now?: string; settings?: PolicySettings } = {},
): Attempt {
  const parsed = changeCommandSchemas[name].safeParse(rawInput);
  if (!parsed.success) return { ok: false, code: 'INVALID_INPUT', message: parsed.error.issues[0]?.message ?? '' };
  const ctx = ctxOf(actor, opts.now, opts.settings);
  const decision = decideChange(form, { name, input: parsed.data } as ChangeCommand, ctx);
  if (!decision.ok) return { ok: false, code: decision.code, message: decision.message };
  const next = applyDecided(applyChangeEvent, form, decision.events, actor, ctx.now, form?.formId ?? 'F-1');
  return { ok: true, form: next!, decision };
}

/** Like attempt, but the command must succeed. */
export function run(form: ChangeFormState | undefined, actor: Actor, name: ChangeCommandName, rawInput: unknown = {}, opts?: { now?: string; settings?: PolicySettings }): ChangeFormState {
  const a = attempt(form, actor, name, rawInput, opts);
  if (!a.ok) throw new Error(`${name} 被拒绝：${a.code} ${a.message}`);
  return a.form;
}

/** §27: the archivist records the hand signature of every block still missing one. */
export function signPaper(form: ChangeFormState, actor: Actor = P.archivist): ChangeFormState {
  let f = form;
  for (const b of missingWetSignatures(f)) f = run(f, actor, 'recordWetSignature', { blockId: b.id });
  return f;
}

const NONE = {
  customer: '无',
  compliance: '无',
  stakeholders: '无',
  internalOps: '需手工调整',
  securityControl: '无',
  availability: '无',
  dataAccuracy: '利率计算不准确',
};

export const PART1 = {
  title: '核心系统活期利率参数调整',
  applicantUnitName: '零售业务部',
  contact: '010-66660001',
  systems: ['CORE'],
  changeType: '业务参数修改',
  changeSource: '业务发展',
  content: '按人民银行通知调整活期存款利率参数',
  otherMeasuresExist: false,
  impactIfNot: NONE,
  urgency: '一般',
} as const;

export const PART2 = {
  existingCanMeet: false,
  otherMeans: '无',
  needsDevelopment: false,
  infraChanges: [],
  backendDataChange: false,
  securityConsiderations: '参数维护权限双人复核',
  mayInterruptBusiness: false,
  riskLevel: '低',
  conclusion: '建议实施',
  suggestedDate: '2026-12-05',
  serviceImpact: '无',
  involvesSoftwareDev: false,
} as const;

/** Saturday night: outside business time (§17(2)). */
export const PLAN = {
  changePlan: '1. 备份参数表 2. 修改参数 3. 验证',
  rollbackPlan: '恢复参数表备份',
  contingency: '通知客户服务中心并回退',
  plannedStart: '2026-12-05 22:00',
  plannedEnd: '2026-12-05 23:30',
} as const;

export const RISK_ITEMS = {
  backupMachine: '已建设同城备份机',
  monitoring: '纳入集中监控平台',
  dataBackup: '每日全量备份',
  programBackup: '版本库留存',
  databaseMethod: '脚本建表并评审',
  otherSystems: '影响报表系统，已沟通',
};

/** The ordinary path, step by step: [verb, actor, input, only in this state]. */
export const HAPPY_PATH: ReadonlyArray<readonly [ChangeCommandName, Actor, unknown, ChangeState?]> = [
  ['create', P.applicant, PART1],
  ['submit', P.applicant, {}],
  ['deptApprove', P.deptHead, { opinion: '同意' }],
  ['saveAssessment', P.coordinator, PART2],
  ['submitAssessment', P.coordinator, {}],
  ['assessmentApprove', P.opsHead, { opinion: '同意实施' }],
  ['savePlan', P.coordinator, PLAN],
  ['recordItTest', P.tester, { steps: '测试环境修改参数并计息', result: '计息正确', passed: true }],
  ['recordPreReview', P.security, { opinion: '权限控制符合要求', agree: true }],
  ['recordUserTest', P.applicant, { result: '业务验证通过', confirmed: true }],
  ['submitPlan', P.coordinator, {}],
  ['implApprove', P.opsHead, { opinion: '同意' }],
  ['recordResult', P.sysadmin, { outcome: '成功', actualStart: '2026-12-05 22:00', actualEnd: '2026-12-05 23:00' }],
  ['recordEvaluation', P.coordinator, { goalMet: true, negativeImpact: false }],
  ['postReview', P.security, { opinion: '达到变更目标', agree: true }, 'pending_post_review'],
  ['applicantConfirm', P.deptHead, { opinion: '确认' }],
  ['archiveReview', P.itHead, {}],
  ['archive', P.archivist, { location: '2026年变更档案第3盒' }],
];

/** In a `patch`, leaves a step out. */
export const SKIP = Symbol('skip');

/**
 * A form taken along the ordinary path until it first reaches `state`; `patch` replaces the
 * input of some steps (e.g. a riskier assessment).
 */
export function formIn(state: ChangeState, patch: Partial<Record<ChangeCommandName, unknown>> = {}): ChangeFormState {
  let form: ChangeFormState | undefined;
  for (const [name, actor, input, onlyIn] of HAPPY_PATH) {
    if (form?.state === state) return form;
    if ((onlyIn && form?.state !== onlyIn) || patch[name] === SKIP) continue;
    if (name === 'archive' && form) form = signPaper(form);
    form = run(form, actor, name, name in patch ? patch[name] : input);
  }
  if (form?.state !== state) throw new Error(`happy path never reached ${state}`);
  return form;
}

export const EM_PART1 = { ...PART1, title: '核心系统计息缺陷紧急修补', urgency: '特急', changeType: '系统错误修正', changeSource: '操作错误/故障事件' } as const;
export const EM_PART2 = {
  existingCanMeet: false,
  needsDevelopment: false,
  securityConsiderations: '补丁经安全科确认',
  mayInterruptBusiness: false,
  riskLevel: '低',
} as const;
export const EM_PLAN = { changePlan: '停止计息任务，替换程序，重启', rollbackPlan: '恢复备份程序', contingency: '人工计息' } as const;

/** §22–§25: the emergency path, step by step. */
export const EMERGENCY_PATH: ReadonlyArray<readonly [ChangeCommandName, Actor, unknown, ChangeState?]> = [
  ['create', P.applicant, EM_PART1],
  ['emergencyRequest', P.deptHead, { reason: '计息程序缺陷导致利息计算错误' }],
  ['emergencyAuthorise', P.opsHead, { mode: '口头', authorisedAt: '2026-11-20 02:10' }],
  ['recordBackup', P.sysadmin, { programBackup: '/backup/core/20261120', dataBackup: '计息表全量导出', backupAt: '2026-11-20 02:30' }],
  ['emergencyImplement', P.sysadmin, { implementedAt: '2026-11-20 03:00', testedBefore: false, outcome: '成功' }],
  ['saveAssessment', P.coordinator, EM_PART2],
  ['savePlan', P.coordinator, EM_PLAN],
  ['completePaperwork', P.opsHead, { opinion: '补单完整' }],
  ['recordRetest', P.tester, { steps: '测试环境复现并验证', result: '通过', passed: true }],
  ['emergencyLogSign', P.opsHead, { opinion: '日志与实际一致' }],
  ['emergencyLogSign', P.deptHead, { opinion: '确认' }],
  ['archiveReview', P.itHead, {}],
  ['archive', P.archivist, {}],
];

/** An emergency form taken along its path until it first reaches `state`. */
export function emergencyIn(state: ChangeState, patch: Partial<Record<ChangeCommandName, unknown>> = {}): ChangeFormState {
  let form: ChangeFormState | undefined;
  for (const [name, actor, input] of EMERGENCY_PATH) {
    if (form?.state === state) return form;
    if (patch[name] === SKIP) continue;
    if (name === 'archive' && form) form = signPaper(form);
    form = run(form, actor, name, name in patch ? patch[name] : input);
  }
  if (form?.state !== state) throw new Error(`emergency path never reached ${state}`);
  return form;
}
