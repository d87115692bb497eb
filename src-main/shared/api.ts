// The single contract (architecture.md): every call any door can make, with the zod schema
// that parses its input and the type of its output. IPC handlers, the preload, the HTTP host,
// the CLI and the renderer client are all typed from here.
import { z } from 'zod';
import './zod-setup';
import * as app from './schemas/app';
import * as calendar from './schemas/calendar';
import * as directory from './schemas/directory';
import * as identity from './schemas/identity';
import type { ApiResult } from './errors';

export const apiInputs = {
  'app:info': app.AppInfoInput,
  'app:health': app.AppHealthInput,

  'setup:status': identity.SetupStatusInput,
  'setup:init': identity.SetupInitInput,

  'auth:login': identity.LoginInput,
  'auth:logout': identity.LogoutInput,
  'auth:session': identity.SessionInput,
  'auth:lock': identity.LockInput,
  'auth:unlock': identity.UnlockInput,
  'auth:changePassword': identity.ChangePasswordInput,

  'directory:units': directory.UnitsInput,
  'directory:saveUnit': directory.SaveUnitInput,
  'directory:users': directory.UsersInput,
  'directory:saveUser': directory.SaveUserInput,
  'directory:systems': directory.SystemsInput,
  'directory:saveSystem': directory.SaveSystemInput,

  'settings:get': z.object({}).strict(),
  'settings:save': calendar.PolicySettingsSchema,
  'settings:importCalendarYear': calendar.CalendarYearImportSchema,
} as const;

export interface ApiOutputs {
  'app:info': app.AppInfo;
  'app:health': app.AppHealth;

  'setup:status': identity.SetupStatus;
  'setup:init': identity.SetupInitResult;

  'auth:login': identity.Session;
  'auth:logout': Record<string, never>;
  'auth:session': identity.Session | null;
  'auth:lock': Record<string, never>;
  'auth:unlock': identity.Session;
  'auth:changePassword': Record<string, never>;

  'directory:units': directory.Unit[];
  'directory:saveUnit': directory.Unit;
  'directory:users': directory.User[];
  'directory:saveUser': directory.User;
  'directory:systems': directory.SystemEntry[];
  'directory:saveSystem': directory.SystemEntry;

  'settings:get': calendar.PolicySettings;
  'settings:save': calendar.PolicySettings;
  'settings:importCalendarYear': calendar.PolicySettings;
}

/**
 * Calls anyone may make without logging in; every other call needs a session of its channel
 * (NOT_LOGGED_IN) that is not locked (SESSION_LOCKED). The services check this on every call.
 */
export function isPublicCall(name: CallName): boolean {
  return name.startsWith('app:') || name === 'setup:status' || name === 'setup:init' || name === 'auth:login' || name === 'auth:session' || name === 'auth:logout';
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
