import type { Database, Statement } from 'better-sqlite3';
import type { ProjectFormState, ProjectKind, ProjectSummary } from '../shared/schemas/project-forms';
import type { RoleCode } from '../shared/schemas/roles';
import { indexText, type FormEvent } from './change-projection';
import { likePattern } from './change-queries';
import { StatementCache } from './statement-cache';
import { canonicalJson } from './event-codec';
import type { StreamWriter } from './rebuild';

/** The domain's pure functions for the project forms, handed in by the services (the store imports no domain). */
export interface ProjectReducer {
  apply(state: ProjectFormState | undefined, event: FormEvent): ProjectFormState;
  summarize(state: ProjectFormState): ProjectSummary;
  waiting(state: ProjectFormState): Array<{ role: RoleCode; owner: string }>;
  /** Whether an event type belongs to these forms (`golive.*`, `release.*`, `access.*`). */
  owns(type: string): boolean;
}

const FORM_NO = /^([A-Z]+)-([A-Z0-9]+)-(\d{4})-(\d+)$/;

/** The folder kind of the project forms in a rebuild (log-fold.ts). */
export const PROJECT_FORM_KIND = 'project';

export const PROJECT_PROJECTION_TABLES = ['project_form', 'project_waiting', 'project_counter'] as const;

export interface ProjectListQuery {
  kind?: ProjectKind | undefined;
  state?: string[] | undefined;
  text?: string | undefined;
  scopeUnit?: string | undefined;
  page: number;
  pageSize: number;
}


/** A project form's projection rows as column values (see FormRows in change-projection.ts). */
export interface ProjectRows {
  rowid: number;
  /** The project_form table's columns in the order of the upsert. */
  form: unknown[];
  waiting: Array<[RoleCode, string]>;
  updatedAt: string;
  /** [prefix, unit, year, number] of the form number. */
  counter: [string, string, string, number] | undefined;
}

/** Computes a project form's projection rows from its state (no database; a rebuild does it on another thread). */
export function projectRows(reducer: ProjectReducer, rowid: number, state: ProjectFormState): { rows: ProjectRows; summary: ProjectSummary } {
  const summary = reducer.summarize(state);
  const row: ProjectSummary = { ...summary, searchText: '' };
  const no = FORM_NO.exec(state.formNo);
  const form = [
    rowid,
    state.formId,
    state.kind,
    state.formNo,
    state.state,
    summary.applicantUnit,
    summary.applicantUserId,
    summary.businessUnit ?? null,
    summary.updatedAt,
    state.version,
    summary.since ?? null,
    summary.acceptanceFrom ?? null,
    canonicalJson(state),
    canonicalJson(row),
    indexText(summary.searchText),
  ];
  return {
    rows: {
      rowid,
      form,
      waiting: reducer.waiting(state).map((w) => [w.role, w.owner]),
      updatedAt: summary.updatedAt,
      counter: no ? [no[1]!, no[2]!, no[3]!, Number(no[4])] : undefined,
    },
    summary: row,
  };
}

/** The project forms' projection tables: written from a form's state, read by the services. */
export class ProjectProjection implements StreamWriter {
  readonly kind = PROJECT_FORM_KIND;
  readonly tables = PROJECT_PROJECTION_TABLES;
  private readonly stmts: StatementCache;
  private readonly s: {
    load: Statement<[string], { rowid: number; state_json: string; applicant_unit: string; business_unit: string | null }>;
    upsert: Statement<unknown[]>;
    delWaiting: Statement<[number]>;
    addWaiting: Statement<[string, string, string, number]>;
    bumpCounter: Statement<[string, string, string, number]>;
    counter: Statement<[string, string, string], { last: number }>;
  };

  constructor(
    readonly db: Database,
    readonly reducer: ProjectReducer,
  ) {
    this.stmts = new StatementCache(db);
    this.s = {
      load: db.prepare('SELECT rowid, state_json, applicant_unit, business_unit FROM project_form WHERE form_id = ?'),
      upsert: db.prepare(
        `INSERT INTO project_form (rowid, form_id, kind, form_no, state, applicant_unit, applicant_user, business_unit, updated_at, version,
           since, acceptance_from, state_json, summary_json, search_text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (rowid) DO UPDATE SET form_no = excluded.form_no, state = excluded.state, business_unit = excluded.business_unit, updated_at = excluded.updated_at,
           version = excluded.version, since = excluded.since, acceptance_from = excluded.acceptance_from,
           state_json = excluded.state_json, summary_json = excluded.summary_json, search_text = excluded.search_text`,
      ),
      delWaiting: db.prepare('DELETE FROM project_waiting WHERE form_rowid = ?'),
      addWaiting: db.prepare('INSERT OR IGNORE INTO project_waiting (role, owner, updated_at, form_rowid) VALUES (?, ?, ?, ?)'),
      bumpCounter: db.prepare(
        `INSERT INTO project_counter (prefix, unit, year, last) VALUES (?, ?, ?, ?)
         ON CONFLICT (prefix, unit, year) DO UPDATE SET last = max(last, excluded.last)`,
      ),
      counter: db.prepare('SELECT last FROM project_counter WHERE prefix = ? AND unit = ? AND year = ?'),
    };
  }

  load(formId: string): { rowid: number; state: ProjectFormState; units: string[] } | undefined {
    const row = this.s.load.get(formId);
    if (!row) return undefined;
    const units = row.business_unit ? [row.applicant_unit, row.business_unit] : [row.applicant_unit];
    return { rowid: row.rowid, state: JSON.parse(row.state_json) as ProjectFormState, units };
  }

  /** e.g. `SX-DEV-2026-0003`: unique without a network because the unit is in it. */
  nextFormNo(prefix: string, unit: string, year: string): string {
    const last = this.s.counter.get(prefix, unit, year)?.last ?? 0;
    return `${prefix}-${unit}-${year}-${String(last + 1).padStart(4, '0')}`;
  }

  write(rowid: number, state: ProjectFormState): ProjectSummary {
    const { rows, summary } = projectRows(this.reducer, rowid, state);
    this.writeRows(rows);
    return summary;
  }

  writeRows(rows: ProjectRows): void {
    this.s.upsert.run(...rows.form);
    this.s.delWaiting.run(rows.rowid);
    for (const [role, owner] of rows.waiting) this.s.addWaiting.run(role, owner, rows.updatedAt, rows.rowid);
    if (rows.counter) this.s.bumpCounter.run(...rows.counter);
  }

  private stmt(sql: string): Statement {
    return this.stmts.get(sql);
  }

  list(q: ProjectListQuery): { rows: ProjectSummary[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]): void => {
      where.push(sql);
      params.push(...values);
    };
    if (q.kind) add('kind = ?', q.kind);
    if (q.state?.length) add(`state IN (${q.state.map(() => '?').join(',')})`, ...q.state);
    if (q.scopeUnit) add('(applicant_unit = ? OR business_unit = ?)', q.scopeUnit, q.scopeUnit);
    // Project forms are few (dozens a year): LIKE over the indexed text is enough.
    for (const t of (q.text ?? '').split(/\s+/).filter(Boolean)) add(`search_text LIKE ? ESCAPE '\\'`, likePattern(t));
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.stmt(`SELECT count(*) AS n FROM project_form ${w}`).get(...params) as { n: number }).n;
    const rows = this.stmt(`SELECT summary_json FROM project_form ${w} ORDER BY updated_at DESC, rowid DESC LIMIT ? OFFSET ?`)
      .pluck()
      .all(...params, q.pageSize, (q.page - 1) * q.pageSize) as string[];
    return { rows: rows.map((r) => JSON.parse(r) as ProjectSummary), total };
  }

  /**
   * Forms waiting for one role, limited to the owners given; each form once, though it may wait
   * for the role twice (a checklist line of mine and the version comparison anyone may record).
   */
  waiting(role: RoleCode, owners: readonly string[], limit: number): { rows: ProjectSummary[]; count: number } {
    const marks = owners.map(() => '?').join(',');
    const mine = `SELECT form_rowid FROM project_waiting WHERE role = ? AND owner IN (${marks})`;
    const count = (this.stmt(`SELECT count(DISTINCT form_rowid) AS n FROM project_waiting WHERE role = ? AND owner IN (${marks})`).get(role, ...owners) as { n: number }).n;
    const rows = this.stmt(`SELECT summary_json FROM project_form WHERE rowid IN (${mine}) ORDER BY updated_at DESC, rowid DESC LIMIT ?`)
      .pluck()
      .all(role, ...owners, limit) as string[];
    return { rows: rows.map((r) => JSON.parse(r) as ProjectSummary), count };
  }

  /** Rows of a kind in a state whose `since`/`acceptance_from` column is at or before a bound. */
  dueBy(kind: ProjectKind, states: readonly string[], column: 'since' | 'acceptance_from', bound: string, scopeUnit?: string): ProjectSummary[] {
    const sql = `SELECT summary_json FROM project_form WHERE kind = ? AND state IN (${states.map(() => '?').join(',')})
       AND ${column} IS NOT NULL AND ${column} <= ? ${scopeUnit ? 'AND (applicant_unit = ? OR business_unit = ?)' : ''} ORDER BY ${column}`;
    const rows = this.stmt(sql)
      .pluck()
      .all(kind, ...states, bound, ...(scopeUnit ? [scopeUnit, scopeUnit] : [])) as string[];
    return rows.map((r) => JSON.parse(r) as ProjectSummary);
  }
}
