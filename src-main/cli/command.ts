import type { ParseArgsConfig } from 'node:util';

/** Exit codes (issue #2): 0 ok, 1 refused by the program with a message, 2 usage. */
export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (progress bars) or a pipe (plain lines). */
  isTty: boolean;
  /** Asks for a secret on the terminal without echoing it; absent when there is no terminal. */
  readSecret?: (question: string) => Promise<string>;
}

export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line for `changedesk --help`, in Chinese. */
  summary: string;
  /** Usage line(s) after the command name. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: CommandArgs, io: CliIo): Promise<number>;
}

/** Thrown for a usage mistake; main prints it with the command's usage and exits 2. */
export class UsageError extends Error {}
