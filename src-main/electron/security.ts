import type { App, Session, WebContents } from 'electron';

// Electron security checklist (docs/tutorial/security.md): nothing navigates, opens windows,
// attaches webviews or gets a permission; the renderer only ever shows our own pages.

export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const u = new URL(url);
    return u.origin === appOrigin || (appOrigin === 'file://' && u.protocol === 'file:');
  } catch {
    return false;
  }
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export function hardenWebContents(contents: WebContents, appOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenApp(app: App, appOrigin: string): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin));
}
