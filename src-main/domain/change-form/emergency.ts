import { beijingWallTime, type PolicySettings } from '../../shared/schemas/calendar';
import type { ChangeFormState, EmergencyOverdueItem } from '../../shared/schemas/change-form';
import { addWorkingDays, workingDaysBetween } from '../calendar';

// §23 补单 and §24 补测 of an emergency change are due within a number of working days after
// the implementation (settings.emergencyPaperworkWorkingDays, default 3).

function beijingDate(iso: string): string {
  const wall = beijingWallTime(iso);
  if (!wall) throw new Error(`不是有效的时间：${iso}`);
  return wall.date;
}

/** The 补单 / 补测 items of a form still open at `nowIso`, with days open and whether overdue. */
export function emergencyOverdue(form: ChangeFormState, nowIso: string, settings: PolicySettings): EmergencyOverdueItem[] {
  const e = form.emergency;
  if (!e?.implementedAt) return [];
  const since = beijingDate(e.implementedAt);
  const today = beijingDate(nowIso);
  const deadline = addWorkingDays(since, settings.emergencyPaperworkWorkingDays, settings.calendar);
  const item = (kind: EmergencyOverdueItem['kind']): EmergencyOverdueItem => ({
    kind,
    openSince: e.implementedAt as string,
    deadline,
    workingDaysOpen: workingDaysBetween(since, today, settings.calendar),
    overdue: today > deadline,
  });
  const out: EmergencyOverdueItem[] = [];
  if (!e.paperwork) out.push(item('补单'));
  if (e.testedBefore === false && !e.retest) out.push(item('补测'));
  return out;
}
