import { EventEmitter } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';

vi.mock('electron', () => ({}));
const { installErrorReporting } = await import('../../src-main/electron/error-report');
const { chooseNativeBinding, electronAddonPath, explainNativeFailure } = await import('../../src-main/electron/native-binding');

const tempDir = useTempDirs();

function setup() {
  const dataDir = tempDir();
  const proc = new EventEmitter();
  const app = new EventEmitter();
  const boxes: { title: string; body: string }[] = [];
  const report = installErrorReporting(proc as never, app as never, { showErrorBox: (title, body) => boxes.push({ title, body }) }, () => dataDir);
  const log = (): string => {
    const files = readdirSync(join(dataDir, 'logs'));
    return files.map((f) => readFileSync(join(dataDir, 'logs', f), 'utf8')).join('');
  };
  return { proc, app, boxes, log, report };
}

describe('uncaught errors', () => {
  it('are written to <data>/logs and shown to the person in Chinese', () => {
    const { proc, boxes, log } = setup();
    proc.emit('uncaughtException', new Error('disk on fire'));
    proc.emit('unhandledRejection', new TypeError('promise went wrong'));
    expect(log()).toMatch(/\[程序发生未预料的错误\] Error: disk on fire\n\s+at /);
    expect(log()).toContain('TypeError: promise went wrong');
    expect(boxes).toHaveLength(2);
    expect(boxes[0]?.title).toBe('ChangeDesk：程序发生未预料的错误');
    expect(boxes[0]?.body).toMatch(/disk on fire\n\n详细信息已记录到：\n.*logs.changedesk-\d{4}-\d{2}-\d{2}\.log/);
  });

  it('a crashed page is reported, a clean exit is not', () => {
    const { app, boxes, log } = setup();
    app.emit('render-process-gone', {}, {}, { reason: 'clean-exit', exitCode: 0 });
    expect(boxes).toHaveLength(0);
    app.emit('render-process-gone', {}, {}, { reason: 'oom', exitCode: 5 });
    expect(boxes[0]?.title).toBe('ChangeDesk：界面进程意外终止');
    expect(log()).toContain('原因：oom');
  });
});

describe('native module for Electron', () => {
  it('uses the Electron build beside node_modules when it exists for this ABI, the packed one when packaged', () => {
    const path = electronAddonPath('/repo', '140', 'linux', 'x64');
    expect(path).toBe(join('/repo', 'build', 'native', 'electron-abi140-linux-x64', 'better_sqlite3.node'));
    const choice = { isPackaged: false, appPath: '/repo', resourcesPath: '/opt/ChangeDesk/resources' };
    expect(chooseNativeBinding({ ...choice, exists: (p) => p === electronAddonPath('/repo') })).toBe(electronAddonPath('/repo'));
    expect(chooseNativeBinding({ ...choice, exists: () => false })).toBeUndefined();
    expect(chooseNativeBinding({ ...choice, isPackaged: true, exists: () => false })).toBe(join('/opt/ChangeDesk/resources', 'native', 'better_sqlite3.node'));
  });

  it('explains an ABI mismatch in Chinese with the command that fixes it', () => {
    const msg = "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 140.";
    expect(explainNativeFailure(msg)).toContain('npm run native:electron');
    expect(explainNativeFailure('database is locked')).toBeUndefined();
  });
});
