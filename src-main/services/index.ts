import type { Database } from 'better-sqlite3';
import { appHandlers } from './app-service';
import { backupHandlers } from './backup-service';
import type { Handlers, ServiceContext } from './context';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { PROGRAM_VERSION } from './version';

export type { CallMeta, ServiceContext, Handlers, AreaHandlers } from './context';
export type { Dispatcher } from './dispatcher';
export { PROGRAM_VERSION } from './version';
export { startAutomaticBackups, type AutomaticBackups, type AutomaticBackupOptions } from './backup-service';

export interface ServicesOptions {
  db: Database;
  dataDir: string;
  clock?: () => Date;
  onUnexpected?: (e: unknown, call: string) => void;
}

/** Every area's handlers merged; a call of the contract with no handler fails to compile here. */
export function createHandlers(ctx: ServiceContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...backupHandlers(ctx),
  };
}

export function createServices(options: ServicesOptions): Dispatcher {
  const ctx: ServiceContext = {
    db: options.db,
    dataDir: options.dataDir,
    version: PROGRAM_VERSION,
    clock: options.clock ?? (() => new Date()),
  };
  return createDispatcher(createHandlers(ctx), options.onUnexpected ?? ((e, call) => console.error(`[${call}]`, e)));
}
