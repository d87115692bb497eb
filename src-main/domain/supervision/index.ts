// Supervision (issue 9): §26 statistics, §36(3) completeness, what is due. Pure: no I/O, no clock.
export { completenessGaps, type AttachmentRequirement } from './completeness';
export { share, percentText, latePaperwork, projectPeriodLines, type EmergencyPaperworkDates } from './statistics';
export {
  DUE_AHEAD_DAYS,
  weekReviewStatus,
  weekReminder,
  previousQuarter,
  quarterlyInspectionReminders,
  systemCheckReminder,
  followUpReminder,
  emergencyPaperworkReminder,
  trialRunReminder,
  accessAccountReminder,
  rolloutCheckReminder,
  type RolloutDue,
  sortReminders,
  countReminders,
} from './due';
