import { expect, test } from './host-fixture';
import { ADMIN, logIn, logOut, openApp, setUpTerminal } from './ui-steps';

test('first start: set-up wizard, log-in, lock and unlock, log-out', async ({ page, host }, testInfo) => {
  await openApp(page, host);
  await expect(page.getByText('首次启动设置')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('setup-wizard-1366x768.png') });

  // A unit code the service refuses comes back next to its field, in Chinese, on its step.
  const wizard = page.getByRole('form', { name: '首次启动设置' });
  await setUpTerminal(page, { code: 'ops', name: '科技信息部·运行维护中心', kind: '科技信息部·运行维护中心' }, false);
  await expect(wizard.getByText('单位代码须为 2–12 位大写字母或数字')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('setup-refused-1366x768.png') });
  const fingerprint = await setUpTerminal(page);
  expect(fingerprint.replace(/[\s:]/g, '').length).toBeGreaterThanOrEqual(16);
  await page.screenshot({ path: testInfo.outputPath('setup-fingerprint-1366x768.png') });
  await expect(wizard).toBeVisible();
  await page.getByRole('button', { name: '前往登录' }).click();

  // Wrong password: refused in words; then the right one.
  const login = page.getByRole('form', { name: '登录' });
  await expect(page.getByText('本终端单位：科技信息部·运行维护中心（OPS）')).toBeVisible();
  await login.getByLabel('登录名').fill(ADMIN.username);
  await login.getByLabel('密码').fill('wrong-password');
  await login.getByLabel('密码').press('Enter');
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await page.screenshot({ path: testInfo.outputPath('login-refused-1366x768.png') });
  await logIn(page, ADMIN.username, ADMIN.password);

  // The shell shows the user, the unit and the roles; the administrator sees 设置.
  const bar = page.getByTestId('user-bar');
  await expect(bar).toContainText(ADMIN.name);
  await expect(bar).toContainText('科技信息部·运行维护中心');
  await expect(bar).toContainText('系统管理员（本程序）');
  await expect(page.getByRole('navigation', { name: '主导航' }).getByText('设置', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('shell-admin-1366x768.png') });

  // Lock on demand (keyboard), a wrong password keeps it locked, the right one unlocks.
  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByText('已锁定')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('lock-screen-1366x768.png') });
  const unlock = page.getByRole('form', { name: '解锁' });
  await unlock.getByLabel('密码').fill('wrong-password');
  await unlock.getByLabel('密码').press('Enter');
  await expect(page.getByRole('alert')).toBeVisible();
  await unlock.getByLabel('密码').fill(ADMIN.password);
  await unlock.getByLabel('密码').press('Enter');
  await expect(page.getByTestId('user-bar')).toBeVisible();

  // A reload keeps the session (it lives in the service, bound to this browser).
  await page.reload();
  await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
  await expect(page.getByTestId('user-bar')).toBeVisible();

  await logOut(page);
});
