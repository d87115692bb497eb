import { INSPECTION_KINDS, REMINDER_KIND_LABELS, quarterRange, type Reminder, type ReminderKind, type WeekStatus } from '../../shared/schemas/supervision';
import { addCalendarDays } from '../calendar';

// What is due (提醒): pure answers from the facts the services read. Dates are Beijing dates.

/** Follow-ups and planned changes show as due this many days ahead. */
export const DUE_AHEAD_DAYS = 7;

function reminder(kind: ReminderKind, r: Omit<Reminder, 'kind' | 'kindLabel'>): Reminder {
  return { kind, kindLabel: REMINDER_KIND_LABELS[kind], ...r };
}

/**
 * §17(1): a week's plan is reviewed by its Monday. A week with nothing planned needs no review;
 * one not reviewed is overdue once its Monday has passed.
 */
export function weekReviewStatus(planned: number, reviewed: boolean, monday: string, today: string): WeekStatus['status'] {
  if (reviewed) return 'reviewed';
  if (planned === 0) return 'none';
  return today > monday ? 'overdue' : 'due';
}

export function weekReminder(w: Pick<WeekStatus, 'week' | 'monday' | 'sunday' | 'planned' | 'status'>): Reminder | undefined {
  if (w.status !== 'due' && w.status !== 'overdue') return undefined;
  return reminder('weekly_review', {
    severity: w.status,
    title: `${w.week}（${w.monday} 至 ${w.sunday}）周变更计划未审阅`,
    detail: `本周计划 ${w.planned} 项变更，须由运行维护中心负责人于 ${w.monday}（星期一）前审阅`,
    due: w.monday,
    article: '第17条(1)',
    week: w.week,
  });
}

/** The quarter before `2026-Q1` is `2025-Q4`. */
export function previousQuarter(quarter: string): string {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

/**
 * §36(3)–(4): each quarter needs its document-completeness check and its security inspection.
 * Due while the quarter runs; overdue for a quarter that ended without one.
 */
export function quarterlyInspectionReminders(kind: 'documents' | 'security', quarter: string, doneThisQuarter: number, donePreviousQuarter: number, since?: string): Reminder[] {
  const out: Reminder[] = [];
  const { label, article } = INSPECTION_KINDS[kind];
  const prev = previousQuarter(quarter);
  const prevRange = quarterRange(prev);
  // Only quarters the program was in use for (since: the first recorded day).
  if (donePreviousQuarter === 0 && (since === undefined || since <= prevRange.to)) {
    out.push(reminder('inspection', { severity: 'overdue', title: `${prev} 未进行${label}`, detail: `${article}：每季度至少一次`, due: prevRange.to, article, inspectionKind: kind }));
  }
  if (doneThisQuarter === 0) {
    const range = quarterRange(quarter);
    out.push(reminder('inspection', { severity: 'due', title: `${quarter} 尚未进行${label}`, detail: `${article}：须于 ${range.to} 前完成`, due: range.to, article, inspectionKind: kind }));
  }
  return out;
}

/** §36(2): the system check before a scheduled change goes live; overdue when its time has come unchecked. */
export function systemCheckReminder(f: { formId: string; formNo: string; title: string; plannedStart: string }, today: string): Reminder | undefined {
  const day = f.plannedStart.slice(0, 10);
  if (day > addCalendarDays(today, DUE_AHEAD_DAYS)) return undefined;
  return reminder('inspection', {
    severity: today > day ? 'overdue' : 'due',
    title: `${f.formNo} ${f.title} 上线前系统检查`,
    detail: `计划 ${f.plannedStart.slice(0, 16).replace('T', ' ')} 上线，尚无系统管理员的检查记录`,
    due: day,
    article: INSPECTION_KINDS.system.article,
    formId: f.formId,
    inspectionKind: 'system',
  });
}

export function followUpReminder(f: { action: string; owner: string; due: string; inspectionLabel: string; performedOn: string }, today: string): Reminder {
  return reminder('follow_up', {
    severity: today > f.due ? 'overdue' : 'due',
    title: `整改：${f.action}`,
    detail: `${f.performedOn} ${f.inspectionLabel}发现，责任人 ${f.owner}，期限 ${f.due}`,
    due: f.due,
    article: '第36条',
  });
}

export function emergencyPaperworkReminder(
  f: { formId: string; formNo: string; title: string },
  item: { kind: '补单' | '补测'; deadline: string; workingDaysOpen: number; overdue: boolean },
): Reminder {
  return reminder('emergency_paperwork', {
    severity: item.overdue ? 'overdue' : 'due',
    title: `${f.formNo} ${f.title} 待${item.kind}`,
    detail: `紧急变更实施后已 ${item.workingDaysOpen} 个工作日，期限 ${item.deadline}`,
    due: item.deadline,
    article: item.kind === '补单' ? '第23条' : '第24条',
    formId: f.formId,
  });
}

/** Overdue first, then by the date due. */
export function sortReminders(items: Reminder[]): Reminder[] {
  return items.sort((a, b) => (a.severity === b.severity ? a.due.localeCompare(b.due) : a.severity === 'overdue' ? -1 : 1));
}

export function countReminders(items: readonly Reminder[]): { due: number; overdue: number; byKind: Partial<Record<ReminderKind, number>> } {
  const byKind: Partial<Record<ReminderKind, number>> = {};
  let due = 0;
  let overdue = 0;
  for (const r of items) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    if (r.severity === 'overdue') overdue++;
    else due++;
  }
  return { due, overdue, byKind };
}

/** A go-live (附件2) or release (附件4) as the reminders see it. */
export interface RolloutDue {
  formId: string;
  formNo: string;
  title: string;
  kind: 'golive' | 'release';
}

/**
 * §31(1) / §35(1): a trial run reaching three months — shown from a week before the first day
 * the acceptance request may be made until the project team makes it.
 */
export function trialRunReminder(f: RolloutDue & { since: string; acceptanceFrom: string }, today: string): Reminder | undefined {
  if (addCalendarDays(today, DUE_AHEAD_DAYS) < f.acceptanceFrom) return undefined;
  const article = f.kind === 'golive' ? '第31条(1)' : '第35条(1)';
  const reached = today >= f.acceptanceFrom;
  return reminder('trial_run', {
    severity: 'due',
    title: `${f.formNo} ${f.title} 试运行${reached ? '已满' : '将满'}三个月`,
    detail: `试运行自 ${f.since.slice(0, 10)} 开始，${reached ? '可' : `${f.acceptanceFrom} 起可`}由项目组提交正式验收申请报告`,
    due: f.acceptanceFrom,
    article,
    formId: f.formId,
    formKind: f.kind,
  });
}

/**
 * §17(7): the account a developer used in production is disabled as soon as the access ends.
 * Due from the end until the grace time (`dueAt`) passes, overdue after.
 */
export function accessAccountReminder(f: { formId: string; formNo: string; title: string; dueAt: string }, now: string): Reminder {
  const overdue = Date.parse(now) > Date.parse(f.dueAt);
  return reminder('access_account', {
    severity: overdue ? 'overdue' : 'due',
    title: `${f.formNo} ${f.title} 访问账号未禁用`,
    detail: `访问结束后须由系统管理员及时禁用或删除账号，期限 ${f.dueAt.slice(0, 16).replace('T', ' ')}`,
    due: f.dueAt.slice(0, 10),
    article: '第17条(7)',
    formId: f.formId,
    formKind: 'access',
  });
}

/**
 * §36(1)–(2): before a go-live or release is switched over, the version administrator checks the
 * version and the 系统管理员 the system. Due a week ahead of the first planned step; overdue
 * once that day has passed unchecked.
 */
export function rolloutCheckReminder(kind: 'version' | 'system', f: RolloutDue & { plannedDay: string }, today: string): Reminder | undefined {
  if (f.plannedDay > addCalendarDays(today, DUE_AHEAD_DAYS)) return undefined;
  const word = f.kind === 'golive' ? '上线' : '发布';
  const who = kind === 'version' ? '版本管理员' : '系统管理员';
  return reminder('inspection', {
    severity: today > f.plannedDay ? 'overdue' : 'due',
    title: `${f.formNo} ${f.title} ${word}前${INSPECTION_KINDS[kind].label}`,
    detail: `计划 ${f.plannedDay} ${word}，尚无${who}的检查记录`,
    due: f.plannedDay,
    article: INSPECTION_KINDS[kind].article,
    formId: f.formId,
    formKind: f.kind,
    inspectionKind: kind,
  });
}
