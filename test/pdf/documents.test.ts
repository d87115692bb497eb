import { describe, expect, it } from 'vitest';
import {
  documentForChangeForm,
  documentForEmergencyAnnex,
  documentForImpactNotice,
  documentForWeeklyPlan,
  emergencySignatureBlocks,
  noticeSignatureBlocks,
  parseQrPayload,
  renderPdf,
  signatureBlocksOf,
  weeklyPlanSignatureBlocks,
  type PrintedDocument,
} from '../../src-main/pdf';
import type { ChangeFormState } from '../../src-main/shared/schemas/change-form';
import { emergencyIn, formIn, PART1, PART2, PLAN } from './forms';
import { pdfBodyTextCompact, pdfPageCount, pdfQrTexts, pdfTextCompact } from './pdf-tools';

const ctx = { printedAt: '2026-12-08T09:30:00+08:00', terminal: '运行维护中心-01', systemNames: { CORE: '核心业务系统', EBANK: '网上银行系统' } };
const squash = (s: string) => s.replace(/\s+/g, '');

/** Every text a person filled in on the form (what must come back from the paper). */
function filledTexts(f: ChangeFormState): string[] {
  const out: string[] = [f.formNo];
  const collect = (v: unknown) => {
    if (typeof v === 'string' && v.length > 1 && !/^\d{4}-\d{2}-\d{2}[T ]/.test(v) && !/^u-/.test(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => k !== 'role' && k !== 'userId' && k !== 'step' && collect(x));
  };
  collect([f.part1, f.part2, f.part3.changePlan, f.part3.rollbackPlan, f.part3.contingency, f.part3.itTest, f.part3.preReview, f.part3.userTest]);
  collect([f.result.implementationNote, f.result.postReview?.opinion, f.result.archivedBy?.location]);
  return out.filter((t) => !['CORE', 'EBANK'].includes(t));
}

/** The text in the order the PDF draws it (a cell's lines together, not interleaved with its neighbour's), white space removed. */
async function rendered(doc: PrintedDocument) {
  const r = await renderPdf(doc, ctx);
  const raw = pdfTextCompact(r.bytes, true);
  return { ...r, text: raw, raw };
}

async function expectQrOnEveryPage(doc: PrintedDocument, r: { bytes: Buffer; pages: number; sha256: string }) {
  const payloads = pdfQrTexts(r.bytes).map(parseQrPayload);
  expect(payloads).toEqual(Array.from({ length: r.pages }, (_, i) => ({ kind: doc.kind, docNo: doc.docNo, version: doc.version, page: i + 1, pages: r.pages, sha256: r.sha256 })));
}

describe('附件1 已投产系统变更流程单', () => {
  const archived = formIn('archived');

  it('prints every filled field and every signature label of all four parts', async () => {
    const doc = documentForChangeForm(archived, ctx);
    const r = await rendered(doc);
    for (const t of filledTexts(archived)) expect(r.text, t).toContain(squash(t));
    for (const label of ['第一部分申请信息', '第二部分变更需求评估信息', '第三部分变更计划和测试接受信息', '实施后记录', '核心业务系统（CORE）']) expect(r.text).toContain(label);
    const blocks = signatureBlocksOf(archived, 'all', ctx);
    const labels = ['申请部门负责人意见', '运行维护中心负责人审批', '测试人员', '信息安全审阅人（上线前）', '运行维护中心负责人审阅', '信息安全审阅人（上线后）', '申请部门负责人签字确认'];
    for (const l of labels) expect(blocks.map((b) => b.label)).toContain(l);
    for (const b of blocks) expect(r.text, b.label).toContain(squash(b.label));
    expect(r.text.split('签字：').length - 1).toBe(blocks.length);
    expect(r.raw).not.toContain('草稿');
    await expectQrOnEveryPage(doc, r);
  });

  it('prints each part on its own with its own signature blocks and QR kind', async () => {
    for (const part of ['1', '2', '3', 'post'] as const) {
      const doc = documentForChangeForm(archived, ctx, part);
      const r = await rendered(doc);
      for (const b of signatureBlocksOf(archived, part, ctx)) expect(r.text, `${part} ${b.label}`).toContain(squash(b.label));
      expect(parseQrPayload(pdfQrTexts(r.bytes)[0]!)?.kind).toBe(`form-${part}`);
    }
    const p1 = await rendered(documentForChangeForm(archived, ctx, '1'));
    expect(p1.text).toContain(squash(PART1.content));
    expect(p1.text).not.toContain(squash(PART2.securityConsiderations));
  });

  it('a draft is one page with 草稿; a very long form breaks over many pages and keeps every character', async () => {
    const draft = await rendered(documentForChangeForm(formIn('draft'), ctx));
    expect(draft.pages).toBe(1);
    expect(pdfPageCount(draft.bytes)).toBe(1);
    expect(draft.raw).toContain('草稿');

    // Three texts near the 4000-character limit of a field.
    const longPlan = Array.from({ length: 200 }, (_, i) => `第${i + 1}步：检查第${i + 1}号参数并记录结果；`).join('');
    const long = formIn('scheduled', { savePlan: { ...PLAN, changePlan: longPlan, rollbackPlan: longPlan.replaceAll('检查', '恢复'), contingency: longPlan.replaceAll('检查', '通知') } });
    const r = await rendered(documentForChangeForm(long, ctx));
    expect(r.pages).toBeGreaterThanOrEqual(6);
    expect(pdfPageCount(r.bytes)).toBe(r.pages);
    // A table's heading row repeats at the top of each page it continues on: take it out.
    const body = pdfBodyTextCompact(r.bytes).replaceAll('第三部分变更计划和测试接受信息（第15条至第21条）', '');
    expect(body).toContain(longPlan);
    expect(body).toContain(longPlan.replaceAll('检查', '恢复'));
    expect(body).toContain(longPlan.replaceAll('检查', '通知'));
    for (let p = 1; p <= r.pages; p++) expect(r.text).toContain(`第${p}页共${r.pages}页`);
    expect(r.raw).not.toContain('草稿');
    await expectQrOnEveryPage(documentForChangeForm(long, ctx), r);
  });

  it('is 草稿 while a printed part is unapproved and final once approved', async () => {
    expect(documentForChangeForm(formIn('pending_dept_approval'), ctx).draft).toBe(true);
    expect(documentForChangeForm(formIn('pending_assessment'), ctx, '1').draft).toBe(false);
    expect(documentForChangeForm(formIn('pending_assessment_approval'), ctx).draft).toBe(true);
    expect(documentForChangeForm(formIn('planning'), ctx, '2').draft).toBe(false);
    expect(documentForChangeForm(formIn('pending_impl_approval'), ctx, '3').draft).toBe(true);
    expect(documentForChangeForm(formIn('scheduled'), ctx).draft).toBe(false);
    expect(documentForChangeForm(formIn('pending_applicant_confirm'), ctx).draft).toBe(true);
    expect(documentForChangeForm(formIn('pending_archive'), ctx).draft).toBe(false);
  });
});

describe('紧急变更附页 (§22–§25)', () => {
  it('prints authorisation, backup, 补单/补测 and the joint-review signatures; 草稿 until both sides signed', async () => {
    const open = emergencyIn('emergency_followup');
    const doc = documentForEmergencyAnnex(open, ctx);
    const r = await rendered(doc);
    for (const t of ['紧急变更记录', '日终计息程序缺陷导致部分账户利息计算错误', '■口头', '2026-11-2002:10', '/backup/core/20261120/interest-batch', '计息明细表全量导出至备份库', '未补单', '待补测']) expect(r.text, t).toContain(t);
    for (const b of emergencySignatureBlocks(open)) expect(r.text, b.label).toContain(squash(b.label));
    expect(r.raw).toContain('草稿');
    await expectQrOnEveryPage(doc, r);

    const done = await rendered(documentForEmergencyAnnex(emergencyIn('end'), ctx));
    for (const t of ['已补单', '已补测', '日志与实际操作一致。']) expect(done.text, t).toContain(t);
    expect(done.raw).not.toContain('草稿');
  });
});

describe('业务影响告知书 (§19)', () => {
  it('is addressed to 行长办公室 and 客户服务中心 with scope, time and receipt lines', async () => {
    const form = formIn('scheduled');
    const doc = documentForImpactNotice(form, ctx);
    const r = await rendered(doc);
    for (const t of ['业务影响告知书', '行长办公室、客户服务中心：', '网上银行利率查询功能', '2026-12-0522:00至23:30', '特此告知', form.formNo]) expect(r.text, t).toContain(t);
    for (const b of noticeSignatureBlocks(form)) expect(r.text, b.label).toContain(squash(b.label));
    expect(r.raw).not.toContain('草稿');
    await expectQrOnEveryPage(doc, r);
    const unsent = await rendered(documentForImpactNotice(formIn('planning'), ctx));
    expect(unsent.raw).toContain('草稿');
  });
});

describe('周变更计划 (§17(1))', () => {
  it('lists the week’s changes in time order with the ops head review line', async () => {
    const a = formIn('scheduled', {}, 'BG-BIZ1-2026-0021');
    const b = formIn('scheduled', { savePlan: { ...PLAN, plannedStart: '2026-12-06 01:00', plannedEnd: '2026-12-06 03:00' } }, 'BG-BIZ1-2026-0022');
    const later = formIn('scheduled', { savePlan: { ...PLAN, plannedStart: '2026-12-12 22:00', plannedEnd: '2026-12-12 23:00' } }, 'BG-BIZ1-2026-0023');
    const doc = documentForWeeklyPlan([b, later, a], '2026-W49', ctx);
    const r = await rendered(doc);
    expect(r.text).toContain('2026-11-30（星期一）至2026-12-06（星期日）共2项变更');
    expect(r.text.indexOf('BG-BIZ1-2026-0021')).toBeLessThan(r.text.indexOf('BG-BIZ1-2026-0022'));
    expect(r.text).not.toContain('BG-BIZ1-2026-0023');
    for (const blk of weeklyPlanSignatureBlocks()) expect(r.text).toContain(squash(blk.label));
    expect(r.raw).not.toContain('草稿');
    await expectQrOnEveryPage(doc, r);
    const pending = documentForWeeklyPlan([formIn('pending_impl_approval')], '2026-W49', ctx);
    expect(pending.draft).toBe(true);
    expect((await rendered(pending)).raw).toContain('草稿');
  });
});
