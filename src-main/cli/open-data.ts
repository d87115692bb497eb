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

/** Opens the data folder named by --data-dir / CHANGEDESK_DATA / the platform default. */
export function openData(dataDirArg: unknown, io: CliIo): OpenedData {
  const dataDir = resolveDataDir(typeof dataDirArg === 'string' ? dataDirArg : undefined, io.env);
  const db = openDatabase(dataDir);
  const { services, ctx } = createServiceBundle({ db, dataDir, onUnexpected: (e, call) => io.stderr(`[${call}] ${(e as Error)?.stack ?? String(e)}\n`) });
  return { dataDir, db, services, ctx, close: () => db.close() };
}
