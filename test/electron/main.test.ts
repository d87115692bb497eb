import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';

// The whole of Electron that main.ts touches, recorded in order, so that the start-up wiring
// (what happens before `ready`, what after) is checked without the Electron binary.
const h = vi.hoisted(() => ({
  log: [] as string[],
  lock: true,
  ready: undefined as undefined | (() => void),
  windows: [] as Array<Record<string, unknown>>,
  electron: undefined as unknown as Record<string, unknown>,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const { FakeIpcMain, FakeSession } = await import('./fake-electron');
  const paths: Record<string, string> = {};
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    setPath: (k: string, v: string) => (paths[k] = v),
    getPath: (k: string) => paths[k] ?? `/tmp/${k}`,
    getAppPath: () => '/nonexistent-app',
    enableSandbox: () => h.log.push('enableSandbox'),
    setAppUserModelId: () => {},
    requestSingleInstanceLock: () => (h.log.push('requestSingleInstanceLock'), h.lock),
    whenReady: () => new Promise<void>((r) => (h.ready = r)),
    quit: () => h.log.push('quit'),
    relaunch: () => h.log.push('relaunch'),
    exit: (code: number) => h.log.push(`exit ${code}`),
  });
  class BrowserWindow extends EventEmitter {
    title = '';
    loaded: string | undefined;
    focused = 0;
    constructor(readonly options: Record<string, unknown>) {
      super();
      h.windows.push(this as never);
    }
    static fromWebContents = () => null;
    loadURL = async (url: string) => {
      this.loaded = url;
      h.log.push(`loadURL ${url}`);
    };
    setTitle = (t: string) => (this.title = t);
    isDestroyed = () => false;
    isMinimized = () => true;
    restore = () => h.log.push('restore');
    show = () => {};
    focus = () => this.focused++;
  }
  h.electron = {
    app,
    BrowserWindow,
    ipcMain: new FakeIpcMain(),
    session: { defaultSession: new FakeSession() },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => h.log.push(`registerSchemesAsPrivileged ${schemes.map((s) => s.scheme)}`),
      handle: (scheme: string) => h.log.push(`handle ${scheme}`),
    },
    dialog: {
      showErrorBox: (title: string, body: string) => h.log.push(`showErrorBox ${title} ${body}`),
      showMessageBox: async (_w: unknown, o: { message: string }) => (h.log.push(`showMessageBox ${o.message}`), { response: 0 }),
    },
    Menu: { setApplicationMenu: (m: unknown) => h.log.push(`setApplicationMenu ${m === null ? 'null' : 'menu'}`), buildFromTemplate: (t: unknown) => ({ t }) },
  };
  return h.electron;
});

const tempDir = useTempDirs();

async function start(lock: boolean): Promise<string> {
  const dataDir = tempDir();
  h.log.length = 0;
  h.windows.length = 0;
  h.lock = lock;
  h.ready = undefined;
  // The mocked module outlives resetModules: forget the previous start's handlers.
  const e = h.electron as { app?: { removeAllListeners(): void }; ipcMain?: { handlers: Map<string, unknown> } } | undefined;
  e?.app?.removeAllListeners();
  e?.ipcMain?.handlers.clear();
  vi.resetModules();
  const argv = process.argv;
  process.argv = [...argv, '--data-dir', dataDir];
  try {
    await import('../../src-main/electron/main');
  } finally {
    process.argv = argv;
  }
  return dataDir;
}

const listenersBefore = { uncaught: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };
afterEach(() => {
  for (const l of process.listeners('uncaughtException')) if (!listenersBefore.uncaught.includes(l)) process.off('uncaughtException', l);
  for (const l of process.listeners('unhandledRejection')) if (!listenersBefore.rejection.includes(l)) process.off('unhandledRejection', l);
});

describe('desktop program start-up', () => {
  it('registers app:// and the sandbox before ready, then serves the page from app:// with a hardened session', async () => {
    const dataDir = await start(true);
    expect(h.log).toEqual(['registerSchemesAsPrivileged app', 'enableSandbox', 'requestSingleInstanceLock']);
    const electron = h.electron as { app: { getPath(k: string): string }; session: { defaultSession: { request(u: string): boolean } }; ipcMain: { handlers: Map<string, unknown> } };
    expect(electron.app.getPath('userData')).toBe(dataDir);

    h.ready?.();
    await vi.waitFor(() => expect(h.log).toContain('loadURL app://changedesk/index.html'));
    expect(h.log).toContain('handle app');
    expect(h.log).toContain('setApplicationMenu menu'); // development: the 开发 menu only
    expect(electron.session.defaultSession.request('https://example.com/')).toBe(false);
    expect(electron.session.defaultSession.request('app://changedesk/index.html')).toBe(true);
    expect([...electron.ipcMain.handlers.keys()]).toEqual(expect.arrayContaining(['app:info', 'backup:restore', 'desktop:openFile']));
    expect(h.windows).toHaveLength(1);
    expect((h.windows[0]?.options as { webPreferences: Record<string, unknown> }).webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });

    // An automatic backup at start.
    await vi.waitFor(() => expect(readdirSync(join(dataDir, 'backups')).filter((n) => n.endsWith('-auto.db'))).toHaveLength(1));
    expect(existsSync(join(dataDir, 'changedesk.db'))).toBe(true);
  });

  it('a second start of the same data folder focuses the first window', async () => {
    await start(true);
    h.ready?.();
    await vi.waitFor(() => expect(h.log).toContain('loadURL app://changedesk/index.html'));
    (h.electron.app as { emit(e: string): void }).emit('second-instance');
    expect(h.log).toContain('restore');
    expect(h.windows[0]?.focused).toBe(1);
  });

  it('after a restore from a backup, says so and starts afresh on the restored data', async () => {
    const dataDir = await start(true);
    h.ready?.();
    await vi.waitFor(() => expect(h.log).toContain('loadURL app://changedesk/index.html'));
    const ipc = h.electron.ipcMain as { invoke(c: string, e: unknown, i: unknown): Promise<{ ok: boolean; value?: { name: string } }> };
    const own = { senderFrame: { url: 'app://changedesk/index.html', parent: null }, sender: { id: 1 } };
    const setup = { unitCode: 'OPS', unitName: '运行维护中心', unitKind: 'ops', adminUsername: 'admin', adminName: '管理员', adminPassword: 'admin-pass-1' };
    expect((await ipc.invoke('setup:init', own, setup)).ok).toBe(true);
    expect((await ipc.invoke('auth:login', own, { username: 'admin', password: 'admin-pass-1' })).ok).toBe(true);
    const made = await ipc.invoke('backup:create', own, {});
    expect(made.ok).toBe(true);
    expect(h.log).not.toContain('relaunch');
    const restored = await ipc.invoke('backup:restore', own, { name: made.value?.name });
    expect(restored.ok).toBe(true);
    await vi.waitFor(() => expect(h.log.slice(-3)).toEqual(['showMessageBox 已从备份恢复数据。', 'relaunch', 'quit']));
    expect(readdirSync(join(dataDir, 'backups')).some((n) => n.endsWith('-before-restore.db'))).toBe(true);
  });

  it('quits at once when another instance holds the data folder', async () => {
    await start(false);
    expect(h.log).toEqual(['registerSchemesAsPrivileged app', 'enableSandbox', 'requestSingleInstanceLock', 'quit']);
    expect(h.ready).toBeUndefined(); // never waited for ready, never opened a window
    expect(h.windows).toHaveLength(0);
  });
});
