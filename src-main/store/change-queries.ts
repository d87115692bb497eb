import type { Database, Statement } from 'better-sqlite3';
import type { ChangeFormState, ChangeSummary } from '../shared/schemas/change-form';
import type { ChangeListFilter, ChangeSortKey } from '../shared/schemas/query';
import type { RoleCode } from '../shared/schemas/roles';
import { isCjkShortTerm } from './change-projection';
import { StatementCache } from './statement-cache';
import { TextIndex } from './text-index';

const SORT_COLUMNS: Record<ChangeSortKey, string> = {
  updatedAt: 'updated_at',
  formNo: 'form_no',
  appliedOn: 'applied_on',
  plannedStart: 'planned_start',
  state: 'state',
};

export interface ListQuery {
  filter: ChangeListFilter;
  sort?: { by: ChangeSortKey; dir: 'asc' | 'desc' } | undefined;
  page: number;
  pageSize: number;
  /** Only forms of this applicant unit (people who hold only a business unit's roles). */
  scopeUnit?: string | undefined;
}

/** Lists count matching forms up to this many; beyond it they say "more than" (capped). */
export const LIST_COUNT_CAP = 1000;

/** A form number or its beginning, e.g. `BG-OPS-2026-01`. */
const FORM_NO_PREFIX = /^BG-[A-Za-z0-9-]*$/i;

/** An FTS5 phrase: the term in double quotes, quotes inside doubled. */
function ftsPhrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * An inbox page: rows of `form` waiting (in `waiting`) for one role, newest first, limited to
 * the owners given. Shared by the change form's inbox and the project forms' (issue 8).
 */
export function waitingRows<T>(
  stmts: StatementCache,
  tables: { waiting: string; form: string },
  role: RoleCode,
  owners: readonly string[],
  limit: number,
): { rows: T[]; count: number } {
  const marks = owners.map(() => '?').join(',');
  const count = (stmts.get(`SELECT count(*) AS n FROM ${tables.waiting} WHERE role = ? AND owner IN (${marks})`).get(role, ...owners) as { n: number }).n;
  const rows = stmts
    .get(
      `SELECT f.summary_json FROM ${tables.waiting} w JOIN ${tables.form} f ON f.rowid = w.form_rowid
       WHERE w.role = ? AND w.owner IN (${marks}) ORDER BY w.updated_at DESC, w.form_rowid DESC LIMIT ?`,
    )
    .pluck()
    .all(role, ...owners, limit) as string[];
  return { rows: rows.map((r) => JSON.parse(r) as T), count };
}

/**
 * Reads of the change projections. Lists are built from the filter that was given; each
 * distinct statement is prepared once and kept.
 */
export class ChangeQueries {
  private readonly cache: StatementCache;
  private readonly text: TextIndex;
  private readonly stateStmt: Statement<[string], { rowid: number; state_json: string; summary_json: string; applicant_unit: string }>;
  private readonly openEmergencyStmt: Statement<[{ unit: string | null; limit: number }], { state_json: string; summary_json: string; applicant_unit: string }>;

  constructor(readonly db: Database) {
    this.cache = new StatementCache(db);
    this.text = new TextIndex(db);
    this.stateStmt = db.prepare('SELECT rowid, state_json, summary_json, applicant_unit FROM form WHERE form_id = ?');
    this.openEmergencyStmt = db.prepare(
      `SELECT state_json, summary_json, applicant_unit FROM form
       WHERE emergency_open = 1 AND (@unit IS NULL OR applicant_unit = @unit) ORDER BY emergency_since LIMIT @limit`,
    );
  }

  private stmt(sql: string): Statement {
    return this.cache.get(sql);
  }

  form(formId: string): { state: ChangeFormState; summary: ChangeSummary; unit: string } | undefined {
    const row = this.stateStmt.get(formId);
    if (!row) return undefined;
    return { state: JSON.parse(row.state_json) as ChangeFormState, summary: JSON.parse(row.summary_json) as ChangeSummary, unit: row.applicant_unit };
  }

  list(q: ListQuery): { rows: ChangeSummary[]; total: number; capped?: true } {
    const f = q.filter;
    const terms = (f.text ?? '').split(/\s+/).filter(Boolean);
    // A form number (or its beginning) is looked up in its own index.
    const formNos = terms.filter((t) => FORM_NO_PREFIX.test(t));
    const words = terms.filter((t) => !FORM_NO_PREFIX.test(t));
    const long = words.filter((t) => [...t].length >= 3);
    const grams = words.filter((t) => [...t].length < 3 && isCjkShortTerm(t));
    const short = words.filter((t) => [...t].length < 3 && !isCjkShortTerm(t));
    // The trigram index needs three characters: one or two Chinese characters go to the
    // short-term index, other short terms (e.g. `OA`) are matched by LIKE.
    const gramQuery = grams.map(ftsPhrase).join(' AND ');
    const longQuery = long.map(ftsPhrase).join(' AND ');
    // The text indexes take the latest writes in batches: a search first hands them what is queued.
    if (long.length || grams.length) this.text.sync();
    // Driven by an index: FTS5 hands out matches in rowid order and stops when the page is full.
    // With a date range the range's index drives instead, newest first by that date, and the
    // matches are one set it looks rows up in (`+`: not a way in): otherwise every match older
    // than the range would be read before the first row of the page, and all of them to count.
    const dated = Boolean(f.from || f.to);
    const driver = dated ? undefined : long.length ? 'form_fts' : grams.length ? 'form_gram' : undefined;

    // Filters on the form's columns. Under a full-text driver they are checked in form_stat
    // (the same values, written with the form row in the same transaction, in a table of a
    // hundred bytes a row that stays in the page cache) and form_system, keyed by the match's
    // rowid — before the wide form row (its state and texts, several kB) is read at all. A rare
    // combination of a common word and filters then costs index probes, not thousands of row reads.
    const onMatch = driver !== undefined;
    const cols = onMatch
      ? { state: 'st.state', changeType: 'st.change_type', urgency: 'st.urgency', unit: 'st.unit', emergency: 'st.emergency', windowOverride: 'st.window_override', rolledBack: 'st.rolled_back' }
      : { state: 'state', changeType: 'change_type', urgency: 'urgency', unit: 'applicant_unit', emergency: 'emergency', windowOverride: 'window_override', rolledBack: 'rolled_back' };
    const stat: string[] = [];
    const statParams: unknown[] = [];
    const where: string[] = [];
    const params: unknown[] = [];
    const col = (sql: string, ...values: unknown[]): void => {
      (onMatch ? stat : where).push(sql);
      (onMatch ? statParams : params).push(...values);
    };
    // Whether a filter reads the form row itself (the count can otherwise leave it unread).
    let onForm = false;
    const add = (sql: string, ...values: unknown[]): void => {
      where.push(sql);
      params.push(...values);
    };
    const addOnForm = (sql: string, ...values: unknown[]): void => {
      onForm = true;
      add(sql, ...values);
    };
    if (f.state !== undefined) {
      const states = Array.isArray(f.state) ? f.state : [f.state];
      col(`${cols.state} IN (${states.map(() => '?').join(',')})`, ...states);
    }
    if (f.changeType) col(`${cols.changeType} = ?`, f.changeType);
    if (f.urgency) col(`${cols.urgency} = ?`, f.urgency);
    if (f.unit) col(`${cols.unit} = ?`, f.unit);
    if (q.scopeUnit) col(`${cols.unit} = ?`, q.scopeUnit);
    if (f.emergency !== undefined) col(`${cols.emergency} = ?`, f.emergency ? 1 : 0);
    if (f.windowOverride !== undefined) col(`${cols.windowOverride} = ?`, f.windowOverride ? 1 : 0);
    if (f.rolledBack !== undefined) col(`${cols.rolledBack} = ?`, f.rolledBack ? 1 : 0);
    if (stat.length) add(`EXISTS (SELECT 1 FROM form_stat st WHERE st.form_rowid = ${driver}.rowid AND ${stat.join(' AND ')})`, ...statParams);
    // Correlated, so that a page stops after its rows instead of first collecting every form of the system.
    if (f.system) add(`EXISTS (SELECT 1 FROM form_system s WHERE s.system = ? AND s.form_rowid = ${driver ?? 'form'}.rowid)`, f.system);
    const dateCol = f.dateOf === 'plannedStart' ? 'planned_start' : 'applied_on';
    if (f.from) addOnForm(`${dateCol} >= ?`, f.from);
    // '~' sorts after every character of a date-time, so `to` includes its whole day.
    if (f.to) addOnForm(`${dateCol} <= ?`, `${f.to}~`);
    for (const t of formNos) addOnForm('form_no >= ? AND form_no < ?', t.toUpperCase(), `${t.toUpperCase()}~`);
    if (dated && long.length) add('+form.rowid IN (SELECT rowid FROM form_fts WHERE form_fts MATCH ?)', longQuery);
    if (grams.length && (long.length || dated)) addOnForm('+form.rowid IN (SELECT rowid FROM form_gram WHERE form_gram MATCH ?)', gramQuery);
    for (const t of short) addOnForm(`form.search_text LIKE ? ESCAPE '\\'`, likePattern(t));

    let from = 'form';
    const fromParams: unknown[] = [];
    if (driver) {
      from = `${driver} JOIN form ON form.rowid = ${driver}.rowid`;
      where.unshift(`${driver} MATCH ?`);
      fromParams.push(long.length ? longQuery : gramQuery);
    }
    const allParams = [...fromParams, ...params];
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // Without a chosen order: newest first — for searches by creation (the order the full-text
    // index hands matches out in, so a page stops early), for a date range by that date, for
    // other lists by the last change.
    const order = q.sort
      ? `${SORT_COLUMNS[q.sort.by]} ${q.sort.dir === 'asc' ? 'ASC' : 'DESC'}, form.rowid ${q.sort.dir === 'asc' ? 'ASC' : 'DESC'}`
      : driver
        ? `${driver}.rowid DESC`
        : dated
          ? `${dateCol} DESC, form.rowid DESC`
          : terms.length
            ? 'form.rowid DESC'
            : 'updated_at DESC, form.rowid DESC';
    const offset = (q.page - 1) * q.pageSize;
    // In the full-text index's order, the page also says where it ended, so that the count
    // goes on from there instead of reading the page's matches again.
    const byMatch = driver !== undefined && !q.sort;
    const page = this.stmt(`SELECT form.summary_json AS json, ${byMatch ? `${driver}.rowid` : 'NULL'} AS r FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(
      ...allParams,
      q.pageSize,
      offset,
    ) as Array<{ json: string; r: number | null }>;
    const rows = page.map((p) => p.json);
    // A page that is not full (or an empty page past the first) has already seen every match:
    // the total needs no second pass, which for a rare combination would scan every match again.
    const seenAll = rows.length < q.pageSize && (rows.length > 0 || offset === 0);
    const countFrom = driver && !onForm ? driver : from;
    const upTo = offset + rows.length;
    const last = page[page.length - 1]?.r;
    const counted = seenAll
      ? upTo
      : byMatch && last !== null && last !== undefined
        ? upTo +
          (upTo > LIST_COUNT_CAP
            ? 0
            : (this.stmt(`SELECT count(*) AS n FROM (SELECT 1 FROM ${countFrom} ${whereSql} AND ${driver}.rowid < ? LIMIT ?)`).get(...allParams, last, LIST_COUNT_CAP + 1 - upTo) as { n: number }).n)
        : (this.stmt(`SELECT count(*) AS n FROM (SELECT 1 FROM ${countFrom} ${whereSql} LIMIT ${LIST_COUNT_CAP + 1})`).get(...allParams) as { n: number }).n;
    const result = { rows: rows.map((r) => JSON.parse(r) as ChangeSummary), total: Math.min(counted, LIST_COUNT_CAP) };
    return counted > LIST_COUNT_CAP ? { ...result, capped: true } : result;
  }

  /** Forms waiting for one role, newest first, limited to what the owners given may see. */
  waiting(role: RoleCode, owners: readonly string[], limit: number): { rows: ChangeSummary[]; count: number } {
    return waitingRows<ChangeSummary>(this.cache, { waiting: 'form_waiting', form: 'form' }, role, owners, limit);
  }

  /** Emergency changes whose 补单 or 补测 is open (§23–§24), longest open first. */
  openEmergencies(unit: string | undefined, limit: number): Array<{ state: ChangeFormState; summary: ChangeSummary; unit: string }> {
    return this.openEmergencyStmt
      .all({ unit: unit ?? null, limit })
      .map((r) => ({ state: JSON.parse(r.state_json) as ChangeFormState, summary: JSON.parse(r.summary_json) as ChangeSummary, unit: r.applicant_unit }));
  }
}
