import type { ChangeState } from '../../shared/schemas/change-form';

// domain.md, 附件1 States: every arrow a form may take. A form never skips a state; decide
// checks each transition against this table before it emits an event.
export const TRANSITIONS: Readonly<Record<ChangeState, readonly ChangeState[]>> = {
  draft: ['pending_dept_approval', 'emergency_pending_auth', 'withdrawn'],
  pending_dept_approval: ['pending_assessment', 'draft', 'withdrawn'],
  pending_assessment: ['pending_assessment_approval', 'withdrawn'],
  // §13: 不建议实施 and 转项目 end the form; 建议实施 goes on to part 三.
  pending_assessment_approval: ['planning', 'not_recommended', 'to_project', 'pending_assessment', 'withdrawn'],
  not_recommended: [],
  to_project: [],
  planning: ['pending_impl_approval', 'withdrawn'],
  pending_impl_approval: ['scheduled', 'planning', 'withdrawn'],
  // 撤回 is possible only before 已排期; a scheduled change may go back to planning to move its date.
  scheduled: ['implemented', 'rolled_back', 'planning'],
  // §16: the post-implementation review only when 风险等级 is 中/高.
  implemented: ['pending_post_review', 'pending_applicant_confirm'],
  rolled_back: ['pending_post_review', 'pending_applicant_confirm'],
  pending_post_review: ['pending_applicant_confirm'],
  pending_applicant_confirm: ['pending_archive'],
  pending_archive: ['archived'],
  archived: [],
  withdrawn: [],
  // Emergency change (§22–§25).
  emergency_pending_auth: ['emergency_pending_backup', 'draft', 'withdrawn'],
  emergency_pending_backup: ['emergency_pending_impl'],
  emergency_pending_impl: ['emergency_followup'],
  emergency_followup: ['emergency_log_review'],
  emergency_log_review: ['pending_archive'],
};

/** The state a new form starts in. */
export const INITIAL_STATE: ChangeState = 'draft';

/** States from which 撤回 is possible (before 已排期 / before an emergency is authorised). */
export const WITHDRAWABLE_STATES: readonly ChangeState[] = (Object.keys(TRANSITIONS) as ChangeState[]).filter((s) =>
  TRANSITIONS[s].includes('withdrawn'),
);

export function isTransitionAllowed(from: ChangeState | undefined, to: ChangeState): boolean {
  return from === undefined ? to === INITIAL_STATE : from === to || TRANSITIONS[from].includes(to);
}

/** Every state reachable from a new form (used by tests to show no state is orphaned). */
export function reachableStates(): Set<ChangeState> {
  const seen = new Set<ChangeState>([INITIAL_STATE]);
  const queue: ChangeState[] = [INITIAL_STATE];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const t of TRANSITIONS[s]) {
      if (seen.has(t)) continue;
      seen.add(t);
      queue.push(t);
    }
  }
  return seen;
}
