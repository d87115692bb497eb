import type { PolicySettings } from '../../shared/schemas/calendar';
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
