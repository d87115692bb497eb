import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { coreOf } from '../../src-main/services';
import { loadDemoData } from '../../src-main/services/demo/demo-data';
import { isoWeekOf, parseQrPayload } from '../../src-main/pdf';
import type { ChangeSummary } from '../../src-main/shared/schemas/change-form';
import { useTempDirs } from '../helpers/temp-dir';
import { makeFixture, setUpTerminal, TestClock, type Fixture } from '../services/fixtures';
import { pdfPagePngs, pdfQrTexts, pdfTextCompact } from './pdf-tools';

const tempDir = useTempDirs();

async function demo(): Promise<{ f: Fixture; forms: ChangeSummary[]; login(u: string): Promise<string> }> {
  const f = makeFixture(tempDir(), new TestClock('2026-11-28T19:00:00+08:00'));
  await setUpTerminal(f);
  const core = coreOf(f.ctx);
  await loadDemoData(f.ctx, core.dir.usersNamed('admin')[0]!);
  const login = async (u: string) => {
    await f.ok('auth:login', { username: u, password: 'demo-2026' }, u);
    return u;
  };
  const forms = (await f.ok('change:list', { filter: {}, page: 1, pageSize: 200 })).rows;
  return { f, forms, login };
}

describe('print calls', () => {
  it('prints a form as PDF with its QR code, and verify-print reads a scan of it back to form and version', async () => {
    const { f, forms, login } = await demo();
    const ops = await login('wangwu');
    const form = forms.find((r) => r.state === 'pending_impl_approval' || r.state === 'scheduled') ?? forms[0]!;
    const printed = await f.ok('print:changeForm', { formId: form.formId }, ops);
    const bytes = Buffer.from(printed.pdfBase64, 'base64');
    const text = pdfTextCompact(bytes);
    expect(text).toContain(form.formNo);
    expect(text).toContain(form.title.replace(/\s+/g, ''));
    expect(printed.qr.docNo).toBe(form.formNo);
    const qrs = pdfQrTexts(bytes).map(parseQrPayload);
    expect(qrs).toHaveLength(printed.pages);
    expect(qrs[0]).toMatchObject({ docNo: form.formNo, version: printed.qr.version, sha256: printed.qr.sha256, page: 1 });

    // A "scan": page 1 rendered at 150 dpi.
    const scan = pdfPagePngs(bytes, 150, { first: 1, last: 1 })[0]!;
    const v = await f.ok('print:verify', { imageBase64: scan.toString('base64') }, ops);
    expect(v).toMatchObject({ found: true, formId: form.formId, isCurrent: true, contentMatches: true, currentVersion: printed.qr.version });
    expect(v.changesSince).toEqual([]);
    expect(v.message).toContain('是当前版本');

    // The printed PDF file itself (no scan image) is read from its document information.
    const own = await f.ok('print:verify', { pdfBase64: printed.pdfBase64 }, ops);
    expect(own).toMatchObject({ found: true, formId: form.formId, isCurrent: true, contentMatches: true });
  });

  it('says a scanned page is not the current version and lists what changed since', async () => {
    const { f, forms, login } = await demo();
    const applicant = await login('zhangsan');
    const draft = forms.find((r) => r.state === 'draft' && r.applicantUserId === coreOf(f.ctx).dir.usersNamed('zhangsan')[0]!.id);
    expect(draft).toBeDefined();
    const printed = await f.ok('print:changeForm', { formId: draft!.formId, part: '1' }, applicant);
    expect(pdfTextCompact(Buffer.from(printed.pdfBase64, 'base64'), true)).toContain('草稿');
    await f.ok('change:saveDraft', { formId: draft!.formId, contact: '分机 9999' }, applicant);
    const scan = pdfPagePngs(Buffer.from(printed.pdfBase64, 'base64'), 150, { first: 1, last: 1 })[0]!;
    const v = await f.ok('print:verify', { imageBase64: scan.toString('base64') }, applicant);
    expect(v.found).toBe(true);
    expect(v.isCurrent).toBe(false);
    expect(v.contentMatches).toBe(true);
    expect(v.currentVersion).toBe(printed.qr.version + 1);
    expect(v.changesSince.map((t) => t.type)).toEqual(['change.saveDraft']);
    expect(v.message).toContain('不是当前版本');
  });

  it('prints the weekly plan of the scheduled changes with the ops head review line', async () => {
    const { f, forms, login } = await demo();
    const head = await login('zhaoliu');
    const planned = forms.filter((r) => r.plannedStart);
    expect(planned.length).toBeGreaterThan(0);
    const week = isoWeekOf(planned[0]!.plannedStart!.slice(0, 10));
    const printed = await f.ok('print:weeklyPlan', { week }, head);
    const text = pdfTextCompact(Buffer.from(printed.pdfBase64, 'base64'));
    expect(text).toContain('周变更计划');
    expect(text).toContain('运行维护中心负责人审阅');
    expect(printed.qr.docNo).toBe(week);

    // A scan of the plan is recognised as that week's plan, unchanged since.
    const scan = pdfPagePngs(Buffer.from(printed.pdfBase64, 'base64'), 150, { first: 1, last: 1 })[0]!;
    const v = await f.ok('print:verify', { imageBase64: scan.toString('base64') }, head);
    expect(v).toMatchObject({ found: true, isCurrent: true, contentMatches: true, qr: { kind: 'weekly', docNo: week } });
    expect(v.message).toContain('与当前周变更计划一致');
  });

  it('lists what a form can be printed as, with 草稿 where the part is not yet approved', async () => {
    const { f, forms, login } = await demo();
    const ops = await login('wangwu');
    const applicant = await login('zhangsan');
    const draft = forms.find((r) => r.state === 'draft' && r.applicantUserId === coreOf(f.ctx).dir.usersNamed('zhangsan')[0]!.id)!;
    const options = await f.ok('print:options', { formId: draft.formId }, applicant);
    expect(options.map((o) => o.part)).toEqual(expect.arrayContaining(['all', '1']));
    expect(options.find((o) => o.part === '1')?.draft).toBe(true);
    const emergency = forms.find((r) => r.emergency && r.state !== 'draft');
    expect(emergency).toBeDefined();
    expect((await f.ok('print:options', { formId: emergency!.formId }, ops)).map((o) => o.part)).toContain('annex');
    const scheduled = forms.find((r) => r.state === 'scheduled')!;
    const sched = await f.ok('print:options', { formId: scheduled.formId }, ops);
    expect(sched.filter((o) => ['1', '2', '3'].includes(o.part)).every((o) => !o.draft)).toBe(true);
  });

  it('says so when a scan holds no ChangeDesk code', async () => {
    const { f, login } = await demo();
    const ops = await login('wangwu');
    const blank = await PDFDocument.create();
    blank.addPage();
    const v = await f.ok('print:verify', { pdfBase64: Buffer.from(await blank.save()).toString('base64') }, ops);
    expect(v.found).toBe(false);
    expect(v.message).toContain('没有扫描图像');
    expect(await f.refused('print:verify', {}, ops)).toBe('INVALID_INPUT');
  });

  it('refuses to print without a log-in, and a form of another unit to a business user', async () => {
    const { f, forms, login } = await demo();
    expect(await f.refused('print:changeForm', { formId: forms[0]!.formId }, 'nobody')).toBe('NOT_LOGGED_IN');
    const corp = await login('chenqi');
    const retail = forms.find((r) => r.applicantUnit === 'RETAIL');
    expect(await f.refused('print:changeForm', { formId: retail!.formId }, corp)).toBe('NOT_FOUND');
  });
});

