import { z } from 'zod';
import { dateTimeSchema, IsoDateSchema } from './calendar';
import type { RoleCode } from './roles';

// 附件1《已投产系统变更流程单》 (domain.md; §7–§27): fields, states and the input of every
// verb. Zod messages are Chinese and name the field, because the UI shows them next to it.

// ───────────────────────────── value lists ─────────────────────────────

/** §7 变更类型 (the last one is §7(4)). */
export const CHANGE_TYPES = [
  '新增功能',
  '系统逻辑改变',
  '系统错误修正',
  '系统补丁安装及版本更新',
  '系统配置修改',
  '业务参数修改',
  '容量扩充/关联系统变化引发',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** §7(1)–(4) 变更来源. */
export const CHANGE_SOURCES = ['业务发展', '操作错误/故障事件', '厂商补丁', '容量或关联系统变化'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

/** §8(5) 急迫性; 特急 is an emergency change (§22). */
export const URGENCIES = ['一般', '紧急', '特急'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const EMERGENCY_URGENCY: Urgency = '特急';

/** §8(4) dimensions of 不实施的影响. */
export const IMPACT_DIMENSIONS = {
  customer: '客户',
  compliance: '合规',
  stakeholders: '外部利益相关方',
  internalOps: '内部管理和操作',
  securityControl: '安全控制',
  availability: '系统可用性',
  dataAccuracy: '数据准确性',
} as const;
export type ImpactDimension = keyof typeof IMPACT_DIMENSIONS;

/** §12(2) infrastructure a change may touch. */
export const INFRA_CHANGES = ['操作系统', '数据库', '中间件', '硬件', '网络'] as const;

/** Part 二 风险等级; 中/高 require the §16 post-implementation security review. */
export const RISK_LEVELS = ['低', '中', '高'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** §13 评估结论. */
export const ASSESSMENT_CONCLUSIONS = ['建议实施', '不建议实施', '转项目'] as const;
export type AssessmentConclusion = (typeof ASSESSMENT_CONCLUSIONS)[number];

/** §5(8) the six risk items for a new project or new business function. */
export const NEW_FUNCTION_RISK_ITEMS = {
  backupMachine: '备份机建设情况',
  monitoring: '应用系统投产后的集中监控方案',
  dataBackup: '生产数据备份方案',
  programBackup: '程序及系统备份方案',
  databaseMethod: '数据库建库/建表/建索引方式',
  otherSystems: '对其他系统的影响',
} as const;
export type NewFunctionRiskItem = keyof typeof NEW_FUNCTION_RISK_ITEMS;

/** §26 实施结果. */
export const OUTCOMES = ['成功', '已回退'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** §23 ways the ops head may authorise an emergency change. */
export const AUTHORISATION_MODES = ['口头', '邮件', '系统内'] as const;
export type AuthorisationMode = (typeof AUTHORISATION_MODES)[number];

// ───────────────────────────── states ─────────────────────────────

/**
 * domain.md, 附件1 States: 草稿 → 待部门审批 → 待受理评估 → 待评估审批 → {不建议实施 | 转项目 | 计划与测试}
 * → 待实施审批 → 已排期 → {实施成功 | 已回退} → 待上线后审阅 (only if required) → 待申请部门确认 → 待归档
 * → 已归档; 已撤回 before 已排期. The emergency path (§22–§25) has its own sub-states.
 */
export const CHANGE_STATES = {
  draft: '草稿',
  pending_dept_approval: '待部门审批',
  pending_assessment: '待受理评估',
  pending_assessment_approval: '待评估审批',
  not_recommended: '不建议实施',
  to_project: '转项目',
  planning: '计划与测试',
  pending_impl_approval: '待实施审批',
  scheduled: '已排期',
  implemented: '实施成功',
  rolled_back: '已回退',
  pending_post_review: '待上线后审阅',
  pending_applicant_confirm: '待申请部门确认',
  pending_archive: '待归档',
  archived: '已归档',
  withdrawn: '已撤回',
  // Emergency change (§22–§25)
  emergency_pending_auth: '待紧急授权',
  emergency_pending_backup: '待程序和数据备份',
  emergency_pending_impl: '待紧急实施',
  emergency_followup: '待补单补测',
  emergency_log_review: '待紧急变更日志审核',
} as const;
export type ChangeState = keyof typeof CHANGE_STATES;
export const CHANGE_STATE_CODES = Object.keys(CHANGE_STATES) as ChangeState[];
export const ChangeStateSchema = z.enum(CHANGE_STATE_CODES as [ChangeState, ...ChangeState[]], { error: '变更状态不正确' });

/** States a form never leaves. */
export const FINAL_STATES: readonly ChangeState[] = ['not_recommended', 'to_project', 'archived', 'withdrawn'];

export function stateLabel(state: ChangeState): string {
  return CHANGE_STATES[state];
}

// ───────────────────────────── field helpers ─────────────────────────────

const TEXT_MAX = 4000;

// Each helper names its field (the schema's description): the messages say the name, and a
// dialog built from the schema labels the field with it (fieldLabel), so the two never differ.

/** A required text: `请填写<label>` when missing or blank. */
export function text(label: string, max = TEXT_MAX) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过${max}字`)
    .describe(label);
}
/** A text that may be left empty (drafts, optional notes). */
export function optText(label: string, max = TEXT_MAX) {
  return z.string({ error: `${label}应为文字` }).trim().max(max, `${label}不超过${max}字`).describe(label).optional();
}
export function choice<T extends readonly [string, ...string[]]>(values: T, label: string) {
  return z.enum(values, { error: `请选择${label}（${values.join('/')}）` }).describe(label);
}
export function yesNo(label: string) {
  return z.boolean({ error: `请选择${label}（是/否）` }).describe(label);
}
/** An 意见 (opinion) of an approval or review: optional, up to 2,000 characters. */
export function opinion(label = '意见') {
  return optText(label, 2000);
}

/** Every field's name of an object schema, from its fields' descriptions (the key where none). */
export function fieldLabels<T extends z.ZodRawShape>(schema: z.ZodObject<T>): Record<keyof T, string> {
  return Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [k, fieldLabel(v as z.ZodType) ?? k])) as Record<keyof T, string>;
}

/** A field's name as its schema says it (through optional and default wrappers). */
export function fieldLabel(schema: z.ZodType): string | undefined {
  let s: z.ZodType = schema;
  while (s.description === undefined && (s instanceof z.ZodOptional || s instanceof z.ZodDefault)) s = s.unwrap() as z.ZodType;
  return s.description;
}

// ───────────────────────────── Part 一 申请信息 (§8) ─────────────────────────────

export const Part1Schema = z.object({
  /** 变更名称: the form's title in lists. */
  title: optText('变更名称', 200),
  /** 申请部门名称 (the code is the applicant's unit). */
  applicantUnitName: optText('申请部门', 100),
  contact: optText('联系方式', 100),
  appliedOn: IsoDateSchema.optional(),
  /** 涉及系统: codes from the system register. */
  systems: z.array(text('涉及系统', 100), { error: '请选择涉及系统' }).max(50, '涉及系统不超过50个').optional(),
  changeType: choice(CHANGE_TYPES, '变更类型').optional(),
  changeSource: choice(CHANGE_SOURCES, '变更来源').optional(),
  content: optText('变更内容和目的'),
  /** §8(3) 是否存在其他措施满足需求. */
  otherMeasuresExist: yesNo('是否存在其他措施满足需求').optional(),
  otherMeasures: optText('其他措施'),
  /** §8(4) 不实施的影响, one text per dimension. */
  impactIfNot: z
    .object({
      customer: optText('不实施对客户的影响'),
      compliance: optText('不实施对合规的影响'),
      stakeholders: optText('不实施对外部利益相关方的影响'),
      internalOps: optText('不实施对内部管理和操作的影响'),
      securityControl: optText('不实施对安全控制的影响'),
      availability: optText('不实施对系统可用性的影响'),
      dataAccuracy: optText('不实施对数据准确性的影响'),
    })
    .optional(),
  urgency: choice(URGENCIES, '急迫性').optional(),
});
export type Part1 = z.output<typeof Part1Schema>;

export const PART1_LABELS: Record<keyof Part1, string> = {
  title: '变更名称',
  applicantUnitName: '申请部门',
  contact: '联系方式',
  appliedOn: '申请日期',
  systems: '涉及系统',
  changeType: '变更类型',
  changeSource: '变更来源',
  content: '变更内容和目的',
  otherMeasuresExist: '是否存在其他措施满足需求',
  otherMeasures: '其他措施',
  impactIfNot: '不实施的影响',
  urgency: '急迫性',
};

// ───────────────────────────── Part 二 变更需求评估信息 (§10–§14, §5(8)) ─────────────────────────────

export const Part2Schema = z.object({
  /** §11 现有功能/设置能否满足. */
  existingCanMeet: yesNo('现有功能/设置能否满足').optional(),
  existingNote: optText('现有功能/设置说明'),
  /** §11 其他操作手段. */
  otherMeans: optText('其他操作手段'),
  /** §12(1) 需要IT开发 + 预计工时. */
  needsDevelopment: yesNo('是否需要IT开发').optional(),
  devHours: z.number({ error: '预计工时应为数字' }).min(0, '预计工时不能为负').max(100000, '预计工时过大').optional(),
  /** §12(2) 操作系统/数据库/中间件/硬件/网络变更. */
  infraChanges: z.array(choice(INFRA_CHANGES, '基础设施变更项')).max(5).optional(),
  infraNote: optText('基础设施变更说明'),
  /** §12(3) 后台数据变更. */
  backendDataChange: yesNo('是否需要后台数据变更').optional(),
  backendDataNote: optText('后台数据变更说明'),
  /** §12(4) 信息安全控制考虑. */
  securityConsiderations: optText('信息安全控制考虑因素'),
  /** §12(5) 结合IT资源统筹安排. */
  resourcePlan: optText('资源统筹安排'),
  /** §12(6) 可能的业务中断或服务水平下降; marks the §19 notice as required. */
  mayInterruptBusiness: yesNo('是否可能导致业务中断或服务水平下降').optional(),
  interruptionNote: optText('业务中断或服务水平下降说明'),
  riskLevel: choice(RISK_LEVELS, '风险等级').optional(),
  /** §13 评估结论. */
  conclusion: choice(ASSESSMENT_CONCLUSIONS, '评估结论').optional(),
  /** §13(2) 建议变更日期 + 对客户服务和内部操作的影响. */
  suggestedDate: IsoDateSchema.optional(),
  serviceImpact: optText('对客户服务和内部操作的影响'),
  /** §13(1) 不建议实施的理由 (returned to the applicant). */
  rejectReason: optText('不建议实施的理由'),
  /** §13(3) 转项目流程: the project it became. */
  projectRef: optText('转入的项目编号或名称', 200),
  /** §14 涉及软件开发 → 按《IT开发方法指引》执行. */
  involvesSoftwareDev: yesNo('是否涉及软件开发').optional(),
  /** §5(8) applies: new project or new business function. */
  newProjectOrFunction: yesNo('是否为新项目或新业务功能').optional(),
  newFunctionRisks: z
    .object({
      backupMachine: optText('备份机建设情况'),
      monitoring: optText('应用系统投产后的集中监控方案'),
      dataBackup: optText('生产数据备份方案'),
      programBackup: optText('程序及系统备份方案'),
      databaseMethod: optText('数据库建库/建表/建索引方式'),
      otherSystems: optText('对其他系统的影响'),
    })
    .optional(),
  /** §10 软件开发中心 的评估意见 (entered by a 开发人员 / 项目经理 through `devAssess`). */
  devOpinion: optText('软件开发中心评估意见'),
});
export type Part2 = z.output<typeof Part2Schema>;

export const PART2_LABELS: Record<keyof Part2, string> = {
  existingCanMeet: '现有功能/设置能否满足',
  existingNote: '现有功能/设置说明',
  otherMeans: '其他操作手段',
  needsDevelopment: '是否需要IT开发',
  devHours: '预计工时',
  infraChanges: '操作系统/数据库/中间件/硬件/网络变更',
  infraNote: '基础设施变更说明',
  backendDataChange: '后台数据变更',
  backendDataNote: '后台数据变更说明',
  securityConsiderations: '信息安全控制考虑因素',
  resourcePlan: '资源统筹安排',
  mayInterruptBusiness: '可能的业务中断或服务水平下降',
  interruptionNote: '业务中断说明',
  riskLevel: '风险等级',
  conclusion: '评估结论',
  suggestedDate: '建议变更日期',
  serviceImpact: '对客户服务和内部操作的影响',
  rejectReason: '不建议实施的理由',
  projectRef: '转入项目',
  involvesSoftwareDev: '涉及软件开发',
  newProjectOrFunction: '新项目或新业务功能',
  newFunctionRisks: '新项目/新业务功能风险分析',
  devOpinion: '软件开发中心评估意见',
};

// ───────────────────────────── Part 三 变更计划和测试接受信息 (§15–§21) ─────────────────────────────

/** What `savePlan` edits; the signed records (tests, reviews, notice) have their own verbs. */
export const Part3PlanSchema = z.object({
  changePlan: optText('变更计划与步骤'),
  rollbackPlan: optText('回退计划与步骤'),
  /** §17(3) 意外应急措施. */
  contingency: optText('意外应急措施'),
  plannedStart: dateTimeSchema('计划上线开始时间').optional(),
  plannedEnd: dateTimeSchema('计划上线结束时间').optional(),
  /** §14: how the 《IT开发方法指引》 was followed (需求/版本编号, 文档). */
  devMethodRef: optText('开发方法指引执行记录', 500),
});
export type Part3Plan = z.output<typeof Part3PlanSchema>;

export interface SignedRecord {
  userId: string;
  name: string;
  role: RoleCode;
  time: string;
}

/** §15 IT测试步骤与结果, signed by the tester (also §24 补测). */
export interface ItTestRecord extends SignedRecord {
  steps: string;
  result: string;
  passed: boolean;
}
/** §16 信息安全 审阅 (before and after go-live). */
export interface ReviewRecord extends SignedRecord {
  opinion: string;
  agree: boolean;
}
/** §18 用户测试确认. */
export interface UserTestRecord extends SignedRecord {
  result: string;
  confirmed: boolean;
}
/** §19 书面告知 to the affected units before go-live. */
export interface NoticeRecord extends SignedRecord {
  units: string[];
  scope: string;
  period: string;
  noticeDate: string;
}

export interface Part3 extends Part3Plan {
  itTest?: ItTestRecord;
  preReview?: ReviewRecord;
  userTest?: UserTestRecord;
  /** §19 notices sent so far; together they must reach at least 行长办公室 and 客户服务中心. */
  notices?: NoticeRecord[];
}

export const PART3_LABELS: Record<keyof Part3, string> = {
  changePlan: '变更计划与步骤',
  rollbackPlan: '回退计划与步骤',
  contingency: '意外应急措施',
  plannedStart: '计划上线开始时间',
  plannedEnd: '计划上线结束时间',
  devMethodRef: '开发方法指引执行记录',
  itTest: 'IT测试步骤与结果',
  preReview: '信息安全上线前审阅意见',
  userTest: '用户测试确认',
  notices: '业务影响告知',
};

// ───────────────────────────── after implementation (§16, §18, §26, §27) ─────────────────────────────

export interface ResultRecord {
  outcome?: Outcome;
  rollbackReason?: string;
  actualStart?: string;
  actualEnd?: string;
  implementationNote?: string;
  implementedBy?: SignedRecord;
  /** §26(1)–(2) */
  goalMet?: boolean;
  negativeImpact?: boolean;
  negativeImpactNote?: string;
  evaluatedBy?: SignedRecord;
  /** §16 上线后审阅 (required when 风险等级 is 中/高). */
  postReview?: ReviewRecord;
  /** §18 申请部门负责人签字确认. */
  applicantConfirmation?: SignedRecord & { opinion?: string };
  /** §27 科技信息部负责人 arranged review, IT综合科 archives. */
  archiveReview?: SignedRecord & { opinion?: string };
  archivedBy?: SignedRecord & { location?: string };
}

export const RESULT_LABELS: Record<keyof ResultRecord, string> = {
  outcome: '实施结果',
  rollbackReason: '回退原因',
  actualStart: '实际开始时间',
  actualEnd: '实际结束时间',
  implementationNote: '实施情况说明',
  implementedBy: '实施人',
  goalMet: '是否达到预期目标',
  negativeImpact: '是否存在负面影响',
  negativeImpactNote: '负面影响说明',
  evaluatedBy: '评估人',
  postReview: '信息安全上线后审阅',
  applicantConfirmation: '申请部门负责人签字确认',
  archiveReview: '科技信息部负责人审阅',
  archivedBy: '归档',
};

// ───────────────────────────── emergency record (§22–§25) ─────────────────────────────

export interface EmergencyRecord {
  /** §23 申请部门负责人 asked. */
  requestedBy: SignedRecord;
  reason: string;
  authorisation?: { mode: AuthorisationMode; authorisedAt: string; authoriserName: string; note?: string; recordedBy: SignedRecord };
  /** §25 程序和数据备份 before implementation. */
  backup?: { programBackup: string; dataBackup: string; backupAt: string; recordedBy: SignedRecord };
  implementedAt?: string;
  /** §24: tested before implementation; when false the form is 待补测. */
  testedBefore?: boolean;
  preTestNote?: string;
  /** §24 补测, signed by the tester. */
  retest?: ItTestRecord;
  /** §23 补单: parts 一–三 completed afterwards, signed by the responsible head. */
  paperwork?: SignedRecord & { opinion?: string };
  /** §25 紧急变更日志 jointly reviewed and signed. */
  logReview: { ops?: SignedRecord & { opinion?: string }; applicant?: SignedRecord & { opinion?: string } };
}

export const EMERGENCY_LABELS = {
  requestedBy: '申请部门负责人提出',
  reason: '紧急原因',
  authorisation: '运行维护中心负责人授权',
  backup: '程序和数据备份',
  implementedAt: '实施时间',
  testedBefore: '实施前是否已测试',
  preTestNote: '实施前测试情况',
  retest: '补测',
  paperwork: '补单',
  logReview: '紧急变更日志审核',
} as const satisfies Record<keyof EmergencyRecord, string>;

// ───────────────────────────── the form ─────────────────────────────

export interface Approval {
  /** The verb that recorded it, e.g. `deptApprove`. */
  step: ChangeCommandName;
  userId: string;
  name: string;
  role: RoleCode;
  time: string;
  opinion?: string;
  agree: boolean;
}

/** §17(2) 越权排期: the ops head scheduled in business time (or without a calendar) with a reason. */
export interface WindowOverride {
  rule: '17(2)';
  reason: string;
  /** What the rule found, e.g. `2026-12-01 10:00 为工作日业务时间`. */
  finding: string;
  plannedStart: string;
  userId: string;
  name: string;
  role: RoleCode;
  time: string;
}

/** How a form ended early: §13(1) 不建议实施, §13(3) 转项目, or 撤回. */
export interface Closure {
  kind: 'not_recommended' | 'to_project' | 'withdrawn';
  reason?: string;
  projectRef?: string;
  userId: string;
  name: string;
  time: string;
}

/** That a printed signature block was signed by hand (§27), recorded by `recordedBy`. */
export interface WetSignature {
  blockId: string;
  /** The day the paper was signed, when the recorder knows it. */
  signedOn?: string;
  /** sha256 of the scanned page, kept with the attachments and carried in bundles. */
  scanSha256?: string;
  recordedBy: SignedRecord;
}

/** ── Attachments (issue 6): files kept with the form by content hash; removal is an event, the bytes stay. ── */

/** What an attached file is, for people and for the §36(3) completeness check. */
export const ATTACHMENT_KINDS = ['测试报告', '用户测试验收报告', '变更实施计划', '回退方案', '业务影响告知', '扫描件', '其他'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
/** Largest file that may be attached (bytes): scans and reports fit, whole disk images do not. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const Sha256Schema = z.string({ error: '缺少附件标识' }).regex(/^[0-9a-f]{64}$/, '附件标识不正确');

export interface AttachmentRecord {
  sha256: string;
  name: string;
  size: number;
  mediaType: string;
  kind: AttachmentKind;
  note?: string;
  addedBy: SignedRecord;
  /** Removed from the form by an event; the file is still kept (the record shows what was there). */
  removed?: SignedRecord & { reason: string };
}

export interface ChangeFormState {
  formId: string;
  formNo: string;
  state: ChangeState;
  createdAt: string;
  updatedAt: string;
  applicant: { userId: string; name: string; unitCode: string };
  part1: Part1;
  part2: Part2;
  part3: Part3;
  result: ResultRecord;
  emergency?: EmergencyRecord;
  approvals: Approval[];
  overrides: WindowOverride[];
  closure?: Closure;
  /** §27 hand signatures on the printed paper, by signature block id (absent on forms without any). */
  wetSignatures?: Record<string, WetSignature>;
  /** Attached files in the order they were added, removed ones included (absent on forms without any). */
  attachments?: AttachmentRecord[];
  /** Who acted on this form in which roles (segregation of duties, §17(4)). */
  participants: Record<string, RoleCode[]>;
  /** Count of applied events. */
  version: number;
  /** ids of the head events (more than one while a conflict is open). */
  head: string[];
  /**
   * Issue 5: the form was moved from one state in different ways on two terminals. Both branches
   * are kept and shown; the form takes no other step until a person chooses (conflict.resolved).
   */
  conflict?: FormConflict;
  /** Events of branches that were not chosen when a conflict was resolved (kept in the log, shown as superseded). */
  superseded?: string[];
}

/** One way the form was moved from the state both terminals started from. */
export interface ConflictBranch {
  /** The branch's latest event (what a resolution chooses). */
  tip: string;
  /** The branch's events from the fork on, oldest first. */
  events: string[];
  /** The state the form would be in if this branch were chosen. */
  state: ChangeState;
  /** The first event of the branch: who moved the form, how. */
  first: { type: string; name: string; role: RoleCode; time: string };
}

export interface FormConflict {
  /** The event both branches extend. */
  parent: string;
  /** The state both branches started from. */
  fromState: ChangeState;
  branches: ConflictBranch[];
  /** Who may choose (domain: conflictResolvers). */
  resolverRoles: RoleCode[];
  /** A business role chooses for the applicant's unit only (§9, §18). */
  resolverUnit?: string;
}

// ───────────────────────────── verbs (command inputs, without formId) ─────────────────────────────

const agreeOpinion = z.object({ opinion: opinion('审批意见') });
const returnOpinion = z.object({ opinion: text('退回意见', 2000) });

export const changeCommandSchemas = {
  /** 申请人 starts a draft; every field may still be missing. */
  create: Part1Schema,
  saveDraft: Part1Schema,
  submit: z.object({}),
  withdraw: z.object({ reason: text('撤回原因', 2000) }),
  deptApprove: agreeOpinion,
  deptReturn: returnOpinion,
  saveAssessment: Part2Schema.omit({ devOpinion: true }),
  devAssess: z.object({
    devOpinion: text('软件开发中心评估意见'),
    devHours: z.number({ error: '请填写预计工时' }).min(0, '预计工时不能为负').max(100000, '预计工时过大').optional(),
  }),
  submitAssessment: z.object({}),
  assessmentApprove: agreeOpinion,
  assessmentReturn: returnOpinion,
  savePlan: Part3PlanSchema,
  recordItTest: z.object({
    steps: text('IT测试步骤'),
    result: text('IT测试结果'),
    passed: yesNo('测试是否通过'),
  }),
  recordPreReview: z.object({ opinion: text('信息安全上线前审阅意见', 2000), agree: yesNo('是否同意上线') }),
  recordUserTest: z.object({ result: text('用户测试结果', 2000), confirmed: yesNo('用户测试是否通过确认') }),
  recordNotice: z.object({
    units: z.array(text('告知单位', 100), { error: '请填写告知单位' }).min(1, '请填写告知单位'),
    scope: text('影响的业务范围', 2000),
    period: text('影响时间', 200),
    noticeDate: IsoDateSchema,
  }),
  submitPlan: z.object({ opinion: opinion('说明') }),
  implApprove: z.object({
    opinion: opinion('审阅意见'),
    /** §17(2) override reason, only when the planned time is in business time or the year has no calendar. */
    windowOverrideReason: optText('越权排期理由', 2000),
  }),
  implReturn: returnOpinion,
  reschedule: z.object({ reason: text('改期原因', 2000) }),
  recordResult: z.object({
    outcome: choice(OUTCOMES, '实施结果'),
    rollbackReason: optText('回退原因', 2000),
    actualStart: dateTimeSchema('实际开始时间'),
    actualEnd: dateTimeSchema('实际结束时间'),
    note: optText('实施情况说明', 2000),
  }),
  recordEvaluation: z.object({
    goalMet: yesNo('是否达到预期目标'),
    negativeImpact: yesNo('是否存在负面影响'),
    negativeImpactNote: optText('负面影响说明', 2000),
  }),
  postReview: z.object({ opinion: text('信息安全上线后审阅意见', 2000), agree: yesNo('是否达到变更目标') }),
  applicantConfirm: z.object({ opinion: opinion('确认意见') }),
  archiveReview: z.object({ opinion: opinion('审阅意见') }),
  archive: z.object({ location: optText('归档位置', 200) }),
  // §27: the paper copy's signature block was signed by hand (does not move the state).
  recordWetSignature: z.object({
    blockId: z.string().trim().min(1, '请选择签字栏').max(120),
    signedOn: IsoDateSchema.optional(),
    scanSha256: z.string().regex(/^[0-9a-f]{64}$/, '扫描件标识不正确').optional(),
  }),
  // Attachments (issue 6): the file is uploaded first (attachment:upload), then named here.
  addAttachment: z.object({
    sha256: Sha256Schema,
    name: text('附件名称', 200),
    size: z.number({ error: '缺少附件大小' }).int().min(1, '附件是空文件').max(ATTACHMENT_MAX_BYTES, `附件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`),
    mediaType: z.string().trim().max(200).default('application/octet-stream'),
    kind: choice(ATTACHMENT_KINDS, '附件类别').default('其他'),
    note: optText('附件说明', 500),
  }),
  removeAttachment: z.object({ sha256: Sha256Schema, reason: text('移除原因', 500) }),
  // Emergency change (§22–§25)
  emergencyRequest: z.object({ reason: text('紧急变更原因', 2000) }),
  emergencyAuthorise: z.object({
    mode: choice(AUTHORISATION_MODES, '授权方式'),
    authorisedAt: dateTimeSchema('授权时间'),
    authoriserName: optText('授权人', 100),
    note: optText('授权说明', 2000),
  }),
  emergencyDecline: z.object({ reason: text('不予授权的理由', 2000) }),
  recordBackup: z.object({
    programBackup: text('程序备份情况', 2000),
    dataBackup: text('数据备份情况', 2000),
    backupAt: dateTimeSchema('备份时间'),
  }),
  emergencyImplement: z.object({
    implementedAt: dateTimeSchema('实施时间'),
    testedBefore: yesNo('实施前是否已测试'),
    preTestNote: optText('实施前测试情况', 2000),
    outcome: choice(OUTCOMES, '实施结果'),
    rollbackReason: optText('回退原因', 2000),
    note: optText('实施情况说明', 2000),
  }),
  recordRetest: z.object({
    steps: text('补测步骤'),
    result: text('补测结果'),
    passed: yesNo('补测是否通过'),
  }),
  completePaperwork: z.object({ opinion: opinion('补单审核意见') }),
  emergencyLogSign: z.object({ opinion: opinion('紧急变更日志审核意见') }),
} as const;

export type ChangeCommandName = keyof typeof changeCommandSchemas;
export const CHANGE_COMMAND_NAMES = Object.keys(changeCommandSchemas) as ChangeCommandName[];
export type ChangeCommandInput<K extends ChangeCommandName> = z.output<(typeof changeCommandSchemas)[K]>;
export type ChangeCommand = { [K in ChangeCommandName]: { name: K; input: ChangeCommandInput<K> } }[ChangeCommandName];

/** What each verb is called on a button and in the timeline. */
export const CHANGE_COMMAND_LABELS: Record<ChangeCommandName, string> = {
  create: '新建变更申请',
  saveDraft: '保存申请信息',
  submit: '提交部门审批',
  withdraw: '撤回',
  deptApprove: '部门负责人审批通过',
  deptReturn: '部门负责人退回',
  saveAssessment: '保存评估信息',
  devAssess: '软件开发中心评估意见',
  submitAssessment: '提交评估审批',
  assessmentApprove: '评估审批通过',
  assessmentReturn: '评估审批退回',
  savePlan: '保存变更计划',
  recordItTest: '登记IT测试结果',
  recordPreReview: '信息安全上线前审阅',
  recordUserTest: '用户测试确认',
  recordNotice: '登记业务影响告知',
  submitPlan: '提交实施审批',
  implApprove: '实施审批通过并排期',
  implReturn: '实施审批退回',
  reschedule: '取消排期重新计划',
  recordResult: '登记实施结果',
  recordEvaluation: '登记实施效果评估',
  postReview: '信息安全上线后审阅',
  applicantConfirm: '申请部门负责人确认',
  archiveReview: '科技信息部负责人审阅',
  archive: '归档',
  recordWetSignature: '登记纸质签字',
  addAttachment: '添加附件',
  removeAttachment: '移除附件',
  emergencyRequest: '提出紧急变更',
  emergencyAuthorise: '紧急变更授权',
  emergencyDecline: '不予紧急授权',
  recordBackup: '登记程序和数据备份',
  emergencyImplement: '登记紧急实施',
  recordRetest: '登记补测',
  completePaperwork: '补单审核签字',
  emergencyLogSign: '紧急变更日志审核签字',
};

/** Event types are `change.<verb>`: one event per accepted command. */
export function changeEventType(name: ChangeCommandName): string {
  return `change.${name}`;
}

// ───────────────────────────── what the domain hands out ─────────────────────────────

/** One row of a list, the inbox or search results. */
export interface ChangeSummary {
  formId: string;
  formNo: string;
  title: string;
  state: ChangeState;
  stateLabel: string;
  changeType?: ChangeType;
  urgency?: Urgency;
  emergency: boolean;
  systems: string[];
  applicantUnit: string;
  applicantUnitName?: string;
  applicantUserId: string;
  applicantName: string;
  appliedOn?: string;
  plannedStart?: string;
  plannedEnd?: string;
  riskLevel?: RiskLevel;
  /** §17(2) an ops head scheduled it despite the window (statistics count these). */
  windowOverride: boolean;
  /** §26(5) */
  rolledBack: boolean;
  outcome?: Outcome;
  updatedAt: string;
  /** Every text field joined, for the full-text index. */
  searchText: string;
}

/** Stable codes of a refusal, for programs; the message is for people. */
export type RefusalCode =
  | 'NOT_FOUND' // no such form (or `create` on an existing one)
  | 'WRONG_STEP' // the verb belongs to another step of the form (not a button on this page)
  | 'INVALID_STATE' // the verb does not apply in the form's state, for a reason worth showing (a step first, already done)
  | 'FORBIDDEN_ROLE' // (a) the actor holds none of the verb's roles, or not for this form
  | 'SEGREGATION' // (b) segregation of duties
  | 'MISSING_FIELD' // (c) a field the step requires is empty
  | 'POLICY'; // (d) a policy rule (§17(2), §19, §16, …)

/** A verb as a button: allowed or why not (the same guards as `decideChange`). */
export interface ChangeAction {
  name: ChangeCommandName;
  label: string;
  allowed: boolean;
  /** Why it is refused (Chinese, cites the article). */
  reason?: string;
  /** The refusal's code: a UI hides FORBIDDEN_ROLE actions and shows the others disabled with the reason. */
  code?: RefusalCode;
  /** Allowed, but the person should know something first (e.g. §17(2) needs an override reason). */
  warning?: string;
}

/** §23–§24 an emergency change's 补单 or 补测 still open. */
export interface EmergencyOverdueItem {
  kind: '补单' | '补测';
  openSince: string;
  /** Last working day it may be done on. */
  deadline: string;
  workingDaysOpen: number;
  overdue: boolean;
}
