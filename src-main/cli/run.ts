import { parseArgs } from 'node:util';
import { AppError } from '../shared/errors';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, UsageError, type CliIo } from './command';
import { commands } from './commands';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'ChangeDesk 变更发布管理台 — 命令行',
    '',
    '用法：changedesk <命令> [选项]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    '每个命令的用法：changedesk <命令> --help',
    '',
  ].join('\n');
}

/** Runs one command line; returns the exit code. Used by main.ts and by tests. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`未知命令「${name}」。\n\n${help()}`);
    return EXIT_USAGE;
  }
  const usage = `用法：changedesk ${command.name} ${command.usage}\n`;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.summary}\n${usage}`);
    return EXIT_OK;
  }
  try {
    const args = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true });
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${(e as Error).message}\n${usage}`);
      return EXIT_USAGE;
    }
    if (e instanceof AppError) {
      io.stderr(`${e.message}\n`);
      return EXIT_REFUSED;
    }
    throw e;
  }
}
