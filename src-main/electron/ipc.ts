import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Dispatcher } from '../services';
import { callNames } from '../shared/api';
import {
  desktopCallNames,
  desktopInputs,
  type DesktopCallName,
  type DesktopOutputs,
  type DesktopParsedInput,
} from '../shared/desktop';
import { AppError, type ApiResult } from '../shared/errors';
import { fieldErrors } from '../shared/zod-setup';
import { isAppUrl } from './security';

// Every IPC handler checks, before anything else, that the call came from the top frame of our
// own page (security checklist §17: validate the sender of all IPC messages), and that it
// carries exactly one argument, which is then parsed with the call's zod schema.

const FORBIDDEN_SENDER = { ok: false, error: { code: 'FORBIDDEN_SENDER', message: '拒绝来自非本程序页面的调用。' } } as const;
const EXTRA_ARGUMENTS = { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误：每次调用只接受一个输入参数。' } } as const;

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, appOrigin: string): boolean {
  const frame = event.senderFrame;
  // No frame: it navigated away or was destroyed since sending. A sub-frame never gets our preload.
  if (!frame || frame.parent) return false;
  return isAppUrl(frame.url, appOrigin);
}

type Invoke = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown> | unknown;

function guarded(appOrigin: string, run: (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown> | unknown): Invoke {
  return (event, ...args) => {
    if (!isTrustedSender(event, appOrigin)) return FORBIDDEN_SENDER;
    if (args.length > 1) return EXTRA_ARGUMENTS;
    return run(event, args[0]);
  };
}

/** One channel per contract call; the dispatcher parses the input with the call's schema. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  services: Dispatcher,
  appOrigin: string,
  afterCall: (name: string, result: ApiResult<unknown>) => void = () => {},
): void {
  for (const name of callNames) {
    ipcMain.handle(
      name,
      guarded(appOrigin, async (event, input) => {
        const result = await services.dispatch(name, input, { door: 'ipc', channel: `ipc:${event.sender.id}` });
        afterCall(name, result);
        return result;
      }),
    );
  }
}

export type DesktopHandlers = {
  [K in DesktopCallName]: (input: DesktopParsedInput<K>, event: IpcMainInvokeEvent) => Promise<DesktopOutputs[K]> | DesktopOutputs[K];
};

/** The Electron-only calls (dialogs, printing, error reports), parsed and refused like the contract's. */
export function registerDesktopIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: DesktopHandlers,
  appOrigin: string,
  onUnexpected: (e: unknown, name: string) => void,
): void {
  for (const name of desktopCallNames) {
    ipcMain.handle(
      name,
      guarded(appOrigin, async (event, input): Promise<ApiResult<unknown>> => {
        const parsed = desktopInputs[name].safeParse(input ?? {});
        if (!parsed.success) {
          const fields = fieldErrors(parsed.error);
          const first = Object.entries(fields)[0];
          return { ok: false, error: { code: 'INVALID_INPUT', message: first ? `输入有误：${first[0]}：${first[1]}` : '输入有误。', fields } };
        }
        try {
          const handler = handlers[name] as (input: unknown, event: IpcMainInvokeEvent) => unknown;
          return { ok: true, value: await handler(parsed.data, event) };
        } catch (e) {
          if (e instanceof AppError) return { ok: false, error: e.toBody() };
          onUnexpected(e, name);
          return { ok: false, error: { code: 'INTERNAL', message: `程序内部错误：${(e as Error)?.message ?? String(e)}。已记录，请联系管理员。` } };
        }
      }),
    );
  }
}
