import type { SignedEvent } from '../shared/schemas/event';
import type { ProjectFormState } from '../shared/schemas/project-forms';
import { eventBody } from '../store/event-codec';
import { toFormEvent } from '../store/log-fold';
import type { ServiceContext } from './context';
import { coreOf } from './core';
import { projectReducer } from './project-domain';
import { projectEngine } from './project-engine';

export interface ProjectIntake {
  /** Folds a stored event of a project form (`golive.*`, `release.*`, `access.*`); false for any other event. */
  take(e: SignedEvent): boolean;
  /** Writes every form touched since the last flush. */
  flush(): void;
}

/**
 * Folds project-form events that came from another terminal into this terminal's projection,
 * as a rebuild would — for the exchange's importer and storeForeignEvents, beside the change
 * projection. The event is in the log already; forms touched are written once per flush.
 */
export function projectIntake(ctx: ServiceContext): ProjectIntake {
  const core = coreOf(ctx);
  const forms = projectEngine(ctx).forms;
  const touched = new Map<string, { rowid: number; state: ProjectFormState }>();
  const posOf = core.ctx.db.prepare<[string], number>('SELECT pos FROM event WHERE id = ?').pluck();
  return {
    take(e) {
      if (!projectReducer.owns(e.type)) return false;
      const loaded = touched.get(e.formId) ?? forms.load(e.formId);
      const state = projectReducer.apply(loaded?.state, toFormEvent(e.id, eventBody(e), core.dir.user(e.author)?.name ?? e.author));
      const rowid = loaded?.rowid ?? posOf.get(e.id);
      if (rowid === undefined) throw new Error(`事件 ${e.id} 尚未写入日志`);
      touched.set(e.formId, { rowid, state });
      return true;
    },
    flush() {
      for (const f of touched.values()) forms.write(f.rowid, f.state);
      touched.clear();
    },
  };
}

/** The events of a batch already stored, folded and written; returns how many were project-form events. */
export function projectForeignProjectEvents(ctx: ServiceContext, events: readonly SignedEvent[]): number {
  const intake = projectIntake(ctx);
  const taken = events.filter((e) => intake.take(e)).length;
  intake.flush();
  return taken;
}
