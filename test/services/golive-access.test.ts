import { describe, expect, it } from 'vitest';
import { rebuildAll } from '../../src-main/services/maintenance';
import type { AccessFormState } from '../../src-main/shared/schemas/project-forms';
import { useTempDirs } from '../helpers/temp-dir';
import { DEMO_PASSWORD } from '../../src-main/services/demo/demo-data';
import { makeFixture, TestClock, withDemoDirectory } from './fixtures';

const tempDir = useTempDirs();

const REQUEST = {
  system: 'CORE',
  reason: '日终批处理因利息计算缺陷中断，须紧急修复',
  incident: 'BG-OPS-2026-0031',
  account: 'dev_tmp01',
  plannedStart: '2026-11-28 20:00',
  plannedEnd: '2026-11-28 22:00',
};

describe('生产系统访问登记 (§17(6)–(7)) through the services', () => {
  it('request → approval naming the supervising 系统管理员 → start → end → account disabled; overdue while not disabled', async () => {
    const clock = new TestClock('2026-11-28T19:30:00+08:00');
    const f = makeFixture(tempDir(), clock);
    const demo = await withDemoDirectory(f);
    for (const u of ['hanmei', 'zhaoliu', 'sunhao', 'wangwu', 'yangfan', 'hezong']) await demo.login(u);
    const core = (await import('../../src-main/services')).coreOf(f.ctx);
    const sunhao = core.dir.usersNamed('sunhao')[0]!.id;
    const qianjin = core.dir.usersNamed('qianjin')[0]!.id;
    // The idle lock (10 minutes) closes sessions while the clock moves: unlock them again.
    const move = async (iso: string) => {
      clock.set(iso);
      for (const u of ['hanmei', 'zhaoliu', 'sunhao', 'wangwu', 'yangfan', 'hezong']) await f.ok('auth:unlock', { password: DEMO_PASSWORD }, u);
    };
    const refusal = async (name: string, input: unknown, ch: string) => {
      const r = await f.services.dispatch(name, input, { door: 'test', channel: ch });
      if (r.ok) throw new Error(`${name} accepted`);
      return r.error;
    };

    // Only a developer (or project manager) asks; the planned end comes after the start.
    expect((await refusal('access:create', REQUEST, 'wangwu')).code).toBe('FORBIDDEN_ROLE');
    expect((await refusal('access:create', { ...REQUEST, plannedEnd: '2026-11-28 19:00' }, 'hanmei')).message).toBe('计划结束时间须晚于开始时间');
    const created = await f.ok('access:create', REQUEST, 'hanmei');
    const formId = created.state.formId;
    expect(created.state).toMatchObject({ formNo: 'FW-OPS-2026-0001', state: 'requested' });
    // The title names the system as the register does (the stored row keeps its code).
    const TITLE = '核心业务系统 紧急访问（dev_tmp01）';
    expect(created.summary.title).toBe(TITLE);
    expect((await f.ok('project:list', { kind: 'access' }, 'hanmei')).rows.map((r) => r.title)).toEqual([TITLE]);
    expect((await f.ok('project:inbox', {}, 'zhaoliu')).groups.map((g) => g.kind)).toEqual(['ops_head']);

    // §17(6) management approves; §17(7) the supervisor must be a 系统管理员.
    expect((await refusal('access:approve', { formId, supervisorUserId: sunhao }, 'sunhao')).code).toBe('FORBIDDEN_ROLE');
    expect(await refusal('access:approve', { formId, supervisorUserId: qianjin }, 'zhaoliu')).toEqual({
      code: 'POLICY',
      message: '违反第17条(7)：开发人员访问已投产系统须由运行维护中心系统管理员监督，钱进不是系统管理员',
    });
    const approved = await f.ok('access:approve', { formId, supervisorUserId: sunhao, opinion: '同意，限两小时' }, 'zhaoliu');
    expect((approved.state as AccessFormState).approval).toMatchObject({ name: '赵六', supervisorName: '孙浩' });
    expect((await f.ok('project:inbox', {}, 'sunhao')).groups[0]?.rows[0]).toMatchObject({ formNo: 'FW-OPS-2026-0001', title: TITLE });

    await move('2026-11-28T20:05:00+08:00');
    await f.ok('access:start', { formId, startedAt: '2026-11-28 20:00' }, 'sunhao');
    await move('2026-11-28T21:40:00+08:00');
    expect((await refusal('access:end', { formId, endedAt: '2026-11-28 19:00', workDone: 'x' }, 'sunhao')).message).toBe('访问结束时间不能早于开始时间');
    await f.ok('access:end', { formId, endedAt: '2026-11-28 21:30', workDone: '修正利息计算存储过程 P_INT_CALC 一处判断条件，重跑日终' }, 'sunhao');
    expect(await f.ok('access:overdue', {}, 'wangwu')).toEqual([]);

    // An hour after the end, the account not yet disabled: overdue (§17(7) 及时禁用).
    await move('2026-11-28T22:31:00+08:00');
    const overdue = await f.ok('access:overdue', {}, 'wangwu');
    expect(overdue.map((r) => [r.formNo, r.title, r.overdue, r.stateLabel])).toEqual([['FW-OPS-2026-0001', TITLE, true, '待禁用账号']]);
    expect((await f.ok('project:inbox', {}, 'hezong')).accessOverdue.map((r) => [r.formNo, r.title])).toEqual([['FW-OPS-2026-0001', TITLE]]);
    expect((await f.ok('supervision:reminders', {}, 'sunhao')).items.map((r) => r.title)).toContain(`FW-OPS-2026-0001 ${TITLE} 访问账号未禁用`);

    expect((await refusal('access:disableAccount', { formId, disabledAt: '2026-11-28 21:00', action: '禁用' }, 'sunhao')).message).toBe('账号禁用时间不能早于访问结束时间');
    const closed = await f.ok('access:disableAccount', { formId, disabledAt: '2026-11-28 22:30', action: '禁用' }, 'sunhao');
    expect(closed.state).toMatchObject({ state: 'closed', disabled: { action: '禁用', disabledAt: '2026-11-28T22:30+08:00', name: '孙浩' } });
    expect(await f.ok('access:overdue', {}, 'wangwu')).toEqual([]);
    expect(closed.timeline.map((t) => t.label)).toEqual(['登记访问申请', '批准访问', '登记访问开始', '登记访问结束', '登记账号已禁用/删除']);

    const before = f.db.prepare('SELECT * FROM project_form').all();
    rebuildAll(f.db);
    expect(f.db.prepare('SELECT * FROM project_form').all()).toEqual(before);
  });

  it('the supervisor alone records start and end; the applicant never approves their own access', async () => {
    const f = makeFixture(tempDir(), new TestClock('2026-11-28T19:30:00+08:00'));
    const demo = await withDemoDirectory(f);
    for (const u of ['yangfan', 'zhaoliu', 'sunhao']) await demo.login(u);
    const core = (await import('../../src-main/services')).coreOf(f.ctx);
    const sunhao = core.dir.usersNamed('sunhao')[0]!.id;
    const { state } = await f.ok('access:create', REQUEST, 'yangfan');
    await f.ok('access:reject', { formId: state.formId, opinion: '可由运维人员代为处理' }, 'zhaoliu');
    expect((await f.ok('project:get', { formId: state.formId }, 'zhaoliu')).state.state).toBe('rejected');
    const second = await f.ok('access:create', REQUEST, 'yangfan');
    await f.ok('access:approve', { formId: second.state.formId, supervisorUserId: sunhao }, 'zhaoliu');
    const view = await f.ok('project:get', { formId: second.state.formId }, 'zhaoliu');
    expect(view.actions.find((a) => a.name === 'start')).toMatchObject({ allowed: false, code: 'FORBIDDEN_ROLE' });
  });
});
