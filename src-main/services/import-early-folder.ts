import type { Statement } from 'better-sqlite3';
import type { EarlyFolder } from '../exchange/early-fold';
import { CONFLICT_RESOLVED } from '../domain';
import type { ChangeFormState } from '../shared/schemas/change-form';
import { DIR_EVENTS, type UserPayload } from '../store/directory';
import { toFormEvent } from '../store/log-fold';
import { isSupStream } from '../store/supervision-store';
import { changeReducer } from './change-domain';
import { changeEngine } from './change-service';
import type { Core } from './core';
import { projectReducer } from './project-domain';

/**
 * Forms whose states are held in memory during one import (about 10 KB each): beyond this, the
 * least recently touched wait in a TEMP table (this connection only, not the database's content)
 * until the transaction writes them — an archive import brings tens of thousands of forms. Kept
 * small: a unit's log interleaves the few forms open at one time, and states held long outlive
 * the young generation, so that their garbage piles up until a full collection (measured: the
 * process's peak memory rose by about 150 MB with 1,000 held and with pages of 500 below).
 */
export const EARLY_FORMS_IN_MEMORY = 200;
/** Forms set aside, and read back in the transaction, per page (see above). */
const ASIDE_PAGE = 50;

/** The reducer asked for the form's earlier events: a branch, folded in the transaction. */
const NEEDS_LOG = Symbol('needs the log');

interface HeldForm {
  /** The form's projection row, or undefined for a form new here (the log position of `first`). */
  rowid: number | undefined;
  /** The event that created the form here. */
  first: string;
  state: ChangeFormState;
}

/**
 * Folds the change-form events of a bundle during its verification (early-fold.ts), as
 * formProjector (exchange-service.ts) does in the transaction: the same reducer, authors named as
 * the directory names them at that point of the bundle. Whatever that projector does otherwise
 * (supervision, project forms, a conflict's resolution, a branch, a refusal) is declined here
 * and left to it.
 */
export function earlyFolder(core: Core, inMemory = EARLY_FORMS_IN_MEMORY): EarlyFolder {
  const db = core.ctx.db;
  const engine = changeEngine(core);
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS import_early_form (form_id TEXT PRIMARY KEY, form_rowid INTEGER, first TEXT NOT NULL, state TEXT NOT NULL)`);
  db.exec('DELETE FROM temp.import_early_form');
  const s = {
    put: db.prepare('INSERT OR REPLACE INTO temp.import_early_form (form_id, form_rowid, first, state) VALUES (?, ?, ?, ?)') as Statement<[string, number | null, string, string]>,
    get: db.prepare('SELECT form_rowid, first, state FROM temp.import_early_form WHERE form_id = ?') as Statement<[string], { form_rowid: number | null; first: string; state: string }>,
    page: db.prepare(`SELECT rowid AS n, form_id, form_rowid, first, state FROM temp.import_early_form WHERE rowid > ? ORDER BY rowid LIMIT ${ASIDE_PAGE}`) as Statement<
      [number],
      { n: number; form_id: string; form_rowid: number | null; first: string; state: string }
    >,
    clear: db.prepare('DELETE FROM temp.import_early_form') as Statement<[]>,
    posOf: db.prepare('SELECT pos FROM event WHERE id = ?').pluck() as Statement<[string], number>,
  };
  /** In order of last touch: the first is the one to set aside. */
  const held = new Map<string, HeldForm>();
  /** Forms set aside in the TEMP table (and not held again since). */
  const aside = new Set<string>();
  /** Names given by the bundle's directory events so far; the directory here otherwise. */
  const renamed = new Map<string, string>();
  const names = new Map<string, string>();
  const nameOf = (id: string): string => {
    const given = renamed.get(id);
    if (given !== undefined) return given;
    let n = names.get(id);
    if (n === undefined) names.set(id, (n = core.dir.user(id)?.name ?? id));
    return n;
  };
  const load = (formId: string): HeldForm | undefined => {
    if (aside.delete(formId)) {
      const row = s.get.get(formId)!;
      return { rowid: row.form_rowid ?? undefined, first: row.first, state: JSON.parse(row.state) as ChangeFormState };
    }
    const f = engine.forms.load(formId);
    return f && { rowid: f.rowid, first: '', state: f.state };
  };
  // The least recently touched, a page at a time in one transaction of the TEMP database (a
  // statement of its own for each would commit each to the temporary file).
  const setAside = db.transaction(() => {
    for (const [formId, f] of [...held].slice(0, ASIDE_PAGE)) {
      s.put.run(formId, f.rowid ?? null, f.first, JSON.stringify(f.state));
      held.delete(formId);
      aside.add(formId);
    }
  });
  const write = (f: HeldForm): void => {
    engine.forms.write(f.rowid ?? s.posOf.get(f.first)!, f.state);
  };

  return {
    directory(e) {
      if (e.type !== DIR_EVENTS.user) return;
      const p = e.payload as Partial<UserPayload>;
      // A malformed one is refused by the transaction's fold: the names do not matter then.
      if (typeof p.id === 'string' && typeof p.name === 'string') renamed.set(p.id, p.name);
    },
    take(e) {
      if (isSupStream(e.formId) || projectReducer.owns(e.type) || e.type === CONFLICT_RESOLVED) return false;
      // Notes and other events of a form's stream are logged, not folded (as formProjector).
      if (!e.type.startsWith('change.')) return true;
      const form = held.get(e.formId) ?? load(e.formId);
      let state: ChangeFormState;
      try {
        state = changeReducer.apply(form?.state, toFormEvent(e.id, e, nameOf(e.author)), () => {
          throw NEEDS_LOG;
        });
      } catch {
        return false; // a branch, or a refusal: the transaction's fold decides
      }
      held.delete(e.formId);
      held.set(e.formId, { rowid: form?.rowid, first: form?.first || e.id, state });
      if (held.size > inMemory) setAside();
      return true;
    },
    drop(stream) {
      held.delete(stream);
      aside.delete(stream);
    },
    write() {
      // A page at a time: the forms set aside do not all fit in memory at once.
      for (let rows = s.page.all(0); rows.length > 0; rows = s.page.all(rows[rows.length - 1]!.n)) {
        for (const row of rows) {
          if (aside.has(row.form_id)) write({ rowid: row.form_rowid ?? undefined, first: row.first, state: JSON.parse(row.state) as ChangeFormState });
        }
      }
      for (const f of held.values()) write(f);
      this.discard();
    },
    discard() {
      held.clear();
      aside.clear();
      s.clear.run();
    },
  };
}
