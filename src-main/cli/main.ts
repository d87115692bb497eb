import { runCli } from './run';
import { readSecretFromTerminal } from './secret-prompt';

// Entry of `changedesk` (built to out/main/cli.js).

// Output piped into a reader that stopped early (`changedesk archive report | head`): stop
// quietly, as command-line tools do, instead of failing with a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});
runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  isTty: Boolean(process.stdout.isTTY),
  ...(process.stdin.isTTY ? { readSecret: readSecretFromTerminal } : {}),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`程序内部错误：${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
