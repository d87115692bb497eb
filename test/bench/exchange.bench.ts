import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeState } from '../../src-main/shared/schemas/change-form';
import { FULL_WORKFLOW, generateSource, ISSUE_MIX, setUpTerminal, trust } from './exchange-data';

// Issue 5's figures: 10,000 forms with about 200,000 events and 50 MB of attachments —
// export (target ≤ 10 s), import into an empty database (≤ 20 s), import again (≤ 5 s), and
// the peak memory of each (≤ 400 MB), each measured in a child process of its own.

const FORMS = Number(process.env.BENCH_FORMS ?? 10_000);
const ATTACHMENTS = 500;
const ATTACHMENT_BYTES = 100 * 1024;

interface Step {
  op: string;
  ms: number;
  /** CPU time of all the process's threads (signature workers included). */
  cpuMs: number;
  peakMb: number;
  [k: string]: unknown;
}

function measure(args: string[]): Step & { load: string } {
  const before = loadavg()[0]!;
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'exchange-child.ts'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const step = JSON.parse(out.trim().split('\n').pop()!) as Step;
  // The 1-minute load average before and after the step: on a loaded machine wall time is inflated, CPU time much less.
  return { ...step, load: `${before.toFixed(1)}→${loadavg()[0]!.toFixed(1)}` };
}

/** One data set: generated, exported to the archive terminal, imported twice; its figures printed. */
async function measureSet(title: string, stops: readonly ChangeState[]): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'changedesk-bench-exchange-'));
  try {
    const source = join(root, 'source');
    const target = join(root, 'target');
    const bundle = join(root, 'ops-to-arch.cdbundle');
    const t0 = performance.now();
    const g = await generateSource(source, FORMS, ATTACHMENTS, ATTACHMENT_BYTES, stops);
    await setUpTerminal(target, 'ARCH', 'IT综合科', 'archive');
    trust(source, target);
    trust(target, source);
    console.log(`${title}：${g.forms} 份变更单，${g.events} 个事件（每单平均 ${(g.events / g.forms).toFixed(1)} 个），${g.attachments} 个附件共 ${(g.attachmentBytes / 1048576).toFixed(1)} MB（生成用时 ${((performance.now() - t0) / 1000).toFixed(1)} s）`);
    const exp = measure(['export', source, bundle, 'ARCH']);
    const size = statSync(bundle).size;
    const first = measure(['import', target, bundle]);
    const again = measure(['import', target, bundle]);
    const row = (label: string, s: Step & { load: string }, targetS: number) =>
      `  ${label.padEnd(14)} ${(s.ms / 1000).toFixed(2).padStart(6)} s（目标 ≤ ${targetS} s；CPU ${(s.cpuMs / 1000).toFixed(1)} s；负载 ${s.load}）  峰值内存 ${s.peakMb.toFixed(0).padStart(4)} MB（目标 ≤ 400 MB）`;
    console.log(`  交换包大小     ${(size / 1048576).toFixed(1)} MB，${exp.events as number} 个事件，${exp.attachments as number} 个附件`);
    console.log(row('导出', exp, 10));
    console.log(row('导入空数据库', first, 20) + `  新事件 ${first.newEvents as number}`);
    console.log(row('再次导入', again, 5) + `  结果 ${again.outcome as string}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  console.log(`机器：${availableParallelism()} 核，测量开始时负载 ${loadavg()[0]!.toFixed(1)}（其他进程占用 CPU 时，耗时会成倍增加）`);
  // Issue 5's data set, then the heavier one measured before (every form further along).
  await measureSet('问题 5 规定的数据量（各阶段的变更单）', ISSUE_MIX);
  await measureSet('加重数据（多数变更单走完全流程）', FULL_WORKFLOW);
}
