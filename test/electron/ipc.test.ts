import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';

vi.mock('electron', () => ({}));
const { registerDesktopIpc, registerIpc, isTrustedSender } = await import('../../src-main/electron/ipc');
const { APP_ORIGIN } = await import('../../src-main/electron/protocol');
const { createServices } = await import('../../src-main/services');
const { openDatabase } = await import('../../src-main/store');
const { callNames } = await import('../../src-main/shared/api');
const { desktopCallNames } = await import('../../src-main/shared/desktop');
const { FakeIpcMain, ipcEvent } = await import('./fake-electron');

const tempDir = useTempDirs();

function contractIpc() {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const ipc = new FakeIpcMain();
  const calls: string[] = [];
  registerIpc(ipc as never, createServices({ db, dataDir, onUnexpected: () => {} }), APP_ORIGIN, (name, result) => calls.push(`${name} ${result.ok}`));
  return { ipc, db, dataDir, calls };
}

function desktopIpc() {
  const ipc = new FakeIpcMain();
  const handlers = {
    'desktop:openFile': vi.fn(() => null),
    'desktop:saveFile': vi.fn(() => ({ path: '/tmp/x.pdf' })),
    'desktop:printPdf': vi.fn(() => ({ opened: true as const })),
    'desktop:reportError': vi.fn(() => ({ logged: true as const })),
  };
  registerDesktopIpc(ipc as never, handlers, APP_ORIGIN, () => {});
  return { ipc, handlers };
}

const own = ipcEvent(`${APP_ORIGIN}/index.html#/about`);

/** Sets the terminal up and logs its administrator in on the own page's IPC channel. */
async function logInAdmin(ipc: InstanceType<typeof FakeIpcMain>): Promise<void> {
  const setup = { unitCode: 'OPS', unitName: '运行维护中心', unitKind: 'ops', adminUsername: 'admin', adminName: '管理员', adminPassword: 'admin-pass-1' };
  expect(await ipc.invoke('setup:init', own, setup)).toMatchObject({ ok: true });
  expect(await ipc.invoke('auth:login', own, { username: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
}

describe('IPC sender validation', () => {
  it('registers one channel per contract call and per desktop call, and no other', () => {
    expect([...contractIpc().ipc.handlers.keys()].sort()).toEqual([...callNames].sort());
    expect([...desktopIpc().ipc.handlers.keys()].sort()).toEqual([...desktopCallNames].sort());
  });

  it('answers a call from the top frame of our own page', async () => {
    const { ipc, dataDir, db, calls } = contractIpc();
    expect(await ipc.invoke('app:info', own, {})).toMatchObject({ ok: true, value: { dataDir, door: 'ipc' } });
    expect(calls).toEqual(['app:info true']);
    db.close();
  });

  it('refuses a foreign frame, a sub-frame and a frame that is gone, before any service runs', async () => {
    const { ipc, db, calls } = contractIpc();
    await logInAdmin(ipc);
    calls.length = 0;
    const foreign = [
      ipcEvent('https://example.com/'),
      ipcEvent('file:///C:/Users/x/evil.html'),
      ipcEvent('app://other/index.html'),
      ipcEvent('http://localhost:5173/'),
      ipcEvent(`${APP_ORIGIN}/index.html`, { subFrame: true }),
      ipcEvent(null),
    ];
    for (const event of foreign) {
      expect(await ipc.invoke('backup:create', event, {})).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER', message: '拒绝来自非本程序页面的调用。' },
      });
      expect(isTrustedSender(event as never, APP_ORIGIN)).toBe(false);
    }
    expect(calls).toEqual([]);
    // Nothing was backed up by the refused calls.
    expect(await ipc.invoke('backup:list', own, {})).toMatchObject({ ok: true, value: { backups: [] } });
    db.close();
  });

  it('refuses a desktop call from a foreign frame without opening any dialog', async () => {
    const { ipc, handlers } = desktopIpc();
    const r = await ipc.invoke('desktop:openFile', ipcEvent('https://example.com/'), { purpose: 'bundle' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(handlers['desktop:openFile']).not.toHaveBeenCalled();
  });
});

describe('IPC argument parsing', () => {
  it('refuses malformed input of a contract call with INVALID_INPUT in Chinese', async () => {
    const { ipc, db } = contractIpc();
    await logInAdmin(ipc);
    for (const input of [{ extra: 1 }, 'text', 42, [1, 2]]) {
      const r = (await ipc.invoke('app:info', own, input)) as { ok: boolean; error?: { code: string; message: string } };
      expect(r.ok, JSON.stringify(input)).toBe(false);
      expect(r.error?.code).toBe('INVALID_INPUT');
      expect(r.error?.message).toMatch(/^输入有误/);
    }
    expect(await ipc.invoke('backup:restore', own, { name: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    db.close();
  });

  it('refuses a call with more than one argument', async () => {
    const { ipc, db } = contractIpc();
    expect(await ipc.invoke('app:info', own, {}, { sneaky: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    db.close();
  });

  it('parses every desktop call: wrong types, paths in names, unknown fields are refused', async () => {
    const { ipc, handlers } = desktopIpc();
    const bad: [string, unknown][] = [
      ['desktop:openFile', { purpose: 'anything' }],
      ['desktop:openFile', { purpose: 'bundle', path: '/etc/passwd' }],
      ['desktop:saveFile', { purpose: 'pdf', suggestedName: '../../evil.pdf', bytes: new Uint8Array(1) }],
      ['desktop:saveFile', { purpose: 'pdf', suggestedName: 'C:\\x.pdf', bytes: new Uint8Array(1) }],
      ['desktop:saveFile', { purpose: 'pdf', suggestedName: 'a.pdf', bytes: 'not bytes' }],
      ['desktop:printPdf', { title: '', bytes: new Uint8Array(1) }],
      ['desktop:printPdf', { title: 'x', bytes: [37, 80, 68, 70] }],
      ['desktop:reportError', { message: 'x'.repeat(10_001) }],
      ['desktop:reportError', 'boom'],
    ];
    for (const [name, input] of bad) {
      expect(await ipc.invoke(name, own, input), `${name} ${JSON.stringify(input)?.slice(0, 60)}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    for (const h of Object.values(handlers)) expect(h).not.toHaveBeenCalled();

    const ok = await ipc.invoke('desktop:saveFile', own, { purpose: 'pdf', suggestedName: '变更申请表 BG-2026-001.pdf', bytes: new Uint8Array([1, 2]) });
    expect(ok).toEqual({ ok: true, value: { path: '/tmp/x.pdf' } });
  });
});
