import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarHasYear,
  dayKind,
  firstBusinessMoment,
  isBusinessTime,
  workingDaysBetween,
  yearsWithoutCalendar,
} from '../../src-main/domain/calendar';
import {
  CalendarYearImportSchema,
  DEFAULT_POLICY_SETTINGS,
  PolicySettingsSchema,
  beijingWallTime,
  dateTimeSchema,
  displayBeijing,
} from '../../src-main/shared/schemas/calendar';

const settings = DEFAULT_POLICY_SETTINGS;
const cal = settings.calendar;

describe('dayKind on the 2026 calendar (domain.md, Facts to ship)', () => {
  it('tells workdays, weekends, holidays and 调休 make-up days apart', () => {
    expect(dayKind('2026-12-01', cal)).toBe('workday'); // Tuesday
    expect(dayKind('2026-11-28', cal)).toBe('weekend'); // Saturday
    expect(dayKind('2026-10-01', cal)).toBe('holiday'); // 国庆, Thursday
    expect(dayKind('2026-10-10', cal)).toBe('makeup_workday'); // Saturday, 调休上班
    expect(dayKind('2026-01-04', cal)).toBe('makeup_workday'); // Sunday, 调休上班
    expect(dayKind('2026-02-16', cal)).toBe('holiday'); // 春节, Monday
  });

  it('falls back to Monday–Friday for a year without a calendar', () => {
    expect(calendarHasYear(cal, 2027)).toBe(false);
    expect(calendarHasYear(cal, '2026')).toBe(true);
    expect(dayKind('2027-01-01', cal)).toBe('workday'); // a Friday, unknown holiday
    expect(dayKind('2027-01-02', cal)).toBe('weekend');
  });
});

describe('isBusinessTime (§17(2), default 08:30–17:30 on business days)', () => {
  it('is true inside business hours of a workday, with a start-inclusive, end-exclusive edge', () => {
    expect(isBusinessTime('2026-12-01T10:00+08:00', settings)).toBe(true);
    expect(isBusinessTime('2026-12-01T08:30+08:00', settings)).toBe(true);
    expect(isBusinessTime('2026-12-01T08:29+08:00', settings)).toBe(false);
    expect(isBusinessTime('2026-12-01T17:29+08:00', settings)).toBe(true);
    expect(isBusinessTime('2026-12-01T17:30+08:00', settings)).toBe(false);
    expect(isBusinessTime('2026-12-01T02:00+08:00', settings)).toBe(false);
  });

  it('is false all day on a weekend and a holiday, true on a 调休 Saturday', () => {
    expect(isBusinessTime('2026-11-28T10:00+08:00', settings)).toBe(false);
    expect(isBusinessTime('2026-10-01T10:00+08:00', settings)).toBe(false);
    expect(isBusinessTime('2026-10-10T10:00+08:00', settings)).toBe(true);
    expect(isBusinessTime('2026-10-10T18:00+08:00', settings)).toBe(false);
  });

  it('judges on the Beijing wall clock whatever the offset', () => {
    expect(isBusinessTime('2026-12-01T02:00Z', settings)).toBe(true); // 10:00 in Beijing
    expect(isBusinessTime('2026-12-01T10:00Z', settings)).toBe(false); // 18:00 in Beijing
  });

  it('follows the configured hours', () => {
    const late = { ...settings, businessHours: { start: '09:00', end: '18:00' } };
    expect(isBusinessTime('2026-12-01T08:45+08:00', late)).toBe(false);
    expect(isBusinessTime('2026-12-01T17:45+08:00', late)).toBe(true);
  });
});

describe('firstBusinessMoment over a planned window', () => {
  it('finds where a night window runs into the next morning', () => {
    expect(firstBusinessMoment('2026-12-01T22:00+08:00', '2026-12-02T06:00+08:00', settings)).toBeUndefined();
    expect(firstBusinessMoment('2026-12-01T22:00+08:00', '2026-12-02T09:00+08:00', settings)).toEqual({
      at: '2026-12-02T08:30+08:00',
      dayLabel: '工作日',
    });
    expect(firstBusinessMoment('2026-12-01T06:00+08:00', '2026-12-01T08:30+08:00', settings)).toBeUndefined();
    expect(firstBusinessMoment('2026-12-01T17:30+08:00', '2026-12-01T23:00+08:00', settings)).toBeUndefined();
  });

  it('lets a window span a holiday and catches a 调休 day', () => {
    expect(firstBusinessMoment('2026-10-01T09:00+08:00', '2026-10-07T20:00+08:00', settings)).toBeUndefined();
    expect(firstBusinessMoment('2026-10-10T12:00+08:00', undefined, settings)).toEqual({
      at: '2026-10-10T12:00+08:00',
      dayLabel: '调休工作日',
    });
  });

  it('names years without a calendar', () => {
    expect(yearsWithoutCalendar('2026-12-31T22:00+08:00', '2027-01-01T02:00+08:00', settings)).toEqual(['2027']);
    expect(yearsWithoutCalendar('2026-12-01T22:00+08:00', undefined, settings)).toEqual([]);
  });
});

describe('working-day arithmetic (§23–§24 deadlines)', () => {
  it('skips weekends and holidays and counts 调休 days', () => {
    expect(addWorkingDays('2026-12-04', 1, cal)).toBe('2026-12-07'); // Fri → Mon
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-08'); // over 国庆
    expect(addWorkingDays('2026-10-08', 2, cal)).toBe('2026-10-10'); // Thu, Fri, 调休 Sat
    expect(addWorkingDays('2026-12-01', 0, cal)).toBe('2026-12-01');
    expect(workingDaysBetween('2026-09-30', '2026-10-09', cal)).toBe(2);
    expect(workingDaysBetween('2026-12-04', '2026-12-06', cal)).toBe(0);
    expect(workingDaysBetween('2026-12-04', '2026-12-04', cal)).toBe(0);
  });
});

describe('calendar schemas', () => {
  it('ships defaults that parse, and refuses an end before the start of business hours', () => {
    expect(PolicySettingsSchema.parse(DEFAULT_POLICY_SETTINGS)).toEqual(DEFAULT_POLICY_SETTINGS);
    const bad = PolicySettingsSchema.safeParse({ ...settings, businessHours: { start: '17:30', end: '08:30' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('业务时间的结束时间须晚于开始时间');
  });

  it('imports a year only with dates inside it', () => {
    const ok = CalendarYearImportSchema.safeParse({ year: 2027, restDays: ['2027-01-01'], workdays: [] });
    expect(ok.success).toBe(true);
    const bad = CalendarYearImportSchema.safeParse({ year: 2027, restDays: ['2026-01-01'], workdays: [] });
    expect(bad.error?.issues[0]?.message).toBe('日期 2026-01-01 不在 2027 年内');
  });

  it('normalises entered date-times to Beijing time and says what is wrong', () => {
    const s = dateTimeSchema('计划上线开始时间');
    expect(s.parse('2026-12-01 22:00')).toBe('2026-12-01T22:00+08:00');
    expect(s.parse('2026-12-01T14:00:00.000Z')).toBe('2026-12-01T22:00+08:00');
    expect(s.safeParse('明天晚上').error?.issues[0]?.message).toBe('计划上线开始时间格式应为 YYYY-MM-DD HH:mm，例如 2026-12-01 22:00');
    expect(s.safeParse(undefined).error?.issues[0]?.message).toBe('请填写计划上线开始时间');
    expect(beijingWallTime('2026-12-31T20:00-05:00')).toEqual({ date: '2027-01-01', minutes: 9 * 60 });
    expect(displayBeijing('2026-12-01T10:00+08:00')).toBe('2026-12-01 10:00');
  });
});
