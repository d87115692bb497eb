import { apiInputs, isCallName, type ApiOutput, type CallName } from '../shared/api';
import { AppError, type ApiResult } from '../shared/errors';
import { fieldErrors } from '../shared/zod-setup';
import type { CallMeta, Handlers } from './context';

export interface Dispatcher {
  /** Runs one call from any door: unknown name, bad input and refusals all come back as ApiResult. */
  dispatch(name: string, rawInput: unknown, call: CallMeta): Promise<ApiResult<unknown>>;
  /** The same, typed, for in-process callers (tests, CLI commands). */
  call<K extends CallName>(name: K, input: unknown, call: CallMeta): Promise<ApiResult<ApiOutput<K>>>;
}

/** Runs before the handler of every call (after its input parsed); throws an AppError to refuse. */
export type CallGuard = (name: CallName, call: CallMeta) => void;

export function createDispatcher(handlers: Handlers, onUnexpected: (e: unknown, name: string) => void, guard?: CallGuard): Dispatcher {
  async function dispatch(name: string, rawInput: unknown, call: CallMeta): Promise<ApiResult<unknown>> {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_CALL', message: `没有名为「${name}」的调用。` } };
    }
    // Log-in first: a caller without a session learns nothing, not even what input a call takes.
    if (guard) {
      try {
        guard(name, call);
      } catch (e) {
        if (e instanceof AppError) return { ok: false, error: e.toBody() };
        throw e;
      }
    }
    // The schema of the call parses the input here, whichever door it came in by.
    const parsed = apiInputs[name].safeParse(rawInput ?? {});
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      const first = Object.entries(fields)[0];
      const message = first ? `输入有误：${first[0]}：${first[1]}` : '输入有误。';
      return { ok: false, error: { code: 'INVALID_INPUT', message, fields } };
    }
    try {
      const handler = handlers[name] as (input: unknown, call: CallMeta) => unknown;
      return { ok: true, value: await handler(parsed.data, call) };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toBody() };
      onUnexpected(e, name);
      return { ok: false, error: { code: 'INTERNAL', message: `程序内部错误：${(e as Error)?.message ?? String(e)}。已记录，请联系管理员。` } };
    }
  }
  return {
    dispatch,
    call: (name, input, call) => dispatch(name, input, call) as never,
  };
}
