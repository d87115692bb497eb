import { z } from 'zod';
import { IsoDateSchema } from './calendar';
import type { SignedRecord } from './change-form';
import { IsoWeekSchema } from './print';
import { periodRange } from './stats';

// Supervision (§17(1), §36): the ops head's weekly review of the change plan, the inspection
// plan and its records, the computed document-completeness check, and the reminders of
// everything due or overdue. Reviews and inspections are signed events on the `sup:<unit>`
// stream of the terminal that recorded them.

function text(label: string, max = 4000) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过${max}字`);
}

/** §36 inspections: (1) 版本检查 before each release, (2) 系统检查 before each change and release, (3) 文档完整性检查 each quarter, (4) 安全检查 at least each quarter. */
export const INSPECTION_KINDS = {
  version: { label: '版本检查', article: '第36条(1)' },
  system: { label: '系统检查', article: '第36条(2)' },
  documents: { label: '文档完整性检查', article: '第36条(3)' },
  security: { label: '安全检查', article: '第36条(4)' },
} as const;
export type InspectionKind = keyof typeof INSPECTION_KINDS;
export const InspectionKindSchema = z.enum(Object.keys(INSPECTION_KINDS) as [InspectionKind, ...InspectionKind[]], {
  error: '检查类别应为 版本检查/系统检查/文档完整性检查/安全检查',
});

export const IsoQuarterSchema = z.string({ error: '请填写季度' }).regex(/^\d{4}-Q[1-4]$/, '季度格式应为 YYYY-Qn，例如 2026-Q4');

export const WeeklyReviewInput = z
  .object({
    week: IsoWeekSchema,
    opinion: text('审阅意见', 2000),
  })
  .strict();

export const FollowUpSchema = z
  .object({
    action: text('整改事项', 1000),
    owner: text('责任人', 100),
    due: IsoDateSchema,
  })
  .strict();

export const InspectionInput = z
  .object({
    kind: InspectionKindSchema,
    /** The day it was carried out. */
    performedOn: IsoDateSchema,
    /** Who inspected (names); the recorder signs the event. */
    inspectors: text('检查人员', 200),
    scope: text('检查范围', 2000),
    findings: text('检查发现', 4000),
    /** The form checked before it goes live: a change form (§36(2)) or a go-live/release form (§36(1)–(2)). */
    formId: z.string().min(1).max(100).optional(),
    /** The release or go-live checked when it has no form here (§36(1)); a 附件2/附件4 form is named by formId. */
    releaseRef: z.string().trim().min(1).max(200).optional(),
    followUps: z.array(FollowUpSchema).max(50).default([]),
  })
  .strict();

export const CloseFollowUpInput = z
  .object({
    inspectionId: z.string().min(1).max(100),
    followUpId: z.string().min(1).max(100),
    note: text('完成情况', 2000),
  })
  .strict();

export const WeeksInput = z
  .object({ from: IsoDateSchema, to: IsoDateSchema })
  .strict()
  .refine((p) => p.from <= p.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
/** One week's §17(1) review status, for those who review or prepare the weekly plan. */
export const WeekToReviewInput = z.object({ week: IsoWeekSchema }).strict();
export const InspectionsInput = z
  .object({ kind: InspectionKindSchema.optional(), from: IsoDateSchema.optional(), to: IsoDateSchema.optional() })
  .strict();
export const CompletenessInput = z
  .object({ from: IsoDateSchema, to: IsoDateSchema, unit: z.string().min(1).max(40).optional() })
  .strict()
  .refine((p) => p.from <= p.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export const RemindersInput = z.object({}).strict();

export interface WeeklyReviewRecord extends SignedRecord {
  week: string;
  opinion: string;
}

/** A week of the plan and its review (§17(1)): overdue when not reviewed by its Monday. */
export interface WeekStatus {
  week: string;
  monday: string;
  sunday: string;
  /** Non-emergency changes planned to start in the week. */
  planned: number;
  review?: WeeklyReviewRecord;
  status: 'reviewed' | 'due' | 'overdue' | 'none';
}

export interface FollowUp {
  id: string;
  action: string;
  owner: string;
  due: string;
  closed?: SignedRecord & { note: string };
}

export interface InspectionRecord {
  id: string;
  kind: InspectionKind;
  kindLabel: string;
  performedOn: string;
  /** The quarter it counts for (§36(3)–(4)). */
  quarter: string;
  inspectors: string;
  scope: string;
  findings: string;
  formId?: string;
  formNo?: string;
  /** The kind of form checked: a change form unless it names a go-live or a release. */
  formKind?: 'change' | 'golive' | 'release';
  releaseRef?: string;
  followUps: FollowUp[];
  recordedBy: SignedRecord;
}

/** §36(3): what a form lacks that its steps required. */
export interface CompletenessGap {
  /** wet_signature: signed in the system, its paper copy's hand signature not recorded (§27). */
  kind: 'part' | 'signature' | 'document' | 'wet_signature';
  kindLabel: '缺少内容' | '缺少签字记录' | '缺少文档/附件' | '纸质签字未登记';
  what: string;
}

export interface CompletenessRow {
  formId: string;
  formNo: string;
  title: string;
  state: string;
  stateLabel: string;
  unit: string;
  gaps: CompletenessGap[];
}

export interface CompletenessResult {
  from: string;
  to: string;
  checked: number;
  incomplete: number;
  rows: CompletenessRow[];
}

export type ReminderKind = 'emergency_paperwork' | 'weekly_review' | 'inspection' | 'follow_up' | 'trial_run' | 'access_account';

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  emergency_paperwork: '紧急变更补单/补测',
  weekly_review: '周变更计划审阅',
  inspection: '检查监督',
  follow_up: '检查整改事项',
  trial_run: '试运行满三个月',
  access_account: '生产系统访问账号未禁用',
};

/** One thing due or overdue. */
export interface Reminder {
  kind: ReminderKind;
  kindLabel: string;
  severity: 'due' | 'overdue';
  title: string;
  detail: string;
  /** The date it is due by. */
  due: string;
  article: string;
  /** Where it leads: a form, a week of the plan, an inspection kind. */
  formId?: string;
  /** Which form `formId` names: a change form (附件1, the default), a go-live (附件2), a release (附件4) or an access record. */
  formKind?: 'change' | 'golive' | 'release' | 'access';
  week?: string;
  inspectionKind?: InspectionKind;
}

export interface RemindersResult {
  items: Reminder[];
  counts: { due: number; overdue: number; byKind: Partial<Record<ReminderKind, number>> };
}

/** `2026-Q4` for a date. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** First and last day of a quarter `2026-Q4`. */
export function quarterRange(quarter: string): { from: string; to: string } {
  const firstMonth = (Number(quarter.slice(6)) - 1) * 3 + 1;
  return periodRange('quarter', `${quarter.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`);
}
