import type { ApiInput, ApiOutput, AppApi, CallName } from '@shared/api';
import { ApiCallError, type ApiResult } from '@shared/errors';

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
const transport: Transport = window.api
  ? (name, input) => (window.api as unknown as Record<string, (i: unknown) => Promise<ApiResult<unknown>>>)[name]!(input)
  : httpTransport;

export const transportKind: 'ipc' | 'http' = window.api ? 'ipc' : 'http';

/** Calls the contract; resolves with the output or rejects with an ApiCallError (Chinese message). */
export async function call<K extends CallName>(name: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const r = await transport(name, input);
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value as ApiOutput<K>;
}
