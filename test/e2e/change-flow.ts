import { expect, type Page } from '@playwright/test';
import type { Host } from './host-fixture';
import { act, as, button, chooseRadio, chooseSelect, confirm, expectState, fillText, item, openForm, typeDate } from './change-steps';
import { PEOPLE } from './seed';

// The steps of a change form as its people do them on the screens, shared by the e2e tests.

/** 申请人: part 一 in three steps, then 提交部门审批; returns the form number. */
export async function applyForChange(page: Page, title: string, urgency: '一般' | '紧急' | '特急' = '一般', submit = true): Promise<string> {
  await page.getByRole('navigation', { name: '主导航' }).getByText('变更', { exact: true }).click();
  await button(page, '新建变更申请').click();
  const form = page.getByRole('form', { name: '申请信息' });
  await fillText(form, '变更名称', title);
  await fillText(form, '联系方式', '分机 8021');
  const systems = item(form, '涉及系统').locator('.ant-select');
  await systems.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '核心业务系统' }).click();
  await page.keyboard.press('Escape');
  await chooseSelect(form, '变更类型', '业务参数修改');
  await chooseRadio(form, '变更来源', '业务发展');
  await button(page, '下一步').click();
  await fillText(form, '变更内容和目的', '调整个人存款利率参数，配合人民银行利率调整。');
  await chooseRadio(form, '是否存在其他措施满足需求', '否');
  await button(page, '下一步').click();
  for (const dim of ['客户', '合规', '外部利益相关方', '内部管理和操作', '安全控制', '系统可用性', '数据准确性']) {
    await fillText(form, `不实施对${dim}的影响`, `对${dim}有影响`);
  }
  await chooseRadio(form, '急迫性', urgency);
  if (!submit) {
    await button(page, '保存草稿').click();
  } else {
    await button(page, '提交部门审批').click();
  }
  await expect(page.getByTestId('form-title')).toContainText(title);
  if (submit) await expectState(page, '待部门审批');
  return ((await page.getByTestId('form-title').textContent()) ?? '').split(' ')[0]!;
}

/** An approval dialog: 意见 and 同意 (the opinion field is 审批意见 or 审阅意见 by step). */
export async function approve(page: Page, label: string, opinion: string, opinionLabel = '审批意见'): Promise<void> {
  await confirm(await act(page, label, (d) => fillText(d, opinionLabel, opinion), '同意'), '同意');
}

/** 受理人: part 二 with the given conclusion, saved, then 提交评估审批. */
export async function assess(page: Page, conclusion: '建议实施' | '不建议实施'): Promise<void> {
  await fillAssessment(page, conclusion);
  await confirm(await act(page, '提交评估审批'));
  await expectState(page, '待评估审批');
}

/** 受理人: part 二 filled and saved (also the emergency 补单, §23). */
export async function fillAssessment(page: Page, conclusion: '建议实施' | '不建议实施'): Promise<void> {
  await page.getByRole('tab', { name: '二、需求评估' }).click();
  const form = page.locator('.change-main form');
  await chooseRadio(form, '现有功能/设置能否满足', '否');
  await fillText(form, '其他操作手段', '无');
  await chooseRadio(form, '是否需要IT开发', '否');
  await chooseRadio(form, '后台数据变更', '否');
  await fillText(form, '信息安全控制考虑因素', '参数修改须双人复核。');
  await chooseRadio(form, '可能的业务中断或服务水平下降', '否');
  await chooseRadio(form, '风险等级', '低');
  await chooseRadio(form, '涉及软件开发', '否');
  await chooseRadio(form, '新项目或新业务功能', '否');
  await chooseRadio(form, '评估结论', conclusion);
  if (conclusion === '建议实施') {
    await typeDate(form, '建议变更日期', '2026-12-05');
    await fillText(form, '对客户服务和内部操作的影响', '周末夜间实施，对客户服务无影响。');
  } else {
    await fillText(form, '不建议实施的理由', '现行利率参数已可通过柜面授权调整，无需变更系统。');
  }
  await button(page, '保存').click();
  await expect(page.getByText('已保存').first()).toBeVisible();
}

/** 受理人: part 三's plan with the go-live window, saved. */
export async function plan(page: Page, start: string, end: string): Promise<void> {
  await page.getByRole('tab', { name: '三、计划与测试' }).click();
  const form = page.locator('.change-main form');
  await fillText(form, '变更计划与步骤', '1. 备份参数表；2. 导入新参数；3. 复核。');
  await fillText(form, '回退计划与步骤', '恢复备份的参数表。');
  await fillText(form, '意外应急措施', '联系厂商值班工程师。');
  await typeDate(form, '计划上线开始时间', start);
  await typeDate(form, '计划上线结束时间', end);
  await button(page, '保存').click();
  await expect(page.getByText('已保存').first()).toBeVisible();
}

/** From application to 计划与测试: 申请人 applies, 部门负责人 approves, 受理人 assesses, 运行维护中心负责人 approves. */
export async function toPlanning(page: Page, host: Host, title: string): Promise<string> {
  await as(page, host, PEOPLE.applicant.username);
  const formNo = await applyForChange(page, title);
  await as(page, host, PEOPLE.deptHead.username);
  await openForm(page, formNo);
  await approve(page, '部门负责人审批', '同意提交运行维护中心评估。');
  await as(page, host, PEOPLE.coordinator.username);
  await openForm(page, formNo);
  await assess(page, '建议实施');
  await as(page, host, PEOPLE.opsHead.username);
  await openForm(page, formNo);
  await approve(page, '评估审批', '同意实施。');
  await expectState(page, '计划与测试');
  return formNo;
}

/** §15, §16, §18: 测试人员, 信息安全审阅人 and the applicant record their parts of part 三. */
export async function acceptance(page: Page, host: Host, formNo: string): Promise<void> {
  await as(page, host, PEOPLE.tester.username);
  await openForm(page, formNo);
  await confirm(
    await act(page, '登记IT测试结果', async (d) => {
      await fillText(d, 'IT测试步骤', '在测试环境导入新参数并计息。');
      await fillText(d, 'IT测试结果', '计息结果与预期一致。');
      await chooseRadio(d, 'IT测试是否通过', '是');
    }),
  );
  await as(page, host, PEOPLE.security.username);
  await openForm(page, formNo);
  await confirm(
    await act(page, '信息安全上线前审阅', async (d) => {
      await fillText(d, '上线前审阅意见', '参数修改有双人复核，同意上线。');
      await chooseRadio(d, '是否同意上线', '是');
    }),
  );
  await as(page, host, PEOPLE.applicant.username);
  await openForm(page, formNo);
  await confirm(
    await act(page, '用户测试确认', async (d) => {
      await fillText(d, '用户测试结果', '业务部门验证计息正确。');
      await chooseRadio(d, '用户测试是否确认通过', '是');
    }),
  );
}
