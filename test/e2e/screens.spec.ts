import type { Page } from '@playwright/test';
import { expect, test } from './host-fixture';
import { api } from './seed';
import { ADMIN, logIn, openApp } from './ui-steps';

test.setTimeout(240_000);
test.use({ actionTimeout: 15_000 });

/** Presses Tab until `done` holds for the focused element (at most `max` times): the keyboard can get there. */
async function tabUntil(page: Page, done: () => Promise<boolean>, max = 80): Promise<number> {
  const seen: string[] = [];
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await done()) return i;
    if (process.env.TAB_DEBUG) seen.push(await page.locator(':focus').evaluateAll((es) => es.map((e) => (e as { outerHTML: string }).outerHTML.slice(0, 100)).join(' | ')));
  }
  if (seen.length) console.log(seen.join('\n'));
  throw new Error(`${max} 次 Tab 仍未到达目标`);
}
const focusedMatches = (page: Page, selector: string) => async () => (await page.locator(selector.split(',').map((x) => `${x.trim()}:focus`).join(', ')).count()) > 0;

// The main screens at 1366×768 with the demo data, reached with the keyboard only (Tab, Enter,
// arrows, PageDown, Esc) where a person would: 待办, the 变更 list, every tab of a change form,
// the print preview.
test('the main screens at 1366×768, walked with the keyboard', async ({ page, host }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-1366x768.png`) });
  await api(host, 'setup:init', { unitCode: 'OPS', unitName: '科技信息部·运行维护中心', unitKind: 'ops', adminUsername: ADMIN.username, adminName: ADMIN.name, adminPassword: ADMIN.password, loadDemo: true });
  await openApp(page, host);
  await logIn(page, 'wangwu', 'demo-2026');
  await expect(page.getByTestId('user-bar')).toBeVisible();
  // Loaded (the inbox and the reminders are fetched after the page shows): the keyboard walk
  // below must not start while the page is still rendering what came back.
  await expect(page.getByRole('main')).toContainText('待受理人办理');
  await expect(page.getByRole('main')).toContainText('提醒');
  await shot('screen-todo');

  // 变更 from the navigation by keyboard, then a form number in the list by Tab and Enter.
  await tabUntil(page, focusedMatches(page, '[role="menu"], [role="menuitem"], .ant-menu-item'));
  const changesItem = page.locator('[role="menuitem"]:focus, .ant-menu-item-active').filter({ hasText: /^变更$/ });
  for (let i = 0; i < 12 && (await changesItem.count()) === 0; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '变更', level: 3 })).toBeVisible();
  await expect(page.getByRole('main').locator('.ant-table-row a').first()).toBeVisible();
  await shot('screen-list');
  // An archived emergency change shows every tab: search for it by its state.
  const found = (await api(host, 'auth:login', { username: 'wangwu', password: 'demo-2026' }), await api(host, 'change:list', { filter: { state: 'archived', emergency: true }, page: 1, pageSize: 1 })) as { rows: Array<{ formNo: string }> };
  const formNo = found.rows[0]!.formNo;
  const search = page.getByRole('main').getByLabel('全文搜索');
  await search.focus();
  await page.keyboard.type(formNo);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main').locator('.ant-table-row')).toHaveCount(1);
  await tabUntil(page, focusedMatches(page, '.ant-table-row a'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('form-title')).toContainText(formNo);

  // Every tab of the form, moved through with the arrow keys from the focused tab.
  await tabUntil(page, focusedMatches(page, '[role="tab"]'));
  const tabs = page.locator('.change-main [role="tab"]');
  const names = (await tabs.allTextContents()).map((t) => t.replace(/^Tab \d+ of \d+/, '').trim());
  expect(names).toEqual(expect.arrayContaining(['一、申请信息', '二、需求评估', '三、计划与测试', '实施与归档', '紧急变更', '审批记录', '附件', '纸质签字']));
  for (const [i, name] of names.entries()) {
    if (i > 0) {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
    }
    await expect(page.locator('.change-main [role="tab"][aria-selected="true"]')).toContainText(name);
    await shot(`screen-form-${i + 1}-${name.replace(/[、（）\s]/g, '')}`);
  }

  // 打印 by keyboard: the preview opens inside the program; PageDown turns the page, Esc closes it.
  await page.getByRole('button', { name: /打\s?印/ }).first().focus();
  await page.keyboard.press('Enter');
  const preview = page.getByTestId('pdf-preview');
  await expect(preview).toHaveAttribute('data-drawing', 'false', { timeout: 60_000 });
  await tabUntil(page, focusedMatches(page, '[data-testid="pdf-preview"]'), 20);
  await page.keyboard.press('PageDown');
  await expect(preview).toHaveAttribute('data-page', '2');
  await expect(preview).toHaveAttribute('data-drawing', 'false');
  await shot('screen-print-preview');
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
});
