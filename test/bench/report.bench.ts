import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../src-main/services/demo/demo-data';
import { openDatabase } from '../../src-main/store';
import { openBench } from './store.bench';

// Report benchmark (issue 9): a year's §26 report over BENCH_FORMS change forms (default
// 100,000, made by the store benchmark's generator through the domain), through the service
// layer (log-in and role check, input parsing, every count and list of the report, the late
// paperwork computed with the holiday calendar). Target: ≤ 1 s. Also the printed report, a
// drill-down page, the quarterly completeness check and the reminders.

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<void> {
  const reuse = process.env.BENCH_DIR;
  const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'changedesk-bench-'));
  try {
    const db = openDatabase(dataDir);
    const clock = { t: Date.parse('2026-11-28T21:00:00+08:00') };
    const { call } = await openBench(db, dataDir, clock, !reuse);
    const counts = db.prepare('SELECT (SELECT count(*) FROM form) AS forms, (SELECT count(*) FROM event) AS events').get() as { forms: number; events: number };
    console.log(`数据库：${counts.forms} 张变更单，${counts.events} 条事件`);
    await call('auth:login', { username: 'zhaoliu', password: DEMO_PASSWORD }, 'head');

    const measure = async (label: string, target: number | undefined, n: number, fn: () => Promise<unknown>): Promise<void> => {
      await fn();
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await fn();
        times.push(performance.now() - t0);
      }
      const m = median(times);
      const verdict = target === undefined ? '' : `   目标 ≤ ${target} ms   ${m <= target ? '达标' : '未达标'}`;
      console.log(`  ${label.padEnd(36)} 中位数 ${m.toFixed(0).padStart(6)} ms${verdict}   (n=${n}, 最慢 ${Math.max(...times).toFixed(0)} ms)`);
    };

    const year = { from: '2026-01-01', to: '2026-12-31' };
    const r = await call('stats:report', year, 'head');
    console.log(`2026 年：实施 ${r.implemented.total.count} 项，申请 ${r.requests.total.count} 项，回退 ${r.rollbacks.count.count} 项，紧急 ${r.implemented.emergency.count} 项，补单/补测逾期 ${r.paperwork.late.count} 项`);
    console.log('经服务层测得：');
    await measure('年度评估报告（stats:report，2026 年）', 1000, 9, () => call('stats:report', year, 'head'));
    await measure('全部期间报告（2025-01-01 至 2026-12-31）', 1000, 5, () => call('stats:report', { from: '2025-01-01', to: '2026-12-31' }, 'head'));
    await measure('季度报告（单个部门）', undefined, 9, () => call('stats:report', { from: '2026-07-01', to: '2026-09-30', unit: 'RETAIL' }, 'head'));
    await measure('年度报告 PDF（含图表，stats:reportPdf）', undefined, 5, () => call('stats:reportPdf', year, 'head'));
    await measure('下钻一页（50 行，按类型）', undefined, 21, () => call('stats:forms', { period: year, drill: { set: 'implemented', changeType: '系统配置修改' }, pageSize: 50 }, 'head'));
    await measure('下钻一页（补单/补测逾期）', undefined, 9, () => call('stats:forms', { period: year, drill: { set: 'implemented', paperworkLate: true }, pageSize: 50 }, 'head'));
    await measure('季度文档完整性检查（第36条(3)）', undefined, 3, () => call('supervision:completeness', { from: '2026-07-01', to: '2026-09-30' }, 'head'));
    await measure('提醒（运行维护中心负责人）', undefined, 9, () => call('supervision:reminders', {}, 'head'));
    db.close();
  } finally {
    if (process.env.BENCH_KEEP || reuse) console.log(`保留数据目录：${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}
