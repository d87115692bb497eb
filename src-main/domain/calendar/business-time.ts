import { beijingWallTime, formatBeijing, type PolicySettings } from '../../shared/schemas/calendar';
import { calendarHasYear, dayKind, DAY_KIND_LABELS, isBusinessDay } from './day-kind';
import { addCalendarDays } from './working-days';

// §17(2): a non-emergency change goes live outside 业务时间 — business hours (a setting,
// default 08:30–17:30, start inclusive, end exclusive) on business days.

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Whether a moment (ISO, judged on the Beijing wall clock) is business time. */
export function isBusinessTime(iso: string, settings: PolicySettings): boolean {
  const wall = beijingWallTime(iso);
  if (!wall) throw new Error(`不是有效的时间：${iso}`);
  if (!isBusinessDay(wall.date, settings.calendar)) return false;
  return wall.minutes >= minutes(settings.businessHours.start) && wall.minutes < minutes(settings.businessHours.end);
}

export interface BusinessTimeHit {
  /** First business moment inside the interval, `2026-12-01T10:00+08:00`. */
  at: string;
  /** `工作日` or `调休工作日`. */
  dayLabel: string;
}

/**
 * The first moment of [start, end) that falls in business time, or undefined when the whole
 * interval is outside it. Without an end the start alone is judged.
 */
export function firstBusinessMoment(start: string, end: string | undefined, settings: PolicySettings): BusinessTimeHit | undefined {
  const s = beijingWallTime(start);
  if (!s) throw new Error(`不是有效的时间：${start}`);
  const e = end === undefined ? undefined : beijingWallTime(end);
  const open = minutes(settings.businessHours.start);
  const close = minutes(settings.businessHours.end);
  if (!e || e.date < s.date || (e.date === s.date && e.minutes <= s.minutes)) {
    // No (sensible) end: the start alone is judged.
    if (!isBusinessTime(start, settings)) return undefined;
    return { at: formatBeijing(s), dayLabel: DAY_KIND_LABELS[dayKind(s.date, settings.calendar)] };
  }
  // An interval longer than a year is not a change window; judging its first year is enough.
  for (let d = s.date, n = 0; d <= e.date && n < 366; d = addCalendarDays(d, 1), n += 1) {
    if (!isBusinessDay(d, settings.calendar)) continue;
    const from = d === s.date ? Math.max(open, s.minutes) : open;
    const to = d === e.date ? Math.min(close, e.minutes) : close;
    if (from < to) return { at: formatBeijing({ date: d, minutes: from }), dayLabel: DAY_KIND_LABELS[dayKind(d, settings.calendar)] };
  }
  return undefined;
}

/** Years an interval touches that have no holiday calendar loaded. */
export function yearsWithoutCalendar(start: string, end: string | undefined, settings: PolicySettings): string[] {
  const s = beijingWallTime(start);
  const e = end === undefined ? s : beijingWallTime(end);
  if (!s || !e) return [];
  const out: string[] = [];
  for (let y = Number(s.date.slice(0, 4)); y <= Number(e.date.slice(0, 4)); y += 1) {
    if (!calendarHasYear(settings.calendar, y)) out.push(String(y));
  }
  return out;
}
