import { describe, expect, it } from 'vitest';
import { coreOf } from '../../src-main/services';
import { loadDemoData } from '../../src-main/services/demo/demo-data';
import { auditLog, rebuildAll } from '../../src-main/services/maintenance';
import type { ApiInput } from '../../src-main/shared/api';
import { CHANGE_STATE_CODES } from '../../src-main/shared/schemas/change-form';
import { useTempDirs } from '../helpers/temp-dir';
import { dumpProjections, makeFixture, setUpTerminal, TestClock, withDemoDirectory } from './fixtures';

const tempDir = useTempDirs();

const PART1: ApiInput<'change:create'> = {
  title: '调整个人存款挂牌利率参数',
  applicantUnitName: '零售业务部',
  contact: '分机 8021',
  systems: ['CORE'],
  changeType: '业务参数修改',
  changeSource: '业务发展',
  content: '按总行通知调整个人定期存款挂牌利率',
  otherMeasuresExist: false,
  impactIfNot: {
    customer: '客户利率与公告不一致',
    compliance: '不符合利率管理规定',
    stakeholders: '无',
    internalOps: '柜面需手工调整',
    securityControl: '无',
    availability: '无',
    dataAccuracy: '计息错误',
  },
  urgency: '一般',
};

describe('change-form calls', () => {
  it('create → submit → approve through the services, with role, unit and log-in checks, list, search, inbox and timeline', async () => {
    const f = makeFixture(tempDir());
    const demo = await withDemoDirectory(f);
    const zs = await demo.login('zhangsan');
    const ls = await demo.login('lisi');
    const ww = await demo.login('wangwu');
    const cq = await demo.login('chenqi');

    expect(await f.refused('change:create', PART1, 'nobody')).toBe('NOT_LOGGED_IN');
    expect(await f.refused('change:create', PART1, ww)).toBe('FORBIDDEN_ROLE');

    const created = await f.ok('change:create', PART1, zs);
    expect(created.state).toMatchObject({ state: 'draft', formNo: 'BG-OPS-2026-0001', applicant: { name: '张三', unitCode: 'RETAIL' } });
    expect(created.actions.find((a) => a.name === 'submit')).toMatchObject({ allowed: true });
    const formId = created.state.formId;

    await f.ok('change:submit', { formId }, zs);
    // (a) wrong role, (b) the applicant never approves: refusals carry the domain's code and article.
    expect(await f.refused('change:deptApprove', { formId, opinion: '同意' }, ww)).toBe('FORBIDDEN_ROLE');
    const approved = await f.ok('change:deptApprove', { formId, opinion: '同意' }, ls);
    expect(approved.state.state).toBe('pending_assessment');
    expect(approved.timeline.map((t) => [t.label, t.authorName, t.roleLabel])).toEqual([
      ['新建变更申请', '张三', '申请人'],
      ['提交部门审批', '张三', '申请人'],
      ['部门负责人审批通过', '李四', '部门负责人'],
    ]);
    expect(approved.timeline[2]?.opinion).toBe('同意');

    // Another business unit does not see the form at all; ops staff see it.
    expect(await f.refused('change:get', { formId }, cq)).toBe('NOT_FOUND');
    expect((await f.ok('change:list', { filter: {}, page: 1, pageSize: 50 }, cq)).total).toBe(0);
    expect((await f.ok('change:get', { formId }, ww)).summary.formNo).toBe('BG-OPS-2026-0001');
    expect(await f.refused('change:submit', { formId: 'no-such-form' }, zs)).toBe('NOT_FOUND');

    const inbox = await f.ok('change:inbox', {}, ww);
    expect(inbox.groups).toEqual([{ kind: 'ops_coordinator', label: '待受理人办理', count: 1, rows: [expect.objectContaining({ formId })] }]);
    expect((await f.ok('change:inbox', {}, ls)).groups[0]).toMatchObject({ kind: 'dept_head', count: 0 });

    const list = (filter: ApiInput<'change:list'>['filter']) => f.ok('change:list', { filter, page: 1, pageSize: 50 }, ww).then((r) => r.total);
    expect(await list({ state: 'pending_assessment' })).toBe(1);
    expect(await list({ state: ['draft', 'archived'] })).toBe(0);
    expect(await list({ system: 'CORE' })).toBe(1);
    expect(await list({ system: 'EBANK' })).toBe(0);
    expect(await list({ unit: 'RETAIL', changeType: '业务参数修改', urgency: '一般' })).toBe(1);
    expect(await list({ from: '2026-11-28', to: '2026-11-28' })).toBe(1);
    expect(await list({ from: '2026-11-29' })).toBe(0);
    expect(await list({ text: '挂牌利率' })).toBe(1); // trigram index
    expect(await list({ text: '利率' })).toBe(1); // two characters: LIKE
    expect(await list({ text: '率' })).toBe(1);
    expect(await list({ text: '牌利' })).toBe(1); // two characters across words of the title
    expect(await list({ text: '利率 挂牌利率' })).toBe(1);
    expect(await list({ text: '率挂' })).toBe(0);
    expect(await list({ text: '80' })).toBe(1); // short, not Chinese: LIKE (分机 8021)
    expect(await list({ text: '外汇' })).toBe(0);
    expect(await list({ text: '挂牌利率 外汇牌价' })).toBe(0);
    expect(await list({ text: '100%' })).toBe(0);
    expect(await list({ text: 'BG-OPS-2026-0001' })).toBe(1); // by the form number's index
    expect(await list({ text: 'bg-ops-2026 挂牌利率' })).toBe(1);
    expect(await list({ text: 'BG-OPS-2025' })).toBe(0);
    expect(await list({ text: '挂牌利率', state: 'draft' })).toBe(0);
    expect(await list({ text: '挂牌利率', system: 'CORE', state: 'pending_assessment' })).toBe(1);
  });

  it('refuses every change call without log-in and keeps the log untouched by refusals', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    const before = f.db.prepare('SELECT count(*) FROM event').pluck().get();
    for (const name of ['change:create', 'change:get', 'change:list', 'change:inbox', 'change:overdue', 'change:timeline', 'change:archive'] as const) {
      expect(await f.refused(name, { formId: 'x', filter: {} }, 'stranger')).toMatch(/NOT_LOGGED_IN|INVALID_INPUT/);
    }
    expect(await f.refused('change:create', PART1, 'stranger')).toBe('NOT_LOGGED_IN');
    expect(f.db.prepare('SELECT count(*) FROM event').pluck().get()).toBe(before);
  });
});

describe('demo data', () => {
  it('puts forms in every state through real commands; audit passes and a rebuild equals the incremental projections', async () => {
    const f = makeFixture(tempDir(), new TestClock('2026-11-28T19:00:00+08:00'));
    await setUpTerminal(f);
    const core = coreOf(f.ctx);
    const r = await loadDemoData(f.ctx, core.dir.usersNamed('admin')[0]!);
    expect(r.forms).toBeGreaterThanOrEqual(40);
    const states = f.db.prepare('SELECT DISTINCT state FROM form').pluck().all();
    expect([...states].sort()).toEqual([...CHANGE_STATE_CODES].sort());
    expect(f.db.prepare('SELECT count(*) FROM form WHERE rolled_back = 1').pluck().get()).toBeGreaterThanOrEqual(2);
    expect(f.db.prepare('SELECT count(*) FROM form WHERE window_override = 1').pluck().get()).toBeGreaterThanOrEqual(1);

    await f.ok('auth:login', { username: 'zhaoliu', password: 'demo-2026' }, 'head');
    const overdue = await f.ok('change:overdue', {}, 'head');
    expect(overdue.some((o) => o.items.some((i) => i.overdue && i.kind === '补测'))).toBe(true);

    expect(auditLog(f.db, f.dataDir)).toMatchObject({ ok: true });
    const incremental = dumpProjections(f.db);
    expect((incremental.grams as unknown[]).length).toBeGreaterThan(100);
    const rebuilt = rebuildAll(f.db, { thread: false });
    expect(rebuilt.forms).toBe(r.forms + r.projectForms);
    expect(dumpProjections(f.db)).toEqual(incremental);
    // The same, folded on a second thread (as for a long log).
    expect(rebuildAll(f.db, { thread: true })).toMatchObject({ events: rebuilt.events, forms: rebuilt.forms, thread: true });
    expect(dumpProjections(f.db)).toEqual(incremental);
  });
});

describe('rebuild over a damaged log', () => {
  it('names the event it cannot replay and leaves every projection as it was, on either thread', async () => {
    const f = makeFixture(tempDir(), new TestClock('2026-11-28T19:00:00+08:00'));
    await setUpTerminal(f);
    await loadDemoData(f.ctx, coreOf(f.ctx).dir.usersNamed('admin')[0]!);
    const before = dumpProjections(f.db);
    f.db.exec('DROP TRIGGER event_append_only_update');
    const pos = f.db.prepare(`SELECT max(pos) FROM event WHERE type LIKE 'change.%'`).pluck().get() as number;
    f.db.prepare(`UPDATE event SET body = CAST('{"type":' AS BLOB) WHERE pos = ?`).run(pos);
    for (const thread of [false, true]) {
      const said = new RegExp(`${thread ? '重建时读取事件日志失败：' : '^'}事件日志第 ${pos} 条（[0-9a-f]{12}…）无法重放`);
      expect(() => rebuildAll(f.db, { thread })).toThrow(said);
      expect(dumpProjections(f.db)).toEqual(before);
    }
  });
});
