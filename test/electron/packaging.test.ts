import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';

vi.mock('electron', () => ({}));
const { electronAddonPath, installedElectronAbi } = await import('../../src-main/electron/native-binding');

const root = resolve(__dirname, '..', '..');
const script = join(root, 'resources', 'build', 'native-electron.cjs');
const requireCjs = createRequire(__filename);
const tempDir = useTempDirs();
const electronAbi = installedElectronAbi(root) ?? '';

function runScript(args: string[], env: Record<string, string> = {}) {
  const cleanEnv = { ...process.env, ...env };
  delete cleanEnv.CHANGEDESK_ELECTRON_HEADERS;
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, env: cleanEnv, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('better-sqlite3 for Electron, beside the Node build', () => {
  it('writes where the main process looks for it', () => {
    const r = runScript(['--print-target']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(electronAddonPath(root, electronAbi, process.platform, process.arch));
  });

  it('where neither a prebuilt binary nor Electron headers can be had, says so plainly and leaves the Node build working', () => {
    const out = tempDir();
    const unreachable = 'http://127.0.0.1:9';
    const args = ['--force', '--out', out, '--prebuild-host', unreachable, '--dist-url', unreachable, '--devdir', tempDir()];
    const r = runScript(args);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`无法为 Electron`);
    expect(r.out).toContain('node_modules 中为 Node 编译的版本不受影响');
    expect(r.out).toMatch(/ECONNREFUSED|network|getaddrinfo/i);
    expect(existsSync(join(out, 'better_sqlite3.node'))).toBe(false);
    expect(runScript([...args, '--strict']).code).toBe(1);
    // The Node build in node_modules still loads and works.
    const node = spawnSync(process.execPath, ['-e', "const D=require('better-sqlite3');console.log(new D(':memory:').prepare('select 41+1 v').get().v)"], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(node.stdout.trim()).toBe('42');
  });

  it('says why it skips when asked to build only where an Electron executable exists', () => {
    const r = runScript(['--if-electron'], { ELECTRON_OVERRIDE_DIST_PATH: tempDir() });
    expect(r.code).toBe(0);
    expect(r.out).toContain('本机没有 Electron 可执行文件');
  });
});

// The fuse wire as Electron embeds it: a sentinel, version 1, the length, one byte per fuse.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULTS = '101100011'; // RunAsNode, Cookie, NODE_OPTIONS, inspect, integrity, asar-only, snapshot, file://, wasm

function fakeElectronBinary(file: string): void {
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from(ELECTRON_DEFAULTS), Buffer.alloc(4096, 7)]));
}
function fuseWire(file: string): string {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
  return bytes.subarray(at, at + 9).toString('latin1');
}

describe('afterPack hook', () => {
  const afterPack = requireCjs(join(root, 'resources', 'build', 'after-pack.cjs')) as ((ctx: unknown) => Promise<void>) & {
    FUSES: Record<string, boolean>;
    executablePath(ctx: unknown): string;
  };

  it('sets exactly the fuses of issue #7', () => {
    expect(afterPack.FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      WasmTrapHandlers: true,
    });
  });

  it('finds the packed executable on Windows and Linux', () => {
    const packager = { appInfo: { productFilename: 'ChangeDesk' }, executableName: 'changedesk' };
    expect(afterPack.executablePath({ appOutDir: '/d/win-unpacked', electronPlatformName: 'win32', packager })).toBe(join('/d/win-unpacked', 'ChangeDesk.exe'));
    expect(afterPack.executablePath({ appOutDir: '/d/linux-unpacked', electronPlatformName: 'linux', packager })).toBe(join('/d/linux-unpacked', 'changedesk'));
  });

  it('copies the Electron build of better-sqlite3 into resources/native and flips the fuses in the binary', async () => {
    const nativeDir = tempDir();
    const appOutDir = tempDir();
    const addonDir = join(nativeDir, `electron-abi${electronAbi}-linux-x64`);
    mkdirSync(addonDir, { recursive: true });
    writeFileSync(join(addonDir, 'better_sqlite3.node'), 'electron addon');
    fakeElectronBinary(join(appOutDir, 'changedesk'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    process.env.CHANGEDESK_NATIVE_DIR = nativeDir;
    try {
      await afterPack({ appOutDir, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'ChangeDesk' }, executableName: 'changedesk' } });
    } finally {
      delete process.env.CHANGEDESK_NATIVE_DIR;
      log.mockRestore();
    }
    expect(readFileSync(join(appOutDir, 'resources', 'native', 'better_sqlite3.node'), 'utf8')).toBe('electron addon');
    expect(fuseWire(join(appOutDir, 'changedesk'))).toBe('010011001');
  });

  it('stops the packaging when the Electron build for the target is missing', async () => {
    process.env.CHANGEDESK_NATIVE_DIR = tempDir();
    try {
      await expect(afterPack({ appOutDir: tempDir(), electronPlatformName: 'win32', arch: 1, packager: { appInfo: { productFilename: 'ChangeDesk' } } })).rejects.toThrow(
        /npm run native:electron -- --platform win32 --arch x64/,
      );
    } finally {
      delete process.env.CHANGEDESK_NATIVE_DIR;
    }
  });
});
