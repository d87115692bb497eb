import { writeFileSync } from 'node:fs';
import { expect, test } from './host-fixture';
import { ADMIN, logIn, openApp, pickOption, setUpTerminal } from './ui-steps';

test('设置: units, users and roles, the system register, business hours and the holiday calendar', async ({ page, host }, testInfo) => {
  await openApp(page, host);
  await setUpTerminal(page);
  await page.getByRole('button', { name: '前往登录' }).click();
  await logIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('navigation', { name: '主导航' }).getByText('设置', { exact: true }).click();

  // 单位: this terminal's unit is listed; add a business department.
  await expect(page.getByRole('cell', { name: 'OPS', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '新增单位' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('单位代码').fill('YWB');
  await dialog.getByLabel('单位名称').fill('个人金融部');
  await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
  await expect(page.getByRole('cell', { name: '个人金融部' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('settings-units-1366x768.png') });

  // 用户与角色: a refused password (too short) is shown next to the field, then a user with two roles.
  await page.getByRole('tab', { name: '用户与角色' }).click();
  await page.getByRole('button', { name: '新增用户' }).click();
  await dialog.getByLabel('登录名').fill('zhangsan');
  await dialog.getByLabel('姓名').fill('张三');
  await pickOption(page, dialog.getByLabel('所属单位'), '个人金融部（YWB）');
  await pickOption(page, dialog.getByLabel('角色'), '申请人');
  await page.keyboard.press('Escape');
  await dialog.getByLabel('初始密码').fill('short');
  await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
  await expect(dialog.getByText('密码至少 8 个字符')).toBeVisible();
  await dialog.getByLabel('初始密码').fill('Zhangsan-pass-1');
  await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
  await expect(page.getByRole('cell', { name: '张三' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('settings-users-1366x768.png') });

  // 系统登记
  await page.getByRole('tab', { name: '系统登记' }).click();
  await page.getByRole('button', { name: '新增系统' }).click();
  await dialog.getByLabel('系统代码').fill('CORE');
  await dialog.getByLabel('系统名称').fill('核心业务系统');
  await pickOption(page, dialog.getByLabel('主管单位'), '科技信息部·运行维护中心（OPS）');
  await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
  await expect(page.getByRole('cell', { name: '核心业务系统' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('settings-systems-1366x768.png') });

  // 业务时间
  await page.getByRole('tab', { name: '业务时间' }).click();
  await expect(page.getByLabel('无操作自动锁屏')).toHaveValue('10');
  await page.getByLabel('无操作自动锁屏').fill('15');
  await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click();
  await expect(page.getByText('已保存')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('settings-hours-1366x768.png') });

  // 节假日日历: 2026 ships with the State Council's days; 2027 is imported from a file.
  await page.getByRole('tab', { name: '节假日日历' }).click();
  await page.getByLabel('年份').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="2026年"]').click();
  await expect(page.locator('[data-date="2026-10-01"]')).toHaveAttribute('data-kind', 'holiday');
  await expect(page.locator('[data-date="2026-10-10"]')).toHaveAttribute('data-kind', 'makeup_workday');
  await expect(page.locator('[data-date="2026-11-28"]')).toHaveAttribute('data-kind', 'weekend');
  await page.screenshot({ path: testInfo.outputPath('settings-calendar-2026-1366x768.png') });

  // Editing by keyboard: focus a day and press Enter to mark it 休, then save.
  await page.locator('[data-date="2026-12-31"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-date="2026-12-31"]')).toHaveAttribute('data-kind', 'holiday');
  await page.getByRole('button', { name: '保存日历' }).click();
  await expect(page.getByText('日历已保存')).toBeVisible();

  const file = testInfo.outputPath('calendar-2027.json');
  writeFileSync(file, JSON.stringify({ year: 2027, restDays: ['2027-01-01', '2027-02-06', '2027-02-07'], workdays: ['2027-02-20'] }));
  await page.getByTestId('calendar-import-file').setInputFiles(file);
  await expect(page.getByText('已导入2027年节假日日历')).toBeVisible();
  await expect(page.locator('[data-date="2027-02-06"]')).toHaveAttribute('data-kind', 'holiday');
  await expect(page.locator('[data-date="2027-02-20"]')).toHaveAttribute('data-kind', 'makeup_workday');

  // A file with a date outside its year is refused in words.
  writeFileSync(file, JSON.stringify({ year: 2028, restDays: ['2027-10-01'], workdays: [] }));
  await page.getByTestId('calendar-import-file').setInputFiles(file);
  await expect(page.getByText('不在 2028 年内')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('settings-calendar-import-refused-1366x768.png') });

  // 备份: a manual backup is listed with its kind.
  await page.getByRole('tab', { name: '备份' }).click();
  await page.getByRole('button', { name: /立即备份/ }).click();
  await expect(page.getByRole('cell', { name: '手动备份' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('settings-backups-1366x768.png') });
});
