import type { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const { created } = vi.hoisted(() => ({ created: [] as { options: Record<string, unknown>; win: EventEmitter }[] }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    constructor(options: Record<string, unknown>) {
      super();
      created.push({ options, win: this });
    }
    show(): void {}
  }
  const Menu = { buildFromTemplate: (template: unknown[]) => ({ template }) };
  return { BrowserWindow, Menu };
});

const { createMainWindow, createPdfWindow } = await import('../../src-main/electron/window');
const { applicationMenu } = await import('../../src-main/electron/menu');

const HARDENED = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  disableBlinkFeatures: 'Auxclick',
};

describe('main window', () => {
  it('runs the page sandboxed and isolated, without Node, webviews or insecure content', () => {
    createMainWindow({ preload: '/app/out/preload/index.js', dev: false, title: 'ChangeDesk 变更发布管理台' });
    const { options } = created.at(-1)!;
    expect(options.webPreferences).toMatchObject({ ...HARDENED, preload: '/app/out/preload/index.js', plugins: false, devTools: false });
    expect(options.title).toBe('ChangeDesk 变更发布管理台');
  });

  it('has DevTools only in development', () => {
    createMainWindow({ preload: 'p.js', dev: true, title: 't' });
    expect((created.at(-1)!.options.webPreferences as Record<string, unknown>).devTools).toBe(true);
  });

  it("keeps the unit's title when the page sets its own <title>", () => {
    createMainWindow({ preload: 'p.js', dev: false, title: 'ChangeDesk 变更发布管理台 — 总行科技部' });
    const e = { prevented: false, preventDefault() { this.prevented = true; } };
    created.at(-1)!.win.emit('page-title-updated', e, 'ChangeDesk 变更发布管理台');
    expect(e.prevented).toBe(true);
  });

  it('shows PDFs for printing in a window as isolated as the main one, with no preload at all', () => {
    const parent = {};
    createPdfWindow(parent as never, '变更申请表', false);
    const { options } = created.at(-1)!;
    expect(options.parent).toBe(parent);
    expect(options.webPreferences).toMatchObject({ ...HARDENED, plugins: true, devTools: false });
    expect(options.webPreferences).not.toHaveProperty('preload');
  });
});

describe('menu', () => {
  it('has no menu bar on Windows and Linux, a development menu only in development', () => {
    expect(applicationMenu('win32', false)).toBeNull();
    expect(applicationMenu('linux', false)).toBeNull();
    expect(JSON.stringify(applicationMenu('linux', true))).toContain('toggleDevTools');
    expect(JSON.stringify(applicationMenu('darwin', false))).not.toContain('toggleDevTools');
  });
});
