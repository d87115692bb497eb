import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

// Nothing here may load the real electron package (it would look for the binary).
vi.mock('electron', () => ({}));

const { hardenApp, hardenSession, hardenWebContents, isAppUrl, isRequestAllowed } = await import('../../src-main/electron/security');
const { APP_ORIGIN } = await import('../../src-main/electron/protocol');
const { FakeEvent, FakeSession, FakeWebContents } = await import('./fake-electron');

const prod = { appOrigin: APP_ORIGIN, dev: false };
const dev = { appOrigin: 'http://localhost:5173', dev: true, devServerOrigin: 'http://localhost:5173' };

function hardened(policy = prod) {
  const wc = new FakeWebContents();
  hardenWebContents(wc as never, policy);
  return wc;
}

describe('navigation, redirects, new windows, webviews', () => {
  it('refuses every navigation of the main frame but a reload of our own page', () => {
    const wc = hardened();
    for (const url of ['https://example.com/', 'file:///etc/passwd', `${APP_ORIGIN}/assets/index.js`, `${APP_ORIGIN}/__print/x.pdf`, 'app://changedesk.evil/index.html', 'javascript:alert(1)']) {
      const e = new FakeEvent({ url });
      wc.emit('will-navigate', e, url);
      expect(e.prevented, url).toBe(true);
      const f = new FakeEvent({ url, isMainFrame: true });
      wc.emit('will-frame-navigate', f);
      expect(f.prevented, url).toBe(true);
    }
    for (const url of [`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/index.html#/changes`, `${APP_ORIGIN}/`]) {
      const e = new FakeEvent({ url });
      wc.emit('will-navigate', e, url);
      expect(e.prevented, url).toBe(false);
      const f = new FakeEvent({ url, isMainFrame: true });
      wc.emit('will-frame-navigate', f);
      expect(f.prevented, url).toBe(false);
    }
  });

  it('lets a sub-frame show only our own documents and our own blobs (a PDF preview)', () => {
    const wc = hardened();
    const cases: [string, boolean][] = [
      [`blob:${APP_ORIGIN}/0f8c7a3e-1111-2222-3333-444455556666`, false],
      [`${APP_ORIGIN}/__print/x.pdf`, false],
      ['https://example.com/', true],
      ['blob:https://example.com/abc', true],
      ['file:///C:/Windows/win.ini', true],
      ['data:text/html,<script>1</script>', true],
    ];
    for (const [url, refused] of cases) {
      const e = new FakeEvent({ url, isMainFrame: false });
      wc.emit('will-frame-navigate', e);
      expect(e.prevented, url).toBe(refused);
    }
  });

  it('refuses every redirect', () => {
    const wc = hardened();
    const e = new FakeEvent();
    wc.emit('will-redirect', e, `${APP_ORIGIN}/index.html`);
    expect(e.prevented).toBe(true);
  });

  it('denies window.open and target=_blank for any URL', () => {
    const wc = hardened();
    expect(wc.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: `${APP_ORIGIN}/index.html` })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    const wc = hardened();
    const e = new FakeEvent();
    wc.emit('will-attach-webview', e, {}, { src: 'https://example.com' });
    expect(e.prevented).toBe(true);
  });

  it('closes DevTools outside development, leaves them in development', () => {
    const packaged = hardened(prod);
    packaged.emit('devtools-opened');
    expect(packaged.devToolsClosed).toBe(1);
    const unpackaged = hardened(dev);
    unpackaged.emit('devtools-opened');
    expect(unpackaged.devToolsClosed).toBe(0);
  });

  it('hardens every web contents the app ever creates, and answers no HTTP log-in', () => {
    const app = new EventEmitter();
    hardenApp(app as never, prod);
    const wc = new FakeWebContents();
    app.emit('web-contents-created', new FakeEvent(), wc);
    expect(wc.windowOpenHandler?.({ url: 'https://x' })).toEqual({ action: 'deny' });
    const login = new FakeEvent();
    const callback = vi.fn();
    app.emit('login', login, wc, {}, {}, callback);
    expect(login.prevented).toBe(true);
    expect(callback).toHaveBeenCalledWith();
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const s = new FakeSession();
    hardenSession(s as never, prod);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial']) {
      const cb = vi.fn();
      s.permissionRequest?.({}, permission, cb, {});
      expect(cb, permission).toHaveBeenCalledWith(false);
      expect(s.permissionCheck?.({}, permission, APP_ORIGIN, {}), permission).toBe(false);
    }
    expect(s.devicePermission?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
    expect(s.spellChecker).toBe(false);
  });

  it('refuses downloads (files are saved through the save dialog)', () => {
    const s = new FakeSession();
    hardenSession(s as never, prod);
    const e = new FakeEvent();
    s.emit('will-download', e, {}, {});
    expect(e.prevented).toBe(true);
  });
});

describe('no request leaves the machine', () => {
  it('blocks every scheme but app: (and local in-memory data) in the packaged program, and reports it', () => {
    const s = new FakeSession();
    const blocked: string[] = [];
    hardenSession(s as never, prod, (url) => blocked.push(url));
    const refused = [
      'https://example.com/',
      'http://127.0.0.1:5731/api/app:info',
      'http://localhost:5173/',
      'ws://localhost:5173/',
      'wss://example.com/socket',
      'ftp://example.com/file',
      'file:///etc/passwd',
      'app://elsewhere/index.html',
      'devtools://devtools/bundled/inspector.html',
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop/x.js',
      'blob:https://example.com/1',
      'not a url',
    ];
    for (const url of refused) expect(s.request(url), url).toBe(false);
    expect(blocked).toEqual(refused);
    const allowed = [
      `${APP_ORIGIN}/index.html`,
      `${APP_ORIGIN}/assets/index-abc.js`,
      'data:image/png;base64,iVBORw0KGgo=',
      `blob:${APP_ORIGIN}/0f8c7a3e-1111-2222-3333-444455556666`,
      'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html',
    ];
    for (const url of allowed) expect(s.request(url), url).toBe(true);
  });

  it('in development allows DevTools and the local dev server only', () => {
    expect(isRequestAllowed('devtools://devtools/bundled/inspector.html', dev)).toBe(true);
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/', dev)).toBe(true);
    expect(isRequestAllowed('http://localhost:5174/', dev)).toBe(false);
    expect(isRequestAllowed('https://registry.npmjs.org/', dev)).toBe(false);
    expect(isRequestAllowed('http://localhost:5173/', { ...dev, devServerOrigin: 'http://example.com:5173' })).toBe(false);
  });

  it('recognises our origin exactly', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html#/changes`, APP_ORIGIN)).toBe(true);
    expect(isAppUrl('app://changedesk.evil/index.html', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('app://changedesk@evil/index.html', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('file:///index.html', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('', APP_ORIGIN)).toBe(false);
  });
});
