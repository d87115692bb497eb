import { expect, type Locator, type Page } from '@playwright/test';
import type { Host } from './host-fixture';

export const ADMIN = { username: 'admin', name: '王管理', password: 'Admin-pass-1' };

/** Chooses an option of an antd Select (its drop-down lives outside the form). */
export async function pickOption(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/** Opens the program and waits for the readiness marker (never a fixed sleep). */
export async function openApp(page: Page, host: Host): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
}

export const OPS_UNIT = { code: 'OPS', name: '科技信息部·运行维护中心', kind: '科技信息部·运行维护中心' };

/** Goes through the first-start wizard; returns the key fingerprint it shows (when `expectDone`). */
export async function setUpTerminal(page: Page, unit = OPS_UNIT, expectDone = true): Promise<string> {
  const wizard = page.getByRole('form', { name: '首次启动设置' });
  await wizard.getByLabel('单位代码').fill(unit.code);
  await wizard.getByLabel('单位名称').fill(unit.name);
  await pickOption(page, wizard.getByLabel('单位类别'), unit.kind);
  await page.getByRole('button', { name: '下一步' }).click();
  await wizard.getByLabel('登录名').fill(ADMIN.username);
  await wizard.getByLabel('姓名').fill(ADMIN.name);
  await wizard.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await wizard.getByLabel('再次输入密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '完成设置' }).click();
  if (!expectDone) return '';
  const fp = page.getByTestId('key-fingerprint');
  await expect(fp).toBeVisible({ timeout: 20_000 });
  return (await fp.textContent()) ?? '';
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('登录名').fill(username);
  await form.getByLabel('密码').fill(password);
  await form.getByRole('button', { name: '登 录' }).or(form.getByRole('button', { name: '登录' })).click();
  await expect(page.getByTestId('user-bar')).toBeVisible();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('form', { name: '登录' })).toBeVisible();
}
