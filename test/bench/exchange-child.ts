// One measured step of the exchange benchmark, in a process of its own so that its peak memory
// is its own: `export <source> <bundle> <peer>` or `import <target> <bundle>`. Prints one JSON line.
import { exportBundle, importBundle } from '../../src-main/exchange';
import { openTerminal } from './exchange-data';

async function main(): Promise<void> {
  const [op, dataDir, bundle, peer] = process.argv.slice(2) as [string, string, string, string | undefined];
  const t = openTerminal(dataDir);
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let detail: Record<string, unknown>;
  if (op === 'export') {
    const r = await exportBundle(t.x, { to: peer!, path: bundle });
    detail = { events: r.eventCount, attachments: r.attachmentCount };
  } else {
    const r = await importBundle(t.x, bundle);
    detail = { outcome: r.outcome, events: r.eventCount, newEvents: r.newEvents };
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  t.close();
  process.stdout.write(`${JSON.stringify({ op, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakMb: process.resourceUsage().maxRSS / 1024, ...detail })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
