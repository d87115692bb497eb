import { z } from 'zod';

export const AppInfoInput = z.object({}).strict();
export const AppHealthInput = z.object({}).strict();

/** Which door a call came through; the renderer shows it on 关于. */
export type Door = 'ipc' | 'http' | 'cli' | 'test';

export interface AppInfo {
  /** Program version from package.json. */
  version: string;
  /** Absolute path of the folder holding the database, keys and backups. */
  dataDir: string;
  /** PRAGMA user_version of the open database. */
  schemaVersion: number;
  /** Whether first-run set-up (unit, key pair, administrator) has been done. */
  setUp: boolean;
  door: Door;
}

export interface AppHealth {
  ok: boolean;
  database: 'ok' | 'error';
  /** Server time, ISO 8601 with offset. */
  time: string;
}
