import { describe, expect, it } from 'vitest';
import { parseCalendarYearFile } from '../../src-renderer/src/features/settings/calendar-year-file';
import { dayKindOf } from '../../src-renderer/src/features/calendar/day-kind';
import { DEFAULT_POLICY_SETTINGS } from '@shared/schemas/calendar';

describe('holiday calendar file import', () => {
  it('reads a year given as a string or a number', () => {
    const text = JSON.stringify({ year: '2027', restDays: ['2027-01-01'], workdays: ['2027-02-06'] });
    expect(parseCalendarYearFile(text)).toEqual({ year: 2027, restDays: ['2027-01-01'], workdays: ['2027-02-06'] });
  });

  it('says in Chinese what is wrong', () => {
    expect(() => parseCalendarYearFile('{')).toThrow('文件不是有效的 JSON');
    expect(() => parseCalendarYearFile(JSON.stringify({ year: 2027, restDays: ['2026-10-01'], workdays: [] }))).toThrow('放假日期第1项：日期 2026-10-01 不在 2027 年内');
    expect(() => parseCalendarYearFile(JSON.stringify({ year: 2027, restDays: ['2027-10-01'], workdays: ['2027-10-01'] }))).toThrow('同一天不能既是放假日又是调休上班日');
  });
});

describe('day kinds shown on the calendars', () => {
  const { calendar } = DEFAULT_POLICY_SETTINGS;
  it('marks 2026 holidays, 调休 Saturdays, weekends and workdays', () => {
    expect(dayKindOf('2026-10-01', calendar)).toBe('holiday');
    expect(dayKindOf('2026-10-10', calendar)).toBe('makeup_workday');
    expect(dayKindOf('2026-11-28', calendar)).toBe('weekend');
    expect(dayKindOf('2026-11-27', calendar)).toBe('workday');
  });
});

describe('ISO week of the weekly plan (§17(1))', () => {
  it('numbers weeks by their Thursday', async () => {
    const { isoWeek } = await import('../../src-renderer/src/features/calendar/iso-week');
    const dayjs = (await import('dayjs')).default;
    expect(isoWeek(dayjs('2026-11-30'))).toBe('2026-W49');
    expect(isoWeek(dayjs('2025-12-29'))).toBe('2026-W01');
    expect(isoWeek(dayjs('2027-01-04'))).toBe('2027-W01');
  });
});
