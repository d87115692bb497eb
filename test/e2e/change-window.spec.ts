import { act, as, button, confirm, expectState, fillText, openForm } from './change-steps';
import { acceptance, plan, toPlanning } from './change-flow';
import { expect, test } from './host-fixture';
import { PEOPLE, seedDirectory } from './seed';
import { openApp } from './ui-steps';

test.setTimeout(240_000);
test.use({ actionTimeout: 15_000 });

test('§17(2): scheduling in business hours is refused, then overridden by the ops head with a reason', async ({ page, host }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-1366x768.png`) });
  await seedDirectory(host);
  await openApp(page, host);
  const formNo = await toPlanning(page, host, '核心系统补丁安装');

  // 受理人 plans a Wednesday 10:00 go-live: inside business hours.
  await as(page, host, PEOPLE.coordinator.username);
  await openForm(page, formNo);
  await plan(page, '2026-12-02 10:00', '2026-12-02 11:00');
  await acceptance(page, host, formNo);
  await as(page, host, PEOPLE.coordinator.username);
  await openForm(page, formNo);
  await confirm(await act(page, '提交实施审批'));

  // 运行维护中心负责人: without a reason the service refuses, citing the article, in the dialog.
  await as(page, host, PEOPLE.opsHead.username);
  await openForm(page, formNo);
  const dialog = await act(page, '实施审批', undefined, '同意');
  await expect(dialog.getByRole('alert').first()).toContainText('第17条');
  await button(dialog, '同意').click();
  await expect(dialog.getByTestId('refusal')).toContainText('第17条(2)');
  await shot('window-refused');
  await expect(dialog).toBeVisible();

  // With the reason the same approval schedules it, and the form says it was overridden.
  await fillText(dialog, '越权排期理由', '厂商补丁须在工作时间由厂商工程师现场实施。');
  await confirm(dialog, '同意');
  await expectState(page, '已排期');
  await expect(page.locator('.change-page').getByText('越权排期', { exact: true })).toBeVisible();
  await page.getByRole('tab', { name: '审批记录' }).click();
  await expect(page.getByText('厂商补丁须在工作时间由厂商工程师现场实施。')).toBeVisible();
  await shot('window-overridden');

  // Print: the PDF is previewed inside the program, saved, and the saved file checks as this version.
  await page.getByRole('button', { name: /打\s?印/ }).first().click();
  await expect(page.getByTestId('pdf-preview')).toBeVisible({ timeout: 30_000 });
  await shot('print-preview');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /保存 PDF/ }).click();
  const pdf = await (await download).path();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).or(page.getByRole('dialog').locator('.ant-modal-close')).first().click();
  await page.getByTestId('verify-scan-file').setInputFiles({ name: `${formNo}.pdf`, mimeType: 'application/pdf', buffer: (await import('node:fs')).readFileSync(pdf) });
  await expect(page.getByTestId('verify-result')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('verify-result')).toHaveClass(/ant-alert-success/);
  await shot('print-verified');
  await page.keyboard.press('Escape');

  // 日历: the change stands out in its week (business time); then the month view.
  await page.getByRole('navigation', { name: '主导航' }).getByText('日历', { exact: true }).click();
  await button(page, '下一周').click();
  const week = page.getByTestId('calendar-week');
  await expect(week.locator('[data-date="2026-12-02"] .cal-change-busy')).toContainText('核心系统补丁安装');
  await expect(week.locator('[data-date="2026-12-05"]')).toHaveAttribute('data-kind', 'weekend');
  // §17(1): the ops head, who reviews the week's plan, sees whether it is reviewed.
  await expect(page.getByTestId('week-review')).toContainText(/本周计划(待审阅|逾期未审阅)（第17条\(1\)）/);
  await shot('calendar-week');
  // §17(1): the week's plan prints for the ops head's review.
  await button(page, '打印周变更计划').click();
  await expect(page.getByTestId('pdf-preview')).toBeVisible({ timeout: 30_000 });
  await page.locator('.ant-modal-close').click();
  await page.locator('.ant-radio-button-wrapper', { hasText: '月' }).click();
  // The week moved the calendar into December: the month view shows December 2026.
  await expect(page.locator('.cal-cell[data-date="2026-12-02"] .cal-change-busy')).toBeVisible();
  await shot('calendar-month');

  // The applicant sees the week's changes but nothing of a review that is not theirs to do.
  await as(page, host, PEOPLE.applicant.username);
  await page.getByRole('navigation', { name: '主导航' }).getByText('日历', { exact: true }).click();
  await button(page, '下一周').click();
  await expect(page.getByTestId('calendar-week').locator('[data-date="2026-12-02"]')).toContainText('核心系统补丁安装');
  await expect(page.getByTestId('week-review')).toHaveCount(0);
  await shot('calendar-week-applicant');
});
