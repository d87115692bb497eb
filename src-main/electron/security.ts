import type { App, Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './protocol';

// Electron security checklist (docs/tutorial/security.md) and beyond: nothing navigates,
// redirects, opens windows, attaches webviews, downloads or gets a permission, and no request
// leaves the machine. The renderer only ever shows our own pages.

export interface SecurityPolicy {
  /** `app://changedesk`, or the dev server's origin under `electron-vite dev`. */
  appOrigin: string;
  /** Unpackaged (development): DevTools and the dev server are allowed, nothing else is. */
  dev: boolean;
  /** Under `electron-vite dev`: the renderer's dev server (http and its websocket). */
  devServerOrigin?: string;
}

/** The built-in PDF viewer of Chromium (part of the Electron binary, used to print PDFs). */
const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai';

/** `scheme://host[:port]`, also for schemes Node's URL does not know (it says origin "null"). */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

export function isAppUrl(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}

/**
 * Whether the session may load `url`. Only what never leaves the machine: our app:// origin,
 * in-memory data:/blob: of our own origin, the PDF viewer built into Electron; DevTools and
 * the dev server in development only. Every other scheme and host — http(s), ws(s), file,
 * ftp — is cancelled.
 */
export function isRequestAllowed(url: string, policy: SecurityPolicy): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  switch (u.protocol) {
    case `${APP_SCHEME}:`:
      return u.host === APP_HOST;
    case 'data:':
      return true;
    case 'blob:':
      return isAppUrl(u.pathname, policy.appOrigin);
    case 'chrome-extension:':
      return originOf(url) === PDF_VIEWER_ORIGIN;
    case 'devtools:':
      return policy.dev;
    case 'http:':
    case 'https:':
    case 'ws:':
    case 'wss:': {
      if (!policy.dev || !policy.devServerOrigin) return false;
      const dev = new URL(policy.devServerOrigin);
      return u.host === dev.host && (u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]');
    }
    default:
      return false;
  }
}

export function hardenSession(session: Session, policy: SecurityPolicy, onBlocked: (url: string) => void = () => {}): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isRequestAllowed(details.url, policy);
    if (!allowed) onBlocked(details.url);
    callback({ cancel: !allowed });
  });
  // Files are saved through the native save dialog (desktop:saveFile), never downloaded.
  session.on('will-download', (event) => event.preventDefault());
}

/** Our own entry page (what a reload of the page, e.g. after a restore, goes to). */
export function isEntryPage(url: string, policy: SecurityPolicy): boolean {
  if (!isAppUrl(url, policy.appOrigin)) return false;
  const path = new URL(url).pathname;
  return path === '/' || path === '/index.html';
}

/**
 * The renderer is one page with hash routes, so the main frame never navigates anywhere but
 * to that page again (a reload); every other navigation and every redirect is refused. A
 * sub-frame may only show our own documents or our own in-memory blobs (a PDF preview). New
 * windows and webviews are refused; DevTools close outside development.
 */
export function hardenWebContents(contents: WebContents, policy: SecurityPolicy): void {
  contents.on('will-navigate', (event, url) => {
    if (!isEntryPage(url, policy)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    const ownDocument = isAppUrl(event.url, policy.appOrigin) || (event.url.startsWith('blob:') && isAppUrl(event.url.slice(5), policy.appOrigin));
    const allowed = event.isMainFrame ? isEntryPage(event.url, policy) : ownDocument;
    if (!allowed) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (!policy.dev) contents.on('devtools-opened', () => contents.closeDevTools());
}

export function hardenApp(app: App, policy: SecurityPolicy): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy));
  // No HTTP authentication is ever answered (there is nothing to log in to on a network).
  app.on('login', (event, _wc, _details, _authInfo, callback) => {
    event.preventDefault();
    callback();
  });
}
