import { as, chooseRadio, fillText, typeDate } from './change-steps';
import { test } from './clock-fixture';
import { act, ok, P, seed } from './golive-steps';
import { expect } from './host-fixture';
import { openApp } from './ui-steps';

test.setTimeout(180_000);
test.use({ actionTimeout: 15_000 });

// 生产系统访问登记 (§17(6)–(7)) in the screens: asked by a developer, approved by the ops head
// naming the supervising 系统管理员, recorded by them; overdue while the account is enabled.
test('a developer’s emergency access to production, overdue until the account is disabled', async ({ page, clocked }, testInfo) => {
  const { host, setClock } = clocked;
  await seed(host);
  await openApp(page, host);
  const goAccess = async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByText('上线', { exact: true }).click();
    await page.getByRole('button', { name: '生产系统访问登记' }).click();
  };

  await as(page, host, P.dev.username);
  await goAccess();
  await page.getByRole('button', { name: /登记访问申请/ }).click();
  const d = page.getByRole('dialog');
  await fillText(d, '涉及系统', 'EBANK');
  await fillText(d, '紧急修复任务', '网银转账限额参数错误，须紧急修复');
  await fillText(d, '使用的账号', 'dev_tmp01');
  await typeDate(d, '计划开始时间', '2026-11-28 20:00');
  await typeDate(d, '计划结束时间', '2026-11-28 21:00');
  await ok(d);
  await expect(page.getByTestId('access-record')).toContainText('待批准');
  // The system by its register name, in the record and in the list (§17(6)).
  await expect(page.getByTestId('access-record')).toContainText('网上银行系统');
  await expect(page.getByRole('row', { name: /FW-OPS-2026-0001/ })).toContainText('网上银行系统');
  // The record's title too, in the list and over the record: the name, not the code EBANK.
  await expect(page.getByRole('row', { name: /FW-OPS-2026-0001/ }).getByRole('cell', { name: '网上银行系统 紧急访问（dev_tmp01）' })).toBeVisible();
  await expect(page.getByTestId('access-record').locator('.ant-card-head-title')).toHaveText('FW-OPS-2026-0001　网上银行系统 紧急访问（dev_tmp01）');
  await expect(page.getByRole('main')).not.toContainText('EBANK');
  await page.screenshot({ path: testInfo.outputPath('access-list-1366x768.png') });
  // The record prints as the 生产系统访问登记表 (issue 8).
  await page.getByRole('button', { name: /打印登记表/ }).click();
  await expect(page.getByTestId('pdf-preview')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('dialog')).toContainText('FW-OPS-2026-0001 生产系统访问登记表');
  await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-drawing', 'false', { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('access-print-1366x768.png') });
  await page.locator('.ant-modal-close').click();

  await as(page, host, P.opsHead.username);
  await goAccess();
  await page.getByRole('cell', { name: 'FW-OPS-2026-0001' }).click();
  await ok(await act(page, '批准访问', async (dlg) => {
    await chooseRadio(dlg, '监督的系统管理员', '孙浩');
    await fillText(dlg, '批准意见', '同意，限一小时');
  }));

  setClock('2026-11-28T21:05:00+08:00');
  await as(page, host, P.sys.username);
  await goAccess();
  await page.getByRole('cell', { name: 'FW-OPS-2026-0001' }).click();
  await ok(await act(page, '登记访问开始', (dlg) => typeDate(dlg, '访问开始时间', '2026-11-28 20:00')));
  await ok(await act(page, '登记访问结束', async (dlg) => {
    await typeDate(dlg, '访问结束时间', '2026-11-28 20:50');
    await fillText(dlg, '访问期间所做的工作', '修正转账限额参数表一行');
  }));
  await expect(page.getByTestId('access-record')).toContainText('尚未禁用');

  // More than an hour after the end, the account still enabled: overdue (§17(7)).
  setClock('2026-11-28T22:00:00+08:00');
  await as(page, host, P.sys.username);
  // 提醒 lists it once, as overdue, and leads to the record.
  const reminder = page.getByTestId('reminders').getByRole('link', { name: 'FW-OPS-2026-0001 网上银行系统 紧急访问（dev_tmp01） 访问账号未禁用' });
  await expect(reminder).toHaveCount(1);
  await expect(page.getByTestId('reminders')).toContainText('逾期');
  await reminder.click();
  await expect(page.getByTestId('access-record')).toContainText('尚未禁用');
  await goAccess();
  await expect(page.getByRole('main')).toContainText('逾期：账号未禁用');
  await page.screenshot({ path: testInfo.outputPath('access-overdue-1366x768.png') });
  await page.getByRole('cell', { name: 'FW-OPS-2026-0001' }).click();
  await ok(await act(page, '登记账号已禁用/删除', async (dlg) => {
    await typeDate(dlg, '账号禁用时间', '2026-11-28 21:58');
    await chooseRadio(dlg, '处理方式', '禁用');
  }));
  await expect(page.getByTestId('access-record')).toContainText('已禁用');
  await expect(page.getByRole('main')).not.toContainText('逾期：账号未禁用');
});
