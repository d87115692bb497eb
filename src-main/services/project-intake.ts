import type { SignedEvent } from '../shared/schemas/event';
import type { ProjectFormState } from '../shared/schemas/project-forms';
import { toFormEvent } from '../store/rebuild';
import type { ServiceContext } from './context';
import { coreOf } from './core';
import { projectReducer } from './project-domain';
import { projectEngine } from './project-engine';

/**
 * Folds events of the project forms (`golive.*`, `release.*`, `access.*`) that came from another
 * terminal into this terminal's projection, as a rebuild would: the exchange's importer hands
 * each stored event here (after verifying it) and the change form's events to the change
 * projection. Forms touched are written once at the end. Returns the events it took.
 */
export function projectForeignProjectEvents(ctx: ServiceContext, events: readonly SignedEvent[]): number {
  const core = coreOf(ctx);
  const forms = projectEngine(ctx).forms;
  const touched = new Map<string, { rowid: number; state: ProjectFormState }>();
  const posOf = core.ctx.db.prepare<[string], number>('SELECT pos FROM event WHERE id = ?').pluck();
  let taken = 0;
  for (const e of events) {
    if (!projectReducer.owns(e.type)) continue;
    const loaded = touched.get(e.formId) ?? forms.load(e.formId);
    const state = projectReducer.apply(loaded?.state, toFormEvent(e.id, e, core.dir.user(e.author)?.name ?? e.author));
    const rowid = loaded?.rowid ?? posOf.get(e.id);
    if (rowid === undefined) throw new Error(`事件 ${e.id} 尚未写入日志`);
    touched.set(e.formId, { rowid, state });
    taken++;
  }
  for (const f of touched.values()) forms.write(f.rowid, f.state);
  return taken;
}
