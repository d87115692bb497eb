import { applyChangeEvent, summarizeChange, waitingScope } from '../domain';
import { FINAL_STATES, type ChangeFormState } from '../shared/schemas/change-form';
import { ROLES } from '../shared/schemas/roles';
import { waitingOwner, type FormReducer } from '../store/change-projection';

/** §23–§24: an implemented emergency change whose 补单, or whose 补测 (not tested before), is still open. */
export function emergencyPaperworkOpen(form: ChangeFormState): boolean {
  const e = form.emergency;
  if (!e?.implementedAt || FINAL_STATES.includes(form.state)) return false;
  return !e.paperwork || (e.testedBefore === false && !e.retest);
}

/** The domain's pure functions as the store's projection takes them. */
export const changeReducer: FormReducer = {
  apply: applyChangeEvent,
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
