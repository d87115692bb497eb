import { ApiCallError, type ApiResult } from '@shared/errors';
import type { ApiInput, ApiOutput, AppApi, CallName } from '@shared/api';

declare global {
  interface Window {
    /** Present under Electron: the preload's one function per contract call. */
    api?: AppApi;
  }
}

type Transport = (name: CallName, input: unknown) => Promise<ApiResult<unknown>>;

const httpTransport: Transport = async (name, input) => {
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'HOST_UNREACHABLE', message: '无法连接 ChangeDesk 宿主程序，请确认它仍在运行。' } };
  }
  try {
    return (await res.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'BAD_RESPONSE', message: `宿主程序返回了无法识别的应答（HTTP ${res.status}）。` } };
  }
};

// Chosen once at start: Electron's preload when it is there, the browser host's HTTP API otherwise.
const ipcTransport: Transport = async (name, input) => {
  const fn = (window.api as unknown as Record<string, ((i: unknown) => Promise<ApiResult<unknown>>) | undefined>)[name];
  if (!fn) return { ok: false, error: { code: 'UNKNOWN_CALL', message: `没有名为「${name}」的调用。` } };
  return fn(input);
};
const transport: Transport = window.api ? ipcTransport : httpTransport;

export const transportKind: 'ipc' | 'http' = window.api ? 'ipc' : 'http';

/** Session refusals that change which screen is shown, whichever call met them. */
export type SessionSignal = 'NOT_LOGGED_IN' | 'SESSION_LOCKED';
let onSessionSignal: ((signal: SessionSignal) => void) | undefined;

/** The session store listens here so that any screen's call can send the user to log-in or the lock screen. */
export function listenForSessionSignals(listener: (signal: SessionSignal) => void): void {
  onSessionSignal = listener;
}

/** Calls the contract; resolves with the output or rejects with an ApiCallError (Chinese message). */
export async function call<K extends CallName>(name: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const r = await transport(name, input);
  if (!r.ok) {
    if (r.error.code === 'NOT_LOGGED_IN' || r.error.code === 'SESSION_LOCKED') onSessionSignal?.(r.error.code);
    throw new ApiCallError(r.error);
  }
  return r.value as ApiOutput<K>;
}

/** The Chinese message of whatever a call threw. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
