import { describe, expect, it } from 'vitest';
import { documentForProjectForm, parseQrPayload, renderPdf, type PrintedDocument } from '../../src-main/pdf';
import type { AccessFormState, RolloutFormState } from '../../src-main/shared/schemas/project-forms';
import { P, rolloutIn, run } from '../domain/golive/fixtures';
import { pdfQrTexts, pdfTextCompact } from './pdf-tools';

const ctx = { printedAt: '2027-03-02T09:30:00+08:00', terminal: '运行维护中心-01', systemNames: { CREDIT: '信贷管理系统', CORE: '核心业务系统' } };
const squash = (s: string) => s.replace(/\s+/g, '');

async function text(doc: PrintedDocument) {
  const r = await renderPdf(doc, ctx);
  return { ...r, text: pdfTextCompact(r.bytes, true) };
}

function live(): RolloutFormState {
  let f = rolloutIn('golive', 'trial_run');
  f = run('golive', f, P.batch, 'recordObservation', { keyDate: '月终', date: '2026-11-30', observation: '月终批处理按时完成', normal: true });
  f = run('golive', f, P.coordinator, 'reportProblem', { description: '押品估值报表合计行错位' });
  f = run('golive', f, P.developer, 'resolveProblem', { problemId: 'p1', text: '已修正报表模板并重新发布' });
  f = run('golive', f, P.pm, 'requestAcceptance', { summary: '试运行三个月，联机与批处理均正常', documents: '验收申请报告、系统测试报告、用户手册' }, '2027-03-01T09:00+08:00');
  return run('golive', f, P.itHead, 'accept', { passed: true, opinion: '验收合格，同意转正式运行', acceptedOn: '2027-03-02' }, '2027-03-02T09:00+08:00');
}

describe('附件2《软件产品上线申请表》 and its documents', () => {
  const f = live();

  it('prints the application, the three reviews with seals, the checklist, the trial run and the acceptance', async () => {
    const doc = documentForProjectForm(f, 'form', ctx);
    expect(doc).toMatchObject({ kind: 'golive', annexLabel: '附件2', title: '软件产品上线申请表', draft: false });
    const r = await text(doc);
    for (const t of [
      '软件产品上线申请表',
      '新一代信贷管理系统',
      '信贷管理系统（CREDIT）',
      '信贷审批流程与押品管理模块上线',
      '项目管理科审核意见',
      '科技信息部安全科审核意见',
      '科技信息部负责人审核意见',
      '（盖章）',
      '安全检查（是否符合国家和上级单位安全规定）',
      '钱进',
      '■已完成',
      'V0→V1',
      '月终批处理按时完成',
      '押品估值报表合计行错位',
      '已修正报表模板并重新发布',
      '2027-02-28',
      '验收合格，同意转正式运行',
      '状态：正式运行',
    ]) {
      expect(r.text, t).toContain(squash(t));
    }
    expect(r.text).not.toContain('草稿');
    expect(pdfQrTexts(r.bytes).map(parseQrPayload)[0]).toMatchObject({ kind: 'golive', docNo: f.formNo, version: f.version, page: 1 });
  });

  it('is a draft until 安全科 and 科技信息部负责人 have both agreed; an unticked line prints as 未完成', async () => {
    const draft = documentForProjectForm(rolloutIn('golive', 'pending_it_review'), 'form', ctx);
    expect(draft.draft).toBe(true);
    expect((await text(draft)).text).toContain('草稿');
    const open = documentForProjectForm(rolloutIn('golive', 'rolling_out'), 'form', ctx);
    expect((await text(open)).text).toContain('□未完成');
  });

  it('上线实施计划 with its five parts, 附件3 with checksums, 验收申请报告', async () => {
    const plan = await text(documentForProjectForm(f, 'plan', ctx));
    for (const t of ['上线实施计划', '一、备份方案', '二、上线环境的搭建', '三、执行内容和步骤', '四、回退计划', '五、可能出现的问题及解决方案', '全量备份信贷库与程序', '接口超时：切换备用线路', '郑欣（生产系统版本管理员）', '部门负责人审批']) {
      expect(plan.text, t).toContain(squash(t));
    }
    const version = await text(documentForProjectForm(f, 'version', ctx));
    for (const t of ['附件3', '软件版本管理表', 'a.war', 'ab'.repeat(16), '生产系统版本管理员（接收）']) expect(version.text, t).toContain(squash(t));
    const acc = await text(documentForProjectForm(f, 'acceptance', ctx));
    for (const t of ['项目正式上线验收申请报告', '试运行三个月，联机与批处理均正常', '满3个月之日：2027-02-28', '1个，已处理1个', '科技信息部验收意见']) expect(acc.text, t).toContain(squash(t));
  });

  it('附件4 cites chapter 5 and has no 上线环境 part in its plan', async () => {
    const rel = rolloutIn('release', 'trial_run');
    const form = await text(documentForProjectForm(rel, 'form', ctx));
    for (const t of ['附件4', '系统发布申请表', '《系统测试验收报告》', '第34条(3)', '发布与试运行检查表']) expect(form.text, t).toContain(squash(t));
    const plan = await text(documentForProjectForm(rel, 'plan', ctx));
    expect(plan.text).toContain('系统发布计划');
    expect(plan.text).not.toContain('上线环境');
  });
});

describe('生产系统访问登记表', () => {
  it('prints who approved, the supervisor, the times, what was done and the account disabled', async () => {
    let a = run<AccessFormState>('access', undefined, P.developer, 'create', {
      system: 'CORE',
      reason: '日终批处理中断，紧急修复利息计算',
      account: 'dev_tmp01',
      plannedStart: '2026-11-28 20:00',
      plannedEnd: '2026-11-28 22:00',
    });
    a = run('access', a, P.opsHead, 'approve', { supervisorUserId: P.sysadmin.userId, opinion: '同意' });
    a = run('access', a, P.sysadmin, 'start', { startedAt: '2026-11-28 19:00' });
    a = run('access', a, P.sysadmin, 'end', { endedAt: '2026-11-28 19:00', workDone: '修正存储过程 P_INT_CALC' });
    const open = await text(documentForProjectForm(a, 'form', ctx));
    expect(open.text).toContain('尚未禁用或删除');
    expect(open.text).toContain('草稿');
    a = run('access', a, P.sysadmin2, 'disableAccount', { disabledAt: '2026-11-28 19:00', action: '删除' });
    const r = await text(documentForProjectForm(a, 'form', ctx));
    for (const t of ['生产系统访问登记表', '核心业务系统（CORE）', 'dev_tmp01', '日终批处理中断，紧急修复利息计算', '何军', '修正存储过程P_INT_CALC', '已删除（2026-11-2819:00）', '管理层批准', '系统管理员（禁用/删除账号）', '孙浩']) {
      expect(r.text, t).toContain(squash(t));
    }
    expect(r.text).not.toContain('草稿');
  });
});
