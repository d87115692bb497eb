// The single contract (architecture.md): every call any door can make, with the zod schema
// that parses its input and the type of its output. IPC handlers, the preload, the HTTP host,
// the CLI and the renderer client are all typed from here.
import type { z } from 'zod';
import './zod-setup';
import * as app from './schemas/app';
import * as backup from './schemas/backup';
import type { ApiResult } from './errors';

export const apiInputs = {
  'app:info': app.AppInfoInput,
  'app:health': app.AppHealthInput,
  'backup:list': backup.BackupListInput,
  'backup:create': backup.BackupCreateInput,
  'backup:restore': backup.BackupRestoreInput,
} as const;

export interface ApiOutputs {
  'app:info': app.AppInfo;
  'app:health': app.AppHealth;
  'backup:list': backup.BackupList;
  'backup:create': backup.BackupEntry;
  'backup:restore': backup.BackupRestored;
}

export type CallName = keyof typeof apiInputs;
export type ApiInput<K extends CallName> = z.input<(typeof apiInputs)[K]>;
export type ApiParsedInput<K extends CallName> = z.output<(typeof apiInputs)[K]>;
export type ApiOutput<K extends CallName> = ApiOutputs[K];

/** Every call name, in declaration order (the preload exposes exactly these). */
export const callNames = Object.keys(apiInputs) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(apiInputs, name);
}

/** The client side of the contract, the same whichever door carries it. */
export type AppApi = { [K in CallName]: (input: ApiInput<K>) => Promise<ApiResult<ApiOutput<K>>> };

// A call with inputs but no declared output, or an output for no call, fails to compile here.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
const contractIsClosed: SameKeys<typeof apiInputs, ApiOutputs> = true;
void contractIsClosed;

export type { ApiResult };
