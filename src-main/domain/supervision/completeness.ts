import type { ChangeCommandName, ChangeFormState, ChangeState } from '../../shared/schemas/change-form';
import type { CompletenessGap } from '../../shared/schemas/supervision';
import type { Refusal } from '../change-form/guards';
import {
  emergencyPart2Refusal,
  emergencyPlanRefusal,
  noticeRefusal,
  part1Refusal,
  part2Refusal,
  planRefusal,
  postReviewRefusal,
} from '../change-form/rules';
import { missingWetSignatures } from '../change-form/signature-blocks';

// §36(3) 文档完整性检查, computed: for every step a form has passed, the part it had to fill,
// the signed record it had to carry and the document it had to have. The field rules are the
// ones the workflow enforces (rules.ts), so a form that went through the services shows a gap
// only where the step did not require it at the time (an emergency's 补单 still open, a record
// arrived from another terminal) — which is exactly what the quarterly check is for.

/** The normal path in order (domain.md, 附件1 States). */
const NORMAL_PATH: readonly ChangeState[] = [
  'draft',
  'pending_dept_approval',
  'pending_assessment',
  'pending_assessment_approval',
  'planning',
  'pending_impl_approval',
  'scheduled',
  'implemented',
  'pending_post_review',
  'pending_applicant_confirm',
  'pending_archive',
  'archived',
];
const EMERGENCY_PATH: readonly ChangeState[] = [
  'draft',
  'emergency_pending_auth',
  'emergency_pending_backup',
  'emergency_pending_impl',
  'emergency_followup',
  'emergency_log_review',
  'pending_archive',
  'archived',
];

/** A file a step requires (a scan, a report), once forms carry attachments: `present` tells whether the form has it. */
export interface AttachmentRequirement {
  kind: string;
  label: string;
  article: string;
  /** The state from which the form must have it. */
  from: ChangeState;
  appliesTo?: (form: ChangeFormState) => boolean;
}

function rankOf(path: readonly ChangeState[], state: ChangeState): number {
  if (state === 'rolled_back') return path.indexOf('implemented');
  // §13: 不建议实施 and 转项目 end the form after the assessment approval.
  if (state === 'not_recommended' || state === 'to_project') return path.indexOf('pending_assessment_approval') + 0.5;
  return path.indexOf(state);
}

const part = (r: Refusal | undefined, what?: string): CompletenessGap[] =>
  r ? [{ kind: 'part', kindLabel: '缺少内容', what: what ? `${what}：${r.message}` : r.message }] : [];
const signature = (present: unknown, what: string): CompletenessGap[] => (present ? [] : [{ kind: 'signature', kindLabel: '缺少签字记录', what }]);
const wet = (labels: string[]): CompletenessGap[] =>
  labels.length ? [{ kind: 'wet_signature', kindLabel: '纸质签字未登记', what: `第27条：已在系统内签署、纸质签字尚未登记的签字栏：${labels.join('、')}` }] : [];
const document = (present: unknown, what: string): CompletenessGap[] => (present ? [] : [{ kind: 'document', kindLabel: '缺少文档/附件', what }]);

function approved(form: ChangeFormState, step: ChangeCommandName): boolean {
  return form.approvals.some((a) => a.step === step && a.agree);
}

/**
 * What a form lacks for the steps it has passed. A withdrawn form owes nothing more. `has`
 * answers whether the form carries an attachment of a kind (for `attachments` requirements).
 */
export function completenessGaps(form: ChangeFormState, attachments: readonly AttachmentRequirement[] = [], has: (kind: string) => boolean = () => false): CompletenessGap[] {
  if (form.state === 'withdrawn') return [];
  const emergency = form.emergency !== undefined;
  const path = emergency ? EMERGENCY_PATH : NORMAL_PATH;
  const at = rankOf(path, form.state);
  const reached = (s: ChangeState) => path.includes(s) && at >= path.indexOf(s);
  const gaps: CompletenessGap[] = [];
  const r = form.result;

  if (!emergency) {
    if (reached('pending_dept_approval')) gaps.push(...part(part1Refusal(form.part1), '第一部分 申请信息'));
    if (reached('pending_assessment')) gaps.push(...signature(approved(form, 'deptApprove'), '申请部门负责人审批签字（第9条）'));
    if (reached('pending_assessment_approval')) gaps.push(...part(part2Refusal(form), '第二部分 变更需求评估信息'));
    if (at > path.indexOf('pending_assessment_approval')) gaps.push(...signature(approved(form, 'assessmentApprove'), '运行维护中心负责人评估审批（第10条、第13条）'));
    if (reached('pending_impl_approval')) {
      gaps.push(...part(planRefusal(form), '第三部分 变更计划'));
      const p3 = form.part3;
      gaps.push(...signature(p3.itTest, 'IT测试结果及测试人员签字（第15条）'));
      gaps.push(...signature(p3.preReview, '信息安全上线前审阅（第16条）'));
      gaps.push(...signature(p3.userTest, '用户测试确认（第18条）'));
    }
    if (reached('scheduled')) {
      gaps.push(...signature(approved(form, 'implApprove'), '运行维护中心负责人审阅变更实施信息（第21条）'));
      const notice = noticeRefusal(form);
      gaps.push(...document(!notice, '业务影响书面告知（第19条：至少告知行长办公室和客户服务中心）'));
    }
  } else {
    gaps.push(...signature(form.emergency?.requestedBy, '申请部门负责人提出紧急变更（第23条）'));
    if (reached('emergency_pending_backup')) gaps.push(...signature(form.emergency?.authorisation, '运行维护中心负责人授权（第23条）'));
    if (reached('emergency_pending_impl')) gaps.push(...document(form.emergency?.backup, '程序和数据备份记录（第25条）'));
    if (reached('emergency_followup')) {
      // §23 补单 and §24 补测 are owed from the implementation on, whether or not the deadline has passed.
      gaps.push(...part(part1Refusal(form.part1), '补单 第一部分（第23条）'));
      gaps.push(...part(emergencyPart2Refusal(form), '补单 第二部分（第23条）'));
      gaps.push(...part(emergencyPlanRefusal(form), '补单 第三部分（第23条）'));
      gaps.push(...signature(form.emergency?.paperwork, '补单负责人签字（第23条）'));
      if (form.emergency?.testedBefore === false) gaps.push(...document(form.emergency.retest, '补测文档及测试人员签字（第24条）'));
    }
    if (reached('pending_archive')) {
      gaps.push(...signature(form.emergency?.logReview.ops, '紧急变更日志 运行维护中心审核签字（第25条）'));
      gaps.push(...signature(form.emergency?.logReview.applicant, '紧急变更日志 申请部门审核签字（第25条）'));
    }
  }
  // After implementation (both paths).
  if (r.outcome || reached('implemented')) {
    gaps.push(...signature(r.implementedBy, '实施结果登记（实施人）'));
    if (r.outcome === '已回退') gaps.push(...part(r.rollbackReason ? undefined : { code: 'MISSING_FIELD', message: '请填写回退原因（第26条(5)）' }, '实施后记录'));
  }
  // §26(1)(2) evaluation and §16 post-implementation review come before the applicant's confirmation (normal path) or the 补单 (§23).
  if (!emergency && at > path.indexOf('implemented')) gaps.push(...signature(r.evaluatedBy, '实施效果评估：是否达到预期目标、有无负面影响（第26条(1)(2)）'));
  if (reached(emergency ? 'emergency_log_review' : 'pending_applicant_confirm')) {
    const review = postReviewRefusal(form);
    if (review) gaps.push(...signature(false, `信息安全上线后审阅（第16条：风险等级为${form.part2.riskLevel}）`));
  }
  if (!emergency && reached('pending_archive')) gaps.push(...signature(r.applicantConfirmation, '申请部门负责人签字确认（第18条）'));
  if (reached('archived')) {
    gaps.push(...signature(r.archiveReview, '科技信息部负责人安排审阅（第27条）'));
    gaps.push(...signature(r.archivedBy, 'IT综合科归档（第27条）'));
  }
  // §27: a form filled in completely goes to the archive on paper, signed by hand wherever it was
  // signed electronically. From 待归档 on, every block signed in the system whose hand signature
  // has not been recorded is a gap (blocks never signed are the missing records above).
  if (reached('pending_archive')) {
    gaps.push(...wet(missingWetSignatures(form).filter((b) => b.signed).map((b) => b.label)));
  }
  for (const a of attachments) {
    if (reached(a.from) && (a.appliesTo?.(form) ?? true) && !has(a.kind)) gaps.push(...document(false, `${a.label}（${a.article}）`));
  }
  return gaps;
}
