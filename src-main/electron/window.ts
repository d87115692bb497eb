import { BrowserWindow } from 'electron';

export const PROGRAM_TITLE = 'ChangeDesk 变更发布管理台';

interface WindowSpec {
  title: string;
  /** DevTools only in development (unpackaged). */
  dev: boolean;
  width: number;
  height: number;
  /** The main window's preload (window.api, window.desktop); none for a PDF window. */
  preload?: string;
  /** Chromium's PDF viewer is a plugin: on only in the window that shows a PDF. */
  plugins: boolean;
  parent?: BrowserWindow;
}

/**
 * Every window of the program is made here. Its web preferences are written out in full, not
 * spread from elsewhere, so that a reader (and Electronegativity) sees each of them.
 */
function hardenedWindow(spec: WindowSpec): BrowserWindow {
  return new BrowserWindow({
    ...(spec.parent ? { parent: spec.parent } : {}),
    width: spec.width,
    height: spec.height,
    minWidth: Math.min(spec.width, 1024),
    minHeight: Math.min(spec.height, 640),
    title: spec.title,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      ...(spec.preload ? { preload: spec.preload } : {}),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would otherwise open links in a new window (Electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      plugins: spec.plugins,
      safeDialogs: true,
      devTools: spec.dev,
    },
  });
}

export interface MainWindowOptions {
  preload: string;
  dev: boolean;
  title: string;
}

/** The one main window of the program. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = hardenedWindow({ ...options, width: 1366, height: 768, plugins: false });
  // The title names the terminal's unit; the page's own <title> must not replace it.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  return win;
}

/**
 * A window showing one PDF in Chromium's built-in viewer, whose toolbar prints it. Same
 * isolation as the main window, and no preload: it can call nothing.
 */
export function createPdfWindow(parent: BrowserWindow, title: string, dev: boolean): BrowserWindow {
  const win = hardenedWindow({ parent, title, dev, width: 900, height: 1000, plugins: true });
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  return win;
}
