import { AUTHORISATION_MODES, CHANGE_STATES, type ChangeFormState } from '../../shared/schemas/change-form';
import { choices, fieldTable, labelledLines, longText, partHeading, signatureTable, yesNo, type Field } from '../layout/blocks';
import type { PrintedDocument } from '../layout/types';
import { recordOf, systemsText, when, type DocumentContext, type SignatureBlock } from './common';

/**
 * 紧急变更附页 (§22–§25), printed with a 特急 form: who asked and who authorised it (mode,
 * time), the program and data backup, whether it was tested before, the state of 补单 (§23) and
 * 补测 (§24), and the joint review of the emergency change log by 运行维护中心 and 申请部门 (§25).
 */

/** Since when 补单/补测 is open. Days open are not printed: they depend on the day of printing, and the content hash must not. */
function openSince(form: ChangeFormState): string {
  return form.emergency?.implementedAt ? `（实施于 ${when(form.emergency.implementedAt)}，自此待办）` : '';
}

export function emergencySignatureBlocks(form: ChangeFormState): SignatureBlock[] {
  const em = form.emergency;
  const review = em?.logReview ?? {};
  return [
    { id: 'annex.opsHeadAuthorise', label: '运行维护中心负责人授权', article: '第23条', ...(em?.authorisation ? { record: recordOf(em.authorisation.recordedBy, `${em.authorisation.mode}授权（${em.authorisation.authoriserName}，${when(em.authorisation.authorisedAt)}）`) } : { pendingText: '待授权' }) },
    { id: 'annex.retestTester', label: '测试人员（补测）', article: '第24条', ...(em?.retest ? { record: recordOf(em.retest, `补测${em.retest.passed ? '通过' : '未通过'}：${em.retest.result}`) } : { pendingText: em?.testedBefore ? '实施前已测试，无需补测' : '待补测' }) },
    { id: 'annex.logOps', label: '紧急变更日志审核（运行维护中心）', article: '第25条', ...(review.ops ? { record: recordOf(review.ops, review.ops.opinion, true) } : { pendingText: '待审核签字' }) },
    { id: 'annex.logApplicant', label: '紧急变更日志审核（申请部门）', article: '第25条', ...(review.applicant ? { record: recordOf(review.applicant, review.applicant.opinion, true) } : { pendingText: '待审核签字' }) },
  ];
}

export function documentForEmergencyAnnex(form: ChangeFormState, ctx: DocumentContext): PrintedDocument {
  const em = form.emergency;
  if (!em) throw new Error(`${form.formNo} 不是紧急变更，没有紧急变更附页`);
  const a = em.authorisation;
  const b = em.backup;
  const paperworkText = em.paperwork ? `已补单：${em.paperwork.name}，${when(em.paperwork.time)}${em.paperwork.opinion ? `，${em.paperwork.opinion}` : ''}` : `未补单${openSince(form)}`;
  const retestText =
    em.testedBefore === true
      ? `实施前已测试${em.preTestNote ? `：${em.preTestNote}` : ''}`
      : em.retest
        ? `已补测：${em.retest.steps.replace(/[。；;.]$/, '')}；结果：${em.retest.result}（${em.retest.passed ? '通过' : '未通过'}，${em.retest.name}，${when(em.retest.time)}）`
        : em.testedBefore === false
          ? `待补测${openSince(form)}`
          : '';
  const fields: Field[] = [
    { label: '变更名称', value: form.part1.title, wide: true },
    { label: '涉及系统', value: systemsText(form.part1.systems, ctx.systemNames), wide: true },
    { label: '紧急原因\n（第22条）', value: longText(em.reason), wide: true },
    { label: '提出人\n（第23条）', value: `${em.requestedBy.name}（申请部门负责人）` },
    { label: '提出时间', value: when(em.requestedBy.time) },
    { label: '授权人\n（第23条）', value: a?.authoriserName },
    { label: '授权时间', value: when(a?.authorisedAt) },
    { label: '授权方式\n（第23条）', value: choices(AUTHORISATION_MODES, a?.mode), wide: true },
    ...(a?.note ? [{ label: '授权说明', value: longText(a.note), wide: true }] : []),
    {
      label: '程序和数据备份\n（第25条）',
      value: b
        ? labelledLines([
            { label: '程序备份', value: b.programBackup },
            { label: '数据备份', value: b.dataBackup },
            { label: '备份时间', value: `${when(b.backupAt)}（${b.recordedBy.name}登记）` },
          ])
        : '',
      wide: true,
    },
    { label: '实施时间', value: when(em.implementedAt) },
    { label: '实施结果', value: form.result.outcome ?? '' },
    { label: '实施前是否已测试（第24条）', value: yesNo(em.testedBefore, em.preTestNote), wide: true },
    { label: '补单情况\n（第23条）', value: paperworkText, wide: true },
    { label: '补测情况\n（第24条）', value: retestText, wide: true },
  ];
  const signatures = emergencySignatureBlocks(form);
  return {
    kind: 'annex',
    annexLabel: '附件1 附页',
    title: '紧急变更记录',
    docNo: form.formNo,
    version: form.version,
    // §25: the log is final when both sides have reviewed and signed it.
    draft: !(em.logReview.ops && em.logReview.applicant),
    subtitle: `状态：${CHANGE_STATES[form.state]}`,
    content: [fieldTable(fields, partHeading('紧急变更日志', '（第22条至第25条）')), signatureTable(signatures)],
  };
}
