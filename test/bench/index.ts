import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// `npm run bench [-- part …]`: runs every test/bench/<part>.bench.ts (or the parts named), each
// exporting run(): Promise<void> that prints its figures. Benchmarks never fail on time.
async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const parts = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .filter((p) => wanted.length === 0 || wanted.includes(p))
    .sort();
  for (const part of parts) {
    console.log(`\n=== ${part} ===`);
    const mod = (await import(join(__dirname, `${part}.bench.ts`))) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
