import type { Dayjs } from 'dayjs';

/** `2026-W49` for the week starting on this Monday (ISO 8601: the week its Thursday falls in). */
export function isoWeek(monday: Dayjs): string {
  const thursday = monday.add(3, 'day');
  const week = Math.floor(thursday.diff(thursday.startOf('year'), 'day') / 7) + 1;
  return `${thursday.year()}-W${String(week).padStart(2, '0')}`;
}
