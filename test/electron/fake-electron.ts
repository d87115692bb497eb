import { EventEmitter } from 'node:events';

// Small stand-ins for the parts of Electron the shell uses, so that its handlers run in plain
// Node (the Electron binary is not available on the build machines).

export class FakeEvent {
  prevented = false;
  constructor(fields: Record<string, unknown> = {}) {
    Object.assign(this, fields);
  }
  preventDefault(): void {
    this.prevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  devToolsClosed = 0;
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  closeDevTools(): void {
    this.devToolsClosed++;
  }
}

export class FakeSession extends EventEmitter {
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void) | undefined;
  permissionCheck: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | undefined;
  devicePermission: ((details: unknown) => boolean) | undefined;
  spellChecker: boolean | undefined;
  beforeRequest: ((details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void) | undefined;
  setPermissionRequestHandler(h: FakeSession['permissionRequest']): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: FakeSession['devicePermission']): void {
    this.devicePermission = h;
  }
  setSpellCheckerEnabled(on: boolean): void {
    this.spellChecker = on;
  }
  webRequest = {
    onBeforeRequest: (h: FakeSession['beforeRequest']): void => {
      this.beforeRequest = h;
    },
  };

  /** What the session answers for one request: true when it was let through. */
  request(url: string): boolean {
    let cancelled: boolean | undefined;
    this.beforeRequest?.({ url }, (r) => (cancelled = r.cancel === true));
    if (cancelled === undefined) throw new Error('onBeforeRequest did not answer');
    return !cancelled;
  }
}

/** An IPC invoke event from a frame at `url` (parent set for a sub-frame; null frame when gone). */
export function ipcEvent(url: string | null, options: { subFrame?: boolean; senderId?: number } = {}) {
  return {
    senderFrame: url === null ? null : { url, parent: options.subFrame ? { url } : null },
    sender: { id: options.senderId ?? 1 },
  };
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, h: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, h);
  }
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h(event, ...args);
  }
}
