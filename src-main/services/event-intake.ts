import type { SignedEvent } from '../shared/schemas/event';
import { isDirStream } from '../store/directory';
import { isSupStream } from '../store/supervision-store';
import { supervisionEngine } from './supervision-service';
import { eventBody } from '../store/event-codec';
import { toFormEvent } from '../store/log-fold';
import { changeReducer, earlierFormEvents } from './change-domain';
import { changeEngine } from './change-service';
import type { ServiceContext } from './context';
import { coreOf } from './core';
import { projectIntake } from './project-intake';

/**
 * Stores events signed on other terminals (a peer's bundle) and projects them, inside the
 * caller's transaction, exactly as a rebuild would: directory events into the directory, form
 * events folded into their form, weekly reviews and inspections into the supervision records. The caller has verified hashes, signatures and chains first
 * (store/audit.ts checks the same on the whole log). Known events are skipped by id, so the
 * same bundle imported twice changes nothing.
 */
export function storeForeignEvents(ctx: ServiceContext, events: readonly SignedEvent[]): { added: string[]; skipped: number } {
  const core = coreOf(ctx);
  const forms = changeEngine(core).forms;
  const projects = projectIntake(ctx);
  const added: string[] = [];
  let skipped = 0;
  for (const e of events) {
    if (!core.log.insertSigned(e)) {
      skipped++;
      continue;
    }
    added.push(e.id);
    if (isDirStream(e.formId)) {
      core.dir.apply(e.type, e.payload, e.origin);
      continue;
    }
    // 附件2/附件4/访问登记 events go to their own projection (issue 8).
    if (projects.take(e)) continue;
    if (isSupStream(e.formId)) {
      supervisionEngine(core).store.apply({ id: e.id, type: e.type, payload: e.payload, author: e.author, authorName: core.dir.user(e.author)?.name ?? e.author, role: e.role, time: e.time });
      continue;
    }
    const loaded = forms.load(e.formId);
    const nameOf = (id: string): string => core.dir.user(id)?.name ?? id;
    const state = changeReducer.apply(loaded?.state, toFormEvent(e.id, eventBody(e), nameOf(e.author)), () => earlierFormEvents(core.log, e.formId, nameOf, e.id));
    forms.write(loaded?.rowid ?? core.log.lastPos, state);
  }
  projects.flush();
  return { added, skipped };
}
