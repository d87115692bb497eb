import { expect, type Locator, type Page } from '@playwright/test';
import { button } from './change-steps';
import type { Host } from './host-fixture';
import { api, PASSWORD } from './seed';
import { ADMIN } from './ui-steps';

// People and steps of the go-live and access e2e tests (issue 8).

export const P = {
  pm: { username: 'yangfan', name: '杨帆', unitCode: 'DEV', roles: ['project_manager'] },
  biz: { username: 'lisi', name: '李四', unitCode: 'RETAIL', roles: ['dept_head'] },
  pmo: { username: 'xuli', name: '许丽', unitCode: 'PMO', roles: ['pmo_reviewer'] },
  sec: { username: 'qinan', name: '秦安', unitCode: 'SEC', roles: ['security_reviewer'] },
  it: { username: 'hezong', name: '何总', unitCode: 'ITD', roles: ['it_head'] },
  coord: { username: 'wangwu', name: '王五', unitCode: 'OPS', roles: ['ops_coordinator'] },
  ver: { username: 'zhengxin', name: '郑欣', unitCode: 'OPS', roles: ['prod_version_admin'] },
  net: { username: 'qianjin', name: '钱进', unitCode: 'OPS', roles: ['netadmin'] },
  dev: { username: 'hanmei', name: '韩梅', unitCode: 'DEV', roles: ['developer'] },
  sys: { username: 'sunhao', name: '孙浩', unitCode: 'OPS', roles: ['sysadmin'] },
  opsHead: { username: 'zhaoliu', name: '赵六', unitCode: 'OPS', roles: ['ops_head'] },
} as const;

export async function seed(host: Host): Promise<Record<string, string>> {
  await api(host, 'setup:init', { unitCode: 'OPS', unitName: '科技信息部·运行维护中心', unitKind: 'ops', adminUsername: ADMIN.username, adminName: ADMIN.name, adminPassword: ADMIN.password });
  await api(host, 'auth:login', { username: ADMIN.username, password: ADMIN.password });
  for (const u of [
    { code: 'DEV', name: '科技信息部·软件开发中心', kind: 'dev' },
    { code: 'RETAIL', name: '零售业务部', kind: 'business' },
    { code: 'PMO', name: '科技信息部·项目管理科', kind: 'pmo' },
    { code: 'SEC', name: '科技信息部·安全科', kind: 'security' },
    { code: 'ITD', name: '科技信息部', kind: 'it_dept' },
  ] as const)
    await api(host, 'directory:saveUnit', u);
  await api(host, 'directory:saveSystem', { code: 'EBANK', name: '网上银行系统', class: '生产业务系统', ownerUnit: 'OPS' });
  const ids: Record<string, string> = {};
  for (const [k, p] of Object.entries(P)) ids[k] = ((await api(host, 'directory:saveUser', { ...p, roles: [...p.roles], password: PASSWORD })) as { id: string }).id;
  await api(host, 'auth:logout', {});
  return ids;
}

export async function act(page: Page, label: string, fill?: (d: Locator) => Promise<void>): Promise<Locator> {
  await button(page.getByTestId('project-actions'), label).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  if (fill) await fill(dialog);
  return dialog;
}
export async function ok(dialog: Locator): Promise<void> {
  await button(dialog, '确定').click();
  await expect(dialog).toBeHidden();
}
export function item(scope: Locator, label: string): Locator {
  return scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label[title="${label}"]`) });
}
/** Checks a radio of a dialog's field, again if the dialog's opening animation swallowed the click. */
export async function radio(scope: Locator, label: string, option: string): Promise<void> {
  const r = item(scope, label).getByRole('radio', { name: option, exact: true });
  await expect(async () => {
    await r.check({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/** Picks an option of an antd Select by the start of its text. */
export async function pick(select: Locator, text: string): Promise<void> {
  await select.click();
  await select.page().locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}
export async function openFromInbox(page: Page, formNo: string): Promise<void> {
  await page.getByTestId('project-inbox').getByRole('link', { name: formNo }).first().click();
  await expect(page.getByRole('heading', { level: 3 })).toContainText(formNo);
}
export const state = (page: Page) => page.getByTestId('project-state');
/** Opens a form from its section's list: 上线 or 发布. */
export async function openProject(page: Page, section: '上线' | '发布', formNo: string): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByText(section, { exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: formNo }).click();
  await expect(page.getByRole('heading', { level: 3 })).toContainText(formNo);
}
/** The plan's steps in its dialog: [检查项, 工作内容, 责任人, 计划时间] each. */
export async function planSteps(d: Locator, steps: ReadonlyArray<readonly [string, string, string, string]>): Promise<void> {
  for (const [i, [check, task, who, at]] of steps.entries()) {
    await button(d, '增加一步').click();
    const step = d.getByTestId('plan-step').nth(i);
    await pick(step.getByLabel('检查项'), check);
    await step.getByLabel('工作内容').fill(task);
    // Only the people holding the step's role are offered as its 责任人 (§30, §34).
    await pick(step.getByLabel('责任人'), who);
    const when = step.getByLabel('计划时间');
    await when.click();
    await when.fill(at);
    await when.press('Enter');
    await when.blur();
  }
}
