import type { SignedRecord } from '../../shared/schemas/change-form';
import {
  CHECK_ITEMS,
  DELIVERY_KINDS,
  PROJECT_KINDS,
  ROLLOUT_VERB_LABELS_OF,
  rolloutStateLabel,
  type Application,
  type ChecklistLine,
  type DeliveryKind,
  type PlanStep,
  type PlanStepInput,
  type RolloutFormState,
  type RolloutKind,
  type RolloutState,
} from '../../shared/schemas/project-forms';
import { OPS_SIDE_ROLES, roleLabel, type RoleCode } from '../../shared/schemas/roles';
import { refuse, signedOf, withApproval, type Refusal, type VerbDef, type Workflow, type WorkflowContext } from '../workflow';
import { acceptanceFrom, trialComplete } from './trial';

// 附件2《软件产品上线申请表》 (§28–§31) and 附件4《系统发布申请表》 (§32–§35): one workflow, two
// kinds. The release has no 上线环境 item in its plan (§33(1)), no 附件3 (§29(4) is go-live only),
// its own checklist (§34) and cites its own articles.

/** domain.md: 上线受理 → 准备 → 实施 → 试运行 → 正式验收; a form never skips a state. */
export const ROLLOUT_TRANSITIONS: Readonly<Record<RolloutState, readonly RolloutState[]>> = {
  draft: ['pending_pmo', 'withdrawn'],
  // §28: 项目管理科 returns it, or passes it to 安全科 and 科技信息部负责人.
  pending_pmo: ['pending_it_review', 'draft', 'withdrawn'],
  pending_it_review: ['preparing', 'draft', 'withdrawn'],
  preparing: ['rolling_out'],
  rolling_out: ['trial_run'],
  trial_run: ['pending_acceptance'],
  // §31(2)–(3): 验收合格 → 正式运行; otherwise the trial run goes on.
  pending_acceptance: ['in_production', 'trial_run'],
  in_production: [],
  withdrawn: [],
};

/** Articles per kind: go-live cites chapter 4, release chapter 5. */
const ART = {
  golive: { apply: '第28条(1)', review: '第28条(2)', plan: '第29条(1)', rules: '第29条(2)', manuals: '第29条(3)', version: '第29条(4)', run: '第30条', problem: '第30条(13)', compare: '第30条(2)', trial: '第31条(1)', accept: '第31条(2)' },
  release: { apply: '第32条', review: '第32条', plan: '第33条(1)', rules: '第33条(2)', manuals: '第33条(3)', version: '第36条(1)', run: '第34条', problem: '第34条(6)', compare: '第34条(3)', trial: '第35条(1)', accept: '第35条(2)' },
} as const;

const PROJECT_TEAM: readonly RoleCode[] = ['project_manager', 'developer'];
/** Ops staff who watch the trial run (§30(9)–(12), §34(6)) and the project team who support it (§30(14)). */
const TRIAL_WATCHERS: readonly RoleCode[] = [...OPS_SIDE_ROLES.filter((r) => r !== 'ops_head'), 'project_manager', 'developer'];

function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function firstMissing(checks: ReadonlyArray<readonly [unknown, string, string]>): Refusal | undefined {
  for (const [value, label, article] of checks) if (blank(value)) return refuse('MISSING_FIELD', `请填写${label}（${article}）`);
  return undefined;
}

type F = RolloutFormState;
type V = VerbDef<F>;

function applicationRefusal(f: F): Refusal | undefined {
  const a = f.application;
  const art = ART[f.kind].apply;
  return firstMissing([
    [a.title, '项目名称', art],
    [a.systems, '涉及系统', art],
    [a.businessUnit, '相关业务部门', art],
    [a.content, f.kind === 'golive' ? '上线内容' : '发布内容', art],
    [a.devSummary, '开发和测试完成情况', art],
  ]);
}

function reportName(kind: RolloutKind): string {
  return kind === 'golive' ? '《用户测试验收报告》' : '《系统测试验收报告》';
}

function testReportRefusal(f: F): Refusal | undefined {
  const r = f.testReport;
  const art = ART[f.kind].apply;
  if (!r) return refuse('MISSING_FIELD', `须附相关业务部门负责人签署意见的${reportName(f.kind)}（${art}）`);
  if (!r.passed) return refuse('POLICY', `违反${art}：${reportName(f.kind)}结论为未通过，不能提交`);
  return undefined;
}

/** §29(1)/§33(1): the parts of the plan, each required. */
function planRefusal(f: F): Refusal | undefined {
  const p = f.plan;
  const art = ART[f.kind].plan;
  const missing = firstMissing([
    [p.backup, '备份方案', art],
    [f.kind === 'golive' ? p.environment : '-', '上线环境的搭建', art],
    [p.steps, '执行步骤、责任人和时间安排', art],
    [p.rollback, '回退计划', art],
    [p.problems, '可能出现的问题及解决方案', art],
  ]);
  if (missing) return missing;
  const items = CHECK_ITEMS[f.kind];
  for (const [code, def] of Object.entries(items)) {
    if (def.required && !p.steps.some((s) => s.item === code)) {
      return refuse('MISSING_FIELD', `实施计划缺少「${def.label}」一步（${def.article}）`);
    }
  }
  return undefined;
}

function preparationRefusal(f: F): Refusal | undefined {
  const art = ART[f.kind];
  if (!f.plan.approved) return refuse('POLICY', `违反${art.plan}：实施计划须经部门负责人审批`);
  for (const k of Object.keys(DELIVERY_KINDS) as DeliveryKind[]) {
    if (!f.deliveries[k]) return refuse('MISSING_FIELD', `请登记${DELIVERY_KINDS[k]}的交付和培训（${k === 'rules' ? art.rules : art.manuals}）`);
  }
  if (f.kind === 'golive') {
    if (!f.versionTable) return refuse('MISSING_FIELD', '请提交附件3《软件版本管理表》（第29条(4)）');
    if (!f.versionTable.received) return refuse('POLICY', '违反第29条(4)：《软件版本管理表》须由生产系统版本管理员接收，完成上线版本的制作');
  }
  return undefined;
}

function checklistRefusal(f: F): Refusal | undefined {
  const open = f.checklist.filter((l) => !l.done);
  if (open.length > 0) {
    return refuse('POLICY', `违反${ART[f.kind].run}：检查表尚有 ${open.length} 项未完成（${open.map((l) => `${l.label}·${l.assigneeName}`).join('；')}）`);
  }
  if (f.kind === 'golive' && !f.versionComparison) return refuse('MISSING_FIELD', '请登记新老版本比对记录（第30条(2)）');
  return undefined;
}

/** Steps as entered → steps with role and 责任人's name, checked against the directory. */
function resolveSteps(kind: RolloutKind, steps: PlanStepInput[], ctx: WorkflowContext): PlanStep[] | Refusal {
  const items = CHECK_ITEMS[kind];
  const out: PlanStep[] = [];
  for (const [i, s] of steps.entries()) {
    const def = items[s.item];
    if (!def) return refuse('MISSING_FIELD', `第 ${i + 1} 步的检查项「${s.item}」不是${ART[kind].run}所列的一项`);
    const person = ctx.people?.(s.assigneeUserId);
    if (!person) return refuse('MISSING_FIELD', `第 ${i + 1} 步的责任人不存在`);
    if (!person.roles.includes(def.role)) {
      return refuse('POLICY', `第 ${i + 1} 步「${def.label}」须由${roleLabel(def.role)}负责（${def.article}），${person.name}不是${roleLabel(def.role)}`);
    }
    out.push({ id: s.id ?? `s${i + 1}`, item: s.item, task: s.task, role: def.role, assigneeUserId: person.userId, assigneeName: person.name, plannedAt: s.plannedAt });
  }
  const ids = new Set(out.map((s) => s.id));
  if (ids.size !== out.length) return refuse('MISSING_FIELD', '步骤编号重复');
  return out;
}

function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x;
}

const verbs: Record<string, V> = {
  saveApplication: {
    roles: PROJECT_TEAM,
    article: '第28条(1)',
    states: ['draft'],
    scope: () => 'creator',
    reduce: (f, p) => ({ ...f, application: { ...f.application, ...strip(p) } as Application }),
  },
  // §28(1)/§32: the 相关业务部门负责人 signs the test acceptance report.
  recordTestReport: {
    roles: ['dept_head'],
    article: '第28条(1)',
    states: ['draft'],
    guard: (f, c) =>
      !f.application.businessUnit
        ? refuse('MISSING_FIELD', `请先填写相关业务部门（${ART[f.kind].apply}）`)
        : c.actor.unitCode !== f.application.businessUnit
          ? refuse('FORBIDDEN_ROLE', `${reportName(f.kind)}须由相关业务部门（${f.application.businessUnit}）的部门负责人签署（${ART[f.kind].apply}）`)
          : undefined,
    approval: true,
    reduce: (f, p, s) => ({
      ...f,
      testReport: { reportTitle: String(p.reportTitle), conclusion: String(p.conclusion), passed: p.passed === true, ...opt(p.opinion), ...s },
    }),
  },
  submit: {
    roles: PROJECT_TEAM,
    article: '第28条(1)',
    states: ['draft'],
    scope: () => 'creator',
    guard: (f) => applicationRefusal(f) ?? testReportRefusal(f),
    next: () => 'pending_pmo',
    // A resubmission starts the reviews afresh.
    reduce: (f) => ({ ...f, reviews: {} }),
  },
  withdraw: {
    roles: PROJECT_TEAM,
    article: '第28条(1)',
    states: ['draft', 'pending_pmo', 'pending_it_review'],
    scope: () => 'creator',
    next: () => 'withdrawn',
    reduce: (f, p, s) => ({ ...f, closure: { reason: String(p.reason), userId: s.userId, name: s.name, time: s.time } }),
  },
  pmoReview: {
    roles: ['pmo_reviewer'],
    article: '第28条(1)',
    states: ['pending_pmo'],
    approval: true,
    next: (_f, i) => (i.agree ? 'pending_it_review' : 'draft'),
    reduce: (f, p, s) => withApproval({ ...f, reviews: { pmo: review(p, s) } }, 'pmoReview', s, p.agree === true, p.opinion),
  },
  // §28(2): 安全科 and 科技信息部负责人 each write 意见 and sign with seal; both must agree.
  securityReview: {
    roles: ['security_reviewer'],
    article: '第28条(2)',
    states: ['pending_it_review'],
    approval: true,
    guard: (f) => (f.reviews.security ? refuse('INVALID_STATE', '安全科已审核') : undefined),
    next: (f, i) => (!i.agree ? 'draft' : f.reviews.itHead?.agree ? 'preparing' : undefined),
    reduce: (f, p, s) => withApproval({ ...f, reviews: { ...f.reviews, security: review(p, s) } }, 'securityReview', s, p.agree === true, p.opinion),
  },
  itHeadReview: {
    roles: ['it_head'],
    article: '第28条(2)',
    states: ['pending_it_review'],
    approval: true,
    guard: (f) => (f.reviews.itHead ? refuse('INVALID_STATE', '科技信息部负责人已审核') : undefined),
    next: (f, i) => (!i.agree ? 'draft' : f.reviews.security?.agree ? 'preparing' : undefined),
    reduce: (f, p, s) => withApproval({ ...f, reviews: { ...f.reviews, itHead: review(p, s) } }, 'itHeadReview', s, p.agree === true, p.opinion),
  },

  // ── 准备 (§29, §33) ──
  savePlan: {
    // §29(1): 运行维护中心配合项目组制定; 项目经理 submits it.
    roles: ['project_manager', 'ops_coordinator'],
    article: '第29条(1)',
    states: ['preparing'],
    guard: (f) => (f.plan.approved ? refuse('INVALID_STATE', '实施计划已批准，不能再修改') : undefined),
    input: (f, i, c) => {
      const steps = i.steps as PlanStepInput[] | undefined;
      const r = steps ? resolveSteps(f.kind, steps, c) : undefined;
      return isRefusal(r) ? r : undefined;
    },
    payload: (f, i, c) => {
      const steps = i.steps as PlanStepInput[] | undefined;
      return steps ? { ...i, steps: resolveSteps(f.kind, steps, c) } : { ...i };
    },
    reduce: (f, p) => {
      const { submitted: _s, ...plan } = f.plan;
      return { ...f, plan: { ...plan, ...(strip(p) as Partial<F['plan']>), steps: (p.steps as PlanStep[] | undefined) ?? f.plan.steps } };
    },
  },
  submitPlan: {
    roles: ['project_manager'],
    article: '第29条(1)',
    states: ['preparing'],
    guard: (f) => (f.plan.approved ? refuse('INVALID_STATE', '实施计划已批准') : planRefusal(f)),
    reduce: (f, _p, s) => ({ ...f, plan: { ...f.plan, submitted: s } }),
  },
  // §29(1): 项目经理提交部门负责人进行审批 — 科技信息部负责人, or the head of the project team's own unit.
  approvePlan: {
    roles: ['it_head', 'dept_head'],
    article: '第29条(1)',
    states: ['preparing'],
    scope: (role) => (role === 'dept_head' ? 'applicant_unit' : 'any'),
    approval: true,
    guard: (f, c) =>
      f.plan.approved
        ? refuse('INVALID_STATE', '实施计划已批准')
        : !f.plan.submitted
          ? refuse('INVALID_STATE', `实施计划尚未由项目经理提交审批（${ART[f.kind].plan}）`)
          : f.plan.submitted.userId === c.actor.userId
            ? refuse('SEGREGATION', '违反第5条(5)监督制约原则：不得审批本人提交的实施计划')
            : planRefusal(f),
    reduce: (f, p, s) => {
      const next = withApproval(f, 'approvePlan', s, p.agree === true, p.opinion);
      if (p.agree) return { ...next, plan: { ...f.plan, approved: { ...s, ...opt(p.opinion) } } };
      const { submitted: _s, ...plan } = f.plan;
      return { ...next, plan: { ...plan } };
    },
  },
  recordDelivery: {
    roles: ['project_manager'],
    article: '第29条(2)、(3)',
    states: ['preparing'],
    reduce: (f, p, s) => ({
      ...f,
      deliveries: {
        ...f.deliveries,
        [p.what as DeliveryKind]: { documents: String(p.documents), recipients: String(p.recipients), trainingDate: String(p.trainingDate), ...(typeof p.trainingNote === 'string' && p.trainingNote ? { trainingNote: p.trainingNote } : {}), ...s },
      },
    }),
  },
  recordVersionTable: {
    roles: PROJECT_TEAM,
    article: '第29条(4)',
    states: ['preparing'],
    guard: (f) =>
      f.kind !== 'golive' ? refuse('INVALID_STATE', '系统发布无需《软件版本管理表》') : f.versionTable?.received ? refuse('INVALID_STATE', '版本管理员已接收该版本') : undefined,
    reduce: (f, p, s) => ({
      ...f,
      versionTable: {
        version: String(p.version),
        components: p.components as NonNullable<F['versionTable']>['components'],
        builtBy: String(p.builtBy),
        builtAt: String(p.builtAt),
        ...optNote(p.note),
        ...s,
      },
    }),
  },
  receiveVersionTable: {
    roles: ['prod_version_admin'],
    article: '第29条(4)',
    states: ['preparing'],
    guard: (f) => (!f.versionTable ? refuse('INVALID_STATE', '尚未提交《软件版本管理表》') : f.versionTable.received ? refuse('INVALID_STATE', '已接收') : undefined),
    reduce: (f, p, s) => ({ ...f, versionTable: { ...(f.versionTable as NonNullable<F['versionTable']>), received: { ...s, ...opt(p.opinion) } } }),
  },
  completePreparation: {
    roles: ['ops_coordinator'],
    article: '第29条',
    states: ['preparing'],
    guard: preparationRefusal,
    next: () => 'rolling_out',
    // The checklist is the plan's steps (§30: 按照上线实施计划步骤进行).
    reduce: (f) => ({
      ...f,
      checklist: f.plan.steps.map((s): ChecklistLine => {
        const def = CHECK_ITEMS[f.kind][s.item];
        return { ...s, label: def?.label ?? s.item, article: def?.article ?? ART[f.kind].run };
      }),
    }),
  },

  // ── 实施 (§30, §34) ──
  tickStep: {
    roles: [...new Set(Object.values(CHECK_ITEMS).flatMap((items) => Object.values(items).map((d) => d.role)))],
    article: '第30条',
    states: ['rolling_out'],
    input: (f, i, c) => {
      const line = f.checklist.find((l) => l.id === i.lineId);
      if (!line) return refuse('MISSING_FIELD', `检查表没有第「${String(i.lineId)}」项`);
      if (line.done) return refuse('INVALID_STATE', `「${line.label}」已于 ${line.done.doneAt.slice(0, 16).replace('T', ' ')} 登记完成`);
      if (!c.actor.roles.includes(line.role)) return refuse('FORBIDDEN_ROLE', `「${line.label}」须由${roleLabel(line.role)}登记（${line.article}）`);
      if (line.assigneeUserId !== c.actor.userId) return refuse('FORBIDDEN_ROLE', `「${line.label}」的责任人是${line.assigneeName}，须由本人登记（${line.article}）`);
      if (Date.parse(String(i.doneAt)) > Date.parse(c.now)) return refuse('MISSING_FIELD', '完成时间不能晚于当前时间');
      return undefined;
    },
    reduce: (f, p, s) => ({
      ...f,
      checklist: f.checklist.map((l) => (l.id === p.lineId ? { ...l, done: { ...s, doneAt: String(p.doneAt), ...optNote(p.note) } } : l)),
    }),
  },
  recordVersionComparison: {
    roles: ['prod_version_admin'],
    article: '第30条(2)',
    states: ['rolling_out'],
    guard: (f) => (f.kind !== 'golive' ? refuse('INVALID_STATE', '新老版本比对属于软件上线（第30条(2)）') : undefined),
    reduce: (f, p, s) => ({
      ...f,
      versionComparison: { oldVersion: String(p.oldVersion), newVersion: String(p.newVersion), differences: String(p.differences), consistent: p.consistent === true, ...s },
    }),
  },
  closeChecklist: {
    roles: ['ops_coordinator'],
    article: '第30条',
    states: ['rolling_out'],
    guard: checklistRefusal,
    next: () => 'trial_run',
    reduce: (f, p, s) => withApproval({ ...f, trial: { ...f.trial, startedAt: s.time } }, 'closeChecklist', s, true, p.opinion),
  },

  // ── 试运行 (§30(9)–(14), §34(6)–(7)) ──
  recordObservation: {
    roles: TRIAL_WATCHERS,
    article: '第30条(9)至(12)',
    states: ['trial_run'],
    reduce: (f, p, s) => ({
      ...f,
      trial: { ...f.trial, observations: [...f.trial.observations, { keyDate: p.keyDate as never, date: String(p.date), observation: String(p.observation), normal: p.normal === true, ...s }] },
    }),
  },
  reportProblem: {
    roles: [...OPS_SIDE_ROLES],
    article: '第30条(13)',
    states: ['trial_run'],
    reduce: (f, p, s) => ({
      ...f,
      trial: { ...f.trial, problems: [...f.trial.problems, { id: `p${f.trial.problems.length + 1}`, description: String(p.description), ...s }] },
    }),
  },
  resolveProblem: {
    roles: PROJECT_TEAM,
    article: '第30条(13)',
    states: ['trial_run'],
    // Nothing to resolve: the button says so rather than open an empty choice.
    guard: (f) => (f.trial.problems.some((p) => !p.resolution) ? undefined : refuse('INVALID_STATE', '没有待处理的试运行问题')),
    input: (f, i) => {
      const pr = f.trial.problems.find((x) => x.id === i.problemId);
      if (!pr) return refuse('MISSING_FIELD', `没有编号为「${String(i.problemId)}」的试运行问题`);
      return pr.resolution ? refuse('INVALID_STATE', '该问题已登记处理') : undefined;
    },
    reduce: (f, p, s) => ({
      ...f,
      trial: { ...f.trial, problems: f.trial.problems.map((x) => (x.id === p.problemId ? { ...x, resolution: { ...s, text: String(p.text) } } : x)) },
    }),
  },
  // §31(1)/§35(1): 试运行3个月以后 the project team applies for formal acceptance.
  requestAcceptance: {
    roles: ['project_manager'],
    article: '第31条(1)',
    states: ['trial_run'],
    guard: (f, c) => {
      const art = ART[f.kind].trial;
      const start = f.trial.startedAt;
      if (!start) return refuse('INVALID_STATE', '试运行尚未开始');
      if (!trialComplete(start, c.now)) {
        return refuse('POLICY', `违反${art}：试运行须满3个月方可提交正式验收申请报告（试运行自 ${start.slice(0, 10)} 开始，最早 ${acceptanceFrom(start)}）`);
      }
      const open = f.trial.problems.filter((p) => !p.resolution);
      return open.length ? refuse('POLICY', `试运行中发现的问题尚有 ${open.length} 项未处理（${ART[f.kind].problem}）`) : undefined;
    },
    next: () => 'pending_acceptance',
    reduce: (f, p, s) => ({ ...f, acceptanceRequest: { summary: String(p.summary), documents: String(p.documents), ...s } }),
  },
  accept: {
    roles: ['it_head'],
    article: '第31条(2)',
    states: ['pending_acceptance'],
    approval: true,
    next: (_f, i) => (i.passed ? 'in_production' : 'trial_run'),
    reduce: (f, p, s) =>
      withApproval(
        { ...f, acceptance: { passed: p.passed === true, opinion: String(p.opinion), acceptedOn: String(p.acceptedOn), ...s } },
        'accept',
        s,
        p.passed === true,
        p.opinion,
      ),
  },
};

function strip(p: Record<string, unknown>): Record<string, unknown> {
  const { to: _to, ...rest } = p;
  return rest;
}
function opt(opinion: unknown): { opinion?: string } {
  return typeof opinion === 'string' && opinion ? { opinion } : {};
}
function optNote(v: unknown): { note?: string } {
  return typeof v === 'string' && v ? { note: v } : {};
}
function review(p: Record<string, unknown>, s: SignedRecord) {
  return { agree: p.agree === true, opinion: String(p.opinion ?? ''), ...(p.sealed !== undefined ? { sealed: p.sealed === true } : {}), ...signedOf(s) };
}

function workflowFor(kind: RolloutKind): Workflow<F> {
  // The release cites chapter 5 where go-live cites chapter 4.
  const kindVerbs = Object.fromEntries(
    Object.entries(verbs).map(([name, v]) => [name, { ...v, article: kind === 'golive' ? v.article : releaseArticle(v.article) }]),
  );
  return {
    prefix: kind,
    noun: PROJECT_KINDS[kind].noun,
    labels: ROLLOUT_VERB_LABELS_OF[kind],
    stateLabel: (_f, s) => rolloutStateLabel(kind, s as RolloutState),
    transitions: ROLLOUT_TRANSITIONS,
    create: {
      roles: ['project_manager'],
      article: ART[kind].apply,
      make: (input, base) => ({
        ...base,
        kind,
        state: 'draft',
        application: { ...(input as Application), appliedOn: (input as Application).appliedOn ?? base.createdAt.slice(0, 10) },
        reviews: {},
        plan: { steps: [] },
        deliveries: {},
        checklist: [],
        trial: { observations: [], problems: [] },
      }),
    },
    verbs: kindVerbs,
  };
}

const RELEASE_ARTICLES: Record<string, string> = {
  '第28条(1)': '第32条',
  '第28条(2)': '第32条',
  '第29条(1)': '第33条(1)',
  '第29条(2)、(3)': '第33条(2)、(3)',
  '第29条': '第33条',
  '第29条(4)': '第36条(1)',
  '第30条': '第34条',
  '第30条(2)': '第34条(3)',
  '第30条(9)至(12)': '第34条(6)',
  '第30条(13)': '第34条(6)',
  '第31条(1)': '第35条(1)',
  '第31条(2)': '第35条(2)',
};
function releaseArticle(a: string): string {
  return RELEASE_ARTICLES[a] ?? a;
}

/** §29(4), §30(2): 附件3 and the version comparison belong to a go-live; a release never offers them. */
export const GOLIVE_ONLY_VERBS: readonly string[] = ['recordVersionTable', 'receiveVersionTable', 'recordVersionComparison'];

export const ROLLOUT_WORKFLOWS: Record<RolloutKind, Workflow<F>> = { golive: workflowFor('golive'), release: workflowFor('release') };

export { acceptanceFrom, trialComplete };
export type { RolloutFormState };
export const ROLLOUT_ARTICLES = ART;
export type RolloutVerbDef = V;
export type { RoleCode };
