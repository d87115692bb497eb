import { expect, type Locator, type Page } from '@playwright/test';
import { as, button, chooseSelect, fillText, typeDate } from './change-steps';
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
  // A click during the opening animation can be lost (a busy machine draws it slowly).
  await expect(dialog).not.toHaveClass(/ant-zoom-(appear|enter)/);
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
  await page.getByRole('main').getByRole('link', { name: formNo, exact: true }).click();
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

/** §30(9)–(13), §34(6): the coordinator watches the next business day and reports a problem; the project manager records its handling from 待办. */
export async function trialWithProblem(page: Page, host: Host, section: '上线' | '发布', formNo: string, t: { observation: string; problem: string; fix: string }): Promise<void> {
  await as(page, host, P.coord.username);
  await openProject(page, section, formNo);
  await ok(await act(page, '登记试运行观察', async (d) => {
    await chooseSelect(d, '关键日期', '下一营业日');
    await typeDate(d, '观察日期', '2026-11-30');
    await fillText(d, '运行情况', t.observation);
    await radio(d, '运行是否正常', '是');
  }));
  await ok(await act(page, '登记试运行问题', (d) => fillText(d, '问题描述', t.problem)));
  await as(page, host, P.pm.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '登记问题处理', async (d) => {
    await radio(d, '问题', `p1 ${t.problem}`);
    await fillText(d, '处理情况', t.fix);
  }));
  await expect(page.getByRole('main')).toContainText(`已处理：${t.fix}`);
  await page.getByText('试运行记录').scrollIntoViewIfNeeded();
}

/** §31(1), §35(1): before three months of trial run the request is disabled, the tooltip citing the article. */
export async function acceptanceRefused(page: Page, host: Host, section: '上线' | '发布', formNo: string, article: string): Promise<void> {
  await as(page, host, P.pm.username);
  await openProject(page, section, formNo);
  const request = button(page.getByTestId('project-actions'), '提交正式验收申请报告');
  await expect(request).toBeDisabled();
  await request.hover({ force: true });
  await expect(page.getByRole('tooltip')).toContainText(`违反${article}：试运行须满3个月方可提交正式验收申请报告（试运行自 2026-11-28 开始，最早 2027-02-28）`);
}

/** The project manager's 验收申请报告, then 科技信息部's acceptance from 待办: 正式运行 (§31, §35). */
export async function requestAndAccept(page: Page, host: Host, formNo: string, documents: string): Promise<void> {
  await ok(await act(page, '提交正式验收申请报告', async (d) => {
    await fillText(d, '试运行情况总结', '试运行三个月运行平稳');
    await fillText(d, '项目资料清单', documents);
  }));
  await expect(state(page)).toHaveText('待正式验收');
  await as(page, host, P.it.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '科技信息部验收', async (d) => {
    await radio(d, '验收是否合格', '是');
    await fillText(d, '验收意见', '验收合格，转正式运行');
    await typeDate(d, '验收日期', '2027-03-01');
  }));
  await expect(state(page)).toHaveText('正式运行');
  await page.getByTestId('project-acceptance').scrollIntoViewIfNeeded();
}

/** What differs between a go-live (§28–§30) and a release (§32–§34) in the steps both take. */
const SECTION = {
  上线: { apply: '新建上线申请', content: '上线内容', report: '《用户测试验收报告》', plan: '实施计划', start: '准备完成，开始实施' },
  发布: { apply: '新建发布申请', content: '发布内容', report: '《系统测试验收报告》', plan: '发布计划', start: '准备完成，开始发布' },
} as const;
export type Section = keyof typeof SECTION;

/** §28(1)/§32: the project manager applies; the new form's number, in 草稿. Refused for submission until the report is signed. */
export async function applyFor(page: Page, host: Host, section: Section, a: { title: string; content: string; progress: string }, shot?: () => Promise<unknown>): Promise<string> {
  const s = SECTION[section];
  await as(page, host, P.pm.username);
  await page.getByRole('navigation', { name: '主导航' }).getByText(section, { exact: true }).click();
  await button(page, s.apply).click();
  const apply = page.getByRole('dialog');
  await fillText(apply, '项目名称', a.title);
  await item(apply, '涉及系统').locator('input').fill('EBANK');
  await item(apply, '涉及系统').locator('input').press('Enter');
  await fillText(apply, '相关业务部门', 'RETAIL');
  await fillText(apply, s.content, a.content);
  await fillText(apply, '开发和测试完成情况', a.progress);
  await shot?.();
  await ok(apply);
  await expect(state(page)).toHaveText('草稿');
  // Without the signed test report the submission is refused (§28(1), §32): the button says so.
  await expect(button(page.getByTestId('project-actions'), '提交项目管理科审核')).toBeDisabled();
  return ((await page.getByRole('heading', { level: 3 }).textContent()) ?? '').split(/\s/)[0]!.trim();
}

/**
 * The business head signs the test report from 待办; the project manager submits; 项目管理科,
 * then 安全科 and 科技信息部负责人 agree (§28, §32). Ends in 上线准备/发布准备.
 */
export async function signAndReview(page: Page, host: Host, section: Section, formNo: string, report: { name: string; conclusion: string }): Promise<void> {
  await as(page, host, P.biz.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '业务部门负责人签署测试验收报告', async (d) => {
    await fillText(d, `${SECTION[section].report}名称`, report.name);
    await fillText(d, '验收结论', report.conclusion);
    await radio(d, '验收是否通过', '是');
  }));
  await as(page, host, P.pm.username);
  await openProject(page, section, formNo);
  await expect(page.getByRole('main')).toContainText(`${report.name}：${report.conclusion}`);
  await ok(await act(page, '提交项目管理科审核'));
  await expect(state(page)).toHaveText('待项目管理科审核');
  for (const [who, label] of [[P.pmo, '项目管理科审核'], [P.sec, '安全科审核'], [P.it, '科技信息部负责人审核']] as const) {
    await as(page, host, who.username);
    await openFromInbox(page, formNo);
    await ok(await act(page, label, async (d) => {
      await radio(d, '是否同意', '是');
      await fillText(d, `${label}意见`, '同意');
    }));
  }
  await expect(state(page)).toHaveText(`${section}准备`);
}

export interface PlanData {
  backup: string;
  /** §29(1)2 上线环境的搭建: a go-live's plan only (a release's has no such part, §33(1)). */
  environment?: string;
  people: string;
  rollback: string;
  problems: string;
  steps: ReadonlyArray<readonly [string, string, string, string]>;
  approval: string;
  /** The 业务管理办法和操作细则 delivered (§29(2), §33(2)); the 维护手册和操作手册 go with them (§29(3), §33(3)). */
  rules: string;
}

/**
 * 上线准备 (§29) / 发布准备 (§33): the project manager saves the plan with a 责任人 per step and
 * submits it; the department head (科技信息部负责人) approves it from 待办; the project manager
 * records the documents delivered and the training held. The project manager's form stays open.
 */
export async function preparePlan(page: Page, host: Host, section: Section, formNo: string, plan: PlanData): Promise<void> {
  const noun = SECTION[section].plan;
  await as(page, host, P.pm.username);
  await openProject(page, section, formNo);
  await ok(await act(page, `保存${noun}`, async (d) => {
    await fillText(d, '备份方案', plan.backup);
    if (plan.environment) await fillText(d, '上线环境的搭建', plan.environment);
    else await expect(item(d, '上线环境的搭建')).toHaveCount(0);
    await fillText(d, '人员组织', plan.people);
    await fillText(d, '回退计划', plan.rollback);
    await fillText(d, '可能出现的问题及解决方案', plan.problems);
    await planSteps(d, plan.steps);
  }));
  await expect(page.getByTestId('project-plan')).toContainText(plan.steps.at(-1)![1]);
  await ok(await act(page, '提交部门负责人审批'));
  await as(page, host, P.it.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, `审批${noun}`, async (d) => {
    await radio(d, '是否批准', '是');
    await fillText(d, '审批意见', plan.approval);
  }));
  await as(page, host, P.pm.username);
  await openFromInbox(page, formNo);
  for (const [what, docs, to] of [['业务管理办法和操作细则', plan.rules, '柜员'], ['维护手册和操作手册', '维护与操作手册', '值班人员']] as const) {
    await ok(await act(page, '登记文档交付和培训', async (d) => {
      await radio(d, '交付内容', what);
      await fillText(d, '交付文档', docs);
      await fillText(d, '接收人员', to);
      await typeDate(d, '培训日期', '2026-11-27');
    }));
  }
}

/** The coordinator ends the preparation from 待办: 上线实施 / 发布实施. */
export async function startRollout(page: Page, host: Host, section: Section, formNo: string): Promise<void> {
  await as(page, host, P.coord.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, SECTION[section].start));
  await expect(state(page)).toHaveText(`${section}实施`);
}

/**
 * §30/§34: each checklist line ticked by its 责任人 from their 待办 — only their own line is
 * offered — with what else that person records after it (`after`).
 */
export async function tickChecklist(page: Page, host: Host, formNo: string, lines: ReadonlyArray<readonly [{ username: string }, string]>, after?: (who: { username: string }) => Promise<void>): Promise<void> {
  for (const [who, line] of lines) {
    await as(page, host, who.username);
    await openFromInbox(page, formNo);
    await ok(await act(page, '登记检查项完成', async (d) => {
      await expect(item(d, '检查项').getByRole('radio')).toHaveCount(1);
      await item(d, '检查项').getByRole('radio', { name: new RegExp(`^${line}`) }).check();
      await typeDate(d, '完成时间', '2026-11-28 22:00');
    }));
    await after?.(who);
  }
}

/** Prints one of the form's documents from its page and checks the preview's title and drawing. */
export async function printPreview(page: Page, button: string, title: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-drawing', 'false', { timeout: 30_000 });
  await expect(page.getByRole('dialog')).toContainText(title);
}
