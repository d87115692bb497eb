import { expect, test } from './host-fixture';
import { ADMIN, logIn, openApp, setUpTerminal } from './ui-steps';

test('the shell shows the Chinese navigation for the role and 关于 shows the data folder', async ({ page, host }, testInfo) => {
  await openApp(page, host);
  await setUpTerminal(page);
  await page.getByRole('button', { name: '前往登录' }).click();
  await logIn(page, ADMIN.username, ADMIN.password);
  const nav = page.getByRole('navigation', { name: '主导航' });
  // The program's administrator sees the sections of its role, not the project or statistics ones.
  for (const label of ['上线', '发布', '统计']) await expect(nav.getByText(label, { exact: true })).toHaveCount(0);
  for (const label of ['待办', '变更', '日历', '交换', '设置', '关于']) {
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
