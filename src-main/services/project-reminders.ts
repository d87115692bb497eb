import { accessAccountReminder, addCalendarDays, rolloutCheckReminder, trialRunReminder, DUE_AHEAD_DAYS } from '../domain';
import type { SessionUser } from '../shared/schemas/identity';
import type { RolloutFormState } from '../shared/schemas/project-forms';
import type { RoleCode } from '../shared/schemas/roles';
import type { Reminder } from '../shared/schemas/supervision';
import type { Core } from './core';
import { projectEngine } from './project-engine';
import { namedSummary } from './project-titles';
import { INSPECTION_ROLES, supervisionEngine, type ReminderSource } from './supervision-service';

// 提醒 of the project forms (issue 8 into issue 9): trial runs reaching three months (§31(1),
// §35(1)), production access accounts not disabled (§17(7)), and the version and system checks
// owed before each go-live or release (§36(1)–(2)).

/** Who is reminded of each: the project side and its heads; the ops side for accounts and checks. */
const AUDIENCE = {
  trial: ['project_manager', 'it_head', 'pmo_reviewer'],
  access: ['sysadmin', 'ops_head', 'ops_coordinator', 'it_head'],
  version: [...INSPECTION_ROLES.version, 'ops_head', 'ops_coordinator'],
  system: [...INSPECTION_ROLES.system, 'ops_head', 'ops_coordinator'],
} as const satisfies Record<string, readonly RoleCode[]>;

const has = (user: SessionUser, roles: readonly RoleCode[]) => roles.some((r) => user.roles.includes(r));

/** The day a go-live or release is switched over: its first planned step, else the planned date. */
function plannedDay(f: RolloutFormState): string | undefined {
  const first = f.plan.steps.map((s) => s.plannedAt).sort()[0];
  return first?.slice(0, 10) ?? f.application.plannedDate;
}

export const projectReminders: ReminderSource = (core: Core, user: SessionUser, today: string): Reminder[] => {
  const engine = projectEngine(core.ctx);
  const scope = engine.scope(user);
  const out: Reminder[] = [];
  if (has(user, AUDIENCE.trial)) {
    const ahead = addCalendarDays(today, DUE_AHEAD_DAYS);
    for (const kind of ['golive', 'release'] as const) {
      for (const s of engine.forms.dueBy(kind, ['trial_run'], 'acceptance_from', ahead, scope)) {
        if (!s.since || !s.acceptanceFrom) continue;
        const r = trialRunReminder({ formId: s.formId, formNo: s.formNo, title: s.title, kind, since: s.since, acceptanceFrom: s.acceptanceFrom }, today);
        if (r) out.push(r);
      }
    }
  }
  // §17(7): every access whose access has ended (or ran past its planned end) with the account enabled.
  const now = core.now();
  const accesses = [...engine.forms.dueBy('access', ['pending_disable'], 'since', '9999', scope), ...engine.forms.dueBy('access', ['in_access'], 'since', now, scope)];
  for (const s of accesses) {
    if (!s.since || (!has(user, AUDIENCE.access) && s.applicantUserId !== user.id)) continue;
    out.push(accessAccountReminder({ formId: s.formId, formNo: s.formNo, title: namedSummary(core, s).title, dueAt: s.since }, now));
  }
  const sup = supervisionEngine(core);
  for (const kind of ['version', 'system'] as const) {
    if (!has(user, AUDIENCE[kind])) continue;
    for (const json of sup.store.rolloutsWithoutCheck(kind)) {
      const f = JSON.parse(json) as RolloutFormState;
      // Owed once the plan fixing the day is approved.
      const day = f.plan.approved || f.state === 'rolling_out' ? plannedDay(f) : undefined;
      if (!day) continue;
      const r = rolloutCheckReminder(kind, { formId: f.formId, formNo: f.formNo, title: f.application.title ?? '', kind: f.kind, plannedDay: day }, today);
      if (r) out.push(r);
    }
  }
  return out;
};
