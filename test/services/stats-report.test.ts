import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src-main/cli';
import { DEMO_PASSWORD } from '../../src-main/services/demo/demo-data';
import { pdfPageCount, pdfPagePngs, pdfQrTexts, pdfText } from '../pdf/pdf-tools';
import { useTempDirs } from '../helpers/temp-dir';
import { makeFixture } from './fixtures';
import { makeDriver } from './supervision-drive';

const tempDir = useTempDirs();

// The printed §26 report: its numbers, charts (vector SVG with the print font: pdftotext reads
// the charts' labels), lists and signature lines; and `changedesk report` for PDF and CSV.
describe('§26 report PDF and changedesk report', () => {
  it('prints the period’s figures, the charts, the lists and the review signature lines', async () => {
    const dir = tempDir();
    const f = makeFixture(dir);
    const d = await makeDriver(f);
    const ok = await d.drive({ title: '信贷流程配置', changeType: '系统配置修改' }, 'RETAIL', '2026-10-05T09:00:00+08:00', 'pending_applicant_confirm');
    const back = await d.drive({ title: '利率参数调整', changeType: '业务参数修改', outcome: '已回退' }, 'CORP', '2026-10-13T09:00:00+08:00', 'pending_applicant_confirm');
    f.clock.set('2026-11-03T10:00:00+08:00');

    const r = await d.call('stats:reportPdf', { from: '2026-10-01', to: '2026-12-31' }, 'zhaoliu');
    const bytes = Buffer.from(r.pdfBase64, 'base64');
    expect(r.qr.kind).toBe('report');
    expect(r.pages).toBe(pdfPageCount(bytes));
    const text = pdfText(bytes).replace(/\s+/g, '');
    for (const s of [
      '变更实施定期评估报告',
      '统计期间：2026-10-01至2026-12-31（2026年第4季度）',
      '实施变更总数2项（以实施日期计）',
      '达到预期目标1项；未达到1项；尚未评估0项',
      '回退1项，回退率50.0%',
      '变更申请总数2项（以申请日期计）',
      // chart titles and labels, drawn as vector text in the print font
      '是否达到预期目标',
      '实施变更按变更类型',
      '系统配置修改',
      // §26(5) rollbacks and their reasons
      `${back.formNo}`,
      '上线后验证发现交易超时，按回退计划恢复',
      '控制变更数量的跟进措施',
      '运行维护中心负责人（组织评估）',
      '安全科',
      '科技信息部负责人',
      '签字：',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain(ok.formNo);
    expect(pdfQrTexts(bytes)[0]).toContain('PG-2026-10-01-2026-12-31');
    // Rendered as a person would see it (kept for looking at when SAVE_PNG is set).
    const pngs = pdfPagePngs(bytes, 80);
    expect(pngs.length).toBe(r.pages);
    if (process.env.SAVE_PNG) {
      mkdirSync(process.env.SAVE_PNG, { recursive: true });
      pngs.forEach((p, i) => writeFileSync(join(process.env.SAVE_PNG!, `report-${i + 1}.png`), p));
    }

    // The same through the command line, PDF and CSV.
    f.db.close();
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), env: { CHANGEDESK_PASSWORD: DEMO_PASSWORD }, isTty: false };
    const pdfPath = join(dir, 'r.pdf');
    expect(await runCli(['report', '--from', '2026-10-01', '--to', '2026-10-31', '-o', pdfPath, '--user', 'hezong', '--data-dir', dir], io)).toBe(0);
    expect(out).toContain('变更实施定期评估报告 2026-10-01 至 2026-10-31');
    expect(pdfText(readFileSync(pdfPath)).replace(/\s+/g, '')).toContain('2026年10月');
    const csvPath = join(dir, 'r.csv');
    expect(await runCli(['report', '--from', '2026-10-01', '--to', '2026-10-31', '--format', 'csv', '-o', csvPath, '--user', 'hezong', '--data-dir', dir], io)).toBe(0);
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.startsWith('\uFEFF变更单编号,变更名称,申请部门')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(3);
    expect(await runCli(['report', '--from', '2026-10-01', '--to', '2026-10-31', '-o', pdfPath, '--user', 'zhangsan', '--data-dir', dir], io)).toBe(1);
    expect(err).toContain('无权执行此操作');
    expect(await runCli(['report', '--from', '2026-10-01', '-o', pdfPath, '--user', 'hezong', '--data-dir', dir], io)).toBe(2);
  }, 120_000);
});
