import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../src-main/cli/locate';

const binary = findElectronBinary();
if ('missing' in binary) console.log(`跳过 Electron 端到端测试：${binary.missing}。`);

test.describe('desktop program (Electron)', () => {
  test.skip('missing' in binary, `跳过 Electron 端到端测试：${'missing' in binary ? binary.missing : ''}。`);

  test('launches hardened and shows 关于 with its data folder', async () => {
    if (!('path' in binary)) return;
    const dataDir = mkdtempSync(join(tmpdir(), 'changedesk-electron-'));
    const app = await electron.launch({ executablePath: binary.path, args: ['.', '--data-dir', dataDir] });
    try {
      const page = await app.firstWindow();
      await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
      expect(await page.evaluate('typeof window.require')).toBe('undefined');
      await page.getByRole('navigation', { name: '主导航' }).getByText('关于', { exact: true }).click();
      await expect(page.getByTestId('data-dir')).toContainText(dataDir);
      await expect(page.getByText('桌面程序')).toBeVisible();
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
