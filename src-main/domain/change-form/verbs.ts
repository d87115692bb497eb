import {
  CHANGE_STATES,
  FINAL_STATES,
  type ChangeCommandInput,
  type ChangeCommandName,
  type ChangeFormState,
  type ChangeState,
} from '../../shared/schemas/change-form';
import { OPS_SIDE_ROLES, type RoleCode } from '../../shared/schemas/roles';
import { preparerRefusal, refuse, type Refusal, type Scope } from './guards';
import {
  acceptanceRefusal,
  emergencyPart2Refusal,
  emergencyPlanRefusal,
  emergencyRequestRefusal,
  noticeRefusal,
  part1Refusal,
  part2Refusal,
  planRefusal,
  postReviewRefusal,
  postReviewRequired,
  windowFinding,
} from './rules';
import { ARCHIVE_BLOCK_ID, missingWetSignatures, paperBlocks, wetSignatureOf } from './signature-blocks';
import { WITHDRAWABLE_STATES } from './states';
import type { DecisionContext } from './types';

// Every verb of the change form: who may do it (a), in which states, what it requires (c, d),
// where it leads. decideChange and availableActions both read this table.

export interface VerbContext extends DecisionContext {
  /** The role the actor acts in for this verb. */
  role: RoleCode;
}

export interface Verb<K extends ChangeCommandName> {
  /** (a) roles that may do it, in order of preference. */
  roles: readonly RoleCode[];
  /** Article cited when the role is wrong. */
  article: string;
  /** States it applies in (empty for `create`). */
  states: readonly ChangeState[];
  /** (a) whose form it is, per role; default 'any'. */
  scope?: (role: RoleCode, form: ChangeFormState) => Scope;
  /** (b) §5(5): an approval or sign-off, never by the applicant; per role. */
  approval?: (role: RoleCode) => boolean;
  /** (b)–(d) checks on the form that need no input. */
  guard?: (form: ChangeFormState, ctx: VerbContext) => Refusal | undefined;
  /** (c)–(d) checks of the input against the form. */
  input?: (form: ChangeFormState, input: ChangeCommandInput<K>, ctx: VerbContext) => Refusal | undefined;
  /** Allowed, but worth saying (shown on the button, returned with the decision); input is absent for a button. */
  warn?: (form: ChangeFormState, ctx: VerbContext, input?: ChangeCommandInput<K>) => string | undefined;
  /** Where it leads; undefined keeps the state (an edit or one of several signatures). */
  next?: (form: ChangeFormState, input: ChangeCommandInput<K>, ctx: VerbContext) => ChangeState | undefined;
  /** The event payload without `to`; default the input itself. */
  payload?: (form: ChangeFormState, input: ChangeCommandInput<K>, ctx: VerbContext) => Record<string, unknown>;
  /** A clearer refusal than "not in this state" for some states, citing the article. */
  stateHints?: Partial<Record<ChangeState, string>>;
}

type Verbs = { [K in ChangeCommandName]: Verb<K> };

const APPLICANT_SIDE: readonly RoleCode[] = ['applicant', 'dept_head'];
/** Ops staff who carry out a change in production (§17(8), §30): the ops side but its head. */
export const IMPLEMENTER_ROLES: readonly RoleCode[] = OPS_SIDE_ROLES.filter((r) => r !== 'ops_head');
/** Ops staff who take the §25 程序和数据备份. */
export const BACKUP_ROLES: readonly RoleCode[] = ['sysadmin', 'dba', 'prod_version_admin', 'ops_coordinator'];

const always = () => true;
const unitScope = (): Scope => 'applicant_unit';

function notFuture(at: string, ctx: DecisionContext, label: string): Refusal | undefined {
  return Date.parse(at) > Date.parse(ctx.now) ? refuse('MISSING_FIELD', `${label}不能晚于当前时间`) : undefined;
}

/** Emergency 补单/补测/上线后审阅 all done: the 紧急变更日志 goes to joint review (§25). */
function followupComplete(form: ChangeFormState, done: { paperwork?: boolean; retest?: boolean; postReview?: boolean }): boolean {
  const e = form.emergency;
  if (!e) return false;
  const paperwork = done.paperwork || e.paperwork !== undefined;
  const retest = e.testedBefore !== false || done.retest || e.retest !== undefined;
  const review = !postReviewRequired(form) || done.postReview || form.result.postReview !== undefined;
  return paperwork && retest && review;
}

function afterFollowup(form: ChangeFormState, done: Parameters<typeof followupComplete>[1]): ChangeState | undefined {
  return form.state === 'emergency_followup' && followupComplete(form, done) ? 'emergency_log_review' : undefined;
}

/** §23: after 补单 is signed the parts are frozen. */
function paperworkOpen(form: ChangeFormState): Refusal | undefined {
  return form.emergency?.paperwork ? refuse('INVALID_STATE', '补单已审核签字，不能再修改（第23条）') : undefined;
}

function rollbackReason(input: { outcome: string; rollbackReason?: string }): Refusal | undefined {
  return input.outcome === '已回退' && !input.rollbackReason ? refuse('MISSING_FIELD', '请填写回退原因（第26条(5)）') : undefined;
}

/**
 * Paper goes round once the form left the applicant's draft, until it is filed (§27): not for a
 * draft, a form that ended early (nothing to file) or one already archived (archiving records the
 * archivist's own block, signed in that act).
 */
/**
 * Attachments (issue 6): whoever takes part in the form may add the file their step produced
 * (a test report §15, the user-test acceptance §18, a plan §21, a scan §27) until it is filed;
 * a draft is its applicant's own (§8). Not 项目管理科 (附件2/附件4 only) nor the program's admin.
 */
export const ATTACHING_ROLES: readonly RoleCode[] = [
  ...APPLICANT_SIDE,
  ...OPS_SIDE_ROLES,
  'developer',
  'project_manager',
  'tester',
  'security_reviewer',
  'it_head',
  'archivist',
];
const ATTACHING_STATES = (Object.keys(CHANGE_STATES) as ChangeState[]).filter((s) => !FINAL_STATES.includes(s));
function attachingScope(role: RoleCode, f: ChangeFormState): Scope {
  if (f.state === 'draft') return 'creator_or_unit_head';
  return APPLICANT_SIDE.includes(role) ? 'applicant_unit' : 'any';
}

const NO_PAPER: readonly ChangeState[] = ['draft', 'withdrawn', 'not_recommended', 'to_project', 'archived'];
const WET_SIGNATURE_STATES = (Object.keys(CHANGE_STATES) as ChangeState[]).filter((s) => !NO_PAPER.includes(s));

export const VERBS: Verbs = {
  // ── Part 一 (§8–§9) ──
  create: { roles: APPLICANT_SIDE, article: '第8条', states: [] },
  saveDraft: {
    roles: APPLICANT_SIDE,
    article: '第8条',
    states: ['draft', 'emergency_followup'],
    // A draft is its applicant's own; in §23 补单 the applicant's head may complete part 一 too.
    scope: (role, f) => (role === 'dept_head' && f.state === 'emergency_followup' ? 'creator_or_unit_head' : 'creator'),
    guard: (f) => (f.state === 'emergency_followup' ? paperworkOpen(f) : undefined),
    input: (f, i) =>
      f.state === 'emergency_followup' && i.urgency !== undefined && i.urgency !== '特急'
        ? refuse('POLICY', '紧急变更补单不能修改急迫性（第22条）')
        : undefined,
  },
  submit: {
    roles: APPLICANT_SIDE,
    article: '第9条',
    states: ['draft'],
    scope: () => 'creator',
    guard: (f) =>
      part1Refusal(f.part1) ??
      (f.part1.urgency === '特急' ? refuse('POLICY', '急迫性为「特急」的变更须由申请部门负责人按紧急变更流程提出（第23条）') : undefined),
    next: () => 'pending_dept_approval',
  },
  withdraw: {
    roles: APPLICANT_SIDE,
    article: '第8条',
    states: WITHDRAWABLE_STATES,
    scope: () => 'creator_or_unit_head',
    next: () => 'withdrawn',
    stateHints: {
      scheduled: '已排期的变更不能撤回；如需改期，由运行维护中心负责人取消排期',
    },
  },
  deptApprove: {
    roles: ['dept_head'],
    article: '第9条',
    states: ['pending_dept_approval'],
    scope: unitScope,
    approval: always,
    guard: (f) => part1Refusal(f.part1),
    next: () => 'pending_assessment',
  },
  deptReturn: { roles: ['dept_head'], article: '第9条', states: ['pending_dept_approval'], scope: unitScope, approval: always, next: () => 'draft' },

  // ── Part 二 (§10–§14) ──
  saveAssessment: {
    roles: ['ops_coordinator'],
    article: '第10条',
    states: ['pending_assessment', 'emergency_followup'],
    guard: paperworkOpen,
  },
  devAssess: {
    roles: ['developer', 'project_manager'],
    article: '第10条',
    states: ['pending_assessment', 'emergency_followup'],
    guard: paperworkOpen,
  },
  submitAssessment: {
    roles: ['ops_coordinator'],
    article: '第10条',
    states: ['pending_assessment'],
    guard: (f) => part2Refusal(f),
    next: () => 'pending_assessment_approval',
  },
  assessmentApprove: {
    roles: ['ops_head'],
    article: '第13条',
    states: ['pending_assessment_approval'],
    approval: always,
    guard: (f, c) => preparerRefusal(f, c.actor, 'submitAssessment', '变更需求评估') ?? part2Refusal(f),
    // §13: the conclusion decides where the form goes; 不建议实施 and 转项目 end it.
    next: (f) => (f.part2.conclusion === '不建议实施' ? 'not_recommended' : f.part2.conclusion === '转项目' ? 'to_project' : 'planning'),
    payload: (f, i) => ({ ...i, conclusion: f.part2.conclusion }),
  },
  assessmentReturn: {
    roles: ['ops_head'],
    article: '第13条',
    states: ['pending_assessment_approval'],
    approval: always,
    next: () => 'pending_assessment',
  },

  // ── Part 三 (§15–§21) ──
  savePlan: {
    roles: ['ops_coordinator'],
    article: '第17条(3)、第21条',
    states: ['planning', 'emergency_followup'],
    guard: paperworkOpen,
    // §17(2): say so while planning, not only when the ops head meets it.
    warn: (f, c, i) => (f.state === 'planning' ? windowWarning(i ? { ...f, part3: { ...f.part3, ...i } } : f, c) : undefined),
  },
  recordItTest: {
    roles: ['tester'],
    article: '第15条',
    states: ['planning', 'pending_impl_approval', 'emergency_followup'],
    approval: always,
  },
  recordPreReview: {
    roles: ['security_reviewer'],
    article: '第16条',
    states: ['planning', 'pending_impl_approval', 'emergency_followup'],
    approval: always,
  },
  recordUserTest: {
    roles: APPLICANT_SIDE,
    article: '第18条',
    states: ['planning', 'pending_impl_approval'],
    scope: unitScope,
  },
  recordNotice: {
    roles: ['ops_coordinator'],
    article: '第19条',
    states: ['planning', 'pending_impl_approval', 'scheduled'],
  },
  submitPlan: {
    roles: ['ops_coordinator'],
    article: '第21条',
    states: ['planning'],
    guard: (f) => planRefusal(f),
    warn: windowWarning,
    next: () => 'pending_impl_approval',
  },
  implApprove: {
    roles: ['ops_head'],
    article: '第21条',
    states: ['pending_impl_approval'],
    approval: always,
    guard: (f, c) => preparerRefusal(f, c.actor, 'submitPlan', '变更计划') ?? planRefusal(f) ?? acceptanceRefusal(f.part3) ?? noticeRefusal(f),
    input: (f, i, c) => {
      const w = windowFinding(f, c.settings);
      return w && !i.windowOverrideReason ? refuse('POLICY', w.message) : undefined;
    },
    warn: (f, c) => {
      const w = windowFinding(f, c.settings);
      return w ? `${w.message}。如确需此时上线，请填写越权理由（将记录在变更单上并计入统计）` : undefined;
    },
    next: () => 'scheduled',
    payload: (f, i, c) => {
      const { windowOverrideReason, ...rest } = i;
      const w = windowFinding(f, c.settings);
      // §17(2): the override is part of the approval event, so it can never be separated from it.
      return w && windowOverrideReason
        ? { ...rest, windowOverride: { reason: windowOverrideReason, finding: w.finding, plannedStart: f.part3.plannedStart } }
        : rest;
    },
  },
  implReturn: { roles: ['ops_head'], article: '第21条', states: ['pending_impl_approval'], approval: always, next: () => 'planning' },
  reschedule: { roles: ['ops_head'], article: '第17条(1)', states: ['scheduled'], next: () => 'planning' },

  // ── After implementation (§16, §18, §26, §27) ──
  recordResult: {
    roles: IMPLEMENTER_ROLES,
    article: '第17条(8)',
    states: ['scheduled'],
    input: (_f, i) =>
      rollbackReason(i) ?? (Date.parse(i.actualEnd) < Date.parse(i.actualStart) ? refuse('MISSING_FIELD', '实际结束时间不能早于开始时间') : undefined),
    next: (_f, i) => (i.outcome === '成功' ? 'implemented' : 'rolled_back'),
  },
  recordEvaluation: {
    roles: ['ops_coordinator', 'ops_head'],
    article: '第26条',
    states: ['implemented', 'rolled_back'],
    input: (_f, i) => (i.negativeImpact && !i.negativeImpactNote ? refuse('MISSING_FIELD', '请填写负面影响说明（第26条(2)）') : undefined),
    // §16: 风险等级 中/高 goes through the post-implementation security review first.
    next: (f) => (postReviewRequired(f) ? 'pending_post_review' : 'pending_applicant_confirm'),
  },
  postReview: {
    roles: ['security_reviewer'],
    article: '第16条',
    states: ['pending_post_review', 'emergency_followup'],
    approval: always,
    guard: (f) =>
      f.state === 'emergency_followup' && !postReviewRequired(f)
        ? refuse('INVALID_STATE', '风险等级为低的变更无需信息安全上线后审阅（第16条）')
        : f.result.postReview
          ? refuse('INVALID_STATE', '已完成信息安全上线后审阅')
          : undefined,
    next: (f) => (f.state === 'pending_post_review' ? 'pending_applicant_confirm' : afterFollowup(f, { postReview: true })),
  },
  applicantConfirm: {
    roles: ['dept_head'],
    article: '第18条',
    states: ['pending_applicant_confirm'],
    scope: unitScope,
    approval: always,
    guard: postReviewRefusal,
    next: () => 'pending_archive',
  },
  archiveReview: {
    roles: ['it_head'],
    article: '第27条',
    states: ['pending_archive'],
    approval: always,
    guard: (f) => (f.result.archiveReview ? refuse('INVALID_STATE', '科技信息部负责人已审阅') : undefined),
  },
  archive: {
    roles: ['archivist'],
    article: '第27条',
    states: ['pending_archive'],
    guard: (f) => (f.result.archiveReview ? undefined : refuse('POLICY', '第27条：流程单须经科技信息部负责人安排审阅后方可归档')) ?? wetSignaturesRefusal(f),
    next: () => 'archived',
  },
  recordWetSignature: {
    // §27: 运行维护中心 collects the completed paper form and IT综合科 files it, so both keep the
    // paper; the applicant unit's head signs parts 一 and the confirmation at their desk and may
    // record those before sending the paper on. No approval (the record is not a sign-off).
    roles: ['ops_coordinator', 'archivist', 'dept_head'],
    article: '第27条',
    states: WET_SIGNATURE_STATES,
    scope: (role) => (role === 'dept_head' ? 'applicant_unit' : 'any'),
    guard: (f) =>
      paperBlocks(f).some((b) => b.applies && b.signed && b.id !== ARCHIVE_BLOCK_ID && !wetSignatureOf(f, b.id))
        ? undefined
        : refuse('INVALID_STATE', '没有待登记纸质签字的签字栏（已办理的步骤均已登记）'),
    input: (f, i, c) => {
      if (i.blockId === ARCHIVE_BLOCK_ID) return refuse('INVALID_STATE', 'IT综合科归档栏在归档时一并登记（第27条）');
      const b = paperBlocks(f).find((x) => x.id === i.blockId);
      if (!b) return refuse('MISSING_FIELD', `变更单 ${f.formNo} 的打印件上没有签字栏「${i.blockId}」`);
      if (!b.applies) return refuse('INVALID_STATE', `签字栏「${b.label}」无须签字（${b.article}）`);
      if (!b.signed) return refuse('INVALID_STATE', `签字栏「${b.label}」对应的步骤尚未办理，不能登记纸质签字（${b.article}）`);
      if (wetSignatureOf(f, b.id)) return refuse('INVALID_STATE', `签字栏「${b.label}」的纸质签字已登记`);
      if (i.signedOn && i.signedOn > c.now.slice(0, 10)) return refuse('MISSING_FIELD', '签字日期不能晚于今天');
      return undefined;
    },
  },

  // ── Attachments (issue 6) ──
  addAttachment: {
    roles: ATTACHING_ROLES,
    article: '第8条、第21条、第27条',
    states: ATTACHING_STATES,
    scope: attachingScope,
    input: (f, i) => {
      const same = f.attachments?.find((a) => a.sha256 === i.sha256 && !a.removed);
      return same ? refuse('INVALID_STATE', `同一文件已作为附件「${same.name}」添加`) : undefined;
    },
  },
  removeAttachment: {
    roles: ATTACHING_ROLES,
    article: '第27条',
    states: ATTACHING_STATES,
    scope: attachingScope,
    guard: (f) => (f.attachments?.some((a) => !a.removed) ? undefined : refuse('INVALID_STATE', '该变更单没有可移除的附件')),
    input: (f, i, c) => {
      const a = f.attachments?.find((x) => x.sha256 === i.sha256 && !x.removed);
      if (!a) return refuse('MISSING_FIELD', '该变更单上没有这个附件（可能已被移除）');
      // §27 运行维护中心 collects the form's documents; otherwise only who added a file removes it.
      if (a.addedBy.userId !== c.actor.userId && c.role !== 'ops_coordinator') {
        return refuse('POLICY', `第27条：附件「${a.name}」只能由添加人（${a.addedBy.name}）或受理人移除`);
      }
      return undefined;
    },
  },

  // ── Emergency change (§22–§25) ──
  emergencyRequest: {
    roles: ['dept_head'],
    article: '第23条',
    states: ['draft'],
    scope: unitScope,
    guard: (f) => emergencyRequestRefusal(f.part1),
    next: () => 'emergency_pending_auth',
  },
  emergencyAuthorise: {
    roles: ['ops_head', 'ops_coordinator'],
    article: '第23条',
    states: ['emergency_pending_auth'],
    approval: always,
    input: (_f, i, c) => {
      // §23: an oral or e-mail authorisation may be recorded by the coordinator, naming the head.
      if (c.role === 'ops_coordinator') {
        if (i.mode === '系统内') return refuse('FORBIDDEN_ROLE', '系统内授权须由运行维护中心负责人本人办理（第23条）');
        if (!i.authoriserName) return refuse('MISSING_FIELD', '请填写授权人（运行维护中心负责人）姓名（第23条）');
      }
      return notFuture(i.authorisedAt, c, '授权时间');
    },
    next: () => 'emergency_pending_backup',
    payload: (_f, i, c) => ({ ...i, authoriserName: c.role === 'ops_head' ? (i.authoriserName ?? c.actor.name) : i.authoriserName }),
  },
  emergencyDecline: { roles: ['ops_head'], article: '第23条', states: ['emergency_pending_auth'], approval: always, next: () => 'draft' },
  recordBackup: {
    roles: BACKUP_ROLES,
    article: '第25条',
    states: ['emergency_pending_backup'],
    input: (_f, i, c) => notFuture(i.backupAt, c, '备份时间'),
    next: () => 'emergency_pending_impl',
    stateHints: { emergency_pending_auth: '违反第23条：紧急变更须先获得运行维护中心负责人的授权' },
  },
  emergencyImplement: {
    roles: IMPLEMENTER_ROLES,
    article: '第23条',
    states: ['emergency_pending_impl'],
    input: (f, i, c) => {
      const e = f.emergency;
      if (e?.backup && Date.parse(i.implementedAt) < Date.parse(e.backup.backupAt)) {
        return refuse('POLICY', '违反第25条：程序和数据备份须在紧急变更实施之前完成');
      }
      if (e?.authorisation && Date.parse(i.implementedAt) < Date.parse(e.authorisation.authorisedAt)) {
        return refuse('POLICY', '违反第23条：紧急变更须在获得授权之后实施');
      }
      return rollbackReason(i) ?? notFuture(i.implementedAt, c, '实施时间');
    },
    next: () => 'emergency_followup',
    stateHints: {
      emergency_pending_auth: '违反第23条：紧急变更须先获得运行维护中心负责人的授权',
      emergency_pending_backup: '违反第25条：紧急变更实施前须先登记程序和数据备份',
    },
  },
  recordRetest: {
    roles: ['tester'],
    article: '第24条',
    states: ['emergency_followup'],
    approval: always,
    guard: (f) =>
      f.emergency?.testedBefore !== false
        ? refuse('INVALID_STATE', '该紧急变更实施前已测试，无需补测（第24条）')
        : f.emergency.retest
          ? refuse('INVALID_STATE', '已登记补测')
          : undefined,
    next: (f) => afterFollowup(f, { retest: true }),
  },
  completePaperwork: {
    roles: ['ops_head'],
    article: '第23条',
    states: ['emergency_followup'],
    approval: always,
    guard: (f) => paperworkOpen(f) ?? part1Refusal(f.part1) ?? emergencyPart2Refusal(f) ?? emergencyPlanRefusal(f),
    next: (f) => afterFollowup(f, { paperwork: true }),
  },
  emergencyLogSign: {
    roles: ['ops_head', 'ops_coordinator', 'dept_head'],
    article: '第25条',
    states: ['emergency_log_review'],
    scope: (role) => (role === 'dept_head' ? 'applicant_unit' : 'any'),
    approval: (role) => role !== 'dept_head',
    guard: (f, c) => {
      const side = logSide(c.role);
      return f.emergency?.logReview[side]
        ? refuse('INVALID_STATE', `${side === 'ops' ? '运行维护中心' : '申请部门'}已在紧急变更日志上签字`)
        : undefined;
    },
    next: (f, _i, c) => {
      const other = logSide(c.role) === 'ops' ? 'applicant' : 'ops';
      return f.emergency?.logReview[other] ? 'pending_archive' : undefined;
    },
    payload: (_f, i, c) => ({ ...i, side: logSide(c.role) }),
  },
};

/** §27: every signature block on the paper must be signed by hand before the form is filed. */
function wetSignaturesRefusal(form: ChangeFormState): Refusal | undefined {
  const missing = missingWetSignatures(form);
  if (missing.length === 0) return undefined;
  return refuse('POLICY', `违反第27条：以下签字栏的纸质签字尚未登记，不能归档：${missing.map((b) => b.label).join('、')}`);
}

export function logSide(role: RoleCode): 'ops' | 'applicant' {
  return role === 'dept_head' ? 'applicant' : 'ops';
}

function windowWarning(form: ChangeFormState, ctx: DecisionContext): string | undefined {
  const w = windowFinding(form, ctx.settings);
  return w ? `${w.message}；实施审批时须由运行维护中心负责人填写越权理由` : undefined;
}
