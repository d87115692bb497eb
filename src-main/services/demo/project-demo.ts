import { accessCommandSchemas, rolloutCommandSchemas, type ProjectFormState, type ProjectKind, type RolloutFormState } from '../../shared/schemas/project-forms';
import type { RoleCode } from '../../shared/schemas/roles';
import type { Core } from '../core';
import { projectEngine, type ProjectEngine } from '../project-engine';
import { toLocalIso } from '../time';
import type { DemoUsers } from './demo-data';

// Demo go-live (附件2), release (附件4) and 生产系统访问登记 records in varied states, each made
// by real commands through the project engine (every rule held), as the demo's people, at
// times in the past: one in 正式运行, one trial run near three months (提醒), one being carried
// out, reviews and a plan waiting, a trial problem open, an access account not disabled.

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** `2026-11-28 20:00`, Beijing wall time, as the dialogs type it. */
function wall(ms: number): string {
  return toLocalIso(new Date(ms)).slice(0, 16).replace('T', ' ');
}

interface Driver {
  engine: ProjectEngine;
  users: DemoUsers;
  /** The business unit whose head signs the test report. */
  business: string;
}

/** One verb as a role, at a time; the input parsed by the call's schema as the dispatcher would. */
function run(d: Driver, kind: ProjectKind, form: ProjectFormState | undefined, role: RoleCode, verb: string, input: Record<string, unknown>, at: number): ProjectFormState {
  const schemas = (kind === 'access' ? accessCommandSchemas : rolloutCommandSchemas) as Record<string, { parse(v: unknown): unknown }>;
  const parsed = schemas[verb]!.parse(input) as Record<string, unknown>;
  const user = d.users.actor(role, role === 'dept_head' ? d.business : '');
  return d.engine.execute(user, kind, verb, parsed, form?.formId, toLocalIso(new Date(at)));
}

type Stop = 'draft' | 'pending_it_review' | 'preparing_plan_submitted' | 'rolling_out' | 'trial_run' | 'trial_problem' | 'in_production';

interface RolloutDemo {
  kind: 'golive' | 'release';
  title: string;
  systems: string[];
  business: 'RETAIL' | 'CORP';
  content: string;
  stop: Stop;
  /** When it was applied for, days before now. */
  appliedDaysAgo: number;
  /** Days before now the checklist was closed (the trial run began); for 实施中, days until the go-live (negative). */
  liveDaysAgo: number;
}

const ROLLOUTS: RolloutDemo[] = [
  { kind: 'golive', title: '新一代个人网银系统', systems: ['EBANK'], business: 'RETAIL', content: '个人网银 V3.0：转账、理财、账户查询三大模块重构上线', stop: 'in_production', appliedDaysAgo: 150, liveDaysAgo: 125 },
  { kind: 'golive', title: '手机银行理财超市', systems: ['MBANK', 'CORE'], business: 'RETAIL', content: '手机银行增加理财产品超市，支持申购、赎回和持仓查询', stop: 'trial_run', appliedDaysAgo: 110, liveDaysAgo: 86 },
  { kind: 'golive', title: '对公信贷审批系统二期', systems: ['CREDIT'], business: 'CORP', content: '小微企业贷款线上审批、额度管理和贷后预警', stop: 'rolling_out', appliedDaysAgo: 20, liveDaysAgo: -2 },
  { kind: 'golive', title: '银行卡积分商城', systems: ['CARD'], business: 'RETAIL', content: '信用卡积分兑换商城及积分对账', stop: 'pending_it_review', appliedDaysAgo: 3, liveDaysAgo: 0 },
  { kind: 'golive', title: '报表系统监管报送模块', systems: ['REPORT'], business: 'CORP', content: '按新监管口径生成 1104 报表并报送', stop: 'draft', appliedDaysAgo: 1, liveDaysAgo: 0 },
  { kind: 'release', title: '支付清算系统升级', systems: ['PAY'], business: 'CORP', content: '支付清算系统升级至 5.2 版，接入新一代支付系统', stop: 'trial_problem', appliedDaysAgo: 60, liveDaysAgo: 30 },
  { kind: 'release', title: 'OA办公系统移动版', systems: ['OA'], business: 'RETAIL', content: 'OA 移动端公文审批与待办提醒', stop: 'preparing_plan_submitted', appliedDaysAgo: 10, liveDaysAgo: 0 },
];

function planSteps(d: Driver, kind: 'golive' | 'release', day: number) {
  const id = (role: RoleCode) => d.users.actor(role, '').id;
  const at = (h: number) => wall(day + h * HOUR);
  return kind === 'golive'
    ? [
        { item: 'security_check', task: '上线前安全检查', assigneeUserId: id('security_reviewer'), plannedAt: at(20) },
        { item: 'prod_backup', task: '备份生产系统，比对新老版本，编译生效', assigneeUserId: id('prod_version_admin'), plannedAt: at(21) },
        { item: 'db_maintenance', task: '执行建表和数据初始化脚本', assigneeUserId: id('dba'), plannedAt: at(21.5) },
        { item: 'network', task: '切换前置通讯接口', assigneeUserId: id('netadmin'), plannedAt: at(22) },
        { item: 'batch', task: '上线当日及月终批处理跟踪', assigneeUserId: id('batch_tech'), plannedAt: at(23) },
      ]
    : [
        { item: 'security_check', task: '发布前安全检查', assigneeUserId: id('security_reviewer'), plannedAt: at(20) },
        { item: 'backup', task: '备份相关系统数据和配置', assigneeUserId: id('sysadmin'), plannedAt: at(21) },
        { item: 'network', task: '通讯接口切换到发布系统', assigneeUserId: id('netadmin'), plannedAt: at(22) },
      ];
}

/** Midnight (Beijing) of the day `ms` falls on. */
function dayStart(ms: number): number {
  const beijing = ms + 8 * HOUR;
  return beijing - (beijing % DAY) - 8 * HOUR;
}

function driveRollout(d: Driver, r: RolloutDemo, now: number): void {
  const k = r.kind;
  // Applied in the morning; the reviews follow within working hours.
  let t = dayStart(now - r.appliedDaysAgo * DAY) + 9 * HOUR;
  const next = (minutes = 60) => (t += minutes * 60_000);
  // The go-live day: for a form still being carried out, ahead of now; otherwise when its trial began.
  const liveDay = dayStart(now - r.liveDaysAgo * DAY);
  let f = run(d, k, undefined, 'project_manager', 'create', {
    title: r.title,
    plannedDate: wall(liveDay).slice(0, 10),
    systems: r.systems,
    businessUnit: d.business,
    contact: '分机 6021',
    content: r.content,
    newProject: k === 'golive',
    devSummary: '开发完成，系统测试用例全部通过，用户测试已结束',
  }, t);
  if (r.stop === 'draft') return;
  const report = k === 'golive' ? `${r.title}用户测试验收报告` : `${r.title}系统测试验收报告`;
  f = run(d, k, f, 'dept_head', 'recordTestReport', { reportTitle: report, conclusion: '测试通过，同意上线', passed: true, opinion: '同意' }, next());
  f = run(d, k, f, 'project_manager', 'submit', {}, next());
  f = run(d, k, f, 'pmo_reviewer', 'pmoReview', { agree: true, opinion: '材料齐全，同意' }, next(90));
  f = run(d, k, f, 'security_reviewer', 'securityReview', { agree: true, opinion: '安全测试结果符合要求' }, next(90));
  if (r.stop === 'pending_it_review') return;
  f = run(d, k, f, 'it_head', 'itHeadReview', { agree: true, opinion: '同意' }, next(90));
  f = run(d, k, f, 'project_manager', 'savePlan', {
    backup: `${k === 'golive' ? '上线' : '发布'}前对数据库做全量备份，应用程序与配置参数打包存档`,
    ...(k === 'golive' ? { environment: '生产环境应用服务器与数据库由运行维护中心搭建' } : {}),
    organisation: '项目组 5 人、运行维护中心 4 人现场值守',
    rollback: '切换失败时恢复原版本程序与数据库备份，30 分钟内完成',
    problems: '通讯接口不通：启用备用线路；交易超时：调整连接池',
    steps: planSteps(d, k, liveDay),
  }, next(24 * 60));
  f = run(d, k, f, 'project_manager', 'submitPlan', {}, next());
  if (r.stop === 'preparing_plan_submitted') return;
  f = run(d, k, f, 'it_head', 'approvePlan', { agree: true, opinion: '同意按计划实施' }, next(120));
  f = run(d, k, f, 'project_manager', 'recordDelivery', { what: 'rules', documents: '《业务管理办法》《操作细则》', recipients: '业务部门经办人员', trainingDate: wall(t).slice(0, 10) }, next());
  f = run(d, k, f, 'project_manager', 'recordDelivery', { what: 'manuals', documents: '《维护手册》《操作手册》', recipients: '运行维护中心值班人员', trainingDate: wall(t).slice(0, 10) }, next());
  if (k === 'golive') {
    f = run(d, k, f, 'project_manager', 'recordVersionTable', {
      version: `${r.systems[0]}-3.0.0`,
      components: [
        { name: `${r.systems[0]!.toLowerCase()}-server.war`, version: '3.0.0', checksum: 'a3f1c9e2b4d5a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1' },
        { name: 'db-migrate.sql', version: '3.0.0', checksum: '0123456789abcdef0123456789abcdef' },
      ],
      builtBy: '韩梅',
      builtAt: wall(t - HOUR),
    }, next());
    f = run(d, k, f, 'prod_version_admin', 'receiveVersionTable', { opinion: '版本已入库' }, next());
  }
  f = run(d, k, f, 'ops_coordinator', 'completePreparation', {}, next());
  if (r.stop === 'rolling_out') return;
  // The go-live evening: each line ticked by its 责任人 at its planned time.
  for (const line of (f as RolloutFormState).checklist) {
    const at = Date.parse(line.plannedAt) + 20 * 60_000;
    const who = d.engine.core.dir.user(line.assigneeUserId)!;
    const user = { id: who.id, username: who.username, name: who.name, unitCode: who.unitCode, roles: who.roles };
    f = d.engine.execute(user, k, 'tickStep', rolloutCommandSchemas.tickStep.parse({ lineId: line.id, doneAt: wall(at), note: '已按计划完成' }) as Record<string, unknown>, f.formId, toLocalIso(new Date(at)));
  }
  t = liveDay + 23.5 * HOUR;
  if (k === 'golive') f = run(d, k, f, 'prod_version_admin', 'recordVersionComparison', { oldVersion: `${r.systems[0]}-2.8`, newVersion: `${r.systems[0]}-3.0.0`, differences: '差异文件均在上线清单内', consistent: true }, next(5));
  f = run(d, k, f, 'ops_coordinator', 'closeChecklist', { opinion: '上线完成，转入试运行' }, next(10));
  f = run(d, k, f, k === 'golive' ? 'front_version_admin' : 'sysadmin', 'recordObservation', { keyDate: '下一营业日', date: wall(t + DAY).slice(0, 10), observation: '联机交易正常，无异常报错', normal: true }, t + DAY);
  if (r.stop === 'trial_problem') {
    run(d, k, f, 'ops_coordinator', 'reportProblem', { description: '月终批处理耗时比原版本长 40 分钟' }, t + 5 * DAY);
    return;
  }
  if (r.stop === 'trial_run') return;
  // 月终: the last day of the month after the go-live (§30(9)).
  const live = new Date(t + 8 * HOUR);
  const monthEnd = Date.UTC(live.getUTCFullYear(), live.getUTCMonth() + 2, 0) - 8 * HOUR + 23 * HOUR;
  f = run(d, k, f, 'batch_tech', 'recordObservation', { keyDate: '月终', date: wall(monthEnd).slice(0, 10), observation: '月终批处理按时完成', normal: true }, monthEnd);
  t = now - 25 * DAY;
  f = run(d, k, f, 'project_manager', 'requestAcceptance', { summary: '试运行三个月，系统运行平稳，无遗留问题', documents: '验收申请报告、用户手册、维护手册、试运行记录' }, t);
  run(d, k, f, 'it_head', 'accept', { passed: true, opinion: '验收合格，转正式运行', acceptedOn: wall(now - 20 * DAY).slice(0, 10) }, now - 20 * DAY);
}

/** §17(6)–(7): one closed access, one account left enabled two days ago (逾期), one waiting for approval. */
function driveAccesses(d: Driver, now: number): void {
  const req = (system: string, account: string, reason: string, start: number) => ({ system, reason, account, plannedStart: wall(start), plannedEnd: wall(start + 2 * HOUR) });
  const sysadmin = d.users.actor('sysadmin', '').id;
  // Closed: approved, supervised, ended, the account disabled within the hour.
  let t = now - 12 * DAY;
  let a = run(d, 'access', undefined, 'developer', 'create', req('CORE', 'dev_fix01', '日终批处理利息计算缺陷，须紧急修复', t + HOUR), t);
  a = run(d, 'access', a, 'ops_head', 'approve', { supervisorUserId: sysadmin, opinion: '同意，限两小时' }, t + 20 * 60_000);
  a = run(d, 'access', a, 'sysadmin', 'start', { startedAt: wall(t + HOUR) }, t + HOUR);
  a = run(d, 'access', a, 'sysadmin', 'end', { endedAt: wall(t + 2.5 * HOUR), workDone: '替换利息计算程序并重跑批处理' }, t + 2.5 * HOUR);
  run(d, 'access', a, 'sysadmin', 'disableAccount', { disabledAt: wall(t + 2.8 * HOUR), action: '禁用' }, t + 2.8 * HOUR);
  // Overdue: ended two days ago, the account still enabled (§17(7)).
  t = now - 2 * DAY;
  a = run(d, 'access', undefined, 'developer', 'create', req('EBANK', 'dev_tmp02', '网银转账限额参数错误，须紧急修复', t + HOUR), t);
  a = run(d, 'access', a, 'it_head', 'approve', { supervisorUserId: sysadmin, opinion: '同意' }, t + 20 * 60_000);
  a = run(d, 'access', a, 'sysadmin', 'start', { startedAt: wall(t + HOUR) }, t + HOUR);
  run(d, 'access', a, 'sysadmin', 'end', { endedAt: wall(t + 1.5 * HOUR), workDone: '修正转账限额参数表' }, t + 1.5 * HOUR);
  // Waiting for management's approval.
  t = now - 2 * HOUR;
  run(d, 'access', undefined, 'project_manager', 'create', req('CARD', 'dev_tmp03', '银行卡年费扣收异常，须排查生产数据', now + HOUR), t);
}

/** Loads the demo's project forms (inside the caller's transaction). */
export function loadDemoProjects(core: Core, users: DemoUsers, now: number): number {
  const engine = projectEngine(core.ctx);
  for (const r of ROLLOUTS) driveRollout({ engine, users, business: users.actor('dept_head', r.business).unitCode }, r, now);
  driveAccesses({ engine, users, business: '' }, now);
  return ROLLOUTS.length + 3;
}
