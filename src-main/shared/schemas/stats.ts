import { z } from 'zod';
import { IsoDateSchema } from './calendar';
import { CHANGE_SOURCES, CHANGE_TYPES, URGENCIES, type ChangeSummary } from './change-form';

// 定期评估 (§26): what the ops centre reviews for a period, per unit or for all. Every number
// carries the drill-down that lists the forms behind it (stats:forms), computed by the same
// query as the number, so the two never disagree.

/** A period: from–to inclusive (Beijing dates); month/quarter/year presets are made by periodRange. */
export const StatsPeriodSchema = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    /** The applicant unit's code; absent for every unit. */
    unit: z.string().min(1).max(40).optional(),
  })
  .strict()
  .refine((p) => p.from <= p.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type StatsPeriod = z.output<typeof StatsPeriodSchema>;

/**
 * Which forms a number counts. `implemented`: changes carried out in the period (date of
 * implementation, §26(3)); `requested`: change requests filed in the period (§26(4)).
 */
export const DrillSchema = z
  .object({
    set: z.enum(['implemented', 'requested']),
    changeType: z.enum(CHANGE_TYPES).optional(),
    changeSource: z.enum(CHANGE_SOURCES).optional(),
    urgency: z.enum(URGENCIES).optional(),
    emergency: z.boolean().optional(),
    /** §26(1): true met, false not met, null not yet evaluated. */
    goalMet: z.boolean().nullable().optional(),
    /** §26(2) */
    negativeImpact: z.boolean().optional(),
    /** §26(5) */
    rolledBack: z.boolean().optional(),
    /** §17(2) scheduled in business time by the ops head's override. */
    windowOverride: z.boolean().optional(),
    /** §23–§24: 补单 or 补测 overdue now or done after the deadline. */
    paperworkLate: z.boolean().optional(),
    /** How a request ended (requested set): 不建议实施 / 转项目 / 撤回 / 实施 / 进行中. */
    outcomeGroup: z.enum(['not_recommended', 'to_project', 'withdrawn', 'implemented', 'open']).optional(),
  })
  .strict();
export type Drill = z.output<typeof DrillSchema>;

export const StatsReportInput = StatsPeriodSchema;
export const StatsFormsInput = z
  .object({
    period: StatsPeriodSchema,
    drill: DrillSchema,
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .strict();
export const PrintReportInput = StatsPeriodSchema;
export const StatsCsvInput = StatsPeriodSchema;

/** One bar / slice / row: a label, its count and the forms behind it. */
export interface StatCount {
  key: string;
  label: string;
  count: number;
  drill: Drill;
}

/** A form in a list of the report: number, title and what the list is about. */
export interface StatFormRef {
  formId: string;
  formNo: string;
  title: string;
  unit: string;
  /** Date of implementation (implemented set) or of the request. */
  date: string;
  /** The reason, note or finding the list shows for it. */
  note?: string;
}

/** A list shown in the report: the first rows and how many there are in all. */
export interface StatList {
  total: number;
  rows: StatFormRef[];
  drill: Drill;
}

/** A go-live (附件2) or release (附件4) behind a number of the report's chapter 4–5 table. */
export interface ProjectStatRow {
  formId: string;
  formNo: string;
  kind: 'golive' | 'release';
  title: string;
  unit: string;
  /** The date the number counts it by. */
  date: string;
  stateLabel: string;
}

/** One row of the go-live/release table: a count of each kind and the forms behind it. */
export interface ProjectStatLine {
  key: 'applied' | 'live' | 'accepted' | 'inTrial' | 'withdrawn';
  label: string;
  golive: ProjectStatRow[];
  release: ProjectStatRow[];
}

export interface StatsReport {
  period: { from: string; to: string; label: string };
  unit?: { code: string; name: string };
  generatedAt: string;
  /** §26(3) changes implemented in the period. */
  implemented: {
    total: StatCount;
    emergency: StatCount;
    /** Share of emergency changes among those implemented, 0–1 (0 when none). */
    emergencyShare: number;
    byType: StatCount[];
    byUrgency: StatCount[];
  };
  /** §26(1) */
  goal: { met: StatCount; notMet: StatCount; notEvaluated: StatCount; notMetList: StatList };
  /** §26(2) */
  negative: { count: StatCount; list: StatList };
  /** §26(4) change requests filed in the period, their reasons and a type analysis. */
  requests: {
    total: StatCount;
    bySource: StatCount[];
    byOutcome: StatCount[];
    /** 变更来源 × 变更类型 counts (rows: sources, columns: CHANGE_TYPES). */
    matrix: Array<{ source: string; counts: StatCount[] }>;
    reasons: StatList;
  };
  /** §26(5) */
  rollbacks: { count: StatCount; rate: number; list: StatList };
  /** §17(2) */
  windowOverrides: { count: StatCount; list: StatList };
  /** §23–§24 */
  paperwork: { late: StatCount; list: StatList };
  /** §28–§35 the go-lives and releases of the period: applied for, went live, accepted, in trial at its end, withdrawn. */
  projects: ProjectStatLine[];
}

export interface StatsFormsResult {
  rows: ChangeSummary[];
  total: number;
}

export interface StatsCsvResult {
  csv: string;
  fileName: string;
}

/** How many rows of each list the report carries; the rest is one drill-down away. */
export const REPORT_LIST_LIMIT = 100;

export type PeriodKind = 'month' | 'quarter' | 'year';

/** The first and last day of the month / quarter / year holding `date` (YYYY-MM-DD). */
export function periodRange(kind: PeriodKind, date: string): { from: string; to: string } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const first = kind === 'year' ? 1 : kind === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  const last = kind === 'year' ? 12 : kind === 'quarter' ? first + 2 : m;
  const lastDay = new Date(Date.UTC(y, last, 0)).getUTCDate();
  const mm = (n: number) => String(n).padStart(2, '0');
  return { from: `${y}-${mm(first)}-01`, to: `${y}-${mm(last)}-${mm(lastDay)}` };
}

/** How people name a period: 2026年第4季度, 2026年11月, 2026年, or 2026-01-05 至 2026-03-31. */
export function periodLabel(from: string, to: string): string {
  const y = from.slice(0, 4);
  for (const kind of ['year', 'quarter', 'month'] as const) {
    const r = periodRange(kind, from);
    if (r.from === from && r.to === to) {
      if (kind === 'year') return `${y}年`;
      if (kind === 'quarter') return `${y}年第${Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1}季度`;
      return `${y}年${Number(from.slice(5, 7))}月`;
    }
  }
  return `${from} 至 ${to}`;
}
