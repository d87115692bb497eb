import { as, button, fillText, typeDate } from './change-steps';
import { acceptanceRefused, act, item, ok, openFromInbox, openProject, P, planSteps, radio, requestAndAccept, seed, state, trialWithProblem } from './golive-steps';
import { test } from './clock-fixture';
import { expect } from './host-fixture';
import { openApp } from './ui-steps';

// One system release (附件4) from application to 正式运行 through the browser host's screens,
// every step by the person whose step it is, opened from their 待办; the host's clock moved past
// the three months of §35(1) (clock-fixture.ts).

test.setTimeout(300_000);
test.use({ actionTimeout: 15_000 });

test('a system release from application to 正式运行, the acceptance refused before three months of trial run', async ({ page, clocked }, testInfo) => {
  const { host, setClock } = clocked;
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-1366x768.png`) });
  await page.setViewportSize({ width: 1366, height: 768 });
  await seed(host);
  await openApp(page, host);

  // 项目经理 applies with 附件4 (§32).
  await as(page, host, P.pm.username);
  await page.getByRole('navigation', { name: '主导航' }).getByText('发布', { exact: true }).click();
  await button(page, '新建发布申请').click();
  const apply = page.getByRole('dialog');
  await fillText(apply, '项目名称', '网上银行系统 V3.1 发布');
  await item(apply, '涉及系统').locator('input').fill('EBANK');
  await item(apply, '涉及系统').locator('input').press('Enter');
  await fillText(apply, '相关业务部门', 'RETAIL');
  await fillText(apply, '发布内容', '网银 V3.1 缴费模块');
  await fillText(apply, '开发和测试完成情况', '系统测试 208 个用例全部通过');
  await shot('release-apply');
  await ok(apply);
  await expect(state(page)).toHaveText('草稿');
  const formNo = ((await page.getByRole('heading', { level: 3 }).textContent()) ?? '').split(/\s/)[0]!.trim();
  expect(formNo).toBe('FB-OPS-2026-0001');
  // Without the signed 《系统测试验收报告》 the submission is refused (§32): the button says so.
  await expect(button(page.getByTestId('project-actions'), '提交项目管理科审核')).toBeDisabled();

  // The business head signs the 《系统测试验收报告》 from 待办.
  await as(page, host, P.biz.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '业务部门负责人签署测试验收报告', async (d) => {
    await fillText(d, '《系统测试验收报告》名称', '网银V3.1系统测试验收报告');
    await fillText(d, '验收结论', '系统测试通过');
    await radio(d, '验收是否通过', '是');
  }));
  await as(page, host, P.pm.username);
  await openProject(page, '发布', formNo);
  await expect(page.getByRole('main')).toContainText('网银V3.1系统测试验收报告：系统测试通过');
  await ok(await act(page, '提交项目管理科审核'));
  await expect(state(page)).toHaveText('待项目管理科审核');

  // 项目管理科, then 安全科 and 科技信息部负责人 (§32).
  for (const [who, label] of [[P.pmo, '项目管理科审核'], [P.sec, '安全科审核'], [P.it, '科技信息部负责人审核']] as const) {
    await as(page, host, who.username);
    await openFromInbox(page, formNo);
    await ok(await act(page, label, async (d) => {
      await radio(d, '是否同意', '是');
      await fillText(d, `${label}意见`, '同意');
    }));
  }
  await expect(state(page)).toHaveText('发布准备');
  await shot('release-reviewed');

  // 发布准备 (§33): the 发布计划 (no 上线环境 part) with a 责任人 per §34 step, its approval,
  // the deliveries and training. A release has no 附件3.
  await as(page, host, P.pm.username);
  await openProject(page, '发布', formNo);
  await ok(await act(page, '保存发布计划', async (d) => {
    await expect(item(d, '上线环境的搭建')).toHaveCount(0);
    await fillText(d, '备份方案', '备份网银缴费配置与数据');
    await fillText(d, '人员组织', '项目组 2 人、运行维护中心 3 人');
    await fillText(d, '回退计划', '恢复 V3.0 配置');
    await fillText(d, '可能出现的问题及解决方案', '缴费接口不通：切回原接口');
    await planSteps(d, [
      ['安全检查', '发布前安全检查', P.sec.name, '2026-11-28 20:00'],
      ['相关系统数据或配置备份', '备份缴费配置', P.sys.name, '2026-11-28 21:00'],
      ['网络通讯参数', '切换缴费接口', P.net.name, '2026-11-28 22:00'],
    ]);
  }));
  await expect(page.getByTestId('project-plan')).toContainText('切换缴费接口');
  await ok(await act(page, '提交部门负责人审批'));
  await as(page, host, P.it.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '审批发布计划', async (d) => {
    await radio(d, '是否批准', '是');
    await fillText(d, '审批意见', '同意按计划发布');
  }));
  await as(page, host, P.pm.username);
  await openFromInbox(page, formNo);
  for (const [what, docs, to] of [['业务管理办法和操作细则', '缴费业务操作细则', '柜员'], ['维护手册和操作手册', '维护与操作手册', '值班人员']] as const) {
    await ok(await act(page, '登记文档交付和培训', async (d) => {
      await radio(d, '交付内容', what);
      await fillText(d, '交付文档', docs);
      await fillText(d, '接收人员', to);
      await typeDate(d, '培训日期', '2026-11-27');
    }));
  }
  await expect(page.getByTestId('project-actions').getByRole('button', { name: '提交软件版本管理表' })).toHaveCount(0);
  await shot('release-preparing');
  await as(page, host, P.coord.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '准备完成，开始发布'));
  await expect(state(page)).toHaveText('发布实施');

  // §34: each line ticked by its 责任人 in the screen; no close before all are.
  setClock('2026-11-28T22:30:00+08:00');
  await as(page, host, P.coord.username);
  await openProject(page, '发布', formNo);
  const close = page.getByTestId('project-actions').getByRole('button', { name: /检查表完成/ });
  await expect(close).toBeDisabled();
  await close.hover({ force: true });
  await expect(page.getByRole('tooltip')).toContainText('违反第34条：检查表尚有 3 项未完成');
  for (const [who, line] of [[P.sec, '安全检查'], [P.sys, '相关系统数据或配置备份'], [P.net, '网络通讯参数']] as const) {
    await as(page, host, who.username);
    await openFromInbox(page, formNo);
    await ok(await act(page, '登记检查项完成', async (d) => {
      // Only the lines of which this person is the 责任人 are offered.
      await expect(item(d, '检查项').getByRole('radio')).toHaveCount(1);
      await item(d, '检查项').getByRole('radio', { name: new RegExp(`^${line}`) }).check();
      await typeDate(d, '完成时间', '2026-11-28 22:00');
    }));
    // A release has no 新老版本比对 of §30(2).
    await expect(page.getByTestId('project-actions').getByRole('button', { name: '登记新老版本比对' })).toHaveCount(0);
  }
  await as(page, host, P.coord.username);
  await openFromInbox(page, formNo);
  await page.getByText('发布检查表（第34条）').scrollIntoViewIfNeeded();
  await shot('release-checklist');
  await ok(await act(page, '检查表完成，转入试运行'));
  await expect(state(page)).toHaveText('试运行');

  // §34(6): the next business day is watched; a problem goes back to the project team.
  setClock('2026-11-30T10:00:00+08:00');
  await trialWithProblem(page, host, '发布', formNo, { observation: '缴费交易正常', problem: '水费缴费回执偶发延迟', fix: '调整回执队列后已恢复' });
  await shot('release-trial');

  // §35(1): the day before three months are up, the request is refused; on the day it goes.
  setClock('2027-02-27T23:59:00+08:00');
  await acceptanceRefused(page, host, '发布', formNo, '第35条(1)');
  await shot('release-acceptance-refused');
  setClock('2027-02-28T09:00:00+08:00');
  await as(page, host, P.pm.username);
  await expect(page.getByTestId('reminders').getByRole('link', { name: `${formNo} 网上银行系统 V3.1 发布 试运行已满三个月` })).toHaveCount(1);
  await openProject(page, '发布', formNo);
  await requestAndAccept(page, host, formNo, '验收申请报告、系统测试验收报告');
  await shot('release-in-production');
});
