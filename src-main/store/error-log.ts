import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** `<data>/logs/`: uncaught errors, one file per day, so that nothing is silently lost. */
export const LOG_DIR = 'logs';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/**
 * Appends one entry to `<data>/logs/changedesk-YYYY-MM-DD.log` and returns the file's path.
 * Never throws: a failing log must not hide the error it was writing about.
 */
export function logError(dataDir: string, where: string, error: unknown, now: Date = new Date()): string {
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${day} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  const file = join(dataDir, LOG_DIR, `changedesk-${day}.log`);
  try {
    mkdirSync(join(dataDir, LOG_DIR), { recursive: true });
    appendFileSync(file, `${time} [${where}] ${describe(error)}\n`, 'utf8');
  } catch (e) {
    console.error(`无法写入错误日志 ${file}：`, e, '\n原错误：', error);
  }
  return file;
}
