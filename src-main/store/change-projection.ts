import type { Database, Statement } from 'better-sqlite3';
import type { ChangeFormState, ChangeSummary } from '../shared/schemas/change-form';
import type { ChangeEvent } from '../domain/change-form/types';
import type { RoleCode } from '../shared/schemas/roles';
import { canonicalJson } from './event-codec';
import { StatsProjection, statRow } from './stats-projection';
import { TextIndex } from './text-index';

/** A change event as the domain's reducer takes it. */
export type FormEvent = ChangeEvent;

/**
 * The pure functions of the domain the projection needs. The store does not import the domain
 * (it stays a storage layer); the services hand these in.
 */
export interface FormReducer {
  /**
   * One more event. `earlier` gives the stream's earlier events in log order, for the reducer to
   * refold them when the event does not extend the form's head (two terminals' branches, issue 5).
   */
  apply(state: ChangeFormState | undefined, event: FormEvent, earlier?: () => readonly FormEvent[]): ChangeFormState;
  summarize(state: ChangeFormState): ChangeSummary;
  /** Who acts next, each role with the owner that narrows it (see waitingOwner). */
  waiting(state: ChangeFormState): Array<{ role: RoleCode; owner: string }>;
  /** An emergency change whose 补单 or 补测 is still open (§23–§24). */
  emergencyOpen(state: ChangeFormState): boolean;
}

export interface LoadedForm {
  rowid: number;
  state: ChangeFormState;
}

/**
 * The owner of an inbox row: `u:<user id>` when only one person may act (a draft waits for its
 * applicant), `unit:<code>` when only people of one unit may (a department head signs for their
 * own unit, §9, §18), '' when anyone holding the role may.
 */
export function waitingOwner(scope: { userId?: string; unitCode?: string }): string {
  if (scope.userId) return `u:${scope.userId}`;
  if (scope.unitCode) return `unit:${scope.unitCode}`;
  return '';
}

const FORM_NO = /^BG-([A-Z0-9]+)-(\d{4})-(\d+)$/;

/** Lines of the summary's text that are no words a person searches for: ids, times, codes. */
const NOT_WORDS = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?|[a-z][a-z_]*|[a-z][A-Za-z]*)$/;

/**
 * The text the full-text index holds for a form: the summary's text without ids, times and
 * codes, one line per distinct text, sorted — so that it does not depend on the order in which
 * the reducer built the state (an append and a rebuild must index the same text).
 */
export function indexText(searchText: string): string {
  return [...new Set(searchText.split('\n').filter((l) => l && !NOT_WORDS.test(l)))].sort().join('\n');
}

/**
 * Every projection row of one form, as the values of its columns: plain data, so that a rebuild
 * can compute them on another thread and post them to the writing one (rebuild-thread.ts).
 */
export interface FormRows {
  rowid: number;
  /** The form table's columns in the order of FormProjection's upsert. */
  form: unknown[];
  searchText: string;
  systems: string[];
  /** [role, owner] of each inbox row. */
  waiting: Array<[RoleCode, string]>;
  updatedAt: string;
  /** [unit, year, number] of a form number, for the unit's counter. */
  counter: [string, string, number] | undefined;
  stat: unknown[];
}

/** Computes a form's projection rows from its state (no database). Also returns the list row. */
export function formRows(r: FormReducer, rowid: number, state: ChangeFormState): { rows: FormRows; summary: ChangeSummary } {
  const summary = r.summarize(state);
  const searchText = indexText(summary.searchText);
  // Lists do not carry the indexed text (it stays in search_text): rows stay small.
  const row: ChangeSummary = { ...summary, searchText: '' };
  const no = FORM_NO.exec(state.formNo);
  const form = [
    rowid,
    state.formId,
    state.formNo,
    state.state,
    summary.changeType ?? null,
    summary.urgency ?? null,
    summary.emergency ? 1 : 0,
    r.emergencyOpen(state) ? 1 : 0,
    summary.applicantUnit,
    summary.applicantUserId,
    summary.appliedOn ?? null,
    summary.plannedStart ?? null,
    summary.plannedEnd ?? null,
    summary.riskLevel ?? null,
    summary.windowOverride ? 1 : 0,
    summary.rolledBack ? 1 : 0,
    summary.updatedAt,
    state.version,
    canonicalJson(state),
    canonicalJson(row),
    searchText,
    state.emergency?.implementedAt ?? null,
  ];
  return {
    rows: {
      rowid,
      form,
      searchText,
      systems: summary.systems,
      waiting: r.waiting(state).map((w) => [w.role, w.owner]),
      updatedAt: summary.updatedAt,
      counter: no ? [no[1]!, no[2]!, Number(no[3])] : undefined,
      stat: statRow(rowid, state),
    },
    summary: row,
  };
}

/** The projection tables of one form, written from its state. Statements prepared once. */
export class FormProjection {
  private readonly s: {
    load: Statement<[string], { rowid: number; state_json: string }>;
    upsert: Statement<unknown[]>;
    delSystems: Statement<[number]>;
    addSystem: Statement<[string, number]>;
    delWaiting: Statement<[number]>;
    addWaiting: Statement<[string, string, string, number]>;
    bumpCounter: Statement<[string, string, number]>;
    addGrams: Statement<[number, string]>;
    counter: Statement<[string, string], { last: number }>;
    indexedText: Statement<[number], string>;
  };

  /** §26 statistics row (migration 0007), written with the others. */
  private readonly stats: StatsProjection;

  /** The text indexes, brought up to date in batches (migration 0009). */
  readonly text: TextIndex;

  constructor(
    readonly db: Database,
    readonly reducer: FormReducer,
  ) {
    this.stats = new StatsProjection(db);
    this.text = new TextIndex(db);
    this.s = {
      load: db.prepare('SELECT rowid, state_json FROM form WHERE form_id = ?'),
      upsert: db.prepare(
        `INSERT INTO form (rowid, form_id, form_no, state, change_type, urgency, emergency, emergency_open, applicant_unit,
           applicant_user, applied_on, planned_start, planned_end, risk_level, window_override, rolled_back, updated_at,
           version, state_json, summary_json, search_text, emergency_since)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (rowid) DO UPDATE SET form_no = excluded.form_no, state = excluded.state,
           change_type = excluded.change_type, urgency = excluded.urgency, emergency = excluded.emergency,
           emergency_open = excluded.emergency_open, applicant_unit = excluded.applicant_unit,
           applicant_user = excluded.applicant_user, applied_on = excluded.applied_on,
           planned_start = excluded.planned_start, planned_end = excluded.planned_end, risk_level = excluded.risk_level,
           window_override = excluded.window_override, rolled_back = excluded.rolled_back,
           updated_at = excluded.updated_at, version = excluded.version, state_json = excluded.state_json,
           summary_json = excluded.summary_json, search_text = excluded.search_text,
           emergency_since = excluded.emergency_since`,
      ),
      delSystems: db.prepare('DELETE FROM form_system WHERE form_rowid = ?'),
      addSystem: db.prepare('INSERT OR IGNORE INTO form_system (system, form_rowid) VALUES (?, ?)'),
      delWaiting: db.prepare('DELETE FROM form_waiting WHERE form_rowid = ?'),
      addWaiting: db.prepare('INSERT OR IGNORE INTO form_waiting (role, owner, updated_at, form_rowid) VALUES (?, ?, ?, ?)'),
      bumpCounter: db.prepare(
        `INSERT INTO form_counter (unit, year, last) VALUES (?, ?, ?)
         ON CONFLICT (unit, year) DO UPDATE SET last = max(last, excluded.last)`,
      ),
      counter: db.prepare('SELECT last FROM form_counter WHERE unit = ? AND year = ?'),
      addGrams: db.prepare('INSERT INTO form_gram (rowid, grams) VALUES (?, ?)'),
      indexedText: db.prepare<[number], string>('SELECT search_text FROM form WHERE rowid = ?').pluck(),
    };
  }

  load(formId: string): LoadedForm | undefined {
    const row = this.s.load.get(formId);
    return row ? { rowid: row.rowid, state: JSON.parse(row.state_json) as ChangeFormState } : undefined;
  }

  /** The next form number of a unit in a year, e.g. `BG-OPS-2026-0007`; unique without a network because the unit is in it. */
  nextFormNo(unit: string, year: string): string {
    const last = this.s.counter.get(unit, year)?.last ?? 0;
    return `BG-${unit}-${year}-${String(last + 1).padStart(4, '0')}`;
  }

  /**
   * Writes every projection row of one form from its state. `fresh`: a rebuild — no earlier rows
   * to replace, and the rebuild fills the text indexes itself (TextIndex.insertFresh).
   */
  write(rowid: number, state: ChangeFormState, fresh = false): ChangeSummary {
    const { rows, summary } = formRows(this.reducer, rowid, state);
    this.writeRows(rows, fresh);
    return summary;
  }

  /** Writes rows computed by formRows (here, or on a rebuild's folding thread). */
  writeRows(rows: FormRows, fresh = false): void {
    const rowid = rows.rowid;
    // Most steps of the workflow add no new words: the text indexes are then left alone.
    const before = fresh ? undefined : this.s.indexedText.get(rowid);
    this.s.upsert.run(...rows.form);
    if (!fresh) {
      if (before !== rows.searchText) this.text.changed(rowid, before);
      this.s.delSystems.run(rowid);
      this.s.delWaiting.run(rowid);
    }
    for (const sys of rows.systems) this.s.addSystem.run(sys, rowid);
    for (const [role, owner] of rows.waiting) this.s.addWaiting.run(role, owner, rows.updatedAt, rowid);
    if (rows.counter) this.s.bumpCounter.run(...rows.counter);
    this.stats.write(rows.stat);
  }
}

/** Whether a term can be looked up in the short-term index (one or two Chinese characters). */
export function isCjkShortTerm(term: string): boolean {
  const chars = [...term];
  return chars.length <= 2 && chars.every((c) => /^[\u3400-\u9fff\uf900-\ufaff]$/.test(c));
}

/** The change-form projection tables, emptied and refilled by a rebuild. */
export const FORM_PROJECTION_TABLES = ['form', 'form_system', 'form_waiting', 'form_counter', 'form_stat'] as const;
