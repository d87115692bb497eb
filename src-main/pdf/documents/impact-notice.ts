import { noticeAddressees, noticeBlocks } from '../../domain';
import { REQUIRED_NOTICE_UNITS } from '../../shared/schemas/roles';
import type { ChangeFormState } from '../../shared/schemas/change-form';
import { fieldTable, longText, paragraph, signatureTable, spacer, type Field } from '../layout/blocks';
import type { PrintedDocument } from '../layout/types';
import { printedBlock, recordOf, systemsText, when, type DocumentContext, type SignatureBlock } from './common';

/**
 * 业务影响告知书 (§19): before a change that may interrupt business or change business operations
 * goes live, 运行维护中心 tells the affected units in writing — at least 行长办公室 and 客户服务中心
 * — which business is affected and when, and offers technical support. The units sign for receipt.
 */

const addressees = noticeAddressees;

export function noticeSignatureBlocks(form: ChangeFormState): SignatureBlock[] {
  const last = (form.part3.notices ?? []).at(-1);
  const [ops, ...receipts] = noticeBlocks(form);
  return [
    printedBlock(ops, last ? { record: recordOf(last, `已于 ${last.noticeDate} 书面告知`) } : { pendingText: '尚未登记告知' }),
    // The addressees sign for receipt by hand only (§19).
    ...receipts.map((b) => printedBlock(b, { pendingText: '收到本告知书后签收' })),
  ];
}

export function documentForImpactNotice(form: ChangeFormState, ctx: DocumentContext): PrintedDocument {
  const notices = form.part3.notices ?? [];
  const last = notices.at(-1);
  const p3 = form.part3;
  const period = last?.period ?? (p3.plannedStart ? `${when(p3.plannedStart)} 至 ${when(p3.plannedEnd)}` : '');
  const scope = last?.scope ?? form.part2.interruptionNote ?? '';
  const to = addressees(form);
  const systems = systemsText(form.part1.systems, ctx.systemNames);
  const fields: Field[] = [
    { label: '变更名称', value: form.part1.title, wide: true },
    { label: '变更单编号', value: form.formNo },
    { label: '涉及系统', value: systems },
    { label: '影响的业务范围', value: longText(scope), wide: true },
    { label: '影响时间', value: period, wide: true },
    { label: '对客户服务和内部操作的影响', value: longText(form.part2.serviceImpact), wide: true },
    { label: '技术支持', value: `运行维护中心受理人：${(form.approvals.find((a) => a.step === 'submitAssessment')?.name ?? '')}　联系方式：${form.part1.contact ?? ''}`, wide: true },
  ];
  return {
    kind: 'notice',
    title: '业务影响告知书',
    docNo: form.formNo,
    version: form.version,
    // Final once 运行维护中心 has recorded the notice to at least the two required units (§19).
    draft: !REQUIRED_NOTICE_UNITS.every((u) => notices.some((n) => n.units.includes(u))),
    subtitle: last ? `告知日期：${last.noticeDate}` : '尚未登记告知',
    content: [
      paragraph(`${to.join('、')}：`, { margin: [0, 6, 0, 6], bold: true }),
      paragraph(
        `　　根据《信息系统变更和发布管理办法》第十九条，现将以下信息系统变更可能导致业务暂时中断或业务操作发生重大变化的情况书面告知如下。变更期间如需技术支持，请与运行维护中心联系。`,
      ),
      spacer(6),
      fieldTable(fields),
      spacer(4),
      paragraph('　　特此告知。', { margin: [0, 4, 0, 0] }),
      paragraph(`科技信息部运行维护中心\n${last?.noticeDate ?? '　　　　年　　月　　日'}`, { alignment: 'right', margin: [0, 6, 0, 6] }),
      signatureTable(noticeSignatureBlocks(form)),
    ],
  };
}
