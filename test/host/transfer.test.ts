import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../src-main/host';
import { cleanStaleUploads, createServices } from '../../src-main/services';
import type { ApiOutput, CallName } from '../../src-main/shared/api';
import { openDatabase } from '../../src-main/store';
import { useTempDirs } from '../helpers/temp-dir';

// Issue 6 (交换): in the browser host the screen has File objects, not paths. It uploads the file
// into the data folder (same token/cookie, Origin and Host checks as the API), starts an import
// job and polls its progress; an export job's bundle is downloaded.

const tempDir = useTempDirs();
const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

const PASSWORD = 'admin-pass-12';

interface Terminal {
  host: RunningHost;
  dataDir: string;
  call<K extends CallName>(name: K, input: unknown): Promise<ApiOutput<K>>;
}

async function terminal(unit: string, kind: 'ops' | 'archive'): Promise<Terminal> {
  const dataDir = tempDir();
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>shell</title>');
  const db = openDatabase(dataDir);
  const host = await startHost(createServices({ db, dataDir, passwordLogN: 12 }), { port: 0, rendererDir, token: `token-${unit}-0123456789` });
  hosts.push(host);
  const call = async <K extends CallName>(name: K, input: unknown): Promise<ApiOutput<K>> => {
    const res = await fetch(`${host.origin}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-ChangeDesk-Token': host.token }, body: JSON.stringify(input) });
    const body = (await res.json()) as { ok: boolean; value: ApiOutput<K>; error?: { message: string } };
    if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
    return body.value;
  };
  await call('setup:init', { unitCode: unit, unitName: unit, unitKind: kind, adminUsername: 'admin', adminName: '管理员', adminPassword: PASSWORD });
  await call('auth:login', { username: 'admin', password: PASSWORD });
  return { host, dataDir, call };
}

async function finished(t: Terminal, jobId: string): Promise<ApiOutput<'transfer:job'>> {
  for (;;) {
    const job = await t.call('transfer:job', { jobId });
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function upload(t: Terminal, bytes: Uint8Array, headers: Record<string, string> = {}, name = '运维中心.cdbundle'): Promise<Response> {
  return fetch(`${t.host.origin}/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-ChangeDesk-Token': t.host.token, Origin: t.host.origin, ...headers },
    body: Buffer.from(bytes),
  });
}

describe('upload, jobs with progress, download', () => {
  it('exports for a download on one terminal, uploads and imports it on another, with the phase and counts', async () => {
    const ops = await terminal('OPS', 'ops');
    const zhk = await terminal('ZHK', 'archive');
    const key = await ops.call('exchange:ownKey', {});
    const keyFile = join(zhk.dataDir, 'ops.cdkey');
    writeFileSync(keyFile, key.keyFileText);
    await zhk.call('exchange:addPeer', { path: keyFile, confirmFingerprint: key.fingerprint });

    const { jobId } = await ops.call('transfer:start', { kind: 'export', full: true });
    const exported = await finished(ops, jobId);
    expect(exported).toMatchObject({ status: 'done', kind: 'export', phase: '完成' });
    expect(exported.result?.kind === 'export' && exported.result.downloadName).toMatch(/^OPS-full-.*\.cdbundle$/);
    const download = await fetch(`${ops.host.origin}/download/${jobId}`, { headers: { 'X-ChangeDesk-Token': ops.host.token } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(100);
    // Someone else's job id gives nothing.
    expect((await fetch(`${zhk.host.origin}/download/${jobId}`, { headers: { 'X-ChangeDesk-Token': zhk.host.token } })).status).toBe(404);

    const res = await upload(zhk, bytes);
    const up = (await res.json()) as { ok: boolean; value: { path: string; size: number } };
    expect(up).toMatchObject({ ok: true, value: { size: bytes.length } });
    expect(up.value.path.startsWith(join(zhk.dataDir, 'uploads'))).toBe(true);
    const imp = await zhk.call('transfer:start', { kind: 'import', paths: [up.value.path] });
    const job = await finished(zhk, imp.jobId);
    expect(job).toMatchObject({ status: 'done', fileIndex: 1, fileCount: 1, fileName: expect.stringContaining('运维中心') as unknown });
    expect(job.done).toBeGreaterThan(0);
    expect(job.total).toBe(job.done);
    expect(job.result).toMatchObject({ kind: 'import', items: [{ ok: true, outcome: 'applied', producer: 'OPS' }] });
    // The uploaded copy is removed once imported.
    expect(existsSync(up.value.path)).toBe(false);
  });

  it('refuses an upload without the token, from another origin, of another type, or by a user not logged in; nothing is written', async () => {
    const t = await terminal('OPS', 'ops');
    const bytes = new Uint8Array([1, 2, 3]);
    expect((await upload(t, bytes, { 'X-ChangeDesk-Token': 'wrong-token-000000000' })).status).toBe(401);
    expect((await upload(t, bytes, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload(t, bytes, { 'Content-Type': 'text/plain' })).status).toBe(415);
    await t.call('auth:logout', {});
    const r = (await (await upload(t, bytes)).json()) as { ok: boolean; error: { code: string } };
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
    const uploads = join(t.dataDir, 'uploads');
    expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([]);
  });

  it('imports a whole folder for the archive as one job, file by file, and verifies the archive', async () => {
    const ops = await terminal('OPS', 'ops');
    const zhk = await terminal('ZHK', 'archive');
    const key = await ops.call('exchange:ownKey', {});
    const dir = tempDir();
    writeFileSync(join(dir, 'ops.cdkey'), key.keyFileText);
    await zhk.call('exchange:addPeer', { path: join(dir, 'ops.cdkey'), confirmFingerprint: key.fingerprint });
    const folder = join(dir, 'bundles');
    mkdirSync(folder);
    await finished(ops, (await ops.call('transfer:start', { kind: 'export', full: true, path: join(folder, 'a.cdbundle') })).jobId);
    await finished(ops, (await ops.call('transfer:start', { kind: 'export', to: 'ZHK', full: true, path: join(folder, 'b.cdbundle') })).jobId);
    const job = await finished(zhk, (await zhk.call('transfer:start', { kind: 'archiveImport', dir: folder })).jobId);
    expect(job).toMatchObject({ status: 'done', fileIndex: 2, fileCount: 2 });
    // b's events all came with a: no form changes, but b is listed in the catalogue as arrived.
    expect(job.result?.kind === 'import' && job.result.items.map((i) => i.ok && [i.outcome, i.recorded])).toEqual([
      ['applied', true],
      ['unchanged', true],
    ]);
    expect((await zhk.call('archive:catalogue', {})).map((r) => [r.fileName, r.outcome])).toEqual([
      ['a.cdbundle', 'applied'],
      ['b.cdbundle', 'unchanged'],
    ]);
    // The very same file again is not listed a second time.
    const again = await finished(zhk, (await zhk.call('transfer:start', { kind: 'archiveImport', paths: [join(folder, 'b.cdbundle')] })).jobId);
    expect(again.result?.kind === 'import' && again.result.items.map((i) => i.ok && [i.outcome, i.recorded])).toEqual([['unchanged', false]]);
    expect(await zhk.call('archive:catalogue', {})).toHaveLength(2);
    const verify = await finished(zhk, (await zhk.call('transfer:start', { kind: 'archiveVerify' })).jobId);
    expect(verify.result).toMatchObject({ kind: 'archiveVerify' });
    expect(verify.result?.kind === 'archiveVerify' && verify.result.checks.every((c) => c.ok)).toBe(true);
    // A 受理人 is no archivist: the service refuses the archive's jobs.
    await ops.call('directory:saveUser', { username: 'coord', name: '受理人', unitCode: 'OPS', roles: ['ops_coordinator'], password: PASSWORD });
    await ops.call('auth:login', { username: 'coord', password: PASSWORD });
    await expect(ops.call('transfer:start', { kind: 'archiveVerify' })).rejects.toThrow(/无权/);
  });

  it('removes an uploaded key file once the peer is added or the file is refused, and abandoned uploads after a day', async () => {
    const ops = await terminal('OPS', 'ops');
    const zhk = await terminal('ZHK', 'archive');
    const key = await ops.call('exchange:ownKey', {});
    const uploaded = async (text: string, name: string) => ((await (await upload(zhk, Buffer.from(text), {}, name)).json()) as { value: { path: string } }).value.path;

    const keyPath = await uploaded(key.keyFileText, 'OPS.cdkey');
    expect((await zhk.call('exchange:readPeerKey', { path: keyPath })).fingerprint).toBe(key.fingerprint);
    expect(existsSync(keyPath)).toBe(true);
    await zhk.call('exchange:addPeer', { path: keyPath, confirmFingerprint: key.fingerprint });
    expect(existsSync(keyPath)).toBe(false);

    const notAKey = await uploaded('这不是公钥文件', 'notes.txt');
    await expect(zhk.call('exchange:readPeerKey', { path: notAKey })).rejects.toThrow();
    expect(existsSync(notAKey)).toBe(false);

    // A key file read but never added (the dialog closed): kept for a day, then removed, at host
    // start or when another file arrives.
    const abandoned = await uploaded(key.keyFileText, 'OPS-again.cdkey');
    await zhk.call('exchange:readPeerKey', { path: abandoned });
    expect(cleanStaleUploads(zhk.dataDir, Date.now())).toBe(0);
    const dayAgo = (Date.now() - 25 * 60 * 60 * 1000) / 1000;
    utimesSync(abandoned, dayAgo, dayAgo);
    const fresh = await uploaded(key.keyFileText, 'OPS-fresh.cdkey');
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    utimesSync(fresh, dayAgo, dayAgo);
    expect(cleanStaleUploads(zhk.dataDir, Date.now())).toBe(1);
    expect(readdirSync(join(zhk.dataDir, 'uploads'))).toEqual([]);
  });
});
