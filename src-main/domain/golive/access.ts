import { ACCESS_STATES, ACCESS_VERB_LABELS, type AccessFormState, type AccessState } from '../../shared/schemas/project-forms';
import { refuse, withApproval, type Refusal, type Workflow } from '../workflow';
import { plusMinutesBeijing } from './trial';

// 生产系统访问登记 (§17(6)–(7)): a developer enters production only for an emergency fix that
// management approved; a 系统管理员 of 运行维护中心 supervises and records the access, and
// disables or deletes the account used as soon as it ends.

export const ACCESS_TRANSITIONS: Readonly<Record<AccessState, readonly AccessState[]>> = {
  requested: ['approved', 'rejected'],
  approved: ['in_access'],
  in_access: ['pending_disable'],
  pending_disable: ['closed'],
  closed: [],
  rejected: [],
};

/** §17(7) 及时禁用: an account still enabled this long after the access ended is overdue. */
export const DISABLE_GRACE_MINUTES = 60;

type F = AccessFormState;

function notFuture(at: unknown, now: string, label: string): Refusal | undefined {
  return Date.parse(String(at)) > Date.parse(now) ? refuse('MISSING_FIELD', `${label}不能晚于当前时间`) : undefined;
}

function supervisorOnly(f: F, userId: string): Refusal | undefined {
  return f.approval && f.approval.supervisorUserId !== userId
    ? refuse('FORBIDDEN_ROLE', `须由批准时指定的监督系统管理员（${f.approval.supervisorName}）办理（第17条(7)）`)
    : undefined;
}

export const ACCESS_WORKFLOW: Workflow<F> = {
  prefix: 'access',
  noun: '访问登记',
  labels: ACCESS_VERB_LABELS,
  stateLabel: (_f, s) => ACCESS_STATES[s as AccessState] ?? s,
  transitions: ACCESS_TRANSITIONS,
  create: {
    roles: ['developer', 'project_manager'],
    article: '第17条(6)',
    input: (i) => (Date.parse(String(i.plannedEnd)) <= Date.parse(String(i.plannedStart)) ? refuse('MISSING_FIELD', '计划结束时间须晚于开始时间') : undefined),
    make: (input, base) => ({ ...base, kind: 'access', state: 'requested', request: input as F['request'] }),
  },
  verbs: {
    // §17(6): 得到管理层批准; the approver names the supervising 系统管理员 (§17(7)).
    approve: {
      roles: ['ops_head', 'it_head'],
      article: '第17条(6)',
      states: ['requested'],
      approval: true,
      input: (_f, i, c) => {
        const p = c.people?.(String(i.supervisorUserId));
        if (!p) return refuse('MISSING_FIELD', '监督的系统管理员不存在');
        if (!p.roles.includes('sysadmin')) return refuse('POLICY', `违反第17条(7)：开发人员访问已投产系统须由运行维护中心系统管理员监督，${p.name}不是系统管理员`);
        if (p.roles.includes('developer')) return refuse('SEGREGATION', '违反第17条(4)：监督人不得为开发人员');
        return undefined;
      },
      next: () => 'approved',
      payload: (_f, i, c) => ({ ...i, supervisorName: c.people?.(String(i.supervisorUserId))?.name ?? '' }),
      reduce: (f, p, s) =>
        withApproval(
          { ...f, approval: { ...s, supervisorUserId: String(p.supervisorUserId), supervisorName: String(p.supervisorName), ...(p.opinion ? { opinion: String(p.opinion) } : {}) } },
          'approve',
          s,
          true,
          p.opinion,
        ),
    },
    reject: {
      roles: ['ops_head', 'it_head'],
      article: '第17条(6)',
      states: ['requested'],
      approval: true,
      next: () => 'rejected',
      reduce: (f, p, s) => withApproval({ ...f, closure: { reason: String(p.opinion), userId: s.userId, name: s.name, time: s.time } }, 'reject', s, false, p.opinion),
    },
    start: {
      roles: ['sysadmin'],
      article: '第17条(7)',
      states: ['approved'],
      guard: (f, c) => supervisorOnly(f, c.actor.userId),
      input: (_f, i, c) => notFuture(i.startedAt, c.now, '访问开始时间'),
      reduce: (f, p, s) => ({ ...f, startedAt: String(p.startedAt), start: s }),
      next: () => 'in_access',
    },
    end: {
      roles: ['sysadmin'],
      article: '第17条(7)',
      states: ['in_access'],
      guard: (f, c) => supervisorOnly(f, c.actor.userId),
      input: (f, i, c) =>
        notFuture(i.endedAt, c.now, '访问结束时间') ??
        (f.startedAt && Date.parse(String(i.endedAt)) < Date.parse(f.startedAt) ? refuse('MISSING_FIELD', '访问结束时间不能早于开始时间') : undefined),
      next: () => 'pending_disable',
      reduce: (f, p, s) => ({ ...f, endedAt: String(p.endedAt), workDone: String(p.workDone), end: s }),
    },
    // §17(7): any 系统管理员 may disable the account; the time is what the record proves.
    disableAccount: {
      roles: ['sysadmin'],
      article: '第17条(7)',
      states: ['pending_disable'],
      input: (f, i, c) =>
        notFuture(i.disabledAt, c.now, '账号禁用时间') ??
        (f.endedAt && Date.parse(String(i.disabledAt)) < Date.parse(f.endedAt) ? refuse('MISSING_FIELD', '账号禁用时间不能早于访问结束时间') : undefined),
      next: () => 'closed',
      reduce: (f, p, s) => ({ ...f, disabled: { ...s, disabledAt: String(p.disabledAt), action: p.action as '禁用' | '删除' } }),
    },
  },
};

/** When the account should have been disabled by: after the end (or the planned end while still in). */
export function accessDueAt(f: F): string | undefined {
  const end = f.state === 'pending_disable' ? f.endedAt : f.state === 'in_access' ? f.request.plannedEnd : undefined;
  return end ? plusMinutesBeijing(end, DISABLE_GRACE_MINUTES) : undefined;
}

/** §17(7): the access ended (or ran past its planned end) and the account is still enabled. */
export function accessOverdue(f: F, now: string): boolean {
  const due = accessDueAt(f);
  return due !== undefined && Date.parse(now) > Date.parse(due);
}
