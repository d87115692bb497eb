import { join } from 'node:path';
import { app, dialog, ipcMain, session } from 'electron';
import { createServices } from '../services';
import { APP_FOLDER_NAME, openDatabase, platformAppDataDir } from '../store';
import { registerIpc } from './ipc';
import { hardenApp, hardenSession } from './security';
import { createMainWindow } from './window';

const dataDirArg = (() => {
  const i = process.argv.indexOf('--data-dir');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();
// One data folder for the desktop program, the browser host and the CLI.
app.setPath('userData', dataDirArg ?? join(platformAppDataDir(), APP_FOLDER_NAME));

const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appOrigin = devUrl ? new URL(devUrl).origin : 'file://';

hardenApp(app, appOrigin);

async function main(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  const dataDir = app.getPath('userData');
  const db = openDatabase(dataDir);
  const services = createServices({ db, dataDir });
  registerIpc(ipcMain, services, appOrigin);
  const win = createMainWindow('ChangeDesk 变更发布管理台');
  app.on('window-all-closed', () => {
    db.close();
    app.quit();
  });
  if (devUrl) await win.loadURL(devUrl);
  else await win.loadFile(join(__dirname, '../renderer/index.html'));
}

main().catch((e: unknown) => {
  dialog.showErrorBox('ChangeDesk 无法启动', (e as Error)?.message ?? String(e));
  app.exit(1);
});
