import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostProcess, stopHost, test as base, type Host } from './host-fixture';

/**
 * A browser host whose clock the test sets: the host alone reads the time from the file named
 * by CHANGEDESK_TEST_CLOCK_FILE (src-main/cli/open-data.ts), so the test writes it.
 */
export const test = base.extend<{ clocked: { host: Host; setClock(iso: string): void } }>({
  clocked: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'changedesk-e2e-'));
    const clockFile = join(dataDir, 'clock.txt');
    const setClock = (iso: string) => writeFileSync(clockFile, iso);
    setClock('2026-11-28T19:00:00+08:00');
    const host = await startHostProcess(dataDir, { CHANGEDESK_TEST_CLOCK_FILE: clockFile });
    await use({ host, setClock });
    await stopHost(host);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

