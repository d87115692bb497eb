import { as } from './change-steps';
import { acceptanceRefused, act, applyFor, ok, openFromInbox, openProject, P, preparePlan, printPreview, requestAndAccept, seed, signAndReview, startRollout, state, tickChecklist, trialWithProblem } from './golive-steps';
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

  // 项目经理 applies with 附件4 (§32); the business head signs the 《系统测试验收报告》 from 待办;
  // 项目管理科, then 安全科 and 科技信息部负责人 (§32).
  const formNo = await applyFor(page, host, '发布', { title: '网上银行系统 V3.1 发布', content: '网银 V3.1 缴费模块', progress: '系统测试 208 个用例全部通过' }, () => shot('release-apply'));
  expect(formNo).toBe('FB-OPS-2026-0001');
  await signAndReview(page, host, '发布', formNo, { name: '网银V3.1系统测试验收报告', conclusion: '系统测试通过' });
  await shot('release-reviewed');

  // 发布准备 (§33): the 发布计划 (no 上线环境 part) with a 责任人 per §34 step, its approval,
  // the deliveries and training. A release has no 附件3.
  await preparePlan(page, host, '发布', formNo, {
    backup: '备份网银缴费配置与数据',
    people: '项目组 2 人、运行维护中心 3 人',
    rollback: '恢复 V3.0 配置',
    problems: '缴费接口不通：切回原接口',
    steps: [
      ['安全检查', '发布前安全检查', P.sec.name, '2026-11-28 20:00'],
      ['相关系统数据或配置备份', '备份缴费配置', P.sys.name, '2026-11-28 21:00'],
      ['网络通讯参数', '切换缴费接口', P.net.name, '2026-11-28 22:00'],
    ],
    approval: '同意按计划发布',
    rules: '缴费业务操作细则',
  });
  await expect(page.getByTestId('project-actions').getByRole('button', { name: '提交软件版本管理表' })).toHaveCount(0);
  await shot('release-preparing');
  await printPreview(page, '打印发布计划', `${formNo} 系统发布计划`);
  await shot('release-plan-print');
  await page.locator('.ant-modal-close').click();
  await startRollout(page, host, '发布', formNo);

  // §34: each line ticked by its 责任人 in the screen; no close before all are.
  setClock('2026-11-28T22:30:00+08:00');
  await as(page, host, P.coord.username);
  await openProject(page, '发布', formNo);
  const close = page.getByTestId('project-actions').getByRole('button', { name: /检查表完成/ });
  await expect(close).toBeDisabled();
  await close.hover({ force: true });
  await expect(page.getByRole('tooltip')).toContainText('违反第34条：检查表尚有 3 项未完成');
  // A release has no 新老版本比对 of §30(2).
  await tickChecklist(page, host, formNo, [[P.sec, '安全检查'], [P.sys, '相关系统数据或配置备份'], [P.net, '网络通讯参数']], () =>
    expect(page.getByTestId('project-actions').getByRole('button', { name: '登记新老版本比对' })).toHaveCount(0),
  );
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
