import { describe, expect, it } from 'vitest';
import { blocks as b, parseQrPayload, renderPdf, type PrintedDocument } from '../../src-main/pdf';
import { pdfBodyTextCompact, pdfPageCount, pdfQrTexts, pdfTextCompact } from './pdf-tools';

const ctx = { printedAt: '2026-11-28T15:30:00+08:00', terminal: '运行维护中心-01' };

/** Numbered sentences: each one must come back, so a lost line anywhere shows. */
function numberedText(sentences: number): string {
  return Array.from({ length: sentences }, (_, i) => `第${String(i + 1).padStart(4, '0')}句：核心系统利率参数表调整，涉及存款与贷款产品。`).join('');
}

function sampleDoc(longText: string, draft: boolean): PrintedDocument {
  return {
    kind: 'sample',
    annexLabel: '附件1',
    title: '已投产系统变更流程单',
    docNo: 'BG-2026-0012',
    version: 17,
    draft,
    subtitle: '状态：待部门审批',
    content: [
      b.partHeading('第一部分　申请信息', '（第8条）'),
      b.fieldTable([
        { label: '申请部门', value: '个人金融部' },
        { label: '申请人', value: '王小明' },
        // Underscores, not hyphens: pdftotext joins a word hyphenated at a line end ("a-\nb" → "ab").
        { label: '变更内容和目的', value: b.longText(`${longText}\nC:\\deploy\\releases\\2026-11-28\\core_banking_rate_parameter_table_update_package_final_v3.zip`), wide: true },
      ]),
      b.signatureTable([{ label: '申请部门负责人意见', article: '第9条', record: { name: '李四', time: '2026-11-20 10:02', agree: true } }]),
    ],
  };
}

describe('layout kit and page furniture', () => {
  it('keeps every character of a long text that breaks over pages, and numbers the pages', async () => {
    const text = numberedText(120);
    const { bytes, pages } = await renderPdf(sampleDoc(text, false), ctx);
    expect(pages).toBe(pdfPageCount(bytes));
    expect(pages).toBeGreaterThanOrEqual(3);
    const body = pdfBodyTextCompact(bytes);
    expect(body).toContain(text);
    expect(body).toContain('C:\\deploy\\releases\\2026-11-28\\core_banking_rate_parameter_table_update_package_final_v3.zip');
    const all = pdfTextCompact(bytes);
    for (let p = 1; p <= pages; p++) expect(all).toContain(`第${p}页共${pages}页`);
    expect(all.split('已投产系统变更流程单').length - 1).toBe(pages);
    expect(all.split('编号：BG-2026-0012').length - 1).toBe(pages);
    expect(all).toContain('打印时间：2026-11-2815:30终端：运行维护中心-01');
    expect(all).toContain('签字：');
    expect(all).toContain('日期：');
  });

  it('a short form is one page', async () => {
    const { bytes, pages } = await renderPdf(sampleDoc('一句话。', false), ctx);
    expect(pages).toBe(1);
    expect(pdfPageCount(bytes)).toBe(1);
  });

  it('puts a QR code on every page with number, version, page and the content hash', async () => {
    const r = await renderPdf(sampleDoc(numberedText(80), false), ctx);
    const payloads = pdfQrTexts(r.bytes).map(parseQrPayload);
    expect(payloads).toHaveLength(r.pages);
    payloads.forEach((p, i) => expect(p).toEqual({ kind: 'sample', docNo: 'BG-2026-0012', version: 17, page: i + 1, pages: r.pages, sha256: r.sha256 }));
  });

  it('hashes the printed content, not the print time', async () => {
    const a = await renderPdf(sampleDoc('甲', false), ctx);
    const again = await renderPdf(sampleDoc('甲', false), { ...ctx, printedAt: '2026-11-29T08:00:00+08:00' });
    const other = await renderPdf(sampleDoc('乙', false), ctx);
    expect(again.sha256).toBe(a.sha256);
    expect(other.sha256).not.toBe(a.sha256);
    // The layout is not the content: a wider column prints the same words.
    const wider = sampleDoc('甲', false);
    (wider.content[1] as { table: { widths: unknown[] } }).table.widths = [120, '*', 120, '*'];
    expect((await renderPdf(wider, ctx)).sha256).toBe(a.sha256);
  });

  it('prints 草稿 across a draft and not across an approved form', async () => {
    const draft = pdfTextCompact((await renderPdf(sampleDoc('甲', true), ctx)).bytes, true);
    const final = pdfTextCompact((await renderPdf(sampleDoc('甲', false), ctx)).bytes, true);
    expect(draft).toContain('草稿');
    expect(final).not.toContain('草稿');
  });
});
