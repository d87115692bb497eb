import { applyProjectEvent, decideProject, type Actor, type Decision, type FlowContext } from '../../../src-main/domain';
import { DEFAULT_POLICY_SETTINGS } from '../../../src-main/shared/schemas/calendar';
import {
  accessCommandSchemas,
  rolloutCommandSchemas,
  type ProjectFormState,
  type ProjectKind,
  type RolloutFormState,
  type RolloutKind,
  type RolloutState,
} from '../../../src-main/shared/schemas/project-forms';
import { applyDecided, person } from '../decided';

export { expectRefused } from '../expect-refused';
export { plus } from '../decided';

// People for the project forms and helpers that run a verb as the service does: parse with the
// verb's schema, decide, apply.

export const P = {
  pm: person('u-pm', '冯涛', 'DEV', 'project_manager'),
  pm2: person('u-pm2', '杨帆', 'DEV', 'project_manager'),
  developer: person('u-dev', '郑楠', 'DEV', 'developer'),
  bizHead: person('u-biz', '赵强', 'BIZ1', 'dept_head'),
  otherHead: person('u-biz2', '孙伟', 'BIZ2', 'dept_head'),
  devHead: person('u-devhead', '周洁', 'DEV', 'dept_head'),
  pmo: person('u-pmo', '许丽', 'PMO', 'pmo_reviewer'),
  security: person('u-sec', '吴刚', 'SEC', 'security_reviewer'),
  itHead: person('u-it', '钱峰', 'IT', 'it_head'),
  coordinator: person('u-coord', '陈静', 'OPS', 'ops_coordinator'),
  opsHead: person('u-opshead', '刘洋', 'OPS', 'ops_head'),
  versionAdmin: person('u-ver', '郑欣', 'OPS', 'prod_version_admin'),
  netadmin: person('u-net', '钱进', 'OPS', 'netadmin'),
  sysadmin: person('u-sys', '何军', 'OPS', 'sysadmin'),
  sysadmin2: person('u-sys2', '孙浩', 'OPS', 'sysadmin'),
  batch: person('u-batch', '褚立', 'OPS', 'batch_tech'),
} as const;

const DIRECTORY = new Map<string, Actor>(Object.values(P).map((a) => [a.userId, a]));

export const NOW = '2026-11-28T19:00+08:00';

export function ctxOf(actor: Actor, now = NOW): FlowContext {
  return {
    actor,
    now,
    settings: DEFAULT_POLICY_SETTINGS,
    newFormId: 'G-1',
    newFormNo: 'SX-DEV-2026-0001',
    people: (id) => {
      const a = DIRECTORY.get(id);
      return a ? { userId: a.userId, name: a.name, unitCode: a.unitCode, roles: a.roles } : undefined;
    },
  };
}

export type Attempt = { ok: true; form: ProjectFormState; decision: Decision } | { ok: false; code: string; message: string };

export function attempt(kind: ProjectKind, form: ProjectFormState | undefined, actor: Actor, verb: string, raw: unknown = {}, now = NOW): Attempt {
  const schemas = (kind === 'access' ? accessCommandSchemas : rolloutCommandSchemas) as Record<string, { safeParse(x: unknown): { success: boolean; data?: unknown; error?: { issues: Array<{ message: string }> } } }>;
  const parsed = schemas[verb]!.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'INVALID_INPUT', message: parsed.error?.issues[0]?.message ?? '' };
  const ctx = ctxOf(actor, now);
  const decision = decideProject(kind, form, verb, parsed.data as Record<string, unknown>, ctx);
  if (!decision.ok) return { ok: false, code: decision.code, message: decision.message };
  const next = applyDecided(applyProjectEvent, form, decision.events, actor, now, form?.formId ?? 'G-1');
  return { ok: true, form: next!, decision };
}

export function run<S extends ProjectFormState>(kind: ProjectKind, form: S | undefined, actor: Actor, verb: string, raw: unknown = {}, now = NOW): S {
  const a = attempt(kind, form, actor, verb, raw, now);
  if (!a.ok) throw new Error(`${verb} 被拒绝：${a.code} ${a.message}`);
  return a.form as S;
}

export const APPLICATION = {
  title: '新一代信贷管理系统',
  systems: ['CREDIT'],
  businessUnit: 'BIZ1',
  content: '信贷审批流程与押品管理模块上线',
  devSummary: '系统测试和用户测试完成',
};

export const PLAN = {
  backup: '全量备份信贷库与程序',
  environment: '生产应用服务器两台',
  rollback: '恢复旧版本程序与数据',
  problems: '接口超时：切换备用线路',
};

export function steps(kind: RolloutKind) {
  return kind === 'golive'
    ? [
        { item: 'security_check', task: '安全检查', assigneeUserId: P.security.userId, plannedAt: '2026-11-28 20:00' },
        { item: 'prod_backup', task: '备份、比对、生效', assigneeUserId: P.versionAdmin.userId, plannedAt: '2026-11-28 21:00' },
        { item: 'network', task: '接口切换', assigneeUserId: P.netadmin.userId, plannedAt: '2026-11-28 22:00' },
      ]
    : [
        { item: 'security_check', task: '安全检查', assigneeUserId: P.security.userId, plannedAt: '2026-11-28 20:00' },
        { item: 'backup', task: '数据和配置备份', assigneeUserId: P.sysadmin.userId, plannedAt: '2026-11-28 21:00' },
      ];
}

const ORDER: RolloutState[] = ['draft', 'pending_pmo', 'pending_it_review', 'preparing', 'rolling_out', 'trial_run', 'pending_acceptance', 'in_production'];

/** A go-live or release carried to `state` by the right people. */
export function rolloutIn(kind: RolloutKind, state: RolloutState): RolloutFormState {
  const reach = (s: RolloutState) => ORDER.indexOf(state) >= ORDER.indexOf(s);
  let f = run<RolloutFormState>(kind, undefined, P.pm, 'create', APPLICATION);
  if (state === 'draft') return f;
  f = run(kind, f, P.bizHead, 'recordTestReport', { reportTitle: '测试验收报告', conclusion: '通过', passed: true });
  f = run(kind, f, P.pm, 'submit');
  if (!reach('pending_it_review')) return f;
  f = run(kind, f, P.pmo, 'pmoReview', { agree: true, opinion: '同意' });
  if (!reach('preparing')) return f;
  f = run(kind, f, P.security, 'securityReview', { agree: true, opinion: '同意' });
  f = run(kind, f, P.itHead, 'itHeadReview', { agree: true, opinion: '同意' });
  if (!reach('rolling_out')) return f;
  f = run(kind, f, P.pm, 'savePlan', { ...PLAN, steps: steps(kind) });
  f = run(kind, f, P.pm, 'submitPlan');
  f = run(kind, f, P.itHead, 'approvePlan', { agree: true });
  f = run(kind, f, P.pm, 'recordDelivery', { what: 'rules', documents: '办法', recipients: '柜员', trainingDate: '2026-11-27' });
  f = run(kind, f, P.pm, 'recordDelivery', { what: 'manuals', documents: '手册', recipients: '值班', trainingDate: '2026-11-27' });
  if (kind === 'golive') {
    f = run(kind, f, P.developer, 'recordVersionTable', { version: 'V1', components: [{ name: 'a.war', checksum: 'ab'.repeat(16) }], builtBy: '郑楠', builtAt: '2026-11-27 10:00' });
    f = run(kind, f, P.versionAdmin, 'receiveVersionTable', {});
  }
  f = run(kind, f, P.coordinator, 'completePreparation');
  if (!reach('trial_run')) return f;
  const who: Record<string, typeof P.pm> = { [P.security.userId]: P.security, [P.versionAdmin.userId]: P.versionAdmin, [P.netadmin.userId]: P.netadmin, [P.sysadmin.userId]: P.sysadmin };
  for (const line of f.checklist) f = run(kind, f, who[line.assigneeUserId]!, 'tickStep', { lineId: line.id, doneAt: '2026-11-28 18:00' });
  if (kind === 'golive') f = run(kind, f, P.versionAdmin, 'recordVersionComparison', { oldVersion: 'V0', newVersion: 'V1', differences: '一致', consistent: true });
  f = run(kind, f, P.coordinator, 'closeChecklist', {});
  if (!reach('pending_acceptance')) return f;
  f = run(kind, f, P.pm, 'requestAcceptance', { summary: '平稳', documents: '全套' }, '2027-03-01T09:00+08:00');
  if (!reach('in_production')) return f;
  return run(kind, f, P.itHead, 'accept', { passed: true, opinion: '合格', acceptedOn: '2027-03-02' }, '2027-03-02T09:00+08:00');
}
