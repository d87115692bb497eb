import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { button } from './change-steps';
import { expect, startHostProcess, stopHost, test } from './host-fixture';
import { api, PASSWORD, PEOPLE, seedDirectory } from './seed';
import { ADMIN, logIn, openApp } from './ui-steps';

test.setTimeout(180_000);
test.use({ actionTimeout: 15_000 });

test('交换: export a bundle from one terminal and import it into a second one that trusts its key', async ({ page, host }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-1366x768.png`) });
  const work = mkdtempSync(join(tmpdir(), 'changedesk-exchange-'));
  const second = await startHostProcess(mkdtempSync(join(tmpdir(), 'changedesk-e2e-b-')));
  try {
    // Terminal A (运行维护中心) with one change form.
    await seedDirectory(host);
    await api(host, 'auth:login', { username: PEOPLE.applicant.username, password: PASSWORD });
    await api(host, 'change:create', { title: '跨单位交换的变更单', systems: ['CORE'] });
    await api(host, 'auth:login', { username: ADMIN.username, password: ADMIN.password });
    const ownKey = (await api(host, 'exchange:ownKey', {})) as { fingerprint: string; keyFileText: string };
    const keyFile = join(work, 'OPS.key');
    writeFileSync(keyFile, ownKey.keyFileText);

    // Terminal B (IT综合科) trusts A's key after comparing the fingerprint.
    await api(second, 'setup:init', { unitCode: 'ZHK', unitName: 'IT综合科', unitKind: 'archive', adminUsername: 'admin', adminName: '档案管理员', adminPassword: ADMIN.password });
    await openApp(page, second);
    await logIn(page, 'admin', ADMIN.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('交换', { exact: true }).click();
    await page.getByRole('tab', { name: '交换单位与密钥' }).click();
    await page.getByLabel('对方密钥文件').fill(keyFile);
    await button(page, '读取').click();
    await expect(page.getByText(ownKey.fingerprint).first()).toBeVisible();
    await page.getByLabel('核对后的指纹').fill(ownKey.fingerprint);
    await button(page, '添加').click();
    await expect(page.getByRole('cell', { name: /OPS/ })).toBeVisible();
    await shot('exchange-peers');

    // A exports everything (for the archive) on its own screen.
    const bundle = join(work, 'OPS-full.cdx');
    await openApp(page, host);
    await logIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('交换', { exact: true }).click();
    await page.getByRole('form', { name: '导出数据包' }).getByRole('checkbox').check();
    await page.getByLabel('保存到').fill(bundle);
    await button(page, '导出').click();
    await expect(page.getByTestId('export-result')).toContainText('已导出');
    await shot('exchange-export');

    // B imports it; the result is in words; a second import changes nothing.
    await openApp(page, second);
    await logIn(page, 'admin', ADMIN.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('交换', { exact: true }).click();
    await page.getByLabel('数据包文件').fill(bundle);
    await button(page, '核验并导入').click();
    await expect(page.getByTestId('import-result')).toContainText('已全部导入');
    await shot('exchange-import');
    await button(page, '核验并导入').click();
    await expect(page.getByTestId('import-result')).toContainText('均已存在，未作任何改动');

    // A later bundle of A with the same events (another file): no form changes, but the archive
    // lists it as arrived (§27) and says so.
    const later = mkdtempSync(join(work, 'later-'));
    await api(host, 'exchange:export', { full: true, path: join(later, 'OPS-full-2.cdbundle') });
    await page.getByRole('tab', { name: '归档' }).click();
    await page.getByLabel('或整个文件夹').fill(later);
    await button(page, '导入文件夹').click();
    await expect(page.getByTestId('archive-result')).toContainText('OPS-full-2.cdbundle：来自 OPS');
    await expect(page.getByTestId('archive-result')).toContainText('本终端均已有，未改变任何表单；此数据包已记入档案目录。');
    await page.getByTestId('archive-units').getByRole('row').filter({ hasText: 'OPS' }).first().scrollIntoViewIfNeeded();
    await shot('archive-known-bundle');
    // The same on the 导出与导入 tab, which does not speak of the archive. (Addressed to ZHK, so
    // that it is another file than OPS-full-2 even when both are made within the same second.)
    await api(host, 'exchange:export', { full: true, to: 'ZHK', path: join(later, 'OPS-full-3.cdbundle') });
    await page.getByRole('tab', { name: '导出与导入' }).click();
    await page.getByLabel('数据包文件').fill(join(later, 'OPS-full-3.cdbundle'));
    await button(page, '核验并导入').click();
    await expect(page.getByTestId('import-result')).toContainText('本终端均已有，未改变任何表单；已登记收到此数据包。');
    await shot('exchange-known-bundle');
  } finally {
    await stopHost(second);
    rmSync(second.dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
});
