import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportBundle, peerKeyFileText, terminalKeyring } from '../../src-main/exchange';
import { generateSource, openTerminal } from '../bench/exchange-data';
import { button } from './change-steps';
import { expect, test } from './host-fixture';
import { api } from './seed';
import { ADMIN, logIn, openApp } from './ui-steps';

// Issue 6 (交换): a terminal adds a peer by its key file (the fingerprint in numbered groups,
// typed back to confirm), imports that peer's large bundle by dropping it, with a progress bar
// and the phase in words while it runs; revoking the peer then makes its bundles refused.

test.setTimeout(300_000);
test.use({ actionTimeout: 20_000 });

const FORMS = Number(process.env.E2E_PROGRESS_FORMS ?? 1500);

test('a peer added by its fingerprint, a large bundle dropped with progress, the peer revoked', async ({ page, host }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-1366x768.png`) });
  const work = mkdtempSync(join(tmpdir(), 'changedesk-progress-'));
  try {
    // The peer: a terminal of the ops centre with many forms (the exchange benchmark's data, smaller).
    const source = join(work, 'source');
    await generateSource(source, FORMS, 10, 100_000);
    const t = openTerminal(source);
    const bundle = join(work, 'OPS-full.cdbundle');
    const keyFile = join(work, 'OPS.cdkey');
    try {
      await exportBundle(t.x, { full: true, path: bundle });
      const self = t.x.self;
      const fingerprint = terminalKeyring(t.x).key(self.unit)!.fingerprint;
      writeFileSync(keyFile, peerKeyFileText({ unit: self.unit, name: self.name, kind: self.kind, publicKeyPem: self.publicKeyPem, fingerprint }));
    } finally {
      t.close();
    }

    await api(host, 'setup:init', { unitCode: 'ZHK', unitName: 'IT综合科', unitKind: 'archive', adminUsername: ADMIN.username, adminName: ADMIN.name, adminPassword: ADMIN.password });
    await openApp(page, host);
    await logIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('交换', { exact: true }).click();

    // Peers: the key file is chosen (uploaded), its fingerprint shown in groups; adding needs it typed back.
    await page.getByRole('tab', { name: '交换单位与密钥' }).click();
    await page.getByRole('tabpanel').locator('input[type="file"]').setInputFiles(keyFile);
    const groups = page.getByTestId('fingerprint-groups');
    await expect(groups.locator('li')).toHaveCount(8);
    await expect(groups).toContainText('第1组');
    const fingerprint = ((await groups.locator('.fingerprint').allTextContents()) ?? []).join(' ');
    await page.getByLabel('核对后的指纹').fill('0000 0000');
    await button(page, '添加').click();
    await expect(page.getByRole('alert').filter({ hasText: '指纹与公钥文件不符' })).toBeVisible();
    await shot('exchange-peer-fingerprint');
    await page.getByLabel('核对后的指纹').fill(fingerprint);
    await button(page, '添加').click();
    await expect(page.getByRole('cell', { name: /OPS/ })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'OPS' })).toContainText('有效');
    await expect(page.getByRole('alert').filter({ hasText: '指纹与公钥文件不符' })).toBeHidden();

    // The large bundle dropped: the bar moves and the phase is in words while the job runs.
    await page.getByRole('tab', { name: '导出与导入' }).click();
    await page.getByRole('tabpanel').getByTestId('bundle-drop').locator('input[type="file"]').setInputFiles(bundle);
    await expect(page.getByTestId('job-phase')).toContainText(/校验签名 [\d,]+\/[\d,]+/, { timeout: 60_000 });
    await shot('exchange-import-progress');
    await expect(page.getByTestId('import-result')).toContainText('已全部导入', { timeout: 120_000 });
    await expect(page.getByTestId('job-phase')).toContainText('完成');
    await shot('exchange-import-done');

    // Revoking needs a confirmation; afterwards that key's bundles are refused.
    await page.getByRole('tab', { name: '交换单位与密钥' }).click();
    await page.getByRole('row').filter({ hasText: 'OPS' }).getByRole('button', { name: /撤\s?销/ }).click();
    await expect(page.locator('.ant-popconfirm')).toContainText('一律拒绝导入');
    await page.locator('.ant-popconfirm').getByRole('button', { name: /撤\s?销/ }).click();
    await expect(page.getByRole('row').filter({ hasText: 'OPS' })).toContainText('已撤销');
    await shot('exchange-peer-revoked');
    await api(host, 'auth:login', { username: ADMIN.username, password: ADMIN.password });
    const [again] = (await api(host, 'exchange:import', { paths: [bundle] })) as Array<{ ok: boolean; message?: string }>;
    expect(again!.ok).toBe(false);
    expect(again!.message).toMatch(/撤销|吊销/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
