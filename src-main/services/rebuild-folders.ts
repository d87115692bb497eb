import type { ChangeFormState } from '../shared/schemas/change-form';
import type { ProjectFormState } from '../shared/schemas/project-forms';
import { formRows } from '../store/change-projection';
import type { StreamFolder } from '../store/log-fold';
import { PROJECT_FORM_KIND, projectRows } from '../store/project-projection';
import { CHANGE_FORM_KIND } from '../store/rebuild';
import { changeReducer } from './change-domain';
import { projectReducer } from './project-domain';

/**
 * The domain's reducers as a rebuild folds the log with them (log-fold.ts): the project forms
 * (附件2/附件4/访问登记) by their own event types, every other form stream as a change form.
 * Pure functions only, so that a folding thread can use them (rebuild-thread.ts).
 */
export function rebuildFolders(): StreamFolder[] {
  return [
    {
      kind: PROJECT_FORM_KIND,
      owns: (type) => projectReducer.owns(type),
      fold: (state, event) => projectReducer.apply(state as ProjectFormState | undefined, event),
      rows: (rowid, state) => projectRows(projectReducer, rowid, state as ProjectFormState).rows,
    },
    {
      kind: CHANGE_FORM_KIND,
      owns: () => true,
      fold: (state, event, earlier) => changeReducer.apply(state as ChangeFormState | undefined, event, earlier),
      rows: (rowid, state) => formRows(changeReducer, rowid, state as ChangeFormState).rows,
    },
  ];
}
