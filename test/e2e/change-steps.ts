import { expect, type Locator, type Page } from '@playwright/test';
import type { Host } from './host-fixture';
import { PASSWORD } from './seed';
import { logIn, openApp } from './ui-steps';

/** antd puts a space between two Chinese characters on a button: 保存 reads 保 存. */
export function button(scope: Page | Locator, text: string): Locator {
  return scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...text].join('\\s?')}$`) });
}

/** A form item by its label (antd sets the label's title). */
export function item(scope: Locator, label: string): Locator {
  return scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label[title="${label}"]`) });
}

export async function fillText(scope: Locator, label: string, value: string): Promise<void> {
  await item(scope, label).locator('input, textarea').first().fill(value);
}
export async function chooseRadio(scope: Locator, label: string, option: string): Promise<void> {
  await item(scope, label).getByRole('radio', { name: option, exact: true }).check();
}
export async function chooseSelect(scope: Locator, label: string, option: string): Promise<void> {
  await item(scope, label).locator('.ant-select').click();
  await scope.page().locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}
/** Date pickers take typed text: `2026-12-05 22:00`, then Enter. */
export async function typeDate(scope: Locator, label: string, value: string): Promise<void> {
  const input = item(scope, label).locator('input').first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  // Leave the field so its drop-down closes (Escape would close a dialog too).
  await input.blur();
}

/** Logs in as someone (from the log-in screen or after logging the last person out). */
export async function as(page: Page, host: Host, username: string): Promise<void> {
  if (await page.getByTestId('user-bar').isVisible()) {
    await button(page, '退出登录').click();
  } else if (!(await page.getByRole('form', { name: '登录' }).isVisible())) {
    await openApp(page, host);
  }
  await logIn(page, username, PASSWORD);
}

/** Opens a form from the 变更 list by its number. */
export async function openForm(page: Page, formNo: string): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByText('变更', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '变更', level: 3 })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: formNo }).click();
  await expect(page.getByTestId('form-title')).toContainText(formNo);
}

export async function expectState(page: Page, label: string): Promise<void> {
  await expect(page.locator('.change-page .ant-tag').first()).toHaveText(label);
}

/** Clicks a verb's button and fills its dialog; `verdict` picks 同意/不同意 in approvals. */
export async function act(page: Page, label: string, fill?: (dialog: Locator) => Promise<void>, verdict?: '同意' | '不同意（退回）'): Promise<Locator> {
  await button(page.getByTestId('action-bar'), label).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  if (verdict) await dialog.getByRole('radio', { name: verdict, exact: true }).check();
  if (fill) await fill(dialog);
  return dialog;
}

/** Confirms the open dialog and waits for it to close (the call succeeded). */
export async function confirm(dialog: Locator, okText = '确定'): Promise<void> {
  await button(dialog, okText).click();
  await expect(dialog).toBeHidden();
}
