import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { automaticBackup, backupDir, createBackup, listBackups, restoreDatabase } from '../store/backup';
import type { AreaHandlers, ServiceContext } from './context';
import { requireRole } from './core';

export function backupHandlers(ctx: ServiceContext): AreaHandlers<'backup'> {
  return {
    // Backups hold every record of the terminal; only its administrator handles them.
    'backup:list': (_input, call) => {
      requireRole(ctx, call, ['admin']);
      return { dir: backupDir(ctx.dataDir), backups: listBackups(ctx.dataDir) };
    },
    'backup:create': (_input, call) => {
      requireRole(ctx, call, ['admin']);
      return createBackup(ctx.db, ctx.dataDir, 'manual', ctx.clock());
    },
    'backup:restore': async ({ name }, call) => {
      requireRole(ctx, call, ['admin']);
      // BackupRestoreInput allows a bare file name only: every door stays inside <data>/backups/.
      const r = await restoreDatabase(ctx.db, ctx.dataDir, join(backupDir(ctx.dataDir), name), ctx.clock());
      return { restoredFrom: name, before: r.before, schemaVersion: r.schemaVersion };
    },
  };
}

export interface AutomaticBackupOptions {
  db: Database;
  dataDir: string;
  clock?: () => Date;
  /** Called with every failure: a backup that fails must be seen, not lost. */
  onError: (e: unknown) => void;
  /** How often to look whether a day has passed since the last automatic backup. */
  checkEveryMs?: number;
  /** The age of the newest automatic backup that calls for the next one. */
  intervalMs?: number;
  /** No backup at start when an automatic one is younger than this: restarts do not pile up copies. */
  startGraceMs?: number;
}

export interface AutomaticBackups {
  /** The backup made at start (resolves when written, or after onError). */
  first: Promise<void>;
  stop(): void;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * One automatic backup at start (unless one was made in the last hour), then one whenever the newest automatic backup is a day old,
 * checked every hour (a timer of 24 hours would drift or be lost across a sleeping laptop).
 */
export function startAutomaticBackups(options: AutomaticBackupOptions): AutomaticBackups {
  const clock = options.clock ?? (() => new Date());
  const interval = options.intervalMs ?? DAY_MS;
  let running: Promise<void> | undefined;
  const run = (): Promise<void> => {
    running ??= automaticBackup(options.db, options.dataDir, clock())
      .then(() => undefined, options.onError)
      .finally(() => (running = undefined));
    return running;
  };
  const olderThan = (ms: number): boolean => {
    const last = listBackups(options.dataDir).find((b) => b.kind === 'auto');
    return !last || clock().getTime() - Date.parse(last.createdAt) >= ms;
  };
  const due = (): boolean => olderThan(interval);
  const timer = setInterval(() => {
    try {
      if (due()) void run();
    } catch (e) {
      options.onError(e);
    }
  }, options.checkEveryMs ?? 60 * 60 * 1000);
  timer.unref();
  let first: Promise<void>;
  try {
    first = olderThan(options.startGraceMs ?? HOUR_MS) ? run() : Promise.resolve();
  } catch (e) {
    options.onError(e);
    first = Promise.resolve();
  }
  return { first, stop: () => clearInterval(timer) };
}
