import { beijingWallTime } from '../../shared/schemas/calendar';

// §31(1) / §35(1): the request for formal acceptance comes after three months of trial run.
// Counted in calendar months on Beijing dates: a trial begun 2026-12-01 may be accepted from
// 2027-03-01; one begun on 11-30 from 02-28 (the month has no 30th).

export function beijingDateOf(iso: string): string {
  const wall = beijingWallTime(iso);
  if (!wall) throw new Error(`不是有效的时间：${iso}`);
  return wall.date;
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export const TRIAL_MONTHS = 3;

/** The first date on which the acceptance request may be made. */
export function acceptanceFrom(trialStartedAt: string): string {
  return addMonths(beijingDateOf(trialStartedAt), TRIAL_MONTHS);
}

/** Whether three months of trial run have passed at `now`. */
export function trialComplete(trialStartedAt: string, now: string): boolean {
  return beijingDateOf(now) >= acceptanceFrom(trialStartedAt);
}

/** An ISO time plus some minutes, as Beijing time with +08:00 (sorts with the stored times). */
export function plusMinutesBeijing(iso: string, minutes: number): string {
  const shifted = new Date(Date.parse(iso) + minutes * 60_000 + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}
