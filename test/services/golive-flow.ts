import { coreOf } from '../../src-main/services';
import type { ApiInput, ApiOutput, CallName } from '../../src-main/shared/api';
import type { RolloutFormState } from '../../src-main/shared/schemas/project-forms';
import { DEMO_PASSWORD } from '../../src-main/services/demo/demo-data';
import { withDemoDirectory, type Fixture } from './fixtures';

// A go-live (or release) carried through the services by the demo's people, step by step, so
// that tests can stop at any state. Users: 杨帆 project_manager (DEV), 李四 dept_head (RETAIL),
// 许丽 pmo_reviewer, 秦安 security_reviewer, 何总 it_head, 王五 ops_coordinator, 郑欣
// prod_version_admin, 钱进 netadmin, 孙浩 sysadmin, 韩梅 developer, 赵六 ops_head.

export const APPLICATION = {
  title: '新一代个人网银系统',
  systems: ['EBANK'],
  businessUnit: 'RETAIL',
  contact: '分机 6021',
  content: '个人网银系统 V3.0：转账、理财、账户查询三大模块重构上线',
  newProject: true,
  plannedDate: '2026-12-05',
  devSummary: '开发完成，系统测试 412 个用例全部通过，用户测试于 2026-11-20 结束',
};

export interface Flow {
  f: Fixture;
  users: Record<string, string>;
  ids: Record<string, string>;
  formId: string;
  kind: 'golive' | 'release';
  call<K extends CallName>(name: K, input: ApiInput<K>, user: string): Promise<ApiOutput<K>>;
  refusal(name: CallName, input: unknown, user: string): Promise<{ code: string; message: string }>;
  state(): Promise<RolloutFormState>;
  /** Moves the clock and unlocks every session the idle lock closed meanwhile. */
  at(iso: string): Promise<void>;
}

const PEOPLE = ['yangfan', 'lisi', 'zhouba', 'xuli', 'qinan', 'hezong', 'wangwu', 'zhengxin', 'qianjin', 'sunhao', 'hanmei', 'zhaoliu', 'chuli', 'zhangsan'];

export async function startFlow(f: Fixture, kind: 'golive' | 'release' = 'golive'): Promise<Flow> {
  const demo = await withDemoDirectory(f);
  const users: Record<string, string> = {};
  for (const p of PEOPLE) users[p] = await demo.login(p);
  const core = coreOf(f.ctx);
  const ids: Record<string, string> = {};
  for (const p of PEOPLE) ids[p] = core.dir.usersNamed(p)[0]!.id;
  const call = <K extends CallName>(name: K, input: ApiInput<K>, user: string) => f.ok(name, input, user);
  const created = (await call(`${kind}:create` as 'golive:create', APPLICATION, 'yangfan')) as ApiOutput<'golive:create'>;
  const formId = created.state.formId;
  return {
    f,
    users,
    ids,
    formId,
    kind,
    call,
    async refusal(name, input, user) {
      const r = await f.services.dispatch(name, input, { door: 'test', channel: user });
      if (r.ok) throw new Error(`${name} was accepted`);
      return { code: r.error.code, message: r.error.message };
    },
    async at(iso) {
      (f.clock as { set(iso: string): void }).set(iso);
      for (const p of PEOPLE) {
        const r = await f.services.call('auth:unlock', { password: DEMO_PASSWORD }, { door: 'test', channel: p });
        if (!r.ok) throw new Error(`${p}: ${r.error.message}`);
      }
    },
    async state() {
      return (await f.ok('project:get', { formId }, 'yangfan')).state as RolloutFormState;
    },
  };
}

type Verb = string;
export async function act(flow: Flow, verb: Verb, input: Record<string, unknown>, user: string): Promise<RolloutFormState> {
  const r = await flow.f.ok(`${flow.kind}:${verb}` as 'golive:submit', { formId: flow.formId, ...input } as never, user);
  return r.state as RolloutFormState;
}

/** 草稿 → 准备中: test report, submit, the three reviews. */
export async function throughReviews(flow: Flow): Promise<void> {
  const report = flow.kind === 'golive' ? '个人网银V3.0用户测试验收报告' : '个人网银V3.0系统测试验收报告';
  await act(flow, 'recordTestReport', { reportTitle: report, conclusion: '用户测试通过，同意上线', passed: true, opinion: '同意' }, 'lisi');
  await act(flow, 'submit', {}, 'yangfan');
  await act(flow, 'pmoReview', { agree: true, opinion: '材料齐全，同意' }, 'xuli');
  await act(flow, 'securityReview', { agree: true, opinion: '安全测试结果符合要求' }, 'qinan');
  await act(flow, 'itHeadReview', { agree: true, opinion: '同意上线' }, 'hezong');
}

export function planSteps(flow: Flow) {
  return flow.kind === 'golive'
    ? [
        { item: 'security_check', task: '上线前安全检查', assigneeUserId: flow.ids.qinan!, plannedAt: '2026-12-05 20:00' },
        { item: 'prod_backup', task: '备份生产系统，比对新老版本，编译生效', assigneeUserId: flow.ids.zhengxin!, plannedAt: '2026-12-05 21:00' },
        { item: 'network', task: '切换网银前置通讯接口', assigneeUserId: flow.ids.qianjin!, plannedAt: '2026-12-05 22:00' },
      ]
    : [
        { item: 'security_check', task: '发布前安全检查', assigneeUserId: flow.ids.qinan!, plannedAt: '2026-12-05 20:00' },
        { item: 'backup', task: '备份相关系统数据和配置', assigneeUserId: flow.ids.sunhao!, plannedAt: '2026-12-05 21:00' },
      ];
}

export const PLAN_TEXT = {
  backup: '上线前对网银数据库做全量备份，应用程序与配置参数打包存档',
  environment: '生产环境应用服务器 4 台、数据库集群由运行维护中心搭建',
  organisation: '项目组 6 人、运行维护中心 5 人现场值守',
  rollback: '切换失败时恢复 V2.8 程序与数据库备份，30 分钟内完成',
  problems: '通讯接口不通：启用备用线路；交易超时：调整连接池',
};

/** 准备中 → 实施中: plan, its approval, deliveries, 附件3 and its receipt. */
export async function throughPreparation(flow: Flow): Promise<void> {
  await act(flow, 'savePlan', { ...PLAN_TEXT, steps: planSteps(flow) }, 'yangfan');
  await act(flow, 'submitPlan', {}, 'yangfan');
  await act(flow, 'approvePlan', { agree: true, opinion: '同意按计划实施' }, 'hezong');
  await act(flow, 'recordDelivery', { what: 'rules', documents: '《个人网银业务管理办法》《个人网银操作细则》', recipients: '零售业务部全体柜员', trainingDate: '2026-12-01' }, 'yangfan');
  await act(flow, 'recordDelivery', { what: 'manuals', documents: '《维护手册》《操作手册》', recipients: '运行维护中心值班人员', trainingDate: '2026-12-02' }, 'yangfan');
  if (flow.kind === 'golive') {
    await act(
      flow,
      'recordVersionTable',
      {
        version: 'EBANK-3.0.0',
        components: [
          { name: 'ebank-server.war', version: '3.0.0', checksum: 'a3f1c9e2b4d5a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1' },
          { name: 'ebank-db-migrate.sql', version: '3.0.0', checksum: '0123456789abcdef0123456789abcdef' },
        ],
        builtBy: '韩梅',
        builtAt: '2026-11-27 16:00',
      },
      'yangfan',
    );
    await act(flow, 'receiveVersionTable', { opinion: '版本已入库' }, 'zhengxin');
  }
  await act(flow, 'completePreparation', {}, 'wangwu');
}

/** 实施中 → 试运行: every line ticked by its 责任人, the version comparison, the close. */
export async function throughChecklist(flow: Flow): Promise<void> {
  const s = await flow.state();
  const byId: Record<string, string> = Object.fromEntries(Object.entries(flow.ids).map(([k, v]) => [v, k]));
  for (const line of s.checklist) await act(flow, 'tickStep', { lineId: line.id, doneAt: '2026-11-28 18:30', note: '已完成' }, byId[line.assigneeUserId]!);
  if (flow.kind === 'golive') {
    await act(flow, 'recordVersionComparison', { oldVersion: 'EBANK-2.8.4', newVersion: 'EBANK-3.0.0', differences: '差异 214 个文件，均在上线清单内', consistent: true }, 'zhengxin');
  }
  await act(flow, 'closeChecklist', { opinion: '上线完成，转入试运行' }, 'wangwu');
}
