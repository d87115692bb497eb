import type { CalendarYear, HolidayCalendar } from '../../shared/schemas/calendar';

// §17(2): 周末 and 法定节假日 are outside business time; a 调休 day is a business day even on a
// weekend (domain.md, 变更时间窗口).

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '周末',
  holiday: '法定节假日',
  makeup_workday: '调休工作日',
};

interface YearSets {
  rest: Set<string>;
  work: Set<string>;
}

// Sets per calendar year object, built once: dayKind sits on the hot path of every transition.
const cache = new WeakMap<CalendarYear, YearSets>();

function yearSets(year: CalendarYear): YearSets {
  let sets = cache.get(year);
  if (!sets) {
    sets = { rest: new Set(year.restDays), work: new Set(year.workdays) };
    cache.set(year, sets);
  }
  return sets;
}

/** 0 = Sunday … 6 = Saturday, for `2026-10-10`. */
export function weekday(date: string): number {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay();
}

export function calendarHasYear(calendar: HolidayCalendar, year: number | string): boolean {
  return Object.prototype.hasOwnProperty.call(calendar.years, String(year));
}

/** What kind of day a date is; a year without a calendar falls back to Monday–Friday. */
export function dayKind(date: string, calendar: HolidayCalendar): DayKind {
  const year = calendar.years[date.slice(0, 4)];
  if (year) {
    const sets = yearSets(year);
    if (sets.rest.has(date)) return 'holiday';
    if (sets.work.has(date)) return 'makeup_workday';
  }
  const wd = weekday(date);
  return wd === 0 || wd === 6 ? 'weekend' : 'workday';
}

/** A business (working) day: a weekday that is no holiday, or a 调休 make-up day. */
export function isBusinessDay(date: string, calendar: HolidayCalendar): boolean {
  const kind = dayKind(date, calendar);
  return kind === 'workday' || kind === 'makeup_workday';
}
