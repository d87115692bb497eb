import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { button } from './change-steps';
import { expect, startHostProcess, stopHost, test, type Host } from './host-fixture';
import { api, PASSWORD } from './seed';
import { ADMIN, logIn, openApp } from './ui-steps';

// Issue 5/6 on the screens: two browser hosts on two data folders, peers of each other, move the
// same form from 待受理评估 two ways; bundles cross (a download on one, a drop on the other); both
// show the conflict; the applicant may not choose, the 受理人 does; the choice travels back.
// Then IT综合科 drops both terminals' bundles into its archive, reads the catalogue, drills into
// the completeness report and verifies the archive.

test.setTimeout(240_000);
test.use({ actionTimeout: 15_000 });

const APPLICATION = {
  title: '个人存款利率参数调整',
  applicantUnitName: '个人金融部',
  contact: '分机 8021',
  systems: ['CORE'],
  changeType: '业务参数修改',
  changeSource: '业务发展',
  content: '配合人民银行利率调整，修改个人存款利率参数。',
  otherMeasuresExist: false,
  impactIfNot: { customer: '利率不符', compliance: '不合规', stakeholders: '无', internalOps: '手工调整', securityControl: '无', availability: '无', dataAccuracy: '计息偏差' },
  urgency: '一般',
} as const;
const ASSESSMENT = {
  existingCanMeet: false,
  otherMeans: '无',
  needsDevelopment: false,
  infraChanges: [],
  backendDataChange: false,
  securityConsiderations: '双人复核参数',
  mayInterruptBusiness: false,
  riskLevel: '低',
  conclusion: '建议实施',
  suggestedDate: '2026-12-12',
  serviceImpact: '无',
  involvesSoftwareDev: false,
} as const;

async function terminal(host: Host, unitCode: string, unitName: string, unitKind: string, people: Array<{ username: string; name: string; roles: string[] }>): Promise<void> {
  await api(host, 'setup:init', { unitCode, unitName, unitKind: unitKind as 'ops', adminUsername: ADMIN.username, adminName: ADMIN.name, adminPassword: ADMIN.password });
  await api(host, 'auth:login', { username: ADMIN.username, password: ADMIN.password });
  if (unitKind === 'business') await api(host, 'directory:saveSystem', { code: 'CORE', name: '核心业务系统', class: '生产业务系统', ownerUnit: unitCode });
  for (const p of people) await api(host, 'directory:saveUser', { ...p, unitCode, roles: p.roles as ['applicant'], password: PASSWORD });
}

async function trust(from: Host, to: Host, work: string): Promise<void> {
  await api(from, 'auth:login', { username: ADMIN.username, password: ADMIN.password });
  const key = (await api(from, 'exchange:ownKey', {})) as { unit: string; fingerprint: string; keyFileText: string };
  const file = join(work, `${key.unit}.cdkey`);
  writeFileSync(file, key.keyFileText);
  await api(to, 'auth:login', { username: ADMIN.username, password: ADMIN.password });
  await api(to, 'exchange:addPeer', { path: file, confirmFingerprint: key.fingerprint });
}

/** A bundle from one terminal imported into another by script (scene-setting only). */
async function sendByScript(from: Host, to: Host, toUnit: string, file: string): Promise<void> {
  await api(from, 'auth:login', { username: ADMIN.username, password: ADMIN.password });
  await api(from, 'exchange:export', { to: toUnit, path: file });
  await api(to, 'auth:login', { username: ADMIN.username, password: ADMIN.password });
  await api(to, 'exchange:import', { paths: [file] });
}

async function as(page: Page, host: Host, username: string, password = PASSWORD): Promise<void> {
  await openApp(page, host);
  if (await page.getByTestId('user-bar').isVisible()) {
    await page.getByRole('button', { name: '退出登录' }).click();
  }
  await logIn(page, username, password);
}

async function exchangePage(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByText('交换', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '交换', level: 3 })).toBeVisible();
}

async function openFormById(page: Page, host: Host, formId: string): Promise<void> {
  await page.goto(`${host.origin}/#/changes/${formId}`);
  await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
  await expect(page.getByTestId('form-title')).toBeVisible();
}

test('a conflict between two terminals: shown on both, chosen by the right person, the choice travels; then the archive', async ({ page, host }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-1366x768.png`) });
  const work = mkdtempSync(join(tmpdir(), 'changedesk-conflict-'));
  const ops = await startHostProcess(mkdtempSync(join(tmpdir(), 'changedesk-e2e-ops-')));
  const zhk = await startHostProcess(mkdtempSync(join(tmpdir(), 'changedesk-e2e-zhk-')));
  try {
    const ywb = host;
    await terminal(ywb, 'YWB', '个人金融部', 'business', [
      { username: 'zhangsan', name: '张三', roles: ['applicant'] },
      { username: 'lisi', name: '李四', roles: ['dept_head'] },
    ]);
    await terminal(ops, 'OPS', '科技信息部·运行维护中心', 'ops', [
      { username: 'wangwu', name: '王五', roles: ['ops_coordinator'] },
      { username: 'zhaoliu', name: '赵六', roles: ['ops_head'] },
    ]);
    await trust(ywb, ops, work);
    await trust(ops, ywb, work);

    // The form reaches 待受理评估 on both terminals.
    await api(ywb, 'auth:login', { username: 'zhangsan', password: PASSWORD });
    const created = (await api(ywb, 'change:create', { ...APPLICATION, systems: [...APPLICATION.systems] })) as { state: { formId: string; formNo: string } };
    const { formId, formNo } = created.state;
    await api(ywb, 'change:submit', { formId });
    await api(ywb, 'auth:login', { username: 'lisi', password: PASSWORD });
    await api(ywb, 'change:deptApprove', { formId, opinion: '同意' });
    await sendByScript(ywb, ops, 'OPS', join(work, 'ywb-1.cdbundle'));

    // Apart: the 受理人 assesses on the ops terminal, the applicant withdraws on the department's.
    await api(ops, 'auth:login', { username: 'wangwu', password: PASSWORD });
    await api(ops, 'change:saveAssessment', { formId, ...ASSESSMENT, infraChanges: [] });
    await api(ops, 'change:submitAssessment', { formId });
    await api(ywb, 'auth:login', { username: 'zhangsan', password: PASSWORD });
    await api(ywb, 'change:withdraw', { formId, reason: '需求已取消' });

    // The ops terminal exports to the department on its screen: the browser downloads the bundle.
    await as(page, ops, ADMIN.username, ADMIN.password);
    await exchangePage(page);
    await shot('exchange-idle');
    await page.getByRole('form', { name: '导出数据包' }).locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'YWB' }).click();
    const downloading = page.waitForEvent('download');
    await button(page, '导出').click();
    const download = await downloading;
    const opsBundle = join(work, 'ops-to-ywb.cdbundle');
    await download.saveAs(opsBundle);
    await expect(page.getByTestId('export-result')).toContainText('已开始下载');
    await expect(page.getByTestId('job-phase')).toContainText('完成');

    // The department's administrator drops it on the 交换 page: uploaded, checked, imported, one conflict.
    await as(page, ywb, ADMIN.username, ADMIN.password);
    await exchangePage(page);
    await page.getByRole('tabpanel').getByTestId('bundle-drop').locator('input[type="file"]').setInputFiles(opsBundle);
    await expect(page.getByTestId('import-result')).toContainText('发现 1 处冲突');
    await expect(page.getByTestId('job-phase')).toContainText('完成');
    await shot('exchange-import-result');
    await page.getByRole('tab', { name: /冲突/ }).click();
    await expect(page.getByTestId('conflicts')).toContainText(formNo);
    await expect(page.getByTestId('conflicts')).toContainText('待受理评估');
    await shot('exchange-conflicts');

    // The applicant sees both ways on the form, but may not choose: the step was the 受理人's (§10).
    await as(page, ywb, 'zhangsan');
    await openFormById(page, ywb, formId);
    const panel = page.getByTestId('conflict-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('conflict-branch')).toHaveCount(2);
    await expect(panel).toContainText('已撤回');
    await expect(panel).toContainText('待评估审批');
    await expect(button(panel, '以此为准').first()).toBeDisabled();
    await shot('conflict-form-applicant');

    // The withdrawal reaches the ops terminal; the 受理人 chooses the assessment there.
    await sendByScript(ywb, ops, 'OPS', join(work, 'ywb-2.cdbundle'));
    await as(page, ops, 'wangwu');
    await openFormById(page, ops, formId);
    const opsPanel = page.getByTestId('conflict-panel');
    await expect(opsPanel.getByTestId('conflict-branch')).toHaveCount(2);
    await shot('conflict-form');
    const assessment = opsPanel.getByTestId('conflict-branch').filter({ hasText: '待评估审批' });
    await expect(button(assessment, '以此为准')).toBeEnabled();
    await button(assessment, '以此为准').click();
    await expect(page.getByTestId('conflict-panel')).toBeHidden();
    await expect(page.locator('.change-page .ant-tag').first()).toHaveText('待评估审批');
    await expect(page.getByTestId('timeline')).toContainText('已被取代');
    await expect(page.getByTestId('timeline')).toContainText('选定冲突中的一方');
    await shot('conflict-resolved');

    // The choice travels back: the department's form becomes the same.
    await sendByScript(ops, ywb, 'YWB', join(work, 'ops-2.cdbundle'));
    await as(page, ywb, 'zhangsan');
    await openFormById(page, ywb, formId);
    await expect(page.locator('.change-page .ant-tag').first()).toHaveText('待评估审批');
    await expect(page.getByTestId('conflict-panel')).toBeHidden();
    await expect(page.getByTestId('timeline')).toContainText('已被取代');

    // IT综合科 drops both terminals' full bundles into its archive at once.
    await terminal(zhk, 'ZHK', 'IT综合科', 'archive', [{ username: 'zhengshi', name: '郑十', roles: ['archivist'] }]);
    await trust(ywb, zhk, work);
    await trust(ops, zhk, work);
    const fulls = [];
    for (const [h, unit] of [[ywb, 'YWB'], [ops, 'OPS']] as const) {
      await api(h, 'auth:login', { username: ADMIN.username, password: ADMIN.password });
      const file = join(work, `${unit}-full.cdbundle`);
      await api(h, 'exchange:export', { full: true, path: file });
      fulls.push(file);
    }
    await as(page, zhk, 'zhengshi');
    await exchangePage(page);
    await page.getByRole('tab', { name: '归档' }).click();
    await page.getByRole('tabpanel').getByTestId('bundle-drop').locator('input[type="file"]').setInputFiles(fulls);
    await expect(page.getByTestId('archive-result')).toHaveCount(2);
    await expect(page.getByTestId('archive-result').first()).toContainText('已全部导入');
    const units = page.getByTestId('archive-units');
    await expect(units).toContainText('个人金融部');
    await expect(units).toContainText('运行维护中心');
    await shot('archive-catalogue');
    // Drill-down: the forms not yet archived of the department, to the form itself.
    await units.getByRole('row').filter({ hasText: 'YWB' }).getByRole('button', { name: /1 张/ }).last().click();
    await expect(page.getByRole('dialog')).toContainText(formNo);
    await page.locator('.ant-zoom-appear, .ant-zoom-enter').waitFor({ state: 'detached' });
    await shot('archive-drilldown');
    await page.getByRole('dialog').getByRole('button', { name: formNo }).click();
    await expect(page.getByTestId('form-title')).toContainText(formNo);
    await expect(page.locator('.change-page .ant-tag').first()).toHaveText('待评估审批');
    await exchangePage(page);
    await page.getByRole('tab', { name: '归档' }).click();
    await button(page, '开始核验').click();
    await expect(page.getByTestId('archive-verify-result')).toContainText('事件链完整');
    await page.getByTestId('archive-verify-result').scrollIntoViewIfNeeded();
    await shot('archive-verify');

    // A 受理人 of the ops terminal has no archive tab: the service refuses its calls to him.
    await as(page, ops, 'wangwu');
    await exchangePage(page);
    await expect(page.getByRole('tab', { name: '导出与导入' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '归档' })).toHaveCount(0);
    // Nor has its administrator: the archive is IT综合科's (§27), not every terminal's.
    await as(page, ops, ADMIN.username, ADMIN.password);
    await exchangePage(page);
    await expect(page.getByRole('tab', { name: '交换单位与密钥' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '归档' })).toHaveCount(0);
    await shot('exchange-ops-admin-no-archive');
  } finally {
    await stopHost(ops);
    await stopHost(zhk);
    rmSync(ops.dataDir, { recursive: true, force: true });
    rmSync(zhk.dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
});
