import { applyProjectEvent, kindOfEvent, projectWaiting, summarizeProject } from '../domain';
import type { ProjectReducer } from '../store/project-projection';

/** The project forms' pure functions as the store's projection takes them (as change-domain.ts for 附件1). */
export const projectReducer: ProjectReducer = {
  apply: applyProjectEvent,
  summarize: summarizeProject,
  waiting: projectWaiting,
  owns: (type) => kindOfEvent(type) !== undefined,
};
