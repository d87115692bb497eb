import { expect, test } from './host-fixture';

test('the shell shows the Chinese navigation and 关于 shows the data folder', async ({ page, host }, testInfo) => {
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const label of ['待办', '变更', '上线', '发布', '日历', '统计', '交换', '设置', '关于']) {
    await expect(nav.getByText(label, { exact: true })).toBeVisible();
  }
  await page.screenshot({ path: testInfo.outputPath('shell-1366x768.png') });

  await nav.getByText('关于', { exact: true }).click();
  await expect(page.getByTestId('data-dir')).toContainText(host.dataDir);
  await expect(page.getByText('浏览器宿主（仅本机）')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('about-1366x768.png') });
});

test('a page opened without the token is refused in Chinese', async ({ page, host }) => {
  await page.goto(host.origin);
  await expect(page.getByText('含访问令牌')).toBeVisible();
});
