// The printed documents of ChangeDesk: pure functions from form state to a document (plain data).
export { documentForChangeForm, signatureBlocksOf, partsReached, printedPart, FORM_PARTS, PART_TITLES, type FormPart, type PrintedPart } from './change-form';
export { documentForEmergencyAnnex, emergencySignatureBlocks } from './emergency-annex';
export { documentForImpactNotice, noticeSignatureBlocks } from './impact-notice';
export { documentForWeeklyPlan, changesInWeek, isoWeekRange, isoWeekOf, weeklyPlanSignatureBlocks, ON_PLAN, type WeeklyReview } from './weekly-plan';
export { documentForStatsReport } from './stats-report';
export type { DocumentContext, SignatureBlock } from './common';
export { documentForProjectForm, documentForAccess, PROJECT_DOCS, type ProjectDoc } from './project-forms';
