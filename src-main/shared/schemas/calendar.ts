import { z } from 'zod';

// Policy settings and the holiday calendar (domain.md, 变更时间窗口; §17(2), §23–§24).
// Business hours and the calendar are settings: the State Council publishes next year's
// 节假日 and 调休 each November, so a year can be imported or edited without a new program.

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A calendar date, `2026-10-01`. */
export const IsoDateSchema = z.string({ error: '请填写日期' }).regex(DATE_RE, '日期格式应为 YYYY-MM-DD，例如 2026-10-01');

/** A wall-clock time of day, `08:30` (24-hour). */
export const ClockTimeSchema = z.string({ error: '请填写时间' }).regex(TIME_RE, '时间格式应为 HH:mm（24小时制），例如 08:30');

export const CalendarYearSchema = z
  .object({
    /** 放假日（含因节假日调整而休息的周末）。 */
    restDays: z.array(IsoDateSchema, { error: '请填写放假日期列表' }),
    /** 调休上班日：虽在周末，但为工作日（业务日）。 */
    workdays: z.array(IsoDateSchema, { error: '请填写调休上班日期列表' }),
  })
  .refine((y) => !y.restDays.some((d) => y.workdays.includes(d)), {
    message: '同一天不能既是放假日又是调休上班日',
    path: ['workdays'],
  });
export type CalendarYear = z.output<typeof CalendarYearSchema>;

export const HolidayCalendarSchema = z.object({
  years: z.record(z.string().regex(/^\d{4}$/, '年份应为四位数字'), CalendarYearSchema),
});
export type HolidayCalendar = z.output<typeof HolidayCalendarSchema>;

/** Input of `settings:importCalendarYear`: one year's 放假 and 调休 dates, each inside that year. */
export const CalendarYearImportSchema = z
  .object({
    year: z
      .number({ error: '请填写年份' })
      .int('年份应为整数')
      .min(2000, '年份不早于2000年')
      .max(2100, '年份不晚于2100年'),
    restDays: CalendarYearSchema.shape.restDays,
    workdays: CalendarYearSchema.shape.workdays,
  })
  .superRefine((v, ctx) => {
    for (const key of ['restDays', 'workdays'] as const) {
      v[key].forEach((d, i) => {
        if (!d.startsWith(`${v.year}-`)) ctx.addIssue({ code: 'custom', path: [key, i], message: `日期 ${d} 不在 ${v.year} 年内` });
      });
    }
    if (v.restDays.some((d) => v.workdays.includes(d))) {
      ctx.addIssue({ code: 'custom', path: ['workdays'], message: '同一天不能既是放假日又是调休上班日' });
    }
  });
export type CalendarYearImport = z.output<typeof CalendarYearImportSchema>;

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export const PolicySettingsSchema = z.object({
  /** §17(2): 业务时间 on business days; a non-emergency change goes live outside it. */
  businessHours: z
    .object({
      start: ClockTimeSchema,
      end: ClockTimeSchema,
    })
    .refine((h) => minutesOf(h.start) < minutesOf(h.end), { message: '业务时间的结束时间须晚于开始时间', path: ['end'] }),
  calendar: HolidayCalendarSchema,
  /** §23–§24: working days allowed for an emergency change's 补单 and 补测. */
  emergencyPaperworkWorkingDays: z
    .number({ error: '请填写紧急变更补单/补测期限（工作日）' })
    .int('紧急变更补单/补测期限应为整数个工作日')
    .min(1, '紧急变更补单/补测期限至少为1个工作日')
    .max(30, '紧急变更补单/补测期限不超过30个工作日'),
  /** An idle session locks after this many minutes. */
  idleLockMinutes: z
    .number({ error: '请填写空闲锁定时间（分钟）' })
    .int('空闲锁定时间应为整数分钟')
    .min(1, '空闲锁定时间至少为1分钟')
    .max(240, '空闲锁定时间不超过240分钟'),
});
export type PolicySettings = z.output<typeof PolicySettingsSchema>;

function days(year: number, month: number, from: number, to: number): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d += 1) out.push(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  return out;
}

/** 2026 holiday arrangement, State Council notice of 2025-11-04 (domain.md, Facts to ship). */
export const CALENDAR_2026: CalendarYear = {
  restDays: [
    ...days(2026, 1, 1, 3), // 元旦
    ...days(2026, 2, 15, 23), // 春节
    ...days(2026, 4, 4, 6), // 清明节
    ...days(2026, 5, 1, 5), // 劳动节
    ...days(2026, 6, 19, 21), // 端午节
    ...days(2026, 9, 25, 27), // 中秋节
    ...days(2026, 10, 1, 7), // 国庆节
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

export const DEFAULT_POLICY_SETTINGS: PolicySettings = {
  businessHours: { start: '08:30', end: '17:30' },
  calendar: { years: { '2026': CALENDAR_2026 } },
  emergencyPaperworkWorkingDays: 3,
  idleLockMinutes: 10,
};

// Times. The bank works in Beijing time: every stored time is ISO 8601 with `+08:00`, and
// the §17(2) window is judged on the Beijing wall clock whatever offset a caller sent.
const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface WallTime {
  /** `2026-12-01` */
  date: string;
  /** minutes since 00:00 */
  minutes: number;
}

/** Beijing wall-clock date and minute of a date-time; undefined when it is not one. */
export function beijingWallTime(iso: string): WallTime | undefined {
  const m = DATETIME_RE.exec(iso);
  if (!m) return undefined;
  const [, date, hh, mi, , zone] = m as unknown as [string, string, string, string, string | undefined, string | undefined];
  if (zone === undefined || zone === '+08:00' || zone === '+0800') {
    const minutes = Number(hh) * 60 + Number(mi);
    return minutes < 24 * 60 ? { date, minutes } : undefined;
  }
  const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(hh), Number(mi));
  if (Number.isNaN(utc)) return undefined;
  const local = new Date(utc + (8 * 60 - offset) * 60_000);
  return { date: local.toISOString().slice(0, 10), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** `2026-12-01T10:00+08:00` for a wall time. */
export function formatBeijing(wall: WallTime): string {
  const hh = String(Math.floor(wall.minutes / 60)).padStart(2, '0');
  const mm = String(wall.minutes % 60).padStart(2, '0');
  return `${wall.date}T${hh}:${mm}+08:00`;
}

/** `2026-12-01 10:00`: how people read a time (domain.md, Conventions). */
export function displayBeijing(iso: string): string {
  const wall = beijingWallTime(iso);
  if (!wall) return iso;
  return formatBeijing(wall).slice(0, 16).replace('T', ' ');
}

/**
 * A date-time entered by a person or program: `2026-12-01 22:00`, `2026-12-01T22:00`, or ISO with
 * any offset; stored as Beijing time `2026-12-01T22:00+08:00`.
 */
export function dateTimeSchema(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .transform((s, ctx) => {
      const wall = beijingWallTime(s.trim());
      if (!wall || !DATE_RE.test(wall.date)) {
        ctx.addIssue({ code: 'custom', message: `${label}格式应为 YYYY-MM-DD HH:mm，例如 2026-12-01 22:00` });
        return z.NEVER;
      }
      return formatBeijing(wall);
    })
    .describe(label);
}
