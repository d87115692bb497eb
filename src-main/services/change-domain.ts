import { applyInStream, summarizeChange, waitingScope } from '../domain';
import { FINAL_STATES, type ChangeFormState } from '../shared/schemas/change-form';
import { ROLES } from '../shared/schemas/roles';
import { waitingOwner, type FormEvent, type FormReducer } from '../store/change-projection';
import type { EventLog } from '../store/event-log';
import { toFormEvent } from '../store/log-fold';

/** §23–§24: an implemented emergency change whose 补单, or whose 补测 (not tested before), is still open. */
export function emergencyPaperworkOpen(form: ChangeFormState): boolean {
  const e = form.emergency;
  if (!e?.implementedAt || FINAL_STATES.includes(form.state)) return false;
  return !e.paperwork || (e.testedBefore === false && !e.retest);
}

/** The domain's pure functions as the store's projection takes them. */
export const changeReducer: FormReducer = {
  apply: (state, event, earlier) =>
    applyInStream(state, event, () => {
      if (!earlier) throw new Error(`变更单 ${event.formId} 的事件 ${event.id} 不接续该单的最新记录，需要该单的全部记录才能处理`);
      return earlier();
    }),
  summarize: summarizeChange,
  waiting(form) {
    const scope = waitingScope(form);
    return scope.roles.map((role) => ({
      role,
      // A business unit's roles act for the applicant's unit only (§9, §18); a draft for its applicant only.
      owner: ROLES[role].unit === 'business' ? waitingOwner(scope.userId ? scope : { unitCode: form.applicant.unitCode }) : '',
    }));
  },
  emergencyOpen: emergencyPaperworkOpen,
};

/**
 * A form's events in the log before `before` (the event being folded), as the reducer takes them.
 * An import writes a whole bundle into the log before folding it, so the events after `before`
 * may already be there; they are not earlier and are left out. Without `before`, or when it is
 * not yet in the log, all of them.
 */
export function earlierFormEvents(log: EventLog, formId: string, nameOf: (userId: string) => string, before?: string): FormEvent[] {
  const all = log.streamEvents(formId);
  const at = before === undefined ? -1 : all.findIndex((e) => e.id === before);
  return (at < 0 ? all : all.slice(0, at)).map((e) => toFormEvent(e.id, e, nameOf(e.author)));
}
