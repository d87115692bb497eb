// 附件2 go-live, 附件4 release (§28–§35) and 生产系统访问登记 (§17(6)–(7)) on the shared workflow engine.
export { ROLLOUT_WORKFLOWS, ROLLOUT_TRANSITIONS, ROLLOUT_ARTICLES } from './rollout';
export { ACCESS_WORKFLOW, ACCESS_TRANSITIONS, DISABLE_GRACE_MINUTES, accessDueAt, accessOverdue } from './access';
export { acceptanceFrom, trialComplete, addMonths, beijingDateOf, TRIAL_MONTHS } from './trial';
export { workflowOf, kindOfEvent, decideProject, applyProjectEvent, projectActions, projectWaiting, projectStateLabel, summarizeProject, namedAccessTitle, type Waiting } from './forms';
