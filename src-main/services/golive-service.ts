import type { ApiParsedInput } from '../shared/api';
import {
  ACCESS_VERBS,
  ROLLOUT_VERBS,
  type ProjectInboxGroup,
  type ProjectKind,
} from '../shared/schemas/project-forms';
import { ROLES, roleLabel } from '../shared/schemas/roles';
import type { AreaHandlers, CallMeta, ServiceContext } from './context';
import { coreOf, currentUser } from './core';
import { namedSummary } from './project-titles';
import { projectEngine } from './project-engine';
import { projectReminders } from './project-reminders';
import { registerReminderSource } from './supervision-service';
import { localDate } from './time';

// Calls of the project forms (issue 8): `golive:<verb>` (附件2, §28–§31), `release:<verb>`
// (附件4, §32–§35), `access:<verb>` (§17(6)–(7)), and the queries over all three `project:*`.

type VerbHandler = (input: Record<string, unknown>, call: CallMeta) => unknown;

/** One handler per verb of a kind: parse done by the dispatcher; decide, sign, project, answer the form. */
export function verbHandlers(ctx: ServiceContext, kind: ProjectKind, verbs: readonly string[]): Record<string, VerbHandler> {
  const core = coreOf(ctx);
  const engine = projectEngine(ctx);
  return Object.fromEntries(
    verbs.map((verb) => {
      const handler: VerbHandler = (input, call) => {
        const user = currentUser(ctx, call);
        const { formId, ...rest } = input as { formId?: string } & Record<string, unknown>;
        const state = core.write(() => engine.execute(user, kind, verb, rest, formId));
        return engine.view(user, state);
      };
      return [`${kind}:${verb}`, handler];
    }),
  );
}

export function goliveHandlers(ctx: ServiceContext): AreaHandlers<'golive'> {
  return verbHandlers(ctx, 'golive', ROLLOUT_VERBS) as unknown as AreaHandlers<'golive'>;
}

export function releaseHandlers(ctx: ServiceContext): AreaHandlers<'release'> {
  return verbHandlers(ctx, 'release', ROLLOUT_VERBS) as unknown as AreaHandlers<'release'>;
}

export function projectHandlers(ctx: ServiceContext): AreaHandlers<'project'> {
  // 提醒 (issue 9) list the trial runs, accounts and pre-release checks of these forms.
  registerReminderSource(projectReminders);
  const core = coreOf(ctx);
  const engine = projectEngine(ctx);
  return {
    'project:get': (input, call) => {
      const user = currentUser(ctx, call);
      return engine.view(user, engine.readable(user, input.formId));
    },
    'project:list': (input: ApiParsedInput<'project:list'>, call) => {
      const user = currentUser(ctx, call);
      const page = engine.forms.list({ ...input, scopeUnit: engine.scope(user) });
      return { ...page, rows: page.rows.map((r) => namedSummary(core, r)) };
    },
    // The inbox: what waits for one of my roles (a checklist line for its 责任人 only), the
    // trial runs whose acceptance request is due (§31(1)), the accounts not yet disabled (§17(7)).
    'project:inbox': (input, call) => {
      const user = currentUser(ctx, call);
      const limit = input.limit ?? 20;
      const owners = ['', `u:${user.id}`, `unit:${user.unitCode}`];
      const groups: ProjectInboxGroup[] = [];
      for (const role of user.roles) {
        if (role === 'admin') continue;
        const { rows, count } = engine.forms.waiting(role, owners, limit);
        if (count > 0) groups.push({ kind: role, label: `待${roleLabel(role)}办理`, count, rows: rows.map((r) => namedSummary(core, r)) });
      }
      const today = localDate(ctx.clock());
      const scope = engine.scope(user);
      const pm = user.roles.includes('project_manager') || user.roles.includes('it_head');
      const acceptanceDue = pm
        ? [...engine.forms.dueBy('golive', ['trial_run'], 'acceptance_from', today, scope), ...engine.forms.dueBy('release', ['trial_run'], 'acceptance_from', today, scope)]
        : [];
      const sees = user.roles.some((r) => ROLES[r].unit !== 'business');
      const accessOverdue = sees ? engine.forms.dueBy('access', ['in_access', 'pending_disable'], 'since', core.now(), scope).map((r) => ({ ...namedSummary(core, r), overdue: true })) : [];
      return { groups, acceptanceDue, accessOverdue };
    },
  };
}

export function accessHandlers(ctx: ServiceContext): AreaHandlers<'access'> {
  const core = coreOf(ctx);
  const engine = projectEngine(ctx);
  return {
    ...(verbHandlers(ctx, 'access', ACCESS_VERBS) as unknown as Omit<AreaHandlers<'access'>, 'access:overdue'>),
    // §17(7): every access whose account is still enabled after it ended (or ran past its end).
    'access:overdue': (_input, call) => {
      const user = currentUser(ctx, call);
      return engine.forms.dueBy('access', ['in_access', 'pending_disable'], 'since', core.now(), engine.scope(user)).map((r) => ({ ...namedSummary(core, r), overdue: true }));
    },
  };
}
