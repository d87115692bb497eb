import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../src-main/host';
import { createServices } from '../../src-main/services';
import { migrations, openDatabase } from '../../src-main/store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

async function setup(): Promise<RunningHost> {
  const dataDir = tempDir();
  const rendererDir = tempDir();
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dataDir, 'secret.txt'), 'do not serve');
  const db = openDatabase(dataDir);
  const host = await startHost(createServices({ db, dataDir }), { port: 0, rendererDir, token: 'test-token-0123456789' });
  hosts.push(host);
  return host;
}

const json = { 'Content-Type': 'application/json' };

describe('browser host', () => {
  it('binds 127.0.0.1 and answers a contract call given the token header', async () => {
    const host = await setup();
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${host.origin}/api/app:info`, { method: 'POST', headers: { ...json, 'X-ChangeDesk-Token': host.token }, body: '{}' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: { door: string; schemaVersion: number } };
    expect(body).toMatchObject({ ok: true, value: { door: 'http', schemaVersion: migrations.length } });
  });

  it('refuses API calls without the token, with a wrong token, or from another origin', async () => {
    const host = await setup();
    const none = await fetch(`${host.origin}/api/app:info`, { method: 'POST', headers: json, body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await fetch(`${host.origin}/api/app:info`, { method: 'POST', headers: { ...json, 'X-ChangeDesk-Token': 'x'.repeat(21) }, body: '{}' });
    expect(wrong.status).toBe(401);
    const foreign = await fetch(`${host.origin}/api/app:info`, {
      method: 'POST',
      headers: { ...json, 'X-ChangeDesk-Token': host.token, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toContain('拒绝');
  });

  it('exchanges the token in the URL for a client cookie that then opens the page and the API', async () => {
    const host = await setup();
    const first = await fetch(host.url, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cd_client=[\w-]+; HttpOnly; SameSite=Strict; Path=\//);
    const client = cookie.split(';')[0]!;
    const page = await fetch(`${host.origin}/`, { headers: { Cookie: client } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>shell</title>');
    const api = await fetch(`${host.origin}/api/app:health`, { method: 'POST', headers: { ...json, Cookie: client }, body: '{}' });
    expect(((await api.json()) as { ok: boolean }).ok).toBe(true);
    const noCookie = await fetch(`${host.origin}/`);
    expect(noCookie.status).toBe(401);
    expect(await noCookie.text()).toContain('访问令牌');
  });

  it('serves nothing outside the renderer folder and rejects foreign Host headers', async () => {
    const host = await setup();
    const h = { 'X-ChangeDesk-Token': host.token };
    const traversal = await fetch(`${host.origin}/..%2f..%2fsecret.txt`, { headers: h });
    expect(await traversal.text()).not.toContain('do not serve');
    const asset = await fetch(`${host.origin}/assets/app.js`, { headers: h });
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/', headers: { ...h, Host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('answers bad JSON and unknown calls with Chinese errors', async () => {
    const host = await setup();
    const h = { ...json, 'X-ChangeDesk-Token': host.token };
    const bad = await fetch(`${host.origin}/api/app:info`, { method: 'POST', headers: h, body: '{' });
    expect(bad.status).toBe(400);
    const unknown = await fetch(`${host.origin}/api/nope:x`, { method: 'POST', headers: h, body: '{}' });
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    const get = await fetch(`${host.origin}/api/app:info`, { headers: h });
    expect(get.status).toBe(405);
  });
});
