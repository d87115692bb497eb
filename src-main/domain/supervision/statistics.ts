import type { PolicySettings } from '../../shared/schemas/calendar';
import type { RolloutFormState } from '../../shared/schemas/project-forms';
import type { ProjectStatLine, ProjectStatRow } from '../../shared/schemas/stats';
import { projectStateLabel } from '../golive/forms';
import { beijingDateOf } from '../golive/trial';
import { addWorkingDays } from '../calendar';

// §26 period statistics: the pure parts (rates, lateness of emergency paperwork). The counts
// themselves are indexed aggregates of the store's form_stat rows.

/** n of d as a fraction 0–1; 0 when there is nothing to divide by. */
export function share(n: number, d: number): number {
  return d === 0 ? 0 : n / d;
}

/** 12.5% — one decimal, as the report prints a rate. */
export function percentText(fraction: number): string {
  return `${(Math.round(fraction * 1000) / 10).toFixed(1)}%`;
}

export interface EmergencyPaperworkDates {
  rowid: number;
  implementedOn: string;
  /** 1 tested before implementation, 0 not (then 补测 is owed, §24), null unknown. */
  testedBefore: number | null;
  paperworkOn: string | null;
  retestOn: string | null;
}

/**
 * §23–§24: the emergency changes whose 补单 or 补测 was done after the deadline, or is still
 * open past it on `today` (the deadline: settings.emergencyPaperworkWorkingDays working days
 * after the implementation day, as emergencyOverdue counts it).
 */
export function latePaperwork(rows: readonly EmergencyPaperworkDates[], today: string, settings: PolicySettings): number[] {
  const deadlines = new Map<string, string>();
  const late: number[] = [];
  for (const r of rows) {
    let deadline = deadlines.get(r.implementedOn);
    if (deadline === undefined) {
      deadline = addWorkingDays(r.implementedOn, settings.emergencyPaperworkWorkingDays, settings.calendar);
      deadlines.set(r.implementedOn, deadline);
    }
    const paperworkLate = (r.paperworkOn ?? today) > deadline;
    const retestLate = r.testedBefore === 0 && (r.retestOn ?? today) > deadline;
    if (paperworkLate || retestLate) late.push(r.rowid);
  }
  return late;
}

const LINES: Array<[ProjectStatLine['key'], string]> = [
  ['applied', '提交申请'],
  ['live', '实施完成转入试运行'],
  ['accepted', '验收合格转正式运行'],
  ['inTrial', '期末仍在试运行'],
  ['withdrawn', '撤回'],
];

/**
 * The go-lives (§28–§31) and releases (§32–§35) of a period, for the §26 review of what went
 * into production: applied for (申请日期, once submitted), went live (the trial run began),
 * accepted into 正式运行 (验收日期), still in trial run at the period's end, withdrawn. `unit`
 * keeps the forms of one unit, as project team or 相关业务部门.
 */
export function projectPeriodLines(forms: readonly RolloutFormState[], from: string, to: string, unit: string | undefined, unitName: (code: string) => string): ProjectStatLine[] {
  const within = (d: string | undefined) => d !== undefined && d >= from && d <= to;
  const lines = LINES.map(([key, label]): ProjectStatLine => ({ key, label, golive: [], release: [] }));
  const add = (key: ProjectStatLine['key'], f: RolloutFormState, date: string) => {
    const row: ProjectStatRow = { formId: f.formId, formNo: f.formNo, kind: f.kind, title: f.application.title ?? '', unit: unitName(f.applicant.unitCode), date, stateLabel: projectStateLabel(f) };
    lines.find((l) => l.key === key)![f.kind].push(row);
  };
  for (const f of forms) {
    if (unit && f.applicant.unitCode !== unit && f.application.businessUnit !== unit) continue;
    const submitted = f.state !== 'draft' && !(f.state === 'withdrawn' && f.approvals.length === 0 && !f.reviews.pmo);
    const applied = f.application.appliedOn;
    if (submitted && applied && within(applied)) add('applied', f, applied);
    const live = f.trial.startedAt ? beijingDateOf(f.trial.startedAt) : undefined;
    if (live && within(live)) add('live', f, live);
    const accepted = f.acceptance?.passed ? f.acceptance.acceptedOn : undefined;
    if (accepted && within(accepted)) add('accepted', f, accepted);
    if (live && live <= to && !(accepted && accepted <= to)) add('inTrial', f, live);
    const closed = f.state === 'withdrawn' && f.closure ? beijingDateOf(f.closure.time) : undefined;
    if (closed && within(closed)) add('withdrawn', f, closed);
  }
  for (const l of lines) for (const k of ['golive', 'release'] as const) l[k].sort((a, b) => a.date.localeCompare(b.date) || a.formNo.localeCompare(b.formNo));
  return lines;
}
