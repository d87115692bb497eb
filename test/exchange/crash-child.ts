// Child process of the crash test: imports one bundle and reports each step on stdout, so that
// the parent can kill it (SIGKILL) in the middle of the import's transaction.
import { importBundle } from '../../src-main/exchange';
import { createServices, PROGRAM_VERSION, type ServiceContext } from '../../src-main/services';
import { exchangeContextOf } from '../../src-main/services/exchange-service';
import { openDatabase } from '../../src-main/store';

const [dataDir, bundle] = process.argv.slice(2) as [string, string];
const db = openDatabase(dataDir);
createServices({ db, dataDir });
const ctx: ServiceContext = { db, dataDir, version: PROGRAM_VERSION, clock: () => new Date() };
const x = exchangeContextOf(ctx);
importBundle(x, bundle, {
  onProgress: (p) => process.stdout.write(`${p.phase} ${p.done}\n`),
}).then(
  (r) => process.stdout.write(`done ${r.outcome} ${r.newEvents}\n`),
  (e: unknown) => {
    process.stdout.write(`error ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
