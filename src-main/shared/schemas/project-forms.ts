import { z } from 'zod';
import { dateTimeSchema, IsoDateSchema } from './calendar';
import { choice, fieldLabels, opinion, optText, text, yesNo, type RefusalCode, type SignedRecord } from './change-form';
import type { TimelineEntry } from './query';
import type { RoleCode } from './roles';

// The project forms of chapters 4 and 5 and §17(6)–(7): 附件2《软件产品上线申请表》 (go-live,
// §28–§31), 附件4《系统发布申请表》 (release, §32–§35) and 生产系统访问登记 (a developer's emergency
// access to production). Fields, states and the input of every verb; messages Chinese.

// ───────────────────────────── kinds ─────────────────────────────

export const PROJECT_KINDS = {
  golive: { label: '软件产品上线', annex: '附件2', title: '软件产品上线申请表', prefix: 'SX', noun: '上线申请' },
  release: { label: '系统发布', annex: '附件4', title: '系统发布申请表', prefix: 'FB', noun: '发布申请' },
  access: { label: '生产系统访问登记', annex: '', title: '生产系统访问登记表', prefix: 'FW', noun: '访问登记' },
} as const;
export type ProjectKind = keyof typeof PROJECT_KINDS;
export const PROJECT_KIND_CODES = Object.keys(PROJECT_KINDS) as ProjectKind[];
export const ProjectKindSchema = z.enum(PROJECT_KIND_CODES as [ProjectKind, ...ProjectKind[]], { error: '表单种类应为 golive/release/access' });
/** go-live and release share one engine (§32–§35 repeat §28–§31 for a system release). */
export type RolloutKind = Exclude<ProjectKind, 'access'>;

// ───────────────────────────── go-live / release: states ─────────────────────────────

/** domain.md 附件2/附件4: 草稿 → 项目管理科审核 → 安全科及科技信息部负责人审核 → 准备 → 实施 → 试运行 → 正式验收 → 正式运行. */
export const ROLLOUT_STATES = {
  draft: '草稿',
  pending_pmo: '待项目管理科审核',
  pending_it_review: '待安全科及科技信息部负责人审核',
  preparing: '准备中',
  rolling_out: '实施中',
  trial_run: '试运行',
  pending_acceptance: '待正式验收',
  in_production: '正式运行',
  withdrawn: '已撤回',
} as const;
export type RolloutState = keyof typeof ROLLOUT_STATES;
export const ROLLOUT_STATE_CODES = Object.keys(ROLLOUT_STATES) as RolloutState[];

/** The words of a state as each kind says them (上线准备 / 发布准备 …). */
export function rolloutStateLabel(kind: RolloutKind, state: RolloutState): string {
  const word = kind === 'golive' ? '上线' : '发布';
  if (state === 'preparing') return `${word}准备`;
  if (state === 'rolling_out') return `${word}实施`;
  return ROLLOUT_STATES[state];
}

// ───────────────────────────── §30 / §34 checklist items ─────────────────────────────

export interface ChecklistItemDef {
  label: string;
  role: RoleCode;
  article: string;
  /** Every plan must have a line for it. */
  required?: boolean;
}

/** §30(1)–(9): the role steps of a go-live, each done by the role the article names. */
export const GOLIVE_CHECK_ITEMS = {
  security_check: { label: '安全检查（是否符合国家和上级单位安全规定）', role: 'security_reviewer', article: '第30条(1)', required: true },
  prod_backup: { label: '生产系统备份、新老版本比对、编译制作新版本并生效', role: 'prod_version_admin', article: '第30条(2)', required: true },
  db_maintenance: { label: '数据库新增、修改、删除等维护', role: 'dba', article: '第30条(3)' },
  sys_params: { label: '系统资源、系统参数、各类文件定义及基础资料建档', role: 'sysadmin', article: '第30条(4)' },
  network: { label: '网络通讯参数设置、通讯接口切换及基础资料建档', role: 'netadmin', article: '第30条(5)' },
  front_version: { label: '前台版本下发各支行、网点并跟踪安装生效', role: 'front_version_admin', article: '第30条(6)' },
  front_end: { label: '前置机程序版本、数据库信息变更及与主机交易联动', role: 'sysadmin', article: '第30条(7)' },
  project_support: { label: '项目建设部门、业务部门配合切换上线', role: 'project_manager', article: '第30条(8)' },
  batch: { label: '上线当日及关键日期批处理技术支持与跟踪', role: 'batch_tech', article: '第30条(9)' },
} as const satisfies Record<string, ChecklistItemDef>;

/** §34(2)–(5): the role steps of a system release. */
export const RELEASE_CHECK_ITEMS = {
  security_check: { label: '安全检查（是否符合国家和上级单位安全规定）', role: 'security_reviewer', article: '第34条(2)', required: true },
  backup: { label: '相关系统数据或配置备份', role: 'sysadmin', article: '第34条(3)', required: true },
  network: { label: '网络通讯参数设置、通讯接口切换到发布系统及基础资料建档', role: 'netadmin', article: '第34条(4)' },
  project_support: { label: '项目建设部门、业务部门配合发布及运行', role: 'project_manager', article: '第34条(5)' },
} as const satisfies Record<string, ChecklistItemDef>;

export const CHECK_ITEMS: Record<RolloutKind, Record<string, ChecklistItemDef>> = { golive: GOLIVE_CHECK_ITEMS, release: RELEASE_CHECK_ITEMS };

/** §30(9)–(12) key dates of the trial run. */
export const KEY_DATES = ['上线当日', '下一营业日', '月终', '结息日', '其他'] as const;
export type KeyDate = (typeof KEY_DATES)[number];

// ───────────────────────────── go-live / release: records ─────────────────────────────

export const ApplicationSchema = z.object({
  title: optText('项目名称', 200),
  systems: z.array(text('涉及系统', 100)).max(50, '涉及系统不超过50个').describe('涉及系统').optional(),
  /** 相关业务部门 (unit code) whose head signs the 用户/系统测试验收报告. */
  businessUnit: optText('相关业务部门', 100),
  contact: optText('联系方式', 100),
  appliedOn: IsoDateSchema.describe('申请日期').optional(),
  /** What goes live: scope, functions, versions. */
  content: optText('上线内容'),
  /** §5(8)/§5(6): new project, in the yearly plan. */
  newProject: yesNo('是否新项目').optional(),
  plannedDate: IsoDateSchema.describe('计划上线日期').optional(),
  devSummary: optText('开发和测试完成情况'),
});
export type Application = z.output<typeof ApplicationSchema>;

/** The application's field names, from the schema. */
export const APPLICATION_LABELS = fieldLabels(ApplicationSchema);

/** §28(1)/§32: 《用户测试验收报告》 (go-live) or 《系统测试验收报告》 (release), signed by the business head. */
export interface AcceptanceReport extends SignedRecord {
  reportTitle: string;
  conclusion: string;
  passed: boolean;
  opinion?: string;
}

/** §28(2)/§32: an 审核 with 意见 and, for 安全科 and 科技信息部负责人, 签名盖章. */
export interface Review extends SignedRecord {
  agree: boolean;
  opinion: string;
  sealed?: boolean;
}

/** One line of 步骤/责任人/时间安排 (§29(1)3, §33(1)2); it becomes a line of the §30/§34 checklist. */
export const PlanStepSchema = z.object({
  id: z.string().trim().min(1).max(20).optional(),
  item: text('检查项', 40),
  task: text('工作内容', 500),
  assigneeUserId: text('责任人', 100),
  plannedAt: dateTimeSchema('计划时间'),
});
export type PlanStepInput = z.output<typeof PlanStepSchema>;
export interface PlanStep {
  id: string;
  item: string;
  task: string;
  role: RoleCode;
  assigneeUserId: string;
  assigneeName: string;
  plannedAt: string;
}

export const PlanSchema = z.object({
  /** 1. 历史数据、配置参数、应用程序等的备份方案 */
  backup: optText('备份方案'),
  /** 2. 上线环境的搭建 (go-live only) */
  environment: optText('上线环境的搭建'),
  /** 3. 步骤、责任人、时间安排 */
  steps: z.array(PlanStepSchema).max(60, '步骤不超过60项').optional(),
  organisation: optText('人员组织'),
  /** 4. 回退计划 */
  rollback: optText('回退计划'),
  /** 5. 可能出现的问题及解决方案 */
  problems: optText('可能出现的问题及解决方案'),
});

export interface Plan {
  backup?: string;
  environment?: string;
  steps: PlanStep[];
  organisation?: string;
  rollback?: string;
  problems?: string;
  submitted?: SignedRecord;
  approved?: SignedRecord & { opinion?: string };
}

/** §29(2)–(3), §33(2)–(3): documents delivered and training held. */
export const DELIVERY_KINDS = {
  rules: '业务管理办法和操作细则',
  manuals: '维护手册和操作手册',
} as const;
export type DeliveryKind = keyof typeof DELIVERY_KINDS;
export interface Delivery extends SignedRecord {
  documents: string;
  recipients: string;
  trainingDate: string;
  trainingNote?: string;
}

/** 附件3《软件版本管理表》 (§29(4)). */
export const VersionComponentSchema = z.object({
  name: text('组件名称', 200),
  version: optText('组件版本', 50),
  checksum: z.string({ error: '请填写校验值' }).trim().regex(/^[0-9a-fA-F]{32,128}$/, '校验值应为十六进制的 MD5/SHA 值'),
});
export interface VersionTable extends SignedRecord {
  version: string;
  components: Array<z.output<typeof VersionComponentSchema>>;
  builtBy: string;
  builtAt: string;
  note?: string;
  /** 生产系统版本管理员 received it (§29(4), §36(1)). */
  received?: SignedRecord & { opinion?: string };
}

export interface ChecklistLine extends PlanStep {
  label: string;
  article: string;
  done?: SignedRecord & { doneAt: string; note?: string };
}

/** §30(2) 新老版本比对. */
export interface VersionComparison extends SignedRecord {
  oldVersion: string;
  newVersion: string;
  differences: string;
  consistent: boolean;
}

export interface Observation extends SignedRecord {
  keyDate: KeyDate;
  date: string;
  observation: string;
  normal: boolean;
}

/** §30(13)/§34(6): a problem found in the trial run, sent to the project team. */
export interface TrialProblem extends SignedRecord {
  id: string;
  description: string;
  resolution?: SignedRecord & { text: string };
}

/** §31(1)/§35(1) 正式验收申请报告. */
export interface AcceptanceRequest extends SignedRecord {
  summary: string;
  documents: string;
}
/** §31(2)–(3)/§35(2)–(3) 科技信息部 验收. */
export interface AcceptanceDecision extends SignedRecord {
  passed: boolean;
  opinion: string;
  acceptedOn: string;
}

export interface FormApproval extends SignedRecord {
  step: string;
  agree: boolean;
  opinion?: string;
}

/** What every project form has, whatever its kind. */
export interface ProjectFormBase {
  kind: ProjectKind;
  formId: string;
  formNo: string;
  state: string;
  createdAt: string;
  updatedAt: string;
  applicant: { userId: string; name: string; unitCode: string };
  approvals: FormApproval[];
  participants: Record<string, RoleCode[]>;
  version: number;
  head: string[];
  closure?: { reason: string; userId: string; name: string; time: string };
}

export interface RolloutFormState extends ProjectFormBase {
  kind: RolloutKind;
  state: RolloutState;
  application: Application;
  testReport?: AcceptanceReport;
  reviews: { pmo?: Review; security?: Review; itHead?: Review };
  plan: Plan;
  deliveries: Partial<Record<DeliveryKind, Delivery>>;
  versionTable?: VersionTable;
  checklist: ChecklistLine[];
  versionComparison?: VersionComparison;
  trial: { startedAt?: string; observations: Observation[]; problems: TrialProblem[] };
  acceptanceRequest?: AcceptanceRequest;
  acceptance?: AcceptanceDecision;
}

// ───────────────────────────── access record (§17(6)–(7)) ─────────────────────────────

export const ACCESS_STATES = {
  requested: '待批准',
  approved: '已批准待访问',
  in_access: '访问中',
  pending_disable: '待禁用账号',
  closed: '已关闭',
  rejected: '未批准',
} as const;
export type AccessState = keyof typeof ACCESS_STATES;

export const ACCOUNT_ACTIONS = ['禁用', '删除'] as const;

export interface AccessFormState extends ProjectFormBase {
  kind: 'access';
  state: AccessState;
  request: { system: string; reason: string; account: string; plannedStart: string; plannedEnd: string; incident?: string };
  approval?: SignedRecord & { opinion?: string; supervisorUserId: string; supervisorName: string };
  startedAt?: string;
  start?: SignedRecord;
  endedAt?: string;
  workDone?: string;
  end?: SignedRecord;
  disabled?: SignedRecord & { disabledAt: string; action: (typeof ACCOUNT_ACTIONS)[number] };
}

export type ProjectFormState = RolloutFormState | AccessFormState;

// ───────────────────────────── verbs ─────────────────────────────

const agreeReview = (label: string) => z.object({ agree: yesNo('是否同意'), opinion: text(label, 2000) });

export const rolloutCommandSchemas = {
  create: ApplicationSchema,
  saveApplication: ApplicationSchema,
  recordTestReport: z.object({ reportTitle: text('验收报告名称', 200), conclusion: text('验收结论', 2000), passed: yesNo('验收是否通过'), opinion: opinion('业务部门负责人意见') }),
  submit: z.object({}),
  withdraw: z.object({ reason: text('撤回原因', 2000) }),
  pmoReview: agreeReview('项目管理科审核意见'),
  securityReview: agreeReview('安全科审核意见').extend({ sealed: yesNo('是否已签名盖章').default(true) }),
  itHeadReview: agreeReview('科技信息部负责人审核意见').extend({ sealed: yesNo('是否已签名盖章').default(true) }),
  savePlan: PlanSchema,
  submitPlan: z.object({}),
  approvePlan: z.object({ agree: yesNo('是否批准'), opinion: opinion('审批意见') }),
  recordDelivery: z.object({
    what: choice(Object.keys(DELIVERY_KINDS) as [DeliveryKind, ...DeliveryKind[]], '交付内容'),
    documents: text('交付文档', 2000),
    recipients: text('接收人员', 500),
    trainingDate: IsoDateSchema.describe('培训日期'),
    trainingNote: optText('培训情况', 2000),
  }),
  recordVersionTable: z.object({
    version: text('版本号', 50),
    components: z.array(VersionComponentSchema, { error: '请填写版本组件' }).min(1, '请至少填写一个组件').max(200),
    builtBy: text('制作人', 100),
    builtAt: dateTimeSchema('制作时间'),
    note: optText('说明', 2000),
  }),
  receiveVersionTable: z.object({ opinion: opinion('版本管理意见') }),
  completePreparation: z.object({}),
  tickStep: z.object({ lineId: text('检查项', 20), doneAt: dateTimeSchema('完成时间'), note: optText('完成情况', 2000) }),
  recordVersionComparison: z.object({
    oldVersion: text('原版本', 50),
    newVersion: text('新版本', 50),
    differences: text('比对结果', 4000),
    consistent: yesNo('差异是否与上线内容一致'),
  }),
  closeChecklist: z.object({ opinion: opinion('说明') }),
  recordObservation: z.object({ keyDate: choice(KEY_DATES, '关键日期'), date: IsoDateSchema.describe('观察日期'), observation: text('运行情况', 2000), normal: yesNo('运行是否正常') }),
  reportProblem: z.object({ description: text('问题描述', 2000) }),
  resolveProblem: z.object({ problemId: text('问题编号', 20), text: text('处理情况', 2000) }),
  requestAcceptance: z.object({ summary: text('试运行情况总结', 4000), documents: text('项目资料清单', 2000) }),
  accept: z.object({ passed: yesNo('验收是否合格'), opinion: text('验收意见', 2000), acceptedOn: IsoDateSchema.describe('验收日期') }),
} as const;
export type RolloutVerb = keyof typeof rolloutCommandSchemas;
export const ROLLOUT_VERBS = Object.keys(rolloutCommandSchemas) as RolloutVerb[];

export const ROLLOUT_VERB_LABELS: Record<RolloutVerb, string> = {
  create: '新建申请',
  saveApplication: '保存申请信息',
  recordTestReport: '业务部门负责人签署测试验收报告',
  submit: '提交项目管理科审核',
  withdraw: '撤回',
  pmoReview: '项目管理科审核',
  securityReview: '安全科审核',
  itHeadReview: '科技信息部负责人审核',
  savePlan: '保存实施计划',
  submitPlan: '提交部门负责人审批',
  approvePlan: '审批实施计划',
  recordDelivery: '登记文档交付和培训',
  recordVersionTable: '提交软件版本管理表',
  receiveVersionTable: '版本管理员接收版本',
  completePreparation: '准备完成，开始实施',
  tickStep: '登记检查项完成',
  recordVersionComparison: '登记新老版本比对',
  closeChecklist: '检查表完成，转入试运行',
  recordObservation: '登记试运行观察',
  reportProblem: '登记试运行问题',
  resolveProblem: '登记问题处理',
  requestAcceptance: '提交正式验收申请报告',
  accept: '科技信息部验收',
};

/** §33(1): a release calls its plan 发布计划 and its carrying-out 发布, where a go-live says 实施. */
export const RELEASE_VERB_LABELS: Record<RolloutVerb, string> = {
  ...ROLLOUT_VERB_LABELS,
  savePlan: '保存发布计划',
  approvePlan: '审批发布计划',
  completePreparation: '准备完成，开始发布',
};
export const ROLLOUT_VERB_LABELS_OF: Record<RolloutKind, Record<RolloutVerb, string>> = { golive: ROLLOUT_VERB_LABELS, release: RELEASE_VERB_LABELS };

export const accessCommandSchemas = {
  create: z.object({
    system: text('涉及系统', 100),
    reason: text('紧急修复任务', 2000),
    incident: optText('关联故障或变更单', 200),
    account: text('使用的账号', 100),
    plannedStart: dateTimeSchema('计划开始时间'),
    plannedEnd: dateTimeSchema('计划结束时间'),
  }),
  approve: z.object({ supervisorUserId: text('监督的系统管理员', 100), opinion: opinion('批准意见') }),
  reject: z.object({ opinion: text('不批准的理由', 2000) }),
  start: z.object({ startedAt: dateTimeSchema('访问开始时间') }),
  end: z.object({ endedAt: dateTimeSchema('访问结束时间'), workDone: text('访问期间所做的工作', 4000) }),
  disableAccount: z.object({ disabledAt: dateTimeSchema('账号禁用时间'), action: choice(ACCOUNT_ACTIONS, '处理方式') }),
} as const;
export type AccessVerb = keyof typeof accessCommandSchemas;
export const ACCESS_VERBS = Object.keys(accessCommandSchemas) as AccessVerb[];
export const ACCESS_VERB_LABELS: Record<AccessVerb, string> = {
  create: '登记访问申请',
  approve: '批准访问',
  reject: '不批准',
  start: '登记访问开始',
  end: '登记访问结束',
  disableAccount: '登记账号已禁用/删除',
};

// ───────────────────────────── what the domain hands out ─────────────────────────────

export interface ProjectAction {
  name: string;
  label: string;
  allowed: boolean;
  reason?: string;
  code?: RefusalCode;
  warning?: string;
}

export interface ProjectSummary {
  kind: ProjectKind;
  formId: string;
  formNo: string;
  title: string;
  state: string;
  stateLabel: string;
  applicantUnit: string;
  applicantUserId: string;
  applicantName: string;
  /** 相关业务部门 (go-live/release): its people see the form. */
  businessUnit?: string;
  systems: string[];
  updatedAt: string;
  /** go-live/release: when the trial run began; access: when it ended. */
  since?: string;
  /** §31(1)/§35(1): the first day the acceptance request may be made. */
  acceptanceFrom?: string;
  /** §17(7): the account is still enabled after the access ended or its planned end passed. */
  overdue?: boolean;
  searchText: string;
}

export type ProjectCommandInput = Record<string, unknown>;

// ───────────────────────────── queries ─────────────────────────────

export const ProjectGetInput = z.object({ formId: z.string({ error: '缺少表单编号' }).min(1, '缺少表单编号').max(100) }).strict();
export const ProjectListInput = z
  .object({
    kind: ProjectKindSchema.optional(),
    state: z.array(z.string().min(1).max(40)).max(20).optional(),
    text: z.string().trim().max(200).optional(),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .strict();
export const ProjectInboxInput = z.object({ limit: z.number().int().min(1).max(200).optional() }).strict();
export const AccessOverdueInput = z.object({}).strict();

/** One entry of a form's timeline: the change form's shape. */
export type ProjectTimelineEntry = TimelineEntry;

export interface ProjectView {
  state: ProjectFormState;
  summary: ProjectSummary;
  actions: ProjectAction[];
  timeline: ProjectTimelineEntry[];
}

export interface ProjectInboxGroup {
  kind: RoleCode;
  label: string;
  count: number;
  rows: ProjectSummary[];
}

export interface ProjectInbox {
  groups: ProjectInboxGroup[];
  /** §31(1)/§35(1): trial runs of three months or more, awaiting the acceptance request (project managers). */
  acceptanceDue: ProjectSummary[];
  /** §17(7): accesses whose account is still enabled after they ended. */
  accessOverdue: ProjectSummary[];
}

/** What of a project form to print: the form (附件2/附件4, or the access record), its plan, 附件3, the acceptance report. */
export const PROJECT_PRINT_DOCS = ['form', 'plan', 'version', 'acceptance'] as const;
export const PrintProjectFormInput = z
  .object({ formId: ProjectGetInput.shape.formId, doc: z.enum(PROJECT_PRINT_DOCS, { error: `打印内容应为 ${PROJECT_PRINT_DOCS.join('/')}` }).optional() })
  .strict();
