import { AppError } from '../shared/errors';
import { DEFAULT_POLICY_SETTINGS, PolicySettingsSchema, type PolicySettings } from '../shared/schemas/calendar';
import type { RoleCode } from '../shared/schemas/roles';
import { DIR_EVENTS } from '../store/directory';
import type { AreaHandlers, ServiceContext } from './context';
import { actingRole, coreOf, currentUser, requireRole, type Core } from './core';

/** Business hours, the holiday calendar and the time limits are the ops head's policy (§17(2), §23–§24). */
const SETTINGS_ROLES: readonly RoleCode[] = ['admin', 'ops_head'];

const parsedSettings = new Map<string, PolicySettings>();

/**
 * The policy settings in force: the last saved ones, else the shipped defaults. Parsed once per
 * distinct stored text, so that every transition gets the same object (and the calendar's
 * day sets, cached per object by the domain, are built once).
 */
export function policySettings(core: Core): PolicySettings {
  const text = core.dir.policyText();
  if (text === undefined) return DEFAULT_POLICY_SETTINGS;
  let settings = parsedSettings.get(text);
  if (!settings) {
    const parsed = PolicySettingsSchema.safeParse(JSON.parse(text));
    settings = parsed.success ? parsed.data : DEFAULT_POLICY_SETTINGS;
    if (parsedSettings.size > 20) parsedSettings.clear();
    parsedSettings.set(text, settings);
  }
  return settings;
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
