import { describe, expect, it } from 'vitest';
import { parseQrPayload } from '../../src-main/pdf';
import { useTempDirs } from '../helpers/temp-dir';
import { makeFixture } from '../services/fixtures';
import { act, startFlow, throughPreparation, throughReviews } from '../services/golive-flow';
import { pdfQrTexts, pdfTextCompact } from './pdf-tools';

const tempDir = useTempDirs();

describe('print:projectForm', () => {
  it('prints 附件2, the plan and 附件3 of a go-live through the services, names from the registers', async () => {
    const f = makeFixture(tempDir());
    const flow = await startFlow(f);
    await throughReviews(flow);
    await throughPreparation(flow);
    const form = await f.ok('print:projectForm', { formId: flow.formId }, 'wangwu');
    const text = pdfTextCompact(Buffer.from(form.pdfBase64, 'base64'), true);
    expect(text).toContain('软件产品上线申请表');
    expect(text).toContain('网上银行系统（EBANK）');
    expect(form.qr).toMatchObject({ kind: 'golive', docNo: 'SX-OPS-2026-0001' });
    expect(parseQrPayload(pdfQrTexts(Buffer.from(form.pdfBase64, 'base64'))[0]!)).toMatchObject({ kind: 'golive', version: form.qr.version });
    const plan = await f.ok('print:projectForm', { formId: flow.formId, doc: 'plan' }, 'wangwu');
    expect(pdfTextCompact(Buffer.from(plan.pdfBase64, 'base64'), true)).toContain('切换网银前置通讯接口');
    const version = await f.ok('print:projectForm', { formId: flow.formId, doc: 'version' }, 'wangwu');
    expect(pdfTextCompact(Buffer.from(version.pdfBase64, 'base64'), true)).toContain('ebank-server.war');
    expect(version.fileName).toBe(`SX-OPS-2026-0001-version-table-v${version.qr.version}.pdf`);

    // A printed page's QR code leads back to the form and proves its version (as for 附件1).
    const same = await f.ok('print:verify', { pdfBase64: plan.pdfBase64 }, 'wangwu');
    expect(same).toMatchObject({ found: true, formId: flow.formId, isCurrent: true, contentMatches: true, title: '新一代个人网银系统' });
    expect(same.message).toContain('上线实施计划 SX-OPS-2026-0001');
    await act(flow, 'tickStep', { lineId: 's1', doneAt: '2026-11-28 18:00' }, 'qinan');
    const later = await f.ok('print:verify', { pdfBase64: plan.pdfBase64 }, 'wangwu');
    expect(later).toMatchObject({ isCurrent: false, contentMatches: true });
    expect(later.changesSince.map((c) => c.label)).toEqual(['登记检查项完成']);
  });

  it('refuses documents a kind does not have, and forms the caller may not see', async () => {
    const f = makeFixture(tempDir());
    const flow = await startFlow(f, 'release');
    expect(await f.refused('print:projectForm', { formId: flow.formId, doc: 'version' }, 'wangwu')).toBe('NO_SUCH_DOCUMENT');
    await act(flow, 'saveApplication', { contact: '6000' }, 'yangfan');
    expect(await f.refused('print:projectForm', { formId: flow.formId }, 'zhouba')).toBe('NOT_FOUND');
  });
});
