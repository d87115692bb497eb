import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Folder name under the platform's app-data folder; Electron's userData uses the same. */
export const APP_FOLDER_NAME = 'ChangeDesk';

/** The platform's per-user application-data folder (what Electron calls appData). */
export function platformAppDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

/**
 * Where the host and the CLI keep their data: --data-dir, else CHANGEDESK_DATA, else the
 * platform's app-data folder. Electron passes its userData folder as the explicit choice.
 */
export function resolveDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.CHANGEDESK_DATA) return resolve(env.CHANGEDESK_DATA);
  return join(platformAppDataDir(env), APP_FOLDER_NAME);
}
