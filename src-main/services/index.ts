import type { Database } from 'better-sqlite3';
import { accessGuard } from './access';
import { appHandlers } from './app-service';
import { authHandlers } from './auth-service';
import { changeHandlers } from './change-service';
import { backupHandlers } from './backup-service';
import type { Handlers, ServiceContext } from './context';
import { directoryHandlers } from './directory-service';
import { accessHandlers, goliveHandlers, projectHandlers, releaseHandlers } from './golive-service';
import { printHandlers } from './print-service';
import { exchangeHandlers } from './exchange-service';
import { transferHandlers } from './transfer-service';
import { settingsHandlers } from './settings-service';
import { statsHandlers } from './stats-service';
import { supervisionHandlers } from './supervision-service';
import { loadDemoData } from './demo/demo-data';
import { setupHandlers } from './setup-service';
import { createDispatcher, type Dispatcher } from './dispatcher';
// Issue 6 (ui1): attachments of a change form.
import { attachmentHandlers } from './attachment-service';
import { PROGRAM_VERSION } from './version';

export type { CallMeta, ServiceContext, Handlers, AreaHandlers } from './context';
export type { Dispatcher } from './dispatcher';
export { PROGRAM_VERSION } from './version';
export { coreOf, currentUser, requireRole, actingRole } from './core';
export { startAutomaticBackups, type AutomaticBackups, type AutomaticBackupOptions } from './backup-service';
export { cleanStaleUploads } from './uploads';

export interface ServicesOptions {
  db: Database;
  dataDir: string;
  clock?: () => Date;
  onUnexpected?: (e: unknown, call: string) => void;
  /** log2 of scrypt's N for new password hashes (tests lower it; the default is 17). */
  passwordLogN?: number;
}

/** Every area's handlers merged; a call of the contract with no handler fails to compile here. */
export function createHandlers(ctx: ServiceContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...setupHandlers(ctx, async (c, admin) => {
      await loadDemoData(c, admin);
    }),
    ...authHandlers(ctx),
    ...directoryHandlers(ctx),
    ...settingsHandlers(ctx),
    ...changeHandlers(ctx),
    ...printHandlers(ctx),
    ...backupHandlers(ctx),
    ...exchangeHandlers(ctx),
    ...transferHandlers(ctx),
    ...goliveHandlers(ctx),
    ...releaseHandlers(ctx),
    ...accessHandlers(ctx),
    ...projectHandlers(ctx),
    ...statsHandlers(ctx),
    ...supervisionHandlers(ctx),
    // Issue 6 (ui1)
    ...attachmentHandlers(ctx),
  };
}

export function createServices(options: ServicesOptions): Dispatcher {
  return createServiceBundle(options).services;
}

/** The dispatcher together with its context (the CLI's demo uses the change engine directly). */
export function createServiceBundle(options: ServicesOptions): { services: Dispatcher; ctx: ServiceContext } {
  const ctx: ServiceContext = {
    db: options.db,
    dataDir: options.dataDir,
    version: PROGRAM_VERSION,
    clock: options.clock ?? (() => new Date()),
    ...(options.passwordLogN !== undefined ? { passwordLogN: options.passwordLogN } : {}),
  };
  const services = createDispatcher(createHandlers(ctx), options.onUnexpected ?? ((e, call) => console.error(`[${call}]`, e)), accessGuard(ctx));
  return { services, ctx };
}
