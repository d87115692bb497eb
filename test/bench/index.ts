import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// `npm run bench [part…]`: runs every test/bench/<part>.bench.ts (or the parts named), each
// printing its own figures. Benchmarks never fail on time; they report.

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const parts = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .filter((p) => wanted.length === 0 || wanted.includes(p))
    .sort();
  for (const part of parts) {
    console.log(`\n== ${part} ==`);
    const mod = (await import(pathToFileURL(join(import.meta.dirname, `${part}.bench.ts`)).href)) as { run(): Promise<void> };
    await mod.run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
