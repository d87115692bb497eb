import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';

vi.mock('electron', () => ({}));
const { APP_ORIGIN, APP_SCHEME_DEFINITION, createAppProtocolHandler, resolveAppPath } = await import('../../src-main/electron/protocol');
const { PrintJobs } = await import('../../src-main/electron/print');

const tempDir = useTempDirs();

function renderer(): { root: string; outside: string } {
  const base = tempDir();
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'w');
  writeFileSync(join(base, 'secret.txt'), 'top secret');
  return { root, outside: join(base, 'secret.txt') };
}

const get = (url: string, method = 'GET') => new Request(url, { method });

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme without CSP bypass or service workers', () => {
    expect(APP_SCHEME_DEFINITION).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false },
    });
  });

  it('serves the built renderer with the right MIME types and the CSP header', async () => {
    const { root } = renderer();
    const handle = createAppProtocolHandler(root);
    const index = await handle(get(`${APP_ORIGIN}/index.html`));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(await index.text()).toContain('<title>x</title>');
    expect((await handle(get(`${APP_ORIGIN}/`))).status).toBe(200);
    expect((await handle(get(`${APP_ORIGIN}/assets/index-abc.js`))).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handle(get(`${APP_ORIGIN}/assets/index-abc.css`))).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await handle(get(`${APP_ORIGIN}/assets/font.woff2`))).headers.get('content-type')).toBe('font/woff2');
    expect((await handle(get(`${APP_ORIGIN}/assets/missing.js`))).status).toBe(404);
    expect((await handle(get(`${APP_ORIGIN}/assets`))).status).toBe(404);
  });

  it('refuses path traversal in every spelling, never reading outside the renderer', async () => {
    const { root } = renderer();
    const handle = createAppProtocolHandler(root);
    for (const path of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/%2E%2E/%2E%2E/secret.txt', '/..%5csecret.txt', '/assets%5c..%5c..%5csecret.txt', '/%00index.html', '/C:/Windows/win.ini', '/%E0%A4%A']) {
      const r = await handle(get(`${APP_ORIGIN}${path}`));
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(await r.text(), path).not.toContain('top secret');
    }
    expect(resolveAppPath(root, '/../secret.txt')).toBeUndefined();
    expect(resolveAppPath(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('refuses a link inside the renderer that leads outside it', async () => {
    const { root, outside } = renderer();
    symlinkSync(outside, join(root, 'assets', 'link.txt'));
    const r = await createAppProtocolHandler(root)(get(`${APP_ORIGIN}/assets/link.txt`));
    expect(r.status).toBe(403);
    expect(await r.text()).not.toContain('top secret');
  });

  it('answers nothing but GET/HEAD for its own host', async () => {
    const { root } = renderer();
    const handle = createAppProtocolHandler(root);
    expect((await handle(get(`${APP_ORIGIN}/index.html`, 'POST'))).status).toBe(405);
    expect((await handle(get('app://other/index.html'))).status).toBe(404);
    const head = await handle(get(`${APP_ORIGIN}/index.html`, 'HEAD'));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves a PDF being printed from memory until its job is removed', async () => {
    const { root } = renderer();
    const jobs = new PrintJobs();
    const handle = createAppProtocolHandler(root, jobs.route);
    const job = jobs.add(new TextEncoder().encode('%PDF-1.7 test'));
    const r = await handle(get(job.url));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(await r.text()).toBe('%PDF-1.7 test');
    jobs.remove(job.id);
    expect((await handle(get(job.url))).status).toBe(404);
    expect(jobs.size).toBe(0);
  });
});
