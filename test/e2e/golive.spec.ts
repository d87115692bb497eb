import { as, button, fillText, typeDate } from './change-steps';
import { acceptanceRefused, act, item, ok, openFromInbox, openProject, P, planSteps, radio, requestAndAccept, seed, state, trialWithProblem } from './golive-steps';
import { test } from './clock-fixture';
import { expect } from './host-fixture';
import { openApp } from './ui-steps';

// One go-live (附件2) from application to 正式运行 through the browser host's screens, every
// step by the person whose step it is, opened from their 待办; the host's clock moved past the
// three months of §31(1) (clock-fixture.ts).

test.setTimeout(300_000);
test.use({ actionTimeout: 15_000 });

test('a go-live from application to 正式运行, the acceptance refused before three months of trial run', async ({ page, clocked }, testInfo) => {
  const { host, setClock } = clocked;
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-1366x768.png`), fullPage: true });
  await seed(host);
  await openApp(page, host);

  // 项目经理 applies (§28(1)).
  await as(page, host, P.pm.username);
  await page.getByRole('navigation', { name: '主导航' }).getByText('上线', { exact: true }).click();
  await button(page, '新建上线申请').click();
  const apply = page.getByRole('dialog');
  await fillText(apply, '项目名称', '新一代个人网银系统');
  await item(apply, '涉及系统').locator('input').fill('EBANK');
  await item(apply, '涉及系统').locator('input').press('Enter');
  await fillText(apply, '相关业务部门', 'RETAIL');
  await fillText(apply, '上线内容', '个人网银 V3.0 转账与理财模块');
  await fillText(apply, '开发和测试完成情况', '系统测试 412 个用例全部通过');
  await ok(apply);
  await expect(state(page)).toHaveText('草稿');
  const formNo = ((await page.getByRole('heading', { level: 3 }).textContent()) ?? '').split(/\s/)[0]!.trim();
  expect(formNo).toBe('SX-OPS-2026-0001');
  // Without the signed test report the submission is refused (§28(1)): the button says so.
  await expect(button(page.getByTestId('project-actions'), '提交项目管理科审核')).toBeDisabled();

  // The business head signs the 用户测试验收报告 from 待办.
  await as(page, host, P.biz.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '业务部门负责人签署测试验收报告', async (d) => {
    await fillText(d, '《用户测试验收报告》名称', '个人网银V3.0用户测试验收报告');
    await fillText(d, '验收结论', '用户测试通过');
    await radio(d, '验收是否通过', '是');
  }));
  await as(page, host, P.pm.username);
  await openProject(page, '上线', formNo);
  await ok(await act(page, '提交项目管理科审核'));
  await expect(state(page)).toHaveText('待项目管理科审核');

  // 项目管理科, then 安全科 and 科技信息部负责人 (§28(2)).
  for (const [who, label] of [[P.pmo, '项目管理科审核'], [P.sec, '安全科审核'], [P.it, '科技信息部负责人审核']] as const) {
    await as(page, host, who.username);
    await openFromInbox(page, formNo);
    await ok(await act(page, label, async (d) => {
      await radio(d, '是否同意', '是');
      await fillText(d, `${label}意见`, '同意');
    }));
  }
  await expect(state(page)).toHaveText('上线准备');
  await shot('golive-reviewed');

  // 上线准备 (§29) in the screens: the plan with its five parts and a 责任人 per step, its
  // approval, the deliveries and training, 附件3 and its receipt by the version administrator.
  await as(page, host, P.pm.username);
  await openProject(page, '上线', formNo);
  await ok(await act(page, '保存实施计划', async (d) => {
    await fillText(d, '备份方案', '全量备份网银数据库与程序');
    await fillText(d, '上线环境的搭建', '生产应用服务器 4 台');
    await fillText(d, '人员组织', '项目组 4 人、运行维护中心 3 人');
    await fillText(d, '回退计划', '恢复 V2.8');
    await fillText(d, '可能出现的问题及解决方案', '接口不通：启用备用线路');
    await planSteps(d, [
      ['安全检查', '上线前安全检查', P.sec.name, '2026-11-28 20:00'],
      ['生产系统备份', '备份、比对、生效', P.ver.name, '2026-11-28 21:00'],
      ['网络通讯参数', '切换通讯接口', P.net.name, '2026-11-28 22:00'],
    ]);
  }));
  await expect(page.getByTestId('project-plan')).toContainText('切换通讯接口');
  await ok(await act(page, '提交部门负责人审批'));
  await as(page, host, P.it.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '审批实施计划', async (d) => {
    await radio(d, '是否批准', '是');
    await fillText(d, '审批意见', '同意按计划实施');
  }));
  await as(page, host, P.pm.username);
  await openFromInbox(page, formNo);
  for (const [what, docs, to] of [['业务管理办法和操作细则', '业务管理办法', '柜员'], ['维护手册和操作手册', '维护与操作手册', '值班人员']] as const) {
    await ok(await act(page, '登记文档交付和培训', async (d) => {
      await radio(d, '交付内容', what);
      await fillText(d, '交付文档', docs);
      await fillText(d, '接收人员', to);
      await typeDate(d, '培训日期', '2026-11-27');
    }));
  }
  await ok(await act(page, '提交软件版本管理表', async (d) => {
    await fillText(d, '版本号', 'V3.0');
    await fillText(d, '制作人', '韩梅');
    await typeDate(d, '制作时间', '2026-11-27 16:00');
    await fillText(d, '版本组件', `ebank.war 3.0 ${'ab'.repeat(16)}`);
  }));
  await shot('golive-preparing');
  await as(page, host, P.ver.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '版本管理员接收版本', (d) => fillText(d, '版本管理意见', '版本已入库')));
  await as(page, host, P.coord.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '准备完成，开始实施'));
  await expect(state(page)).toHaveText('上线实施');

  // 上线与试运行 (§30): each line ticked by its 责任人 in the screen; no close before all are.
  setClock('2026-11-28T22:30:00+08:00');
  await as(page, host, P.coord.username);
  await openProject(page, '上线', formNo);
  // The checklist cannot be closed with an unticked line: the button says why (§30).
  await expect(page.getByTestId('project-actions').getByRole('button', { name: /检查表完成/ })).toBeDisabled();
  for (const [who, line] of [[P.sec, '安全检查'], [P.ver, '生产系统备份'], [P.net, '网络通讯参数']] as const) {
    await as(page, host, who.username);
    await openFromInbox(page, formNo);
    await ok(await act(page, '登记检查项完成', async (d) => {
      // Only the lines of which this person is the 责任人 are offered.
      await expect(item(d, '检查项').getByRole('radio')).toHaveCount(1);
      await item(d, '检查项').getByRole('radio', { name: new RegExp(`^${line}`) }).check();
      await typeDate(d, '完成时间', '2026-11-28 22:00');
    }));
    if (who === P.ver) {
      await ok(await act(page, '登记新老版本比对', async (d) => {
        await fillText(d, '原版本', 'V2.8');
        await fillText(d, '新版本', 'V3.0');
        await fillText(d, '比对结果', '差异均在上线清单内');
        await radio(d, '差异是否与上线内容一致', '是');
      }));
    }
  }
  await as(page, host, P.coord.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '检查表完成，转入试运行'));
  await expect(state(page)).toHaveText('试运行');

  // §30(9)–(13): the next business day is watched; a problem goes back to the project team, whose 待办 shows it.
  setClock('2026-11-30T10:00:00+08:00');
  await trialWithProblem(page, host, '上线', formNo, { observation: '联机交易正常，转账峰值 120 笔/秒', problem: '理财页面偶发超时', fix: '调整连接池参数后已恢复' });
  await shot('golive-trial');

  // §31(1): the day before three months are up, the request is refused; on the day it goes.
  setClock('2027-02-27T23:59:00+08:00');
  await acceptanceRefused(page, host, '上线', formNo, '第31条(1)');
  await shot('golive-acceptance-refused');
  setClock('2027-02-28T09:00:00+08:00');
  await as(page, host, P.pm.username);
  await expect(page.getByTestId('reminders').getByRole('link', { name: `${formNo} 新一代个人网银系统 试运行已满三个月` })).toHaveCount(1);
  await openProject(page, '上线', formNo);
  await requestAndAccept(page, host, formNo, '验收申请报告、用户手册');
  await shot('golive-in-production');
});

