import { randomUUID } from 'node:crypto';
import {
  addCalendarDays,
  completenessGaps,
  countReminders,
  emergencyPaperworkReminder,
  previousQuarter,
  followUpReminder,
  quarterlyInspectionReminders,
  sortReminders,
  systemCheckReminder,
  weekReminder,
  weekReviewStatus,
  DUE_AHEAD_DAYS,
} from '../domain';
import { isoWeekOf, isoWeekRange, ON_PLAN } from '../pdf';
import { AppError } from '../shared/errors';
import { CHANGE_STATES, type ChangeSummary } from '../shared/schemas/change-form';
import type { SessionUser } from '../shared/schemas/identity';
import type { RoleCode } from '../shared/schemas/roles';
import {
  INSPECTION_KINDS,
  quarterOf,
  type CompletenessResult,
  type InspectionKind,
  type InspectionRecord,
  type Reminder,
  type WeekStatus,
} from '../shared/schemas/supervision';
import { SUP_EVENTS, SupervisionStore, supStream, type InspectionPayload } from '../store/supervision-store';
import { businessOnly, changeEngine } from './change-service';
import type { AreaHandlers, ServiceContext } from './context';
import { actingRole, coreOf, currentUser, perCore, requireRole, type Core } from './core';
import { STATS_ROLES, statsEngine } from './stats-service';
import { projectEngine } from './project-engine';
import { localDate } from './time';

// Supervision (issue 9): §17(1) the ops head's weekly review of the plan, §36 the inspections
// and their follow-ups, §36(3) the completeness check computed, and 提醒 — everything due.

/** §17(1): 运行维护中心负责人 reviews the week's plan. */
const REVIEW_ROLES: readonly RoleCode[] = ['ops_head'];

/**
 * Whom the §17(1) review concerns: the ops head who reviews, the 受理人 who puts the week's
 * changes on the plan (§13), the IT department head above them (§27). Only they are told that
 * a week is due or overdue for review — in 提醒 and on the calendar; an applicant cannot act on it.
 */
const WEEKLY_PLAN_ROLES: readonly RoleCode[] = ['ops_head', 'it_head', 'ops_coordinator'];

/** Who records each §36 inspection. */
export const INSPECTION_ROLES: Record<InspectionKind, readonly RoleCode[]> = {
  // §36(1) 科技信息部版本管理员
  version: ['prod_version_admin', 'front_version_admin'],
  // §36(2) 科技信息部系统管理员
  system: ['sysadmin'],
  // §36(3) 科技信息部 (§27: the IT department head arranges the periodic review)
  documents: ['it_head', 'ops_head', 'ops_coordinator', 'archivist'],
  // §36(4) 安全科
  security: ['security_reviewer'],
};

/** Who reads the inspection records and the completeness check: the IT side. */
const SUPERVISION_READERS: readonly RoleCode[] = [
  ...STATS_ROLES.filter((r) => r !== 'dept_head'),
  'sysadmin',
  'prod_version_admin',
  'front_version_admin',
];

/** Which reminders a role is shown (besides emergency paperwork, which everyone sees for their forms). */
const REMINDER_AUDIENCE = {
  weekly: WEEKLY_PLAN_ROLES,
  documents: ['it_head', 'ops_head', 'ops_coordinator', 'archivist'],
  security: ['security_reviewer', 'it_head'],
  system: ['sysadmin', 'ops_head', 'ops_coordinator'],
  followUps: ['it_head', 'ops_head'],
} as const satisfies Record<string, readonly RoleCode[]>;

/** Weeks back the reminders look for an unreviewed plan (the weeks call covers any range). */
const REVIEW_LOOKBACK_WEEKS = 12;

/**
 * More reminders, from areas built elsewhere: the go-live/release forms register trial runs
 * reaching three months (§31, §35) and production access accounts not disabled (§17(7)).
 */
export type ReminderSource = (core: Core, user: SessionUser, today: string) => Reminder[];
const reminderSources: ReminderSource[] = [];
export function registerReminderSource(source: ReminderSource): void {
  if (!reminderSources.includes(source)) reminderSources.push(source);
}

const has = (user: SessionUser, roles: readonly RoleCode[]) => roles.some((r) => user.roles.includes(r));

/** The supervision records of one context. */
export class SupervisionEngine {
  readonly store: SupervisionStore;

  constructor(readonly core: Core) {
    this.store = new SupervisionStore(core.ctx.db);
  }

  private append(user: SessionUser, role: RoleCode, type: string, payload: unknown): void {
    const e = this.core.append({ stream: supStream(this.core.requireTerminalUnit().code), type, author: user.id, role, payload });
    this.store.apply({ id: e.id, type, payload, author: user.id, authorName: user.name, role, time: e.time });
  }

  weeklyReview(user: SessionUser, week: string, opinion: string) {
    const role = actingRole(user, REVIEW_ROLES);
    return this.core.write(() => {
      const done = this.store.review(week);
      if (done) throw new AppError('ALREADY_REVIEWED', `${week} 的周变更计划已由${done.name}于 ${done.time.slice(0, 16).replace('T', ' ')} 审阅（第17条(1)）。`);
      this.append(user, role, SUP_EVENTS.weeklyReview, { week, opinion });
      return this.store.review(week)!;
    });
  }

  weeks(from: string, to: string, today: string): WeekStatus[] {
    const first = isoWeekRange(isoWeekOf(from)).monday;
    const last = isoWeekRange(isoWeekOf(to)).sunday;
    const perDay = this.store.plannedPerDay(first, last, ON_PLAN);
    const reviews = new Map(this.store.reviews(isoWeekOf(first), isoWeekOf(last)).map((r) => [r.week, r]));
    const out: WeekStatus[] = [];
    for (let monday = first; monday <= last; monday = addCalendarDays(monday, 7)) {
      const week = isoWeekOf(monday);
      const sunday = addCalendarDays(monday, 6);
      let planned = 0;
      for (let d = monday; d <= sunday; d = addCalendarDays(d, 1)) planned += perDay.get(d) ?? 0;
      const review = reviews.get(week);
      out.push({ week, monday, sunday, planned, ...(review ? { review } : {}), status: weekReviewStatus(planned, review !== undefined, monday, today) });
    }
    return out;
  }

  recordInspection(user: SessionUser, input: Omit<InspectionPayload, 'id' | 'formNo' | 'followUps'> & { followUps: Array<{ action: string; owner: string; due: string }> }): InspectionRecord {
    const role = actingRole(user, INSPECTION_ROLES[input.kind]);
    const { label, article } = INSPECTION_KINDS[input.kind];
    // §36(1)–(2) are checks of a particular release or change; the quarterly ones are not.
    if ((input.kind === 'system' || input.kind === 'version') && !input.formId && !input.releaseRef) {
      throw new AppError('MISSING_FIELD', `请指明所检查的变更单或发布（${article}：${label}在每次变更和发布前进行）`);
    }
    const today = localDate(this.core.ctx.clock());
    if (input.performedOn > today) throw new AppError('INVALID_DATE', '检查日期不能晚于今天。');
    let formNo: string | undefined;
    let formKind: InspectionRecord['formKind'];
    if (input.formId) {
      // §36(2) names a change form; §36(1)–(2) before a release name a go-live or release form.
      const change = changeEngine(this.core).queries.form(input.formId);
      const project = change ? undefined : projectEngine(this.core.ctx).forms.load(input.formId)?.state;
      if (change) formNo = change.state.formNo;
      else if (project && project.kind !== 'access') {
        formNo = project.formNo;
        formKind = project.kind;
      } else throw new AppError('NOT_FOUND', '找不到该变更单或上线/发布申请。');
    }
    const id = randomUUID();
    const payload: InspectionPayload = {
      ...input,
      id,
      ...(formNo ? { formNo } : {}),
      ...(formKind ? { formKind } : {}),
      followUps: input.followUps.map((f) => ({ ...f, id: randomUUID() })),
    };
    return this.core.write(() => {
      this.append(user, role, SUP_EVENTS.inspection, payload);
      return this.store.inspection(id)!;
    });
  }

  closeFollowUp(user: SessionUser, inspectionId: string, followUpId: string, note: string): InspectionRecord {
    return this.core.write(() => {
      const r = this.store.inspection(inspectionId);
      const f = r?.followUps.find((x) => x.id === followUpId);
      if (!r || !f) throw new AppError('NOT_FOUND', '找不到该整改事项。');
      if (f.closed) throw new AppError('ALREADY_CLOSED', `该整改事项已于 ${f.closed.time.slice(0, 10)} 由${f.closed.name}登记完成。`);
      // The inspecting roles and the heads close follow-ups; so does the person it was given to.
      const roles: RoleCode[] = [...INSPECTION_ROLES[r.kind], 'it_head', 'ops_head'];
      const role = roles.find((x) => user.roles.includes(x)) ?? (f.owner === user.name ? user.roles.find((x) => x !== 'admin') : undefined);
      if (!role) throw new AppError('FORBIDDEN', `无权登记该整改事项完成：需要${INSPECTION_KINDS[r.kind].label}的检查人员、科技信息部负责人、运行维护中心负责人或责任人本人。`);
      this.append(user, role, SUP_EVENTS.followUpClosed, { inspectionId, followUpId, note });
      return this.store.inspection(inspectionId)!;
    });
  }

  /** §36(3): every form requested in the period that lacks a part, a signed record or a document its steps required. */
  completeness(from: string, to: string, unit: string | undefined): CompletenessResult {
    const rows = statsEngine(this.core).queries.requestedStates(from, to, unit);
    const out: CompletenessResult = { from, to, checked: rows.length, incomplete: 0, rows: [] };
    for (const f of rows) {
      const gaps = completenessGaps(f);
      if (gaps.length === 0) continue;
      out.rows.push({
        formId: f.formId,
        formNo: f.formNo,
        title: f.part1.title ?? '',
        state: f.state,
        stateLabel: CHANGE_STATES[f.state],
        unit: f.part1.applicantUnitName ?? f.applicant.unitCode,
        gaps,
      });
    }
    out.incomplete = out.rows.length;
    return out;
  }

  reminders(user: SessionUser): Reminder[] {
    const today = localDate(this.core.ctx.clock());
    const items: Reminder[] = [];
    for (const e of changeEngine(this.core).overdue(user)) {
      for (const item of e.items) items.push(emergencyPaperworkReminder(e.summary, item));
    }
    if (has(user, REMINDER_AUDIENCE.weekly)) {
      const from = addCalendarDays(today, -7 * REVIEW_LOOKBACK_WEEKS);
      for (const w of this.weeks(from, addCalendarDays(today, 7), today)) {
        const r = weekReminder(w);
        if (r) items.push(r);
      }
    }
    const quarter = quarterOf(today);
    const since = this.store.firstDay();
    for (const kind of ['documents', 'security'] as const) {
      if (!has(user, REMINDER_AUDIENCE[kind])) continue;
      const prevQuarter = previousQuarter(quarter);
      items.push(...quarterlyInspectionReminders(kind, quarter, this.store.countInQuarter(kind, quarter), this.store.countInQuarter(kind, prevQuarter), since));
    }
    if (has(user, REMINDER_AUDIENCE.system)) {
      for (const json of this.store.scheduledWithoutSystemCheck(addCalendarDays(today, DUE_AHEAD_DAYS))) {
        const s = JSON.parse(json) as ChangeSummary;
        if (!s.plannedStart) continue;
        const r = systemCheckReminder({ formId: s.formId, formNo: s.formNo, title: s.title, plannedStart: s.plannedStart }, today);
        if (r) items.push(r);
      }
    }
    for (const open of this.store.openFollowUpsDueBy(addCalendarDays(today, DUE_AHEAD_DAYS))) {
      const r = this.store.inspection(open.inspectionId);
      const f = r?.followUps.find((x) => x.id === open.followUpId);
      if (!r || !f) continue;
      if (!has(user, REMINDER_AUDIENCE.followUps) && !has(user, INSPECTION_ROLES[r.kind]) && f.owner !== user.name) continue;
      items.push(followUpReminder({ action: f.action, owner: f.owner, due: f.due, inspectionLabel: r.kindLabel, performedOn: r.performedOn }, today));
    }
    for (const source of reminderSources) items.push(...source(this.core, user, today));
    return sortReminders(items);
  }
}

export const supervisionEngine = perCore((core) => new SupervisionEngine(core));

export function supervisionHandlers(ctx: ServiceContext): AreaHandlers<'supervision'> {
  const core = coreOf(ctx);
  const sup = supervisionEngine(core);
  return {
    'supervision:weeklyReview': (input, call) => sup.weeklyReview(requireRole(ctx, call, REVIEW_ROLES), input.week, input.opinion),
    'supervision:weeks': (input, call) => {
      // The record of the reviews, on the 统计 screen: the IT side that supervises (§36).
      requireRole(ctx, call, SUPERVISION_READERS);
      return sup.weeks(input.from, input.to, localDate(ctx.clock()));
    },
    'supervision:weekToReview': (input, call) => {
      requireRole(ctx, call, WEEKLY_PLAN_ROLES);
      const { monday } = isoWeekRange(input.week);
      return sup.weeks(monday, monday, localDate(ctx.clock()))[0]!;
    },
    'supervision:recordInspection': (input, call) => sup.recordInspection(requireRole(ctx, call, INSPECTION_ROLES[input.kind]), input),
    'supervision:closeFollowUp': (input, call) => sup.closeFollowUp(currentUser(ctx, call), input.inspectionId, input.followUpId, input.note),
    'supervision:inspections': (input, call) => {
      requireRole(ctx, call, SUPERVISION_READERS);
      return sup.store.inspections(input.kind, input.from, input.to);
    },
    'supervision:completeness': (input, call) => {
      const user = requireRole(ctx, call, SUPERVISION_READERS);
      return sup.completeness(input.from, input.to, businessOnly(user) ? user.unitCode : input.unit);
    },
    'supervision:reminders': (_input, call) => {
      const items = sup.reminders(currentUser(ctx, call));
      return { items, counts: countReminders(items) };
    },
  };
}
