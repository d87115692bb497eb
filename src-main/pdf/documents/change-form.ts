import { postReviewRequired } from '../../domain';
import {
  ASSESSMENT_CONCLUSIONS,
  CHANGE_SOURCES,
  CHANGE_STATES,
  CHANGE_TYPES,
  IMPACT_DIMENSIONS,
  INFRA_CHANGES,
  NEW_FUNCTION_RISK_ITEMS,
  OUTCOMES,
  RISK_LEVELS,
  URGENCIES,
  type ChangeFormState,
  type ImpactDimension,
  type NewFunctionRiskItem,
} from '../../shared/schemas/change-form';
import { choices, fieldTable, labelledLines, longText, partHeading, signatureTable, yesNo, type Field } from '../layout/blocks';
import type { Content, DocKind, PrintedDocument } from '../layout/types';
import { approvalRecord, recordOf, standing, systemsText, when, type DocumentContext, type SignatureBlock } from './common';

/**
 * 附件1《已投产系统变更流程单》 (domain.md; §7–§27) as printed paper: parts 一, 二, 三 and the
 * record after implementation, each a field table in the policy's terms and its signature blocks.
 */

export const FORM_PARTS = ['1', '2', '3', 'post'] as const;
export type FormPart = (typeof FORM_PARTS)[number];

export const PART_TITLES: Record<FormPart, string> = {
  '1': '第一部分　申请信息',
  '2': '第二部分　变更需求评估信息',
  '3': '第三部分　变更计划和测试接受信息',
  post: '实施后记录',
};

const PART_ARTICLES: Record<FormPart, string> = {
  '1': '（第7条、第8条、第9条）',
  '2': '（第10条至第14条）',
  '3': '（第15条至第21条）',
  post: '（第16条、第18条、第26条、第27条）',
};

/** A part as printed: its fields, its signature blocks, and whether it is approved. */
export interface PrintedPart {
  part: FormPart;
  fields: Field[];
  signatures: SignatureBlock[];
  approved: boolean;
}

const ORDER = Object.keys(CHANGE_STATES);
function reached(form: ChangeFormState, state: keyof typeof CHANGE_STATES): boolean {
  return ORDER.indexOf(form.state) >= ORDER.indexOf(state) && !form.state.startsWith('emergency_');
}

/** Which parts a form has reached: what "the whole form" prints. */
export function partsReached(form: ChangeFormState): FormPart[] {
  const parts: FormPart[] = ['1'];
  const em = form.emergency !== undefined;
  const p2 = em ? Object.keys(form.part2).length > 0 || form.emergency?.paperwork !== undefined : reached(form, 'pending_assessment') || form.closure?.kind === 'not_recommended';
  const p3 = em ? Object.keys(form.part3).length > 0 || form.emergency?.paperwork !== undefined : reached(form, 'planning') && form.closure === undefined;
  const post = form.result.outcome !== undefined;
  if (p2 || p3 || post) parts.push('2');
  if (p3 || post) parts.push('3');
  if (post) parts.push('post');
  return parts;
}

// ───────────────────────────── part 一 (§7–§9) ─────────────────────────────

function part1(form: ChangeFormState, ctx: DocumentContext): PrintedPart {
  const p = form.part1;
  const impact = p.impactIfNot ?? {};
  const deptApproval = standing(form, 'deptApprove', ['deptReturn']);
  const emergencyAsk = form.emergency?.requestedBy;
  const fields: Field[] = [
    { label: '变更名称', value: p.title, wide: true },
    { label: '申请部门', value: p.applicantUnitName },
    { label: '申请人', value: form.applicant.name },
    { label: '联系方式', value: p.contact },
    { label: '申请日期', value: p.appliedOn ?? when(form.createdAt).slice(0, 10) },
    { label: '涉及系统', value: systemsText(p.systems, ctx.systemNames), wide: true },
    { label: '变更类型\n（第7条）', value: choices(CHANGE_TYPES, p.changeType), wide: true },
    { label: '变更来源\n（第7条）', value: choices(CHANGE_SOURCES, p.changeSource), wide: true },
    { label: '变更内容和目的\n（第8条(2)）', value: longText(p.content), wide: true },
    {
      label: '是否存在其他措施满足需求（第8条(3)）',
      value: yesNo(p.otherMeasuresExist, p.otherMeasuresExist ? p.otherMeasures : undefined),
      wide: true,
    },
    {
      label: '不实施可能的影响\n（第8条(4)）',
      value: labelledLines((Object.keys(IMPACT_DIMENSIONS) as ImpactDimension[]).map((k) => ({ label: IMPACT_DIMENSIONS[k], value: impact[k] }))),
      wide: true,
    },
    { label: '急迫性\n（第8条(5)）', value: choices(URGENCIES, p.urgency), wide: true },
  ];
  const signatures: SignatureBlock[] = [
    { id: 'part1.applicant', label: '申请人', article: '第8条', record: { name: form.applicant.name, time: when(form.createdAt) } },
    emergencyAsk
      ? { id: 'part1.deptHead', label: '申请部门负责人意见', article: '第9条、第23条', record: recordOf(emergencyAsk, `提出紧急变更：${form.emergency?.reason ?? ''}`) }
      : { id: 'part1.deptHead', label: '申请部门负责人意见', article: '第9条', ...(deptApproval ? { record: approvalRecord(deptApproval) } : { pendingText: '待审批' }) },
  ];
  return { part: '1', fields, signatures, approved: deptApproval !== undefined || emergencyAsk !== undefined };
}

// ───────────────────────────── part 二 (§10–§14, §5(8)) ─────────────────────────────

function part2(form: ChangeFormState): PrintedPart {
  const p = form.part2;
  const risks = p.newFunctionRisks ?? {};
  const approval = standing(form, 'assessmentApprove', ['assessmentReturn']);
  const submitted = standing(form, 'submitAssessment', ['assessmentReturn']);
  const conclusionDetail: Array<{ label: string; value: string | undefined }> = [];
  if (p.conclusion === '建议实施' || p.suggestedDate) {
    conclusionDetail.push({ label: '建议变更日期', value: p.suggestedDate }, { label: '对客户服务和内部操作的影响', value: p.serviceImpact });
  }
  if (p.conclusion === '不建议实施') conclusionDetail.push({ label: '不建议实施的理由（第13条(1)）', value: p.rejectReason });
  if (p.conclusion === '转项目') conclusionDetail.push({ label: '转入项目（第13条(3)）', value: p.projectRef });
  const fields: Field[] = [
    { label: '现有功能/设置能否满足（第11条）', value: yesNo(p.existingCanMeet, p.existingNote), wide: true },
    { label: '其他操作手段\n（第11条）', value: longText(p.otherMeans), wide: true },
    { label: '是否需要IT开发\n（第12条(1)）', value: yesNo(p.needsDevelopment) },
    { label: '预计工时', value: p.devHours !== undefined ? `${p.devHours} 小时` : '' },
    {
      label: '操作系统/数据库/中间件/硬件/网络变更（第12条(2)）',
      value: { stack: [choices(INFRA_CHANGES, p.infraChanges), longText(p.infraNote)] },
      wide: true,
    },
    { label: '后台数据变更\n（第12条(3)）', value: yesNo(p.backendDataChange, p.backendDataNote), wide: true },
    { label: '信息安全控制考虑因素（第12条(4)）', value: longText(p.securityConsiderations), wide: true },
    { label: '资源统筹安排\n（第12条(5)）', value: longText(p.resourcePlan), wide: true },
    { label: '可能的业务中断或服务水平下降（第12条(6)）', value: yesNo(p.mayInterruptBusiness, p.interruptionNote), wide: true },
    { label: '风险等级', value: choices(RISK_LEVELS, p.riskLevel) },
    { label: '涉及软件开发\n（第14条）', value: yesNo(p.involvesSoftwareDev) },
    { label: '软件开发中心评估意见（第10条）', value: longText(p.devOpinion), wide: true },
    {
      label: '评估结论\n（第13条）',
      value: { stack: [choices(ASSESSMENT_CONCLUSIONS, p.conclusion), ...(conclusionDetail.length ? [labelledLines(conclusionDetail)] : [])] },
      wide: true,
    },
  ];
  if (p.newProjectOrFunction) {
    fields.push({
      label: '新项目/新业务功能风险分析（第5条(8)）',
      value: labelledLines((Object.keys(NEW_FUNCTION_RISK_ITEMS) as NewFunctionRiskItem[]).map((k) => ({ label: NEW_FUNCTION_RISK_ITEMS[k], value: risks[k] }))),
      wide: true,
    });
  }
  const paperwork = form.emergency?.paperwork;
  const signatures: SignatureBlock[] = [
    { id: 'part2.coordinator', label: '运行维护中心受理评估人', article: '第10条', ...(submitted ? { record: approvalRecord(submitted) } : { pendingText: '待提交评估' }) },
    paperwork
      ? { id: 'part2.opsHead', label: '运行维护中心负责人审批', article: '第13条、第23条（补单）', record: recordOf(paperwork, paperwork.opinion, true) }
      : { id: 'part2.opsHead', label: '运行维护中心负责人审批', article: '第10条、第13条', ...(approval ? { record: approvalRecord(approval) } : { pendingText: '待审批' }) },
  ];
  return { part: '2', fields, signatures, approved: approval !== undefined || paperwork !== undefined };
}

// ───────────────────────────── part 三 (§15–§21) ─────────────────────────────

function part3(form: ChangeFormState): PrintedPart {
  const p = form.part3;
  // §24: an emergency change tested afterwards carries its 补测 as its IT test.
  const retest = p.itTest ? undefined : form.emergency?.retest;
  const itTest = p.itTest ?? retest;
  const approval = standing(form, 'implApprove', ['implReturn', 'reschedule']);
  const override = form.overrides[form.overrides.length - 1];
  const period = p.plannedStart || p.plannedEnd ? `${when(p.plannedStart)} 至 ${when(p.plannedEnd)}` : '';
  const notices = p.notices ?? [];
  const fields: Field[] = [
    {
      label: '计划上线时间\n（第17条(2)）',
      value: override ? { stack: [period, { text: `越权排期（第17条(2)）：${override.finding}；理由：${override.reason}（${override.name}，${when(override.time)}）`, style: 'note' }] } : period,
      wide: true,
    },
    { label: '变更计划与步骤\n（第21条）', value: longText(p.changePlan), wide: true },
    { label: '回退计划与步骤\n（第21条）', value: longText(p.rollbackPlan), wide: true },
    { label: '意外应急措施\n（第17条(3)）', value: longText(p.contingency), wide: true },
    ...(p.devMethodRef ? [{ label: '开发方法指引执行记录（第14条）', value: longText(p.devMethodRef), wide: true }] : []),
    {
      label: retest ? 'IT测试步骤与结果（补测，第24条）' : 'IT测试步骤与结果\n（第15条）',
      value: itTest ? labelledLines([{ label: '测试步骤', value: itTest.steps }, { label: '测试结果', value: `${itTest.result}（${itTest.passed ? '通过' : '未通过'}）` }]) : '',
      wide: true,
    },
    { label: '信息安全上线前审阅意见（第16条）', value: p.preReview ? `${p.preReview.opinion}（${p.preReview.agree ? '同意上线' : '不同意上线'}）` : '', wide: true },
    { label: '用户测试确认\n（第18条）', value: p.userTest ? `${p.userTest.result}（${p.userTest.confirmed ? '确认通过' : '未通过'}）` : '', wide: true },
    {
      label: '业务影响告知\n（第19条）',
      value:
        notices.length > 0
          ? labelledLines(notices.map((n) => ({ label: `${n.noticeDate} 告知${n.units.join('、')}`, value: `影响范围：${n.scope}；影响时间：${n.period}` })))
          : form.part2.mayInterruptBusiness
            ? '须在上线前书面告知行长办公室和客户服务中心（尚未登记）'
            : '不涉及业务中断',
      wide: true,
    },
  ];
  const paperwork = form.emergency?.paperwork;
  const signatures: SignatureBlock[] = [
    { id: 'part3.tester', label: '测试人员', article: retest ? '第15条、第24条' : '第15条', ...(itTest ? { record: recordOf(itTest, `${retest ? '补测' : '测试'}${itTest.passed ? '通过' : '未通过'}：${itTest.result}`) } : { pendingText: '待测试' }) },
    { id: 'part3.security', label: '信息安全审阅人（上线前）', article: '第16条', ...(p.preReview ? { record: recordOf(p.preReview, p.preReview.opinion, p.preReview.agree) } : { pendingText: '待审阅' }) },
    { id: 'part3.userTest', label: '用户测试确认（申请部门）', article: '第18条', ...(p.userTest ? { record: recordOf(p.userTest, `${p.userTest.confirmed ? '确认通过' : '未通过'}：${p.userTest.result}`) } : { pendingText: '待确认' }) },
    paperwork
      ? { id: 'part3.opsHead', label: '运行维护中心负责人审阅', article: '第21条、第23条（补单）', record: recordOf(paperwork, paperwork.opinion, true) }
      : { id: 'part3.opsHead', label: '运行维护中心负责人审阅', article: '第21条', ...(approval ? { record: approvalRecord(approval) } : { pendingText: '待审阅' }) },
  ];
  return { part: '3', fields, signatures, approved: approval !== undefined || paperwork !== undefined };
}

// ───────────────────────────── after implementation (§16, §18, §26, §27) ─────────────────────────────

function partPost(form: ChangeFormState): PrintedPart {
  const r = form.result;
  const needsPostReview = postReviewRequired(form);
  const fields: Field[] = [
    {
      label: '实施结果\n（第26条(5)）',
      value: { stack: [choices(OUTCOMES, r.outcome), ...(r.outcome === '已回退' ? [{ text: `回退原因：${r.rollbackReason ?? ''}` }] : [])] },
      wide: true,
    },
    { label: '实际开始时间', value: when(r.actualStart) },
    { label: '实际结束时间', value: when(r.actualEnd) },
    { label: '实施情况说明', value: longText(r.implementationNote), wide: true },
    { label: '是否达到预期目标（第26条(1)）', value: yesNo(r.goalMet) },
    { label: '是否存在负面影响（第26条(2)）', value: yesNo(r.negativeImpact) },
    ...(r.negativeImpact ? [{ label: '负面影响说明', value: longText(r.negativeImpactNote), wide: true }] : []),
    {
      label: '信息安全上线后审阅（第16条）',
      value: r.postReview ? `${r.postReview.opinion}（${r.postReview.agree ? '达到变更目标' : '未达到变更目标'}）` : needsPostReview ? '' : '风险等级为低，无需上线后审阅',
      wide: true,
    },
    { label: '归档位置\n（第27条）', value: r.archivedBy?.location, wide: true },
  ];
  const logReview = form.emergency?.logReview;
  const signatures: SignatureBlock[] = [
    { id: 'post.implementer', label: '实施人', article: '第17条(8)', ...(r.implementedBy ? { record: recordOf(r.implementedBy) } : { pendingText: '待实施' }) },
    ...(needsPostReview
      ? [{ id: 'post.security', label: '信息安全审阅人（上线后）', article: '第16条', ...(r.postReview ? { record: recordOf(r.postReview, r.postReview.opinion, r.postReview.agree) } : { pendingText: '待审阅' }) }]
      : []),
    form.emergency
      ? { id: 'post.deptHead', label: '申请部门负责人确认', article: '第18条、第25条', ...(logReview?.applicant ? { record: recordOf(logReview.applicant, logReview.applicant.opinion, true) } : { pendingText: '待确认' }) }
      : { id: 'post.deptHead', label: '申请部门负责人签字确认', article: '第18条', ...(r.applicantConfirmation ? { record: recordOf(r.applicantConfirmation, r.applicantConfirmation.opinion, true) } : { pendingText: '待确认' }) },
    { id: 'post.itHead', label: '科技信息部负责人审阅', article: '第27条', ...(r.archiveReview ? { record: recordOf(r.archiveReview, r.archiveReview.opinion, true) } : { pendingText: '待审阅' }) },
    { id: 'post.archivist', label: 'IT综合科归档', article: '第27条', ...(r.archivedBy ? { record: recordOf(r.archivedBy, r.archivedBy.location ? `归档位置：${r.archivedBy.location}` : undefined) } : { pendingText: '待归档' }) },
  ];
  const confirmed = form.emergency ? logReview?.applicant !== undefined && logReview.ops !== undefined : r.applicantConfirmation !== undefined;
  return { part: 'post', fields, signatures, approved: confirmed };
}

const BUILDERS: Record<FormPart, (form: ChangeFormState, ctx: DocumentContext) => PrintedPart> = { '1': part1, '2': part2, '3': part3, post: partPost };

export function printedPart(form: ChangeFormState, part: FormPart, ctx: DocumentContext): PrintedPart {
  return BUILDERS[part](form, ctx);
}

/** Every signature block the printed form carries (for the wet-signature record). */
export function signatureBlocksOf(form: ChangeFormState, part: FormPart | 'all', ctx: DocumentContext): SignatureBlock[] {
  const parts = part === 'all' ? partsReached(form) : [part];
  return parts.flatMap((p) => printedPart(form, p, ctx).signatures);
}

/**
 * The change form as printed: the whole form (the parts it has reached) or one part. 草稿 when
 * any printed part is not yet approved (§9, §13, §21, §18).
 */
export function documentForChangeForm(form: ChangeFormState, ctx: DocumentContext, part: FormPart | 'all' = 'all'): PrintedDocument {
  const parts = (part === 'all' ? partsReached(form) : [part]).map((p) => printedPart(form, p, ctx));
  const content: Content[] = [];
  for (const p of parts) {
    content.push(fieldTable(p.fields, partHeading(PART_TITLES[p.part], PART_ARTICLES[p.part])), signatureTable(p.signatures));
  }
  if (form.closure) {
    const c = form.closure;
    const what = c.kind === 'withdrawn' ? '已撤回' : c.kind === 'not_recommended' ? '不建议实施（第13条(1)）' : '转项目流程（第13条(3)）';
    content.push({ text: `本变更单${what}：${c.reason ?? c.projectRef ?? ''}（${c.name}，${when(c.time)}）`, style: 'note', margin: [0, 8, 0, 0] });
  }
  const kind: DocKind = part === 'all' ? 'form' : (`form-${part}` as DocKind);
  return {
    kind,
    annexLabel: '附件1',
    title: part === 'all' ? '已投产系统变更流程单' : `已投产系统变更流程单·${PART_TITLES[part].replace(/^.*　/, '')}`,
    docNo: form.formNo,
    version: form.version,
    draft: parts.some((p) => !p.approved),
    subtitle: `状态：${CHANGE_STATES[form.state]}${form.emergency ? '　紧急变更' : ''}`,
    content,
  };
}
