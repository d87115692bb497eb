import type { ChangeFormState, ChangeState, ChangeType } from '../../shared/schemas/change-form';
import type { SessionUser } from '../../shared/schemas/identity';
import type { SystemClass } from '../../shared/schemas/directory';
import type { RoleCode, UnitKind } from '../../shared/schemas/roles';
import { DIR_EVENTS } from '../../store/directory';
import { changeEngine, type ChangeEngine } from '../change-service';
import type { ServiceContext } from '../context';
import { coreOf, type Core } from '../core';
import { saveUserRecord } from '../directory-service';
import { hashPassword } from '../password';
import { policySettings } from '../settings-service';
import { toLocalIso } from '../time';
import { nextStep, type Plan } from './change-script';
import { loadDemoProjects } from './project-demo';

// Demo data (issue 3): units, a user for every role, systems and about 40 change forms in every
// state — each form made by real commands through the change engine, so every rule held — and
// the project forms of issue 8 (project-demo.ts).

/** The password of every demo user (printed by `changedesk demo`). */
export const DEMO_PASSWORD = 'demo-2026';

interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
}
interface DemoUser {
  username: string;
  name: string;
  unit: string;
  roles: RoleCode[];
}

const UNITS: DemoUnit[] = [
  { code: 'RETAIL', name: '零售业务部', kind: 'business' },
  { code: 'CORP', name: '公司业务部', kind: 'business' },
  { code: 'OPS', name: '科技信息部运行维护中心', kind: 'ops' },
  { code: 'DEV', name: '科技信息部软件开发中心', kind: 'dev' },
  { code: 'TEST', name: '科技信息部测试评估中心', kind: 'test' },
  { code: 'SEC', name: '科技信息部安全科', kind: 'security' },
  { code: 'PMO', name: '科技信息部项目管理科', kind: 'pmo' },
  { code: 'ITD', name: '科技信息部', kind: 'it_dept' },
  { code: 'ARCH', name: 'IT综合科', kind: 'archive' },
  { code: 'HQO', name: '行长办公室', kind: 'notice' },
  { code: 'CSC', name: '客户服务中心', kind: 'notice' },
];

const USERS: DemoUser[] = [
  { username: 'zhangsan', name: '张三', unit: 'RETAIL', roles: ['applicant'] },
  { username: 'lisi', name: '李四', unit: 'RETAIL', roles: ['dept_head'] },
  { username: 'chenqi', name: '陈七', unit: 'CORP', roles: ['applicant'] },
  { username: 'zhouba', name: '周八', unit: 'CORP', roles: ['dept_head'] },
  { username: 'wangwu', name: '王五', unit: 'OPS', roles: ['ops_coordinator'] },
  { username: 'zhaoliu', name: '赵六', unit: 'OPS', roles: ['ops_head'] },
  { username: 'sunhao', name: '孙浩', unit: 'OPS', roles: ['sysadmin'] },
  { username: 'qianjin', name: '钱进', unit: 'OPS', roles: ['netadmin'] },
  { username: 'wuqiang', name: '吴强', unit: 'OPS', roles: ['dba'] },
  { username: 'zhengxin', name: '郑欣', unit: 'OPS', roles: ['prod_version_admin'] },
  { username: 'fengyu', name: '冯雨', unit: 'OPS', roles: ['front_version_admin'] },
  { username: 'chuli', name: '褚立', unit: 'OPS', roles: ['batch_tech'] },
  { username: 'hanmei', name: '韩梅', unit: 'DEV', roles: ['developer'] },
  { username: 'yangfan', name: '杨帆', unit: 'DEV', roles: ['project_manager'] },
  { username: 'zhuhong', name: '朱红', unit: 'TEST', roles: ['tester'] },
  { username: 'qinan', name: '秦安', unit: 'SEC', roles: ['security_reviewer'] },
  { username: 'xuli', name: '许丽', unit: 'PMO', roles: ['pmo_reviewer'] },
  { username: 'hezong', name: '何总', unit: 'ITD', roles: ['it_head'] },
  { username: 'lvdang', name: '吕档', unit: 'ARCH', roles: ['archivist'] },
];

const SYSTEMS: Array<{ code: string; name: string; class: SystemClass; owner: string }> = [
  { code: 'CORE', name: '核心业务系统', class: '生产业务系统', owner: 'OPS' },
  { code: 'EBANK', name: '网上银行系统', class: '生产业务系统', owner: 'OPS' },
  { code: 'MBANK', name: '手机银行系统', class: '生产业务系统', owner: 'OPS' },
  { code: 'CARD', name: '银行卡系统', class: '生产业务系统', owner: 'OPS' },
  { code: 'PAY', name: '支付清算系统', class: '生产业务系统', owner: 'OPS' },
  { code: 'CREDIT', name: '信贷管理系统', class: '管理信息系统', owner: 'OPS' },
  { code: 'OA', name: 'OA办公系统', class: '管理信息系统', owner: 'OPS' },
  { code: 'REPORT', name: '报表系统', class: '管理信息系统', owner: 'OPS' },
];

export interface DemoUsers {
  /** The user who acts in a role, for a form of the given business unit. */
  actor(role: RoleCode, businessUnit: string): SessionUser;
}

/** The demo's units, users and systems; the terminal's own unit stands in for the demo unit of its kind. */
export async function loadDemoDirectory(core: Core, admin: { id: string }, passwordLogN?: number): Promise<{ users: DemoUsers; created: DemoUser[] }> {
  const self = core.requireTerminalUnit();
  const codeOf = (u: DemoUnit): string => (u.kind === self.kind && u.kind !== 'business' ? self.code : u.code === self.code ? `${u.code}2` : u.code);
  const hash = await hashPassword(DEMO_PASSWORD, passwordLogN);
  const created: DemoUser[] = [];
  core.write(() => {
    for (const u of UNITS) {
      const code = codeOf(u);
      if (!core.dir.unit(code)) core.appendDirectory(admin, 'admin', DIR_EVENTS.unit, { code, name: u.name, kind: u.kind });
    }
    for (const s of SYSTEMS) {
      const owner = codeOf(UNITS.find((u) => u.code === s.owner)!);
      if (!core.dir.system(s.code)) core.appendDirectory(admin, 'admin', DIR_EVENTS.system, { code: s.code, name: s.name, class: s.class, ownerUnit: owner });
    }
    for (const u of USERS) {
      if (core.dir.usersNamed(u.username).length > 0) continue;
      const unitCode = codeOf(UNITS.find((x) => x.code === u.unit)!);
      saveUserRecord(core, admin, { username: u.username, name: u.name, unitCode, roles: u.roles }, hash);
      created.push({ ...u, unit: unitCode });
    }
  });
  const all = core.dir.users();
  const users: DemoUsers = {
    actor(role, businessUnit) {
      const candidates = all.filter((u) => u.roles.includes(role) && !u.disabled);
      const user = candidates.find((u) => u.unitCode === businessUnit) ?? candidates[0];
      if (!user) throw new Error(`演示数据缺少角色 ${role} 的用户`);
      return { id: user.id, username: user.username, name: user.name, unitCode: user.unitCode, roles: user.roles };
    },
  };
  return { users, created };
}

/** Drives one form with real commands until it reaches `stopAt` (or its end); times advance from `start`. */
export function driveForm(
  engine: ChangeEngine,
  users: DemoUsers,
  plan: Plan & { unit: string },
  stopAt: ChangeState | 'withdraw_after_assessment',
  start: number,
  stepMinutes: number,
): ChangeFormState {
  const settings = policySettings(engine.core);
  let t = start;
  let state: ChangeFormState | undefined;
  for (let guard = 0; guard < 60; guard++) {
    const now = toLocalIso(new Date(t));
    if (state && stopAt === 'withdraw_after_assessment' && state.state === 'pending_assessment') {
      return engine.execute(users.actor('applicant', plan.unit), { name: 'withdraw', input: { reason: '业务需求已取消' }, formId: state.formId }, now).state;
    }
    if (state?.state === stopAt) return state;
    // Go-live happens at the planned time.
    if (state?.state === 'scheduled' && state.part3.plannedEnd) t = Math.max(t, Date.parse(state.part3.plannedEnd) + 30 * 60_000);
    const step = nextStep(state, plan, toLocalIso(new Date(t)), settings);
    if (!step) return state!;
    const user = users.actor(step.role, plan.unit);
    state = engine.execute(user, { ...step.command, ...(state ? { formId: state.formId } : {}) }, toLocalIso(new Date(t))).state;
    t += stepMinutes * 60_000;
  }
  throw new Error('演示变更单未能到达目标状态');
}

const TOPICS: Array<{ title: string; content: string; systems: string[]; type: ChangeType }> = [
  { title: '调整个人存款利率参数', content: '按总行通知调整个人定期存款挂牌利率参数', systems: ['CORE'], type: '业务参数修改' },
  { title: '网上银行转账限额优化', content: '提高网上银行单笔转账限额并增加短信验证', systems: ['EBANK'], type: '系统逻辑改变' },
  { title: '手机银行新增理财购买功能', content: '在手机银行增加理财产品查询和购买功能', systems: ['MBANK', 'CORE'], type: '新增功能' },
  { title: '修正银行卡年费扣收错误', content: '修正部分借记卡年费重复扣收的程序错误', systems: ['CARD'], type: '系统错误修正' },
  { title: '支付清算系统操作系统补丁', content: '安装厂商发布的操作系统安全补丁', systems: ['PAY'], type: '系统补丁安装及版本更新' },
  { title: '信贷系统审批流程配置调整', content: '调整小微贷款审批节点配置', systems: ['CREDIT'], type: '系统配置修改' },
  { title: '报表系统存储扩容', content: '因数据量增长扩充报表系统存储容量', systems: ['REPORT'], type: '容量扩充/关联系统变化引发' },
  { title: 'OA系统公文模板更新', content: '按新版公文格式更新OA系统模板', systems: ['OA'], type: '系统配置修改' },
];

interface DemoForm {
  stopAt: ChangeState | 'withdraw_after_assessment';
  emergency?: boolean;
  conclusion?: Plan['conclusion'];
  risk?: Plan['risk'];
  interrupt?: boolean;
  outcome?: Plan['outcome'];
  override?: boolean;
  testedBefore?: boolean;
  /** Days before now the form was started. */
  daysAgo: number;
}

const FORMS: DemoForm[] = [
  { stopAt: 'draft', daysAgo: 0.2 },
  { stopAt: 'draft', daysAgo: 1 },
  { stopAt: 'pending_dept_approval', daysAgo: 0.5 },
  { stopAt: 'pending_dept_approval', daysAgo: 1.5 },
  { stopAt: 'pending_assessment', daysAgo: 1 },
  { stopAt: 'pending_assessment', daysAgo: 2 },
  { stopAt: 'pending_assessment_approval', daysAgo: 1 },
  { stopAt: 'pending_assessment_approval', daysAgo: 2, risk: '高' },
  { stopAt: 'not_recommended', conclusion: '不建议实施', daysAgo: 20 },
  { stopAt: 'to_project', conclusion: '转项目', daysAgo: 25 },
  { stopAt: 'planning', daysAgo: 1 },
  { stopAt: 'planning', daysAgo: 2, interrupt: true },
  { stopAt: 'pending_impl_approval', daysAgo: 1.5 },
  { stopAt: 'pending_impl_approval', daysAgo: 2, override: true },
  { stopAt: 'scheduled', daysAgo: 2, interrupt: true },
  { stopAt: 'scheduled', daysAgo: 2.5 },
  { stopAt: 'scheduled', daysAgo: 2, override: true },
  { stopAt: 'implemented', daysAgo: 8 },
  { stopAt: 'rolled_back', outcome: '已回退', daysAgo: 9 },
  { stopAt: 'pending_post_review', risk: '中', daysAgo: 10 },
  { stopAt: 'pending_post_review', risk: '高', daysAgo: 11, interrupt: true },
  { stopAt: 'pending_applicant_confirm', daysAgo: 12 },
  { stopAt: 'pending_applicant_confirm', outcome: '已回退', daysAgo: 13 },
  { stopAt: 'pending_archive', daysAgo: 15 },
  { stopAt: 'pending_archive', risk: '中', daysAgo: 16 },
  { stopAt: 'archived', daysAgo: 40 },
  { stopAt: 'archived', daysAgo: 45, risk: '高', interrupt: true },
  { stopAt: 'archived', daysAgo: 50, outcome: '已回退' },
  { stopAt: 'archived', daysAgo: 55, override: true },
  { stopAt: 'archived', daysAgo: 60 },
  { stopAt: 'withdraw_after_assessment', daysAgo: 5 },
  { stopAt: 'withdraw_after_assessment', daysAgo: 7 },
  { stopAt: 'emergency_pending_auth', emergency: true, daysAgo: 0.1 },
  { stopAt: 'emergency_pending_backup', emergency: true, daysAgo: 0.2 },
  { stopAt: 'emergency_pending_impl', emergency: true, daysAgo: 0.3 },
  { stopAt: 'emergency_followup', emergency: true, testedBefore: false, daysAgo: 1 },
  { stopAt: 'emergency_followup', emergency: true, testedBefore: false, daysAgo: 10 },
  { stopAt: 'emergency_followup', emergency: true, testedBefore: true, risk: '中', daysAgo: 7 },
  { stopAt: 'emergency_log_review', emergency: true, daysAgo: 12 },
  { stopAt: 'pending_archive', emergency: true, outcome: '已回退', daysAgo: 14 },
  { stopAt: 'archived', emergency: true, testedBefore: false, daysAgo: 30 },
];

/** Loads the whole demo; returns the users made, for printing. */
export async function loadDemoData(ctx: ServiceContext, admin: { id: string }): Promise<{ users: DemoUser[]; forms: number; projectForms: number }> {
  const core = coreOf(ctx);
  const { users, created } = await loadDemoDirectory(core, admin, ctx.passwordLogN);
  const engine = changeEngine(core);
  const now = ctx.clock().getTime();
  core.write(() => {
    FORMS.forEach((f, i) => {
      const topic = TOPICS[i % TOPICS.length]!;
      const unit = i % 3 === 2 ? 'CORP' : 'RETAIL';
      const plan: Plan & { unit: string } = {
        unit: users.actor('applicant', unit).unitCode,
        unitName: unit === 'CORP' ? '公司业务部' : '零售业务部',
        title: topic.title,
        content: topic.content,
        systems: topic.systems,
        changeType: topic.type,
        emergency: f.emergency ?? false,
        conclusion: f.conclusion ?? '建议实施',
        risk: f.risk ?? '低',
        interrupt: f.interrupt ?? false,
        outcome: f.outcome ?? '成功',
        override: f.override ?? false,
        testedBefore: f.testedBefore ?? true,
        devAssess: i % 4 === 0,
      };
      // Forms still before go-live keep their steps within hours, so their planned dates lie ahead.
      const stepMinutes = f.daysAgo < 3 ? 20 : 120;
      driveForm(engine, users, plan, f.stopAt, now - f.daysAgo * 86_400_000, stepMinutes);
    });
  });
  // 附件2, 附件4 and 生产系统访问登记 in varied states (issue 8).
  const projectForms = core.write(() => loadDemoProjects(core, users, now));
  return { users: created, forms: FORMS.length, projectForms };
}
