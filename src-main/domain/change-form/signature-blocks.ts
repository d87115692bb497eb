import {
  CHANGE_STATES,
  type Approval,
  type ChangeCommandName,
  type ChangeFormState,
  type SignedRecord,
  type WetSignature,
} from '../../shared/schemas/change-form';
import { REQUIRED_NOTICE_UNITS } from '../../shared/schemas/roles';
import { postReviewRequired } from './rules';

// The signature blocks a change form's printed documents carry (domain.md "Paper and signatures"):
// the form's parts (附件1), the emergency annex (§22–§25) and the §19 notice. Which blocks exist,
// and whether each step is signed electronically, is domain knowledge: the PDF kit prints these
// blocks, and the wet-signature record (§27) names them by id.

export const FORM_PARTS = ['1', '2', '3', 'post'] as const;
export type FormPart = (typeof FORM_PARTS)[number];

export type PaperDocument = 'form' | 'annex' | 'notice';

export interface PaperBlock {
  /** Stable id, e.g. `part1.deptHead`, `annex.logOps`, `notice.receipt.行长办公室`. */
  id: string;
  document: PaperDocument;
  /** For blocks of the form itself. */
  part?: FormPart;
  label: string;
  article: string;
  /** The electronic record of the step the block signs, when it has been done. */
  signed?: SignedRecord;
  /** false when the block prints but has nothing to sign (e.g. 补测 when tested before, §24). */
  applies: boolean;
}

/** The archivist's own block is signed by hand in the act of archiving (§27): recorded after it. */
export const ARCHIVE_BLOCK_ID = 'post.archivist';

/** The last approval of `step`, unless a later one of `undoneBy` undid it (a return or reschedule). */
export function standing(form: ChangeFormState, step: ChangeCommandName, undoneBy: readonly ChangeCommandName[] = []): Approval | undefined {
  for (let i = form.approvals.length - 1; i >= 0; i--) {
    const a = form.approvals[i] as Approval;
    if (a.step === step) return a;
    if (undoneBy.includes(a.step)) return undefined;
  }
  return undefined;
}

const ORDER = Object.keys(CHANGE_STATES);
function reached(form: ChangeFormState, state: keyof typeof CHANGE_STATES): boolean {
  return ORDER.indexOf(form.state) >= ORDER.indexOf(state) && !form.state.startsWith('emergency_');
}

/** Which parts a form has reached: what "the whole form" prints. */
export function partsReached(form: ChangeFormState): FormPart[] {
  const parts: FormPart[] = ['1'];
  const em = form.emergency !== undefined;
  const p2 = em
    ? Object.keys(form.part2).length > 0 || form.emergency?.paperwork !== undefined
    : reached(form, 'pending_assessment') || form.closure?.kind === 'not_recommended';
  const p3 = em ? Object.keys(form.part3).length > 0 || form.emergency?.paperwork !== undefined : reached(form, 'planning') && form.closure === undefined;
  const post = form.result.outcome !== undefined;
  if (p2 || p3 || post) parts.push('2');
  if (p3 || post) parts.push('3');
  if (post) parts.push('post');
  return parts;
}

function block(id: string, document: PaperDocument, label: string, article: string, signed: SignedRecord | undefined, applies = true): PaperBlock {
  const part = document === 'form' ? (id.split('.')[0]?.replace('part', '') as FormPart) : undefined;
  return { id, document, ...(part ? { part } : {}), label, article, ...(signed ? { signed } : {}), applies };
}

function part1Blocks(form: ChangeFormState): PaperBlock[] {
  const ask = form.emergency?.requestedBy;
  const applicant: SignedRecord = { userId: form.applicant.userId, name: form.applicant.name, role: 'applicant', time: form.createdAt };
  return [
    block('part1.applicant', 'form', '申请人', '第8条', applicant),
    ask
      ? block('part1.deptHead', 'form', '申请部门负责人意见', '第9条、第23条', ask)
      : block('part1.deptHead', 'form', '申请部门负责人意见', '第9条', standing(form, 'deptApprove', ['deptReturn'])),
  ];
}

function part2Blocks(form: ChangeFormState): PaperBlock[] {
  const paperwork = form.emergency?.paperwork;
  return [
    // §23: an emergency change's part 二 is not submitted but completed in 补单; its paper is signed then.
    block('part2.coordinator', 'form', '运行维护中心受理评估人', '第10条', standing(form, 'submitAssessment', ['assessmentReturn']) ?? paperwork),
    paperwork
      ? block('part2.opsHead', 'form', '运行维护中心负责人审批', '第13条、第23条（补单）', paperwork)
      : block('part2.opsHead', 'form', '运行维护中心负责人审批', '第10条、第13条', standing(form, 'assessmentApprove', ['assessmentReturn'])),
  ];
}

function part3Blocks(form: ChangeFormState): PaperBlock[] {
  const p = form.part3;
  const retest = p.itTest ? undefined : form.emergency?.retest;
  const paperwork = form.emergency?.paperwork;
  const tested = p.itTest ?? retest;
  // §22–§24: an emergency change goes live before these steps; their blocks are signed only if done.
  const em = form.emergency !== undefined;
  return [
    block('part3.tester', 'form', '测试人员', retest ? '第15条、第24条' : '第15条', tested, !em || tested !== undefined),
    block('part3.security', 'form', '信息安全审阅人（上线前）', '第16条', p.preReview, !em || p.preReview !== undefined),
    block('part3.userTest', 'form', '用户测试确认（申请部门）', '第18条', p.userTest, !em || p.userTest !== undefined),
    paperwork
      ? block('part3.opsHead', 'form', '运行维护中心负责人审阅', '第21条、第23条（补单）', paperwork)
      : block('part3.opsHead', 'form', '运行维护中心负责人审阅', '第21条', standing(form, 'implApprove', ['implReturn', 'reschedule'])),
  ];
}

function postBlocks(form: ChangeFormState): PaperBlock[] {
  const r = form.result;
  const review = form.emergency?.logReview;
  return [
    block('post.implementer', 'form', '实施人', '第17条(8)', r.implementedBy),
    ...(postReviewRequired(form) ? [block('post.security', 'form', '信息安全审阅人（上线后）', '第16条', r.postReview)] : []),
    form.emergency
      ? block('post.deptHead', 'form', '申请部门负责人确认', '第18条、第25条', review?.applicant)
      : block('post.deptHead', 'form', '申请部门负责人签字确认', '第18条', r.applicantConfirmation),
    block('post.itHead', 'form', '科技信息部负责人审阅', '第27条', r.archiveReview),
    block(ARCHIVE_BLOCK_ID, 'form', 'IT综合科归档', '第27条', r.archivedBy),
  ];
}

const PART_BLOCKS: Record<FormPart, (form: ChangeFormState) => PaperBlock[]> = { '1': part1Blocks, '2': part2Blocks, '3': part3Blocks, post: postBlocks };

/** The signature blocks of the form's parts (all it has reached, or one). */
export function formBlocks(form: ChangeFormState, part: FormPart | 'all' = 'all'): PaperBlock[] {
  return (part === 'all' ? partsReached(form) : [part]).flatMap((p) => PART_BLOCKS[p](form));
}

/** 紧急变更附页 (§23–§25). */
export function annexBlocks(form: ChangeFormState): PaperBlock[] {
  const em = form.emergency;
  const review = em?.logReview ?? {};
  return [
    block('annex.opsHeadAuthorise', 'annex', '运行维护中心负责人授权', '第23条', em?.authorisation?.recordedBy),
    block('annex.retestTester', 'annex', '测试人员（补测）', '第24条', em?.retest, em?.testedBefore !== true),
    block('annex.logOps', 'annex', '紧急变更日志审核（运行维护中心）', '第25条', review.ops),
    block('annex.logApplicant', 'annex', '紧急变更日志审核（申请部门）', '第25条', review.applicant),
  ];
}

/** The units a §19 notice goes to: at least 行长办公室 and 客户服务中心. */
export function noticeAddressees(form: ChangeFormState): string[] {
  const units = new Set<string>(REQUIRED_NOTICE_UNITS);
  for (const n of form.part3.notices ?? []) for (const u of n.units) units.add(u);
  return [...units];
}

/** 业务影响告知书 (§19): the ops centre signs it, each addressee signs for receipt on paper only. */
export function noticeBlocks(form: ChangeFormState): PaperBlock[] {
  const last = (form.part3.notices ?? []).at(-1);
  return [
    block('notice.ops', 'notice', '告知单位：科技信息部运行维护中心', '第19条', last),
    // A receipt has no electronic step: it can be signed once the notice went out.
    ...noticeAddressees(form).map((u) => block(`notice.receipt.${u}`, 'notice', `签收：${u}`, '第19条', last)),
  ];
}

/**
 * Every block on the paper the form has: the form's parts, the annex of an emergency change, and
 * the §19 notice once one was sent. These are the blocks §27 wants signed before archiving.
 */
export function paperBlocks(form: ChangeFormState): PaperBlock[] {
  return [...formBlocks(form), ...(form.emergency ? annexBlocks(form) : []), ...((form.part3.notices ?? []).length > 0 ? noticeBlocks(form) : [])];
}

export function wetSignatureOf(form: ChangeFormState, blockId: string): WetSignature | undefined {
  return form.wetSignatures?.[blockId];
}

/** §27: blocks still without a recorded hand signature (the archivist's own is signed in archiving). */
export function missingWetSignatures(form: ChangeFormState): PaperBlock[] {
  return paperBlocks(form).filter((b) => b.applies && b.id !== ARCHIVE_BLOCK_ID && !wetSignatureOf(form, b.id));
}
