import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { button } from './change-steps';
import { test } from './clock-fixture';
import { expect } from './host-fixture';
import { api } from './seed';
import { ADMIN, logIn, openApp } from './ui-steps';

// 统计 (§26) and 提醒 over the demo data, the host's clock fixed at 2026-11-28 19:00 so that the
// demo's forms fall on known dates. Expected numbers are counted by hand from the demo's list
// of forms (src-main/services/demo/demo-data.ts FORMS, project-demo.ts), not by the code:
// implemented (an outcome recorded): implemented 1, rolled_back 1, pending_post_review 2,
// pending_applicant_confirm 2, pending_archive 2, archived 5, and the emergency ones
// emergency_followup 3, emergency_log_review 1, pending_archive 1, archived 1 = 19, of which
// 6 emergency; rolled back: rolled_back, pending_applicant_confirm 已回退, archived 已回退,
// emergency pending_archive 已回退 = 4 (21.1%); business-time override implemented: the
// archived one = 1. Go-lives in 2026: applied 4, went live 2, accepted 1 (2026-11-08).

test.setTimeout(240_000);
test.use({ actionTimeout: 15_000 });

const DEMO_PASSWORD = 'demo-2026';

async function nav(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByText(label, { exact: true }).click();
}

async function as(page: Page, username: string): Promise<void> {
  if (await page.getByTestId('user-bar').isVisible()) await button(page, '退出登录').click();
  await logIn(page, username, DEMO_PASSWORD);
}

test('统计 over the demo data: a period, numbers, drill-down, the PDF report; 提醒 lists each item once', async ({ page, clocked }, testInfo) => {
  const { host } = clocked;
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-1366x768.png`) });
  await api(host, 'setup:init', { unitCode: 'OPS', unitName: '科技信息部运行维护中心', unitKind: 'ops', adminUsername: ADMIN.username, adminName: ADMIN.name, adminPassword: ADMIN.password, loadDemo: true });
  await openApp(page, host);

  // 运行维护中心负责人: the year 2026 first (the default), then November.
  await as(page, 'zhaoliu');
  await nav(page, '统计');
  await expect(page.getByText('2026-01-01 至 2026-12-31（2026年）')).toBeVisible();
  const figure = (title: string) => page.getByRole('button', { name: new RegExp(`^${title.replace(/[()（）.%]/g, '.')} \\d+，查看变更单$`) });
  await expect(figure('实施变更')).toHaveAccessibleName('实施变更 19，查看变更单');
  await expect(figure('紧急变更（31.6%）')).toHaveAccessibleName('紧急变更（31.6%） 6，查看变更单');
  await expect(figure('回退（21.1%）')).toHaveAccessibleName('回退（21.1%） 4，查看变更单');
  await expect(figure('越权在业务时间排期')).toHaveAccessibleName('越权在业务时间排期 1，查看变更单');
  const projects = page.getByTestId('project-stats');
  await expect(projects.getByRole('row', { name: /提交申请/ })).toContainText('42');
  await expect(projects.getByRole('row', { name: /实施完成转入试运行/ })).toContainText('21');
  await shot('stats');

  // November 2026: the five archived in October and the October emergency drop out — 13
  // implemented, 5 emergency (38.5%), 3 rolled back (23.1%), no override.
  await page.locator('.ant-segmented').getByText('月', { exact: true }).click();
  await page.getByLabel('统计期间').click();
  await page.locator('.ant-picker-dropdown:visible .ant-picker-cell').filter({ hasText: '11月' }).click();
  await expect(page.getByText('2026-11-01 至 2026-11-30（2026年11月）')).toBeVisible();
  await expect(figure('实施变更')).toHaveAccessibleName('实施变更 13，查看变更单');
  await expect(figure('紧急变更（38.5%）')).toHaveAccessibleName('紧急变更（38.5%） 5，查看变更单');
  await expect(figure('越权在业务时间排期')).toHaveAccessibleName('越权在业务时间排期 0，查看变更单');

  // A number leads to its forms: the three rolled back.
  await figure('回退（23.1%）').click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer).toContainText('（3 张变更单）');
  await expect(drawer.locator('tbody tr')).toHaveCount(3);
  await shot('stats-drill');
  await page.keyboard.press('Escape');
  // The go-live accepted in November opens its 附件2.
  await projects.getByRole('button', { name: '软件上线：验收合格转正式运行 1，查看申请表' }).click();
  await page.getByRole('dialog').getByRole('link', { name: /^SX-OPS-2026-/ }).click();
  await expect(page.getByTestId('project-state')).toHaveText('正式运行');

  // The printable report, saved as a PDF: its figures are the screen's.
  await nav(page, '统计');
  await expect(page.getByText('（2026年11月）')).toBeVisible();
  await button(page, '打印评估报告').click();
  await expect(page.getByTestId('pdf-preview')).toBeVisible({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /保存 PDF/ }).click()]);
  const file = testInfo.outputPath('report.pdf');
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
  expect(text).toMatch(/实施变更总数\s+13 项/);
  expect(text).toMatch(/回退\s+3 项，回退率 23\.1%/);
  expect(text).toContain('八、软件上线与系统发布');
  await page.keyboard.press('Escape');

  // 提醒 on 待办: an applicant sees each open 补单/补测 of her unit once (§23–§24) — the page lists it nowhere else.
  await as(page, 'zhangsan');
  await nav(page, '待办');
  const reminders = page.getByTestId('reminders');
  await expect(reminders).toBeVisible();
  const first = (await reminders.getByRole('link').filter({ hasText: '待补单' }).first().textContent()) ?? '';
  const formNo = first.split(' ')[0]!;
  expect(formNo).toMatch(/^BG-/);
  await expect(page.getByRole('main').getByText(`${formNo} `, { exact: false })).toHaveCount(await reminders.getByRole('link').filter({ hasText: formNo }).count());

  // 项目经理: the trial run near three months; 系统管理员: the account not disabled, overdue.
  await as(page, 'yangfan');
  await nav(page, '待办');
  await expect(page.getByTestId('reminders').getByRole('link', { name: /手机银行理财超市 试运行将满三个月/ })).toHaveCount(1);
  await as(page, 'sunhao');
  await nav(page, '待办');
  const ops = page.getByTestId('reminders');
  await expect(ops).toContainText('逾期');
  await expect(ops.getByRole('link', { name: /网上银行系统 紧急访问（dev_tmp02） 访问账号未禁用/ })).toHaveCount(1);
  await shot('reminders');
  await ops.getByRole('link', { name: /网上银行系统 紧急访问（dev_tmp02） 访问账号未禁用/ }).click();
  await expect(page.getByTestId('access-record')).toContainText('尚未禁用');
});
