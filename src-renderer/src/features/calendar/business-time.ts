import { beijingWallTime } from '@shared/schemas/calendar';
import type { PolicySettings } from '../../api/types';
import { dayKindOf } from './day-kind';

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether a planned start falls in business time (a workday or 调休 day, inside the hours), so
 * the calendar can make it stand out. The services apply §17(2) themselves when scheduling.
 */
export function inBusinessTime(iso: string | undefined, settings: PolicySettings): boolean {
  const wall = iso ? beijingWallTime(iso) : undefined;
  if (!wall) return false;
  const kind = dayKindOf(wall.date, settings.calendar);
  if (kind !== 'workday' && kind !== 'makeup_workday') return false;
  return wall.minutes >= minutes(settings.businessHours.start) && wall.minutes < minutes(settings.businessHours.end);
}
