import { as, fillText, typeDate } from './change-steps';
import { acceptanceRefused, act, applyFor, ok, openFromInbox, openProject, P, preparePlan, printPreview, radio, requestAndAccept, seed, signAndReview, startRollout, state, tickChecklist, trialWithProblem } from './golive-steps';
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

  // 项目经理 applies (§28(1)); the business head signs the 用户测试验收报告 from 待办; 项目管理科,
  // then 安全科 and 科技信息部负责人 (§28(2)).
  const formNo = await applyFor(page, host, '上线', { title: '新一代个人网银系统', content: '个人网银 V3.0 转账与理财模块', progress: '系统测试 412 个用例全部通过' });
  expect(formNo).toBe('SX-OPS-2026-0001');
  await signAndReview(page, host, '上线', formNo, { name: '个人网银V3.0用户测试验收报告', conclusion: '用户测试通过' });
  await shot('golive-reviewed');

  // 上线准备 (§29) in the screens: the plan with its five parts and a 责任人 per step, its
  // approval, the deliveries and training, 附件3 and its receipt by the version administrator.
  await preparePlan(page, host, '上线', formNo, {
    backup: '全量备份网银数据库与程序',
    environment: '生产应用服务器 4 台',
    people: '项目组 4 人、运行维护中心 3 人',
    rollback: '恢复 V2.8',
    problems: '接口不通：启用备用线路',
    steps: [
      ['安全检查', '上线前安全检查', P.sec.name, '2026-11-28 20:00'],
      ['生产系统备份', '备份、比对、生效', P.ver.name, '2026-11-28 21:00'],
      ['网络通讯参数', '切换通讯接口', P.net.name, '2026-11-28 22:00'],
    ],
    approval: '同意按计划实施',
    rules: '业务管理办法',
  });
  await ok(await act(page, '提交软件版本管理表', async (d) => {
    await fillText(d, '版本号', 'V3.0');
    await fillText(d, '制作人', '韩梅');
    await typeDate(d, '制作时间', '2026-11-27 16:00');
    await fillText(d, '版本组件', `ebank.war 3.0 ${'ab'.repeat(16)}`);
  }));
  await shot('golive-preparing');
  await printPreview(page, '打印附件2', `${formNo} 附件2 软件产品上线申请表`);
  await shot('golive-form-print');
  await page.locator('.ant-modal-close').click();
  await as(page, host, P.ver.username);
  await openFromInbox(page, formNo);
  await ok(await act(page, '版本管理员接收版本', (d) => fillText(d, '版本管理意见', '版本已入库')));
  await startRollout(page, host, '上线', formNo);

  // 上线与试运行 (§30): each line ticked by its 责任人 in the screen; no close before all are.
  setClock('2026-11-28T22:30:00+08:00');
  await as(page, host, P.coord.username);
  await openProject(page, '上线', formNo);
  // The checklist cannot be closed with an unticked line: the button says why (§30).
  await expect(page.getByTestId('project-actions').getByRole('button', { name: /检查表完成/ })).toBeDisabled();
  // The version administrator also records the 新老版本比对 of §30(2).
  await tickChecklist(page, host, formNo, [[P.sec, '安全检查'], [P.ver, '生产系统备份'], [P.net, '网络通讯参数']], async (who) => {
    if (who !== P.ver) return;
    await ok(await act(page, '登记新老版本比对', async (d) => {
      await fillText(d, '原版本', 'V2.8');
      await fillText(d, '新版本', 'V3.0');
      await fillText(d, '比对结果', '差异均在上线清单内');
      await radio(d, '差异是否与上线内容一致', '是');
    }));
  });
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

