import { act, as, chooseRadio, confirm, expectState, fillText, openForm, typeDate } from './change-steps';
import { acceptance, applyForChange, approve, assess, plan } from './change-flow';
import { expect, test } from './host-fixture';
import { PEOPLE, seedDirectory } from './seed';
import { openApp } from './ui-steps';

test.setTimeout(240_000);
test.use({ actionTimeout: 15_000 });

test('a normal change from application to archive, each step by its own role', async ({ page, host }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-1366x768.png`) });
  await seedDirectory(host);
  await openApp(page, host);

  // 申请人 fills part 一 and submits it (§8–§9).
  await as(page, host, PEOPLE.applicant.username);
  const formNo = await applyForChange(page, '个人存款利率参数调整');
  await shot('change-submitted');
  // Their own form: the approval button is disabled and says why, with the article.
  await expect(page.getByTestId('action-bar').getByRole('button', { name: '部门负责人审批' })).toBeDisabled();
  await expect(page.getByTestId('action-bar').getByLabel(/^部门负责人审批：/)).toHaveAttribute('aria-label', /第9条/);

  // 部门负责人 finds it in 待办 and approves (§9).
  await as(page, host, PEOPLE.deptHead.username);
  await expect(page.getByRole('link', { name: formNo })).toBeVisible();
  await shot('inbox-dept-head');
  await page.getByRole('link', { name: formNo }).click();
  await approve(page, '部门负责人审批', '同意提交运行维护中心评估。');
  await expectState(page, '待受理评估');

  // 受理人 assesses (part 二, §10–§13).
  await as(page, host, PEOPLE.coordinator.username);
  await openForm(page, formNo);
  await assess(page, '建议实施');
  await shot('change-assessed');

  // 运行维护中心负责人 approves the assessment (§13).
  await as(page, host, PEOPLE.opsHead.username);
  await openForm(page, formNo);
  await approve(page, '评估审批', '同意实施。');
  await expectState(page, '计划与测试');

  // 受理人 plans a Saturday night go-live (§17(2)); tests, review and user test follow (§15, §16, §18).
  await as(page, host, PEOPLE.coordinator.username);
  await openForm(page, formNo);
  await plan(page, '2026-12-05 22:00', '2026-12-05 23:30');
  await acceptance(page, host, formNo);

  // 受理人 submits the plan; 运行维护中心负责人 approves and schedules it (§21).
  await as(page, host, PEOPLE.coordinator.username);
  await openForm(page, formNo);
  await confirm(await act(page, '提交实施审批'));
  await expectState(page, '待实施审批');
  await as(page, host, PEOPLE.opsHead.username);
  await openForm(page, formNo);
  await shot('change-impl-approval');
  await approve(page, '实施审批', '同意按计划实施。', '审阅意见');
  await expectState(page, '已排期');

  // 受理人 (also 系统管理员) records the result and the evaluation (§26).
  await as(page, host, PEOPLE.coordinator.username);
  await openForm(page, formNo);
  await confirm(
    await act(page, '登记实施结果', async (d) => {
      await chooseRadio(d, '实施结果', '成功');
      await typeDate(d, '实际开始时间', '2026-12-05 22:00');
      await typeDate(d, '实际结束时间', '2026-12-05 23:10');
    }),
  );
  await expectState(page, '实施成功');
  await confirm(
    await act(page, '登记实施效果评估', async (d) => {
      await chooseRadio(d, '是否达到预期目标', '是');
      await chooseRadio(d, '是否存在负面影响', '否');
    }),
  );
  await expectState(page, '待申请部门确认');

  // 部门负责人 confirms (§18); 科技信息部负责人 reviews and IT综合科 archives (§27).
  await as(page, host, PEOPLE.deptHead.username);
  await openForm(page, formNo);
  await confirm(await act(page, '申请部门负责人确认'));
  await expectState(page, '待归档');
  await as(page, host, PEOPLE.itHead.username);
  await openForm(page, formNo);
  await confirm(await act(page, '科技信息部负责人审阅'));
  await as(page, host, PEOPLE.archivist.username);
  await openForm(page, formNo);
  await confirm(await act(page, '归档', (d) => fillText(d, '归档位置', '档案柜 A-3')));
  await expectState(page, '已归档');

  // The timeline holds every step, with who did it in which role.
  const timeline = page.getByTestId('timeline');
  for (const who of ['张三（申请人）', '李四（部门负责人）', '王五（受理人）', '赵六（运行维护中心负责人）', '孙七（测试人员）', '周八（信息安全审阅人）', '郑十（归档管理员）']) {
    await expect(timeline).toContainText(who);
  }
  await page.getByRole('tab', { name: '审批记录' }).click();
  await shot('change-archived');
  await page.getByRole('navigation', { name: '主导航' }).getByText('变更', { exact: true }).click();
  await expect(page.getByRole('link', { name: formNo })).toBeVisible();
  await shot('change-list');
});
