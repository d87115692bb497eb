import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { createServiceBundle, type Dispatcher, type ServiceContext } from '../services';
import { openDatabase, resolveDataDir } from '../store';
import type { CliIo } from './command';

export const dataDirOption = { 'data-dir': { type: 'string' as const } };

export interface OpenedData {
  dataDir: string;
  db: Database;
  services: Dispatcher;
  /** The context the services run with (for commands that use the engine directly). */
  ctx: ServiceContext;
  close(): void;
}

/** The variable naming a file whose content (an ISO time) is the host's clock, for end-to-end tests. */
export const TEST_CLOCK_ENV = 'CHANGEDESK_TEST_CLOCK_FILE';

/**
 * A clock read from a file on every call, so that a test can move the browser host's time
 * forward (e.g. past the three months of §31(1)) by writing the file. Only the browser host
 * (`changedesk serve`) honours it, and it says so on stderr; Electron never does.
 */
export function testClock(file: string): () => Date {
  return () => {
    const text = readFileSync(file, 'utf8').trim();
    const t = Date.parse(text);
    if (Number.isNaN(t)) throw new Error(`${TEST_CLOCK_ENV} 文件中的时间无效：${text}`);
    return new Date(t);
  };
}

/** Opens the data folder named by --data-dir / CHANGEDESK_DATA / the platform default. */
export function openData(dataDirArg: unknown, io: CliIo, options: { testClock?: boolean } = {}): OpenedData {
  const dataDir = resolveDataDir(typeof dataDirArg === 'string' ? dataDirArg : undefined, io.env);
  const db = openDatabase(dataDir);
  const clockFile = options.testClock ? io.env[TEST_CLOCK_ENV] : undefined;
  if (clockFile) io.stderr(`注意：本机时钟由测试文件 ${clockFile} 提供（${TEST_CLOCK_ENV}），仅供测试使用。\n`);
  const { services, ctx } = createServiceBundle({
    db,
    dataDir,
    ...(clockFile ? { clock: testClock(clockFile) } : {}),
    onUnexpected: (e, call) => io.stderr(`[${call}] ${(e as Error)?.stack ?? String(e)}\n`),
  });
  return { dataDir, db, services, ctx, close: () => db.close() };
}
