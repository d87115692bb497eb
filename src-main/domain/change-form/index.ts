// The change form (附件1) as a pure state machine: decide → events → apply.
export { decideChange } from './decide';
export { applyChangeEvent } from './apply';
export { CONFLICT_RESOLVED, applyInStream, branchLabel, conflictRefusal, conflictResolvers, foldChangeStream, type ConflictResolution } from './branches';
export { availableActions, waitingRoles, waitingScope, type WaitingScope } from './actions';
export { summarizeChange } from './summary';
export { emergencyOverdue } from './emergency';
export { TRANSITIONS, INITIAL_STATE, WITHDRAWABLE_STATES, isTransitionAllowed, reachableStates } from './states';
export { postReviewRequired, windowFinding } from './rules';
export { VERBS, IMPLEMENTER_ROLES, BACKUP_ROLES } from './verbs';
export type { Actor, ChangeCommand, ChangeEvent, DecidedEvent, Decision, DecisionContext, RefusalCode } from './types';
export {
  ARCHIVE_BLOCK_ID,
  FORM_PARTS,
  annexBlocks,
  formBlocks,
  missingWetSignatures,
  noticeAddressees,
  noticeBlocks,
  paperBlocks,
  partsReached,
  standing,
  wetSignatureOf,
  type FormPart,
  type PaperBlock,
  type PaperDocument,
} from './signature-blocks';
