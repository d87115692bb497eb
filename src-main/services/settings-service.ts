import { AppError } from '../shared/errors';
import { DEFAULT_POLICY_SETTINGS, PolicySettingsSchema, type PolicySettings } from '../shared/schemas/calendar';
import type { RoleCode } from '../shared/schemas/roles';
import { DIR_EVENTS } from '../store/directory';
import type { AreaHandlers, ServiceContext } from './context';
import { actingRole, coreOf, currentUser, requireRole, type Core } from './core';

/** Business hours, the holiday calendar and the time limits are the ops head's policy (§17(2), §23–§24). */
const SETTINGS_ROLES: readonly RoleCode[] = ['admin', 'ops_head'];

/** The policy settings in force: the last saved ones, else the shipped defaults. */
export function policySettings(core: Core): PolicySettings {
  const stored = core.dir.policyJson();
  if (stored === undefined) return DEFAULT_POLICY_SETTINGS;
  const parsed = PolicySettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_POLICY_SETTINGS;
}

export function settingsHandlers(ctx: ServiceContext): AreaHandlers<'settings'> {
  const core = coreOf(ctx);
  // Settings are signed directory events too: who changed the time window, and when, is on record.
  function save(call: Parameters<typeof requireRole>[1], settings: PolicySettings): PolicySettings {
    const user = requireRole(ctx, call, SETTINGS_ROLES);
    return core.write(() => {
      core.appendDirectory(user, actingRole(user, SETTINGS_ROLES), DIR_EVENTS.settings, { settings });
      return policySettings(core);
    });
  }
  return {
    'settings:get': (_input, call) => {
      currentUser(ctx, call);
      return policySettings(core);
    },
    'settings:save': (input, call) => save(call, input),
    'settings:importCalendarYear': (input, call) => {
      requireRole(ctx, call, SETTINGS_ROLES);
      const current = policySettings(core);
      const year = { restDays: [...new Set(input.restDays)].sort(), workdays: [...new Set(input.workdays)].sort() };
      if (year.restDays.length === 0) throw new AppError('EMPTY_CALENDAR', `${input.year} 年的放假日期为空，请检查导入内容。`);
      return save(call, { ...current, calendar: { years: { ...current.calendar.years, [String(input.year)]: year } } });
    },
  };
}
