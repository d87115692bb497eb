import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export const READY_PREFIX = 'ChangeDesk 浏览器宿主已启动：';

export interface Host {
  url: string;
  origin: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
}

/** Starts the browser host on a data folder, resolving when it prints its readiness line. */
export function startHostProcess(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Host> {
  const child = spawn(process.execPath, ['resources/bin/changedesk.cjs', 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const line = output.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (line) {
        const url = line.slice(READY_PREFIX.length).trim();
        resolve({ url, origin: new URL(url).origin, dataDir, process: child, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
}

export function stopHost(host: Host): Promise<void> {
  return new Promise((resolve) => {
    if (host.process.exitCode !== null) return resolve();
    host.process.once('exit', () => resolve());
    host.process.kill('SIGTERM');
  });
}

/** Each test gets its own data folder and host. */
export const test = base.extend<{ host: Host }>({
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'changedesk-e2e-'));
    const host = await startHostProcess(dataDir);
    await use(host);
    await stopHost(host);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
