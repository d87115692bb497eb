import type { Database, Statement } from 'better-sqlite3';
import { beijingWallTime } from '../shared/schemas/calendar';
import type { ChangeFormState, ChangeSummary } from '../shared/schemas/change-form';
import type { Drill, StatsPeriod } from '../shared/schemas/stats';
import { StatementCache } from './statement-cache';

// The §26 statistics row of a form (table form_stat, migration 0007) and the queries of a
// period's report. Each number of the report and the list behind it come from one WHERE
// clause built from the same Drill, so a number and its drill-down always agree.

function dateOf(iso: string | undefined): string | null {
  if (!iso) return null;
  return beijingWallTime(iso)?.date ?? iso.slice(0, 10);
}

function flag(v: boolean | undefined): number | null {
  return v === undefined ? null : v ? 1 : 0;
}

/**
 * The statistics row of a form as the values of form_stat's columns, in order: computed apart
 * from writing it, so that a rebuild can compute it on another thread (rebuild-thread.ts).
 */
export function statRow(rowid: number, f: ChangeFormState): unknown[] {
  const e = f.emergency;
  // A request is a form that left its draft (a draft withdrawn before submission is none).
  const requested = f.state !== 'draft' && !(f.state === 'withdrawn' && f.approvals.length === 0 && !e) ? (f.part1.appliedOn ?? f.createdAt.slice(0, 10)) : null;
  const implemented = f.result.outcome ? dateOf(f.result.actualStart ?? e?.implementedAt) : null;
  return [
    rowid,
    f.applicant.unitCode,
    requested,
    implemented,
    f.part1.changeType ?? null,
    f.part1.changeSource ?? null,
    f.part1.urgency ?? null,
    e ? 1 : 0,
    f.state,
    f.closure?.kind ?? null,
    f.result.outcome === '已回退' ? 1 : 0,
    flag(f.result.goalMet),
    flag(f.result.negativeImpact),
    f.overrides.length > 0 ? 1 : 0,
    flag(e?.testedBefore),
    dateOf(e?.paperwork?.time),
    dateOf(e?.retest?.time),
  ];
}

/** Writes the statistics row of a form (statRow); called by FormProjection. */
export class StatsProjection {
  private readonly upsert: Statement<unknown[]>;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO form_stat (form_rowid, unit, requested_on, implemented_on, change_type, change_source, urgency,
         emergency, state, closure, rolled_back, goal_met, negative_impact, window_override, tested_before, paperwork_on, retest_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (form_rowid) DO UPDATE SET unit = excluded.unit, requested_on = excluded.requested_on, implemented_on = excluded.implemented_on, change_type = excluded.change_type, change_source = excluded.change_source, urgency = excluded.urgency, emergency = excluded.emergency, state = excluded.state, closure = excluded.closure, rolled_back = excluded.rolled_back, goal_met = excluded.goal_met, negative_impact = excluded.negative_impact, window_override = excluded.window_override, tested_before = excluded.tested_before, paperwork_on = excluded.paperwork_on, retest_on = excluded.retest_on`,
    );
  }

  write(row: readonly unknown[]): void {
    this.upsert.run(...row);
  }
}

export const STATS_PROJECTION_TABLES = ['form_stat'] as const;

/** A late-paperwork predicate needs the deadline per implementation day (working days: the domain's). */
export type DeadlineOf = (implementedOn: string) => string;

export interface EmergencyPaperworkRow {
  rowid: number;
  implementedOn: string;
  testedBefore: number | null;
  paperworkOn: string | null;
  retestOn: string | null;
}

const OUTCOME_GROUP_SQL: Record<NonNullable<Drill['outcomeGroup']>, string> = {
  not_recommended: `s.closure = 'not_recommended'`,
  to_project: `s.closure = 'to_project'`,
  withdrawn: `s.closure = 'withdrawn'`,
  implemented: `s.implemented_on IS NOT NULL`,
  open: `s.closure IS NULL AND s.implemented_on IS NULL`,
};

/** Reads of form_stat for a period. Statements are prepared once per distinct SQL. */
export class StatsQueries {
  private readonly statements: StatementCache;

  constructor(readonly db: Database) {
    this.statements = new StatementCache(db);
  }

  private stmt(sql: string): Statement {
    return this.statements.get(sql);
  }

  /**
   * The WHERE clause of a drill in a period. `lateRowids` is the set of forms whose 补单/补测
   * is late (computed by the domain with the calendar), needed only when the drill asks for it.
   */
  private where(period: StatsPeriod, drill: Drill, lateRowids?: readonly number[]): { sql: string; params: unknown[] } {
    const col = drill.set === 'implemented' ? 's.implemented_on' : 's.requested_on';
    const where = [`${col} BETWEEN ? AND ?`];
    const params: unknown[] = [period.from, period.to];
    const add = (sql: string, ...v: unknown[]) => {
      where.push(sql);
      params.push(...v);
    };
    if (period.unit) add('s.unit = ?', period.unit);
    if (drill.changeType) add('s.change_type = ?', drill.changeType);
    if (drill.changeSource) add('s.change_source = ?', drill.changeSource);
    if (drill.urgency) add('s.urgency = ?', drill.urgency);
    if (drill.emergency !== undefined) add('s.emergency = ?', drill.emergency ? 1 : 0);
    if (drill.goalMet !== undefined) add(drill.goalMet === null ? 's.goal_met IS NULL' : 's.goal_met = ?', ...(drill.goalMet === null ? [] : [drill.goalMet ? 1 : 0]));
    if (drill.negativeImpact !== undefined) add(drill.negativeImpact ? 's.negative_impact = 1' : 'coalesce(s.negative_impact, 0) = 0');
    if (drill.rolledBack !== undefined) add('s.rolled_back = ?', drill.rolledBack ? 1 : 0);
    if (drill.windowOverride !== undefined) add('s.window_override = ?', drill.windowOverride ? 1 : 0);
    if (drill.outcomeGroup) add(OUTCOME_GROUP_SQL[drill.outcomeGroup]);
    if (drill.paperworkLate !== undefined) {
      const ids = lateRowids ?? [];
      // A JSON array keeps the statement the same whatever the number of forms.
      add(`s.form_rowid ${drill.paperworkLate ? '' : 'NOT '}IN (SELECT value FROM json_each(?))`, JSON.stringify(ids));
    }
    return { sql: where.join(' AND '), params };
  }

  count(period: StatsPeriod, drill: Drill, lateRowids?: readonly number[]): number {
    const w = this.where(period, drill, lateRowids);
    return (this.stmt(`SELECT count(*) AS n FROM form_stat s WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
  }

  /**
   * Every §26 total of the implemented set in one pass over the period's rows (the report);
   * each equals count() of the drill the report attaches to it (the tests check both ways).
   */
  implementedTotals(period: StatsPeriod, lateRowids: readonly number[]): Record<'total' | 'emergency' | 'met' | 'notMet' | 'notEvaluated' | 'negative' | 'rollbacks' | 'overrides' | 'late', number> {
    const w = this.where(period, { set: 'implemented' });
    const row = this.stmt(
      `SELECT count(*) AS total, sum(s.emergency) AS emergency, sum(s.goal_met = 1) AS met, sum(s.goal_met = 0) AS notMet,
         sum(s.goal_met IS NULL) AS notEvaluated, sum(s.negative_impact = 1) AS negative, sum(s.rolled_back) AS rollbacks,
         sum(s.window_override) AS overrides, sum(s.emergency = 1 AND s.form_rowid IN (SELECT value FROM json_each(?))) AS late
       FROM form_stat s WHERE ${w.sql}`,
    ).get(JSON.stringify(lateRowids), ...w.params) as Record<string, number | null>;
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? 0])) as ReturnType<StatsQueries['implementedTotals']>;
  }

  /** How the period's requests ended, in one pass (§26(4)). */
  requestOutcomes(period: StatsPeriod): Record<NonNullable<Drill['outcomeGroup']>, number> {
    const w = this.where(period, { set: 'requested' });
    const cols = Object.entries(OUTCOME_GROUP_SQL).map(([k, sql]) => `sum(${sql}) AS ${k}`);
    const row = this.stmt(`SELECT ${cols.join(', ')} FROM form_stat s WHERE ${w.sql}`).get(...w.params) as Record<string, number | null>;
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? 0])) as ReturnType<StatsQueries['requestOutcomes']>;
  }

  /** Counts grouped by one column of the drill's forms: { value → count }. */
  countBy(period: StatsPeriod, drill: Drill, column: 'change_type' | 'change_source' | 'urgency'): Map<string | null, number> {
    const w = this.where(period, drill);
    const rows = this.stmt(`SELECT s.${column} AS k, count(*) AS n FROM form_stat s WHERE ${w.sql} GROUP BY s.${column}`).all(...w.params) as Array<{ k: string | null; n: number }>;
    return new Map(rows.map((r) => [r.k, r.n]));
  }

  /** Counts by source and type at once (the §26(4) type analysis). */
  countBySourceAndType(period: StatsPeriod, drill: Drill): Array<{ source: string | null; type: string | null; n: number }> {
    const w = this.where(period, drill);
    return this.stmt(`SELECT s.change_source AS source, s.change_type AS type, count(*) AS n FROM form_stat s WHERE ${w.sql} GROUP BY 1, 2`).all(...w.params) as Array<{
      source: string | null;
      type: string | null;
      n: number;
    }>;
  }

  /** The drill's forms, oldest first: list rows and states (for the notes the report shows). */
  forms(period: StatsPeriod, drill: Drill, limit: number, offset = 0, lateRowids?: readonly number[]): Array<{ rowid: number; state: ChangeFormState; summary: ChangeSummary; date: string }> {
    const w = this.where(period, drill, lateRowids);
    const col = drill.set === 'implemented' ? 's.implemented_on' : 's.requested_on';
    const rows = this.stmt(
      `SELECT s.form_rowid AS rowid, f.state_json, f.summary_json, ${col} AS d FROM form_stat s JOIN form f ON f.rowid = s.form_rowid
       WHERE ${w.sql} ORDER BY ${col}, s.form_rowid LIMIT ? OFFSET ?`,
    ).all(...w.params, limit, offset) as Array<{ rowid: number; state_json: string; summary_json: string; d: string }>;
    return rows.map((r) => ({ rowid: r.rowid, state: JSON.parse(r.state_json) as ChangeFormState, summary: JSON.parse(r.summary_json) as ChangeSummary, date: r.d }));
  }

  /** The drill's list rows only (stats:forms), oldest first. */
  summaries(period: StatsPeriod, drill: Drill, limit: number, offset: number, lateRowids?: readonly number[]): ChangeSummary[] {
    const w = this.where(period, drill, lateRowids);
    const col = drill.set === 'implemented' ? 's.implemented_on' : 's.requested_on';
    const rows = this.stmt(
      `SELECT f.summary_json FROM form_stat s JOIN form f ON f.rowid = s.form_rowid WHERE ${w.sql} ORDER BY ${col}, s.form_rowid LIMIT ? OFFSET ?`,
    )
      .pluck()
      .all(...w.params, limit, offset) as string[];
    return rows.map((r) => JSON.parse(r) as ChangeSummary);
  }

  /** The states of the forms requested in a period (§36(3) checks them), oldest first. */
  requestedStates(from: string, to: string, unit: string | undefined): ChangeFormState[] {
    return (
      this.stmt(
        `SELECT f.state_json FROM form_stat s JOIN form f ON f.rowid = s.form_rowid
         WHERE s.requested_on BETWEEN @from AND @to AND (@unit IS NULL OR s.unit = @unit) ORDER BY s.requested_on, s.form_rowid`,
      )
        .pluck()
        .all({ from, to, unit: unit ?? null }) as string[]
    ).map((j) => JSON.parse(j) as ChangeFormState);
  }

  /** Every go-live and release (附件2/附件4) as state JSON: dozens a year, counted by the domain. */
  rolloutStates(): string[] {
    return this.stmt(`SELECT state_json FROM project_form WHERE kind IN ('golive', 'release') ORDER BY rowid`).pluck().all() as string[];
  }

  /** Emergency changes implemented in the period, with their paperwork dates (§23–§24). */
  emergencies(period: StatsPeriod): EmergencyPaperworkRow[] {
    const w = this.where(period, { set: 'implemented', emergency: true });
    return this.stmt(
      `SELECT s.form_rowid AS rowid, s.implemented_on AS implementedOn, s.tested_before AS testedBefore, s.paperwork_on AS paperworkOn, s.retest_on AS retestOn
       FROM form_stat s WHERE ${w.sql}`,
    ).all(...w.params) as EmergencyPaperworkRow[];
  }
}
