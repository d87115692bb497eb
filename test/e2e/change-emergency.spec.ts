import { act, as, button, chooseRadio, confirm, expectState, fillText, openForm, typeDate } from './change-steps';
import { applyForChange, fillAssessment, plan } from './change-flow';
import { expect, test } from './host-fixture';
import { PEOPLE, seedDirectory } from './seed';
import { openApp } from './ui-steps';

test.setTimeout(240_000);
test.use({ actionTimeout: 15_000 });

/** Beijing wall time `minutesAgo` before now, as typed into the pickers (the service refuses future times). */
function beijingAgo(minutesAgo: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 - minutesAgo * 60_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

test('the emergency path: request, authorisation, backup, implementation, 补单, 补测, joint log review', async ({ page, host }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-1366x768.png`) });
  await seedDirectory(host);
  await openApp(page, host);

  // 申请人 writes part 一 with 急迫性 特急 and saves it; 提交 is not the way for 特急 (§23).
  await as(page, host, PEOPLE.applicant.username);
  const formNo = await applyForChange(page, '核心系统批处理故障紧急修复', '特急', false);
  await expect(page.getByTestId('action-bar').getByRole('button', { name: '提交部门审批' })).toBeDisabled();

  // 部门负责人 asks for the emergency change (§23).
  await as(page, host, PEOPLE.deptHead.username);
  await openForm(page, formNo);
  await confirm(await act(page, '提出紧急变更', (d) => fillText(d, '紧急变更原因', '日终批处理中断，影响次日营业。')));
  await expectState(page, '待紧急授权');

  // 受理人 may record an oral or e-mail authorisation, but not one "in the system": refused in words (§23).
  await as(page, host, PEOPLE.coordinator.username);
  await openForm(page, formNo);
  const refused = await act(page, '紧急变更授权', async (d) => {
    await chooseRadio(d, '授权方式', '系统内');
    await typeDate(d, '授权时间', beijingAgo(30));
  });
  await button(refused, '确定').click();
  await expect(refused.getByTestId('refusal')).toContainText('系统内授权须由运行维护中心负责人本人办理（第23条）');
  await shot('emergency-authorisation-refused');
  await button(refused, '取消').click();

  // 运行维护中心负责人 authorises in the system (§23).
  await as(page, host, PEOPLE.opsHead.username);
  await openForm(page, formNo);
  await confirm(
    await act(page, '紧急变更授权', async (d) => {
      await chooseRadio(d, '授权方式', '系统内');
      await typeDate(d, '授权时间', beijingAgo(30));
    }),
  );
  await expectState(page, '待程序和数据备份');

  // 受理人 records the backup (§25) and the implementation, untested before (§24: 补测 later).
  await as(page, host, PEOPLE.coordinator.username);
  await openForm(page, formNo);
  await confirm(
    await act(page, '登记程序和数据备份', async (d) => {
      await fillText(d, '程序备份情况', '批处理程序已备份至 /backup/batch。');
      await fillText(d, '数据备份情况', '日终数据库已全量备份。');
      await typeDate(d, '备份时间', beijingAgo(20));
    }),
  );
  await confirm(
    await act(page, '登记紧急实施', async (d) => {
      await typeDate(d, '实施时间', beijingAgo(10));
      await chooseRadio(d, '实施前是否已测试', '否');
      await chooseRadio(d, '实施结果', '成功');
    }),
  );
  await expectState(page, '待补单补测');

  // 待办 shows the open 补单 and 补测 in 提醒 on top, with days open — once each.
  await page.getByRole('navigation', { name: '主导航' }).getByText('待办', { exact: true }).click();
  const reminders = page.getByTestId('reminders');
  await expect(reminders.getByText(`${formNo} 核心系统批处理故障紧急修复 待补单`)).toHaveCount(1);
  await expect(reminders.getByText(`${formNo} 核心系统批处理故障紧急修复 待补测`)).toHaveCount(1);
  await expect(reminders).toContainText('紧急变更实施后已');
  await shot('inbox-emergency-open');

  // 补单 (§23): 受理人 completes parts 二 and 三.
  await openForm(page, formNo);
  await fillAssessment(page, '建议实施');
  await plan(page, beijingAgo(10), beijingAgo(5));

  // 补测 (§24) by the tester.
  await as(page, host, PEOPLE.tester.username);
  await openForm(page, formNo);
  await confirm(
    await act(page, '登记补测', async (d) => {
      await fillText(d, '补测步骤', '在测试环境重放日终批处理。');
      await fillText(d, '补测结果', '批处理正常完成。');
      await chooseRadio(d, '补测是否通过', '是');
    }),
  );

  // 运行维护中心负责人 signs the 补单, then both sides sign the 紧急变更日志 (§25).
  await as(page, host, PEOPLE.opsHead.username);
  await openForm(page, formNo);
  await confirm(await act(page, '补单审核签字'));
  await expectState(page, '待紧急变更日志审核');
  await confirm(await act(page, '紧急变更日志审核签字'));
  await as(page, host, PEOPLE.deptHead.username);
  await openForm(page, formNo);
  await confirm(await act(page, '紧急变更日志审核签字'));
  await expectState(page, '待归档');
  await page.getByRole('tab', { name: '紧急变更' }).click();
  await expect(page.locator('.change-main')).toContainText('系统内');
  await shot('change-emergency');
});
