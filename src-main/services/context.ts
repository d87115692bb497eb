import type { Database } from 'better-sqlite3';
import type { ApiOutput, ApiParsedInput, CallName } from '../shared/api';
import type { Door } from '../shared/schemas/app';

/** What every service is built with. The clock is injected so that tests can move it. */
export interface ServiceContext {
  db: Database;
  dataDir: string;
  version: string;
  clock: () => Date;
  /** log2 of scrypt's N for new password hashes; 17 (N = 2^17) unless a test asks for less. */
  passwordLogN?: number;
}

/**
 * Who is calling. `channel` is stable for one caller connection (one Electron window, one
 * browser, one CLI run); services bind a log-in to it, so the renderer never holds a secret.
 */
export interface CallMeta {
  door: Door;
  channel: string;
}

export type Handler<K extends CallName> = (input: ApiParsedInput<K>, call: CallMeta) => ApiOutput<K> | Promise<ApiOutput<K>>;

/** The handlers of one area (`app:*`, `change:*` …); an object literal of this type may hold no others. */
export type AreaHandlers<Area extends string> = {
  [K in CallName as K extends `${Area}:${string}` ? K : never]: Handler<K>;
};

export type Handlers = { [K in CallName]: Handler<K> };
