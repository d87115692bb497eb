import { as, expectState, openForm } from './change-steps';
import { applyForChange, approve, assess } from './change-flow';
import { expect, test } from './host-fixture';
import { PEOPLE, seedDirectory } from './seed';
import { openApp } from './ui-steps';

test.setTimeout(180_000);
test.use({ actionTimeout: 15_000 });

test('§13(1): 不建议实施 ends the form and the applicant reads the reason', async ({ page, host }, testInfo) => {
  await seedDirectory(host);
  await openApp(page, host);
  await as(page, host, PEOPLE.applicant.username);
  const formNo = await applyForChange(page, '柜面利率手工调整功能');

  await as(page, host, PEOPLE.deptHead.username);
  await openForm(page, formNo);
  // Part 一 as read by the approver: 涉及系统 by its name in the register, not its code.
  const systems = page.locator('.ant-descriptions-row').filter({ hasText: '涉及系统' });
  await expect(systems).toContainText('核心业务系统');
  await expect(systems).not.toContainText('CORE');
  await approve(page, '部门负责人审批', '同意。');

  await as(page, host, PEOPLE.coordinator.username);
  await openForm(page, formNo);
  await assess(page, '不建议实施');

  // 运行维护中心负责人 approves the conclusion: the form ends (§13(1)).
  await as(page, host, PEOPLE.opsHead.username);
  await openForm(page, formNo);
  await approve(page, '评估审批', '同意评估结论，不予实施。');
  await expectState(page, '不建议实施');

  // The applicant sees the closure with the reason; no verb is left to do.
  await as(page, host, PEOPLE.applicant.username);
  await openForm(page, formNo);
  await expectState(page, '不建议实施');
  await expect(page.locator('.change-page .ant-alert')).toContainText('现行利率参数已可通过柜面授权调整');
  await page.getByRole('tab', { name: '二、需求评估' }).click();
  await expect(page.getByText('不建议实施', { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('change-not-recommended-1366x768.png') });
});

test('an incomplete part 一 is refused next to its fields and by the service in words', async ({ page, host }, testInfo) => {
  await seedDirectory(host);
  await openApp(page, host);
  await as(page, host, PEOPLE.applicant.username);
  await page.getByRole('navigation', { name: '主导航' }).getByText('变更', { exact: true }).click();
  await page.getByRole('button', { name: /新建变更申请/ }).click();
  const form = page.getByRole('form', { name: '申请信息' });
  // Too long for the schema: the zod message shows next to the field.
  await form.locator('.ant-form-item').filter({ hasText: '变更名称' }).locator('input').fill('长'.repeat(201));
  await page.getByRole('button', { name: /保\s?存\s?草\s?稿/ }).click();
  await expect(form.getByText('变更名称不超过200字')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('part1-field-error-1366x768.png') });
  // Fixed, saved as a draft; submitting the incomplete draft is refused citing the article.
  await form.locator('.ant-form-item').filter({ hasText: '变更名称' }).locator('input').fill('草稿：新增理财产品参数');
  await page.getByRole('button', { name: /保\s?存\s?草\s?稿/ }).click();
  await expect(page.getByTestId('form-title')).toContainText('草稿：新增理财产品参数');
  await expectState(page, '草稿');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByTestId('submit-part1').click();
  await expect(page.getByTestId('part1-error')).toContainText('第8条');
  await page.screenshot({ path: testInfo.outputPath('part1-submit-refused-1366x768.png') });
});
