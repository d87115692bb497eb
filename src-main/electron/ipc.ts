import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Dispatcher } from '../services';
import { callNames } from '../shared/api';
import { isAppUrl } from './security';

/**
 * One IPC channel per contract call. Each handler checks that the call came from our own
 * page (senderFrame) before the service parses the input with the call's schema.
 */
export function registerIpc(ipcMain: IpcMain, services: Dispatcher, appOrigin: string): void {
  for (const name of callNames) {
    ipcMain.handle(name, (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      if (!frame || !isAppUrl(frame.url, appOrigin)) {
        return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: '拒绝来自非本程序页面的调用。' } };
      }
      return services.dispatch(name, input, { door: 'ipc', channel: `ipc:${event.sender.id}` });
    });
  }
}
