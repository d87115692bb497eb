import type { HolidayCalendar } from '../../shared/schemas/calendar';
import { isBusinessDay } from './day-kind';

// §23–§24: 补单 and 补测 of an emergency change are due within a number of working days
// (a setting), counted on the holiday calendar so a weekend or 国庆 does not eat the allowance.

/** The date `n` days after `date` (n may be negative). */
export function addCalendarDays(date: string, n: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The n-th working day after `date` (n ≥ 0; n = 0 gives `date` itself). */
export function addWorkingDays(date: string, n: number, calendar: HolidayCalendar): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addCalendarDays(d, 1);
    if (isBusinessDay(d, calendar)) left -= 1;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar): number {
  let count = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) {
    if (isBusinessDay(d, calendar)) count += 1;
  }
  return count;
}
