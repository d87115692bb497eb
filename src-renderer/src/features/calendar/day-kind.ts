import type { PolicySettings } from '../../api/types';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '周末',
  holiday: '法定节假日',
  makeup_workday: '调休上班',
};

/**
 * How a date shows on the calendar screens (§17(2)). The domain's dayKind decides the
 * rules in the services; this reads the same calendar only to colour the screen.
 */
export function dayKindOf(date: string, calendar: PolicySettings['calendar']): DayKind {
  const year = calendar.years[date.slice(0, 4)];
  if (year?.restDays.includes(date)) return 'holiday';
  if (year?.workdays.includes(date)) return 'makeup_workday';
  const weekday = new Date(`${date}T00:00:00`).getDay();
  return weekday === 0 || weekday === 6 ? 'weekend' : 'workday';
}
