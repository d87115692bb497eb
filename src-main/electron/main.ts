import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { warmUpPrinting } from '../pdf';
import { createServices, startAutomaticBackups } from '../services';
import { APP_FOLDER_NAME, backupBeforeUpgrade, logError, openDatabase, platformAppDataDir, setNativeBinding } from '../store';
import { desktopHandlers } from './desktop-calls';
import { installErrorReporting } from './error-report';
import { registerDesktopIpc, registerIpc } from './ipc';
import { applicationMenu } from './menu';
import { chooseNativeBinding, explainNativeFailure } from './native-binding';
import { PrintJobs } from './print';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, APP_SCHEME_DEFINITION, createAppProtocolHandler } from './protocol';
import { hardenApp, hardenSession, originOf, type SecurityPolicy } from './security';
import { windowTitle } from './title';
import { createMainWindow, createPdfWindow, PROGRAM_TITLE } from './window';

// Development = not packaged: DevTools and the electron-vite dev server are allowed then only.
const dev = !app.isPackaged;

const dataDirArg = (() => {
  const i = process.argv.indexOf('--data-dir');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();
// One data folder for the desktop program, the browser host and the CLI. The single-instance
// lock lives in it too, so two different data folders are two different programs.
app.setPath('userData', dataDirArg ? resolve(dataDirArg) : join(platformAppDataDir(), APP_FOLDER_NAME));
const dataDir = app.getPath('userData');

const report = installErrorReporting(process, app, dialog, () => dataDir);

// Before `ready`: the privileged app:// scheme, the sandbox for every renderer, the hardening
// of every web contents ever created.
protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
app.enableSandbox();
app.setAppUserModelId('cn.bank.changedesk');
const devServerUrl = dev ? process.env.ELECTRON_RENDERER_URL : undefined;
const devServerOrigin = devServerUrl ? originOf(devServerUrl) : undefined;
const policy: SecurityPolicy = { appOrigin: devServerOrigin ?? APP_ORIGIN, dev, ...(devServerOrigin ? { devServerOrigin } : {}) };
hardenApp(app, policy);

async function main(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(applicationMenu(process.platform, dev));
  // Each blocked origin is logged once: enough to find what tried, without filling the disk.
  const blockedOrigins = new Set<string>();
  hardenSession(session.defaultSession, policy, (url) => {
    const origin = originOf(url) ?? url.slice(0, 100);
    if (blockedOrigins.has(origin)) return;
    blockedOrigins.add(origin);
    logError(dataDir, '已阻止的网络请求', url);
  });
  const printJobs = new PrintJobs();
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(__dirname, '../renderer'), printJobs.route));

  setNativeBinding(
    chooseNativeBinding({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, exists: existsSync }),
  );
  let db: ReturnType<typeof openDatabase>;
  try {
    await backupBeforeUpgrade(dataDir, new Date());
    db = openDatabase(dataDir);
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    logError(dataDir, '无法打开数据库', e);
    dialog.showErrorBox('ChangeDesk 无法启动', explainNativeFailure(message) ?? message);
    app.exit(1);
    return;
  }
  const services = createServices({ db, dataDir, onUnexpected: (e, call) => logError(dataDir, `调用 ${call}`, e) });
  let quitting = false;
  const backups = startAutomaticBackups({
    db,
    dataDir,
    onError: (e) => (quitting ? logError(dataDir, '自动备份失败', e) : report('自动备份失败', e)),
  });

  // Parse the fonts once the window has had time to show, so the first print is quick.
  setTimeout(() => void warmUpPrinting().catch((e: unknown) => logError(dataDir, '打印预热失败', e)), 3000).unref();

  const win = createMainWindow({ preload: join(__dirname, '../preload/index.js'), dev, title: PROGRAM_TITLE });
  const refreshTitle = (): void => {
    void windowTitle(services).then((t) => !win.isDestroyed() && win.setTitle(t));
  };
  refreshTitle();

  registerIpc(ipcMain, services, policy.appOrigin, (name, result) => {
    if (name.startsWith('setup:')) refreshTitle();
    // After a restore every part of the program starts afresh from the restored data
    // (sessions, caches, the page's state): the simplest state that is surely right.
    if (name === 'backup:restore' && result.ok) {
      void dialog
        .showMessageBox(win, { type: 'info', title: 'ChangeDesk', message: '已从备份恢复数据。', detail: '程序将重新启动，以载入恢复后的数据。', buttons: ['确定'] })
        .then(() => {
          app.relaunch();
          app.quit();
        });
    }
  });
  registerDesktopIpc(
    ipcMain,
    desktopHandlers({
      dialog,
      windowOf: (event) => BrowserWindow.fromWebContents(event.sender),
      documentsDir: app.getPath('documents'),
      showPdf: (parent, title, bytes) => {
        const job = printJobs.add(bytes);
        const pdf = createPdfWindow(parent, title, dev);
        pdf.on('closed', () => printJobs.remove(job.id));
        void pdf.loadURL(job.url);
      },
      logRendererError: (text) => logError(dataDir, '界面错误', text),
    }),
    policy.appOrigin,
    (e, call) => logError(dataDir, `调用 ${call}`, e),
  );

  // A second start of the program (same data folder) brings this window forward instead.
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    quitting = true;
    backups.stop();
    db.close();
  });
  await win.loadURL(devServerUrl ?? APP_ENTRY_URL);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  main().catch((e: unknown) => {
    logError(dataDir, '启动失败', e);
    dialog.showErrorBox('ChangeDesk 无法启动', (e as Error)?.message ?? String(e));
    app.exit(1);
  });
}
