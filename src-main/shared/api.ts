// The single contract (architecture.md): every call any door can make, with the zod schema
// that parses its input and the type of its output. IPC handlers, the preload, the HTTP host,
// the CLI and the renderer client are all typed from here.
import { z } from 'zod';
import './zod-setup';
import * as app from './schemas/app';
import * as calendar from './schemas/calendar';
import { CHANGE_COMMAND_NAMES, changeCommandSchemas, type ChangeAction, type ChangeCommandName } from './schemas/change-form';
import * as directory from './schemas/directory';
import * as exchange from './schemas/exchange';
import * as identity from './schemas/identity';
import * as print from './schemas/print';
import * as project from './schemas/project-forms';
import * as query from './schemas/query';
import * as backup from './schemas/backup';
import * as attachment from './schemas/attachment';
import * as stats from './schemas/stats';
import * as supervision from './schemas/supervision';
import * as transfer from './schemas/transfer';
import type { ApiResult } from './errors';

type VerbSchema<V extends ChangeCommandName> = (typeof changeCommandSchemas)[V];
/** zod types an empty object as Record<string, never>, which admits no formId: read it as {}. */
type Fields<T> = string extends keyof T ? object : T;
/** `change:<verb>` takes the verb's input plus the form's id (except `create`, which makes the form). */
type ChangeVerbInputs = {
  readonly [V in ChangeCommandName as `change:${V}`]: V extends 'create'
    ? VerbSchema<V>
    : z.ZodType<Fields<z.output<VerbSchema<V>>> & { formId: string }, Fields<z.input<VerbSchema<V>>> & { formId: string }>;
};
const changeVerbInputs = Object.fromEntries(
  CHANGE_COMMAND_NAMES.map((v) => [`change:${v}`, v === 'create' ? changeCommandSchemas[v] : changeCommandSchemas[v].extend({ formId: query.FormIdSchema })]),
) as unknown as ChangeVerbInputs;

/** `<area>:<verb>` for a project form's verbs (issue 8): the verb's input plus formId, but for `create`. */
type ProjectVerbInputs<Area extends string, M extends Record<string, z.ZodObject>> = {
  readonly [V in keyof M & string as `${Area}:${V}`]: V extends 'create'
    ? M[V]
    : z.ZodType<Fields<z.output<M[V]>> & { formId: string }, Fields<z.input<M[V]>> & { formId: string }>;
};
function projectVerbInputs<Area extends string, M extends Record<string, z.ZodObject>>(area: Area, schemas: M): ProjectVerbInputs<Area, M> {
  return Object.fromEntries(
    Object.entries(schemas).map(([v, s]) => [`${area}:${v}`, v === 'create' ? s : s.extend({ formId: project.ProjectGetInput.shape.formId })]),
  ) as unknown as ProjectVerbInputs<Area, M>;
}
/** Every project verb answers with the form as it now is. */
type ProjectVerbOutputs<Area extends string, M> = { [V in keyof M & string as `${Area}:${V}`]: project.ProjectView };

/** Every `change:<verb>` answers with the form as it now is. */
type ChangeVerbOutputs = { [V in ChangeCommandName as `change:${V}`]: query.ChangeView };

export const apiInputs = {
  'app:info': app.AppInfoInput,
  'app:health': app.AppHealthInput,

  'setup:status': identity.SetupStatusInput,
  'setup:init': identity.SetupInitInput,

  'auth:login': identity.LoginInput,
  'auth:logout': identity.LogoutInput,
  'auth:session': identity.SessionInput,
  'auth:lock': identity.LockInput,
  'auth:unlock': identity.UnlockInput,
  'auth:changePassword': identity.ChangePasswordInput,

  'directory:units': directory.UnitsInput,
  'directory:saveUnit': directory.SaveUnitInput,
  'directory:users': directory.UsersInput,
  'directory:saveUser': directory.SaveUserInput,
  'directory:systems': directory.SystemsInput,
  'directory:saveSystem': directory.SaveSystemInput,

  'settings:get': z.object({}).strict(),
  'settings:save': calendar.PolicySettingsSchema,
  'settings:importCalendarYear': calendar.CalendarYearImportSchema,

  ...changeVerbInputs,
  'change:get': query.ChangeGetInput,
  'change:timeline': query.ChangeGetInput,
  'change:list': query.ChangeListInput,
  'change:inbox': query.ChangeInboxInput,
  'change:overdue': query.ChangeOverdueInput,

  // 附件2 go-live, 附件4 release, 生产系统访问登记 (issue 8)
  ...projectVerbInputs('golive', project.rolloutCommandSchemas),
  ...projectVerbInputs('release', project.rolloutCommandSchemas),
  ...projectVerbInputs('access', project.accessCommandSchemas),
  'project:get': project.ProjectGetInput,
  'project:list': project.ProjectListInput,
  'project:inbox': project.ProjectInboxInput,
  'access:overdue': project.AccessOverdueInput,

  // Issue 6 (ui1): who may do what on a form, or create one; a form's attached files.
  'change:actions': attachment.ChangeActionsInput,
  'attachment:upload': attachment.AttachmentUploadInput,
  'attachment:read': attachment.AttachmentReadInput,

  'print:projectForm': project.PrintProjectFormInput,
  'print:options': print.PrintOptionsInput,
  'print:changeForm': print.PrintChangeFormInput,
  'print:weeklyPlan': print.PrintWeeklyPlanInput,
  'print:verify': print.PrintVerifyInput,
  'print:storeScan': print.PrintStoreScanInput,
  'backup:list': backup.BackupListInput,
  'backup:create': backup.BackupCreateInput,
  'backup:restore': backup.BackupRestoreInput,

  'exchange:ownKey': exchange.Empty,
  'exchange:peers': exchange.Empty,
  'exchange:readPeerKey': exchange.PathInput,
  'exchange:addPeer': exchange.AddPeerInput,
  'exchange:revokePeer': exchange.UnitInput,
  'exchange:export': exchange.ExportInput,
  'exchange:verify': exchange.PathInput,
  'exchange:import': exchange.ImportInput,
  'exchange:pending': exchange.Empty,
  'exchange:alarms': exchange.Empty,
  'exchange:conflicts': exchange.Empty,
  'exchange:resolveConflict': exchange.ResolveConflictInput,
  'archive:importFolder': exchange.FolderInput,
  'archive:catalogue': exchange.Empty,
  'archive:report': exchange.Empty,
  'archive:verify': exchange.Empty,
  'transfer:upload': transfer.UploadInput,
  'transfer:start': transfer.StartInput,
  'transfer:job': transfer.JobInput,
  'transfer:download': transfer.JobInput,

  'stats:report': stats.StatsReportInput,
  'stats:forms': stats.StatsFormsInput,
  'stats:csv': stats.StatsCsvInput,
  'stats:reportPdf': stats.PrintReportInput,

  'supervision:weeklyReview': supervision.WeeklyReviewInput,
  'supervision:weeks': supervision.WeeksInput,
  'supervision:weekToReview': supervision.WeekToReviewInput,
  'supervision:recordInspection': supervision.InspectionInput,
  'supervision:closeFollowUp': supervision.CloseFollowUpInput,
  'supervision:inspections': supervision.InspectionsInput,
  'supervision:completeness': supervision.CompletenessInput,
  'supervision:reminders': supervision.RemindersInput,
} as const;

export interface ApiOutputs
  extends ChangeVerbOutputs,
    ProjectVerbOutputs<'golive', typeof project.rolloutCommandSchemas>,
    ProjectVerbOutputs<'release', typeof project.rolloutCommandSchemas>,
    ProjectVerbOutputs<'access', typeof project.accessCommandSchemas> {
  'app:info': app.AppInfo;
  'app:health': app.AppHealth;

  'setup:status': identity.SetupStatus;
  'setup:init': identity.SetupInitResult;

  'auth:login': identity.Session;
  'auth:logout': Record<string, never>;
  'auth:session': identity.Session | null;
  'auth:lock': Record<string, never>;
  'auth:unlock': identity.Session;
  'auth:changePassword': Record<string, never>;

  'directory:units': directory.Unit[];
  'directory:saveUnit': directory.Unit;
  'directory:users': directory.User[];
  'directory:saveUser': directory.User;
  'directory:systems': directory.SystemEntry[];
  'directory:saveSystem': directory.SystemEntry;

  'settings:get': calendar.PolicySettings;
  'settings:save': calendar.PolicySettings;
  'settings:importCalendarYear': calendar.PolicySettings;

  'change:get': query.ChangeView;
  'change:timeline': query.TimelineEntry[];
  'change:list': query.ChangeListResult;
  'change:inbox': query.InboxResult;
  'change:overdue': query.OverdueEntry[];

  'project:get': project.ProjectView;
  'project:list': { rows: project.ProjectSummary[]; total: number };
  'project:inbox': project.ProjectInbox;
  'access:overdue': project.ProjectSummary[];

  // Issue 6 (ui1)
  'change:actions': ChangeAction[];
  'attachment:upload': attachment.AttachmentUploaded;
  'attachment:read': attachment.AttachmentFile;

  'print:projectForm': print.PrintResult;
  'print:options': print.PrintOption[];
  'print:changeForm': print.PrintResult;
  'print:weeklyPlan': print.PrintResult;
  'print:verify': print.PrintVerifyResult;
  'print:storeScan': print.PrintStoreScanResult;

  'backup:list': backup.BackupList;
  'backup:create': backup.BackupEntry;
  'backup:restore': backup.BackupRestored;

  'exchange:ownKey': exchange.OwnKey;
  'exchange:peers': exchange.PeerView[];
  'exchange:readPeerKey': exchange.PeerKeyPreview;
  'exchange:addPeer': exchange.PeerView;
  'exchange:revokePeer': exchange.PeerView;
  'exchange:export': exchange.ExportSummary;
  'exchange:verify': exchange.BundleCheck;
  'exchange:import': exchange.ImportItem[];
  'exchange:pending': exchange.PendingView[];
  'exchange:alarms': exchange.AlarmView[];
  'exchange:conflicts': exchange.ConflictView[];
  'exchange:resolveConflict': exchange.ConflictView;
  'archive:importFolder': exchange.ImportItem[];
  'archive:catalogue': exchange.CatalogueEntry[];
  'archive:report': exchange.UnitCompletenessView[];
  'archive:verify': exchange.ChainCheckView[];
  'transfer:upload': transfer.UploadTicket;
  'transfer:start': { jobId: string };
  'transfer:job': transfer.JobView;
  'transfer:download': transfer.DownloadTicket;
  'stats:report': stats.StatsReport;
  'stats:forms': stats.StatsFormsResult;
  'stats:csv': stats.StatsCsvResult;
  'stats:reportPdf': print.PrintResult;

  'supervision:weeklyReview': supervision.WeeklyReviewRecord;
  'supervision:weeks': supervision.WeekStatus[];
  'supervision:weekToReview': supervision.WeekStatus;
  'supervision:recordInspection': supervision.InspectionRecord;
  'supervision:closeFollowUp': supervision.InspectionRecord;
  'supervision:inspections': supervision.InspectionRecord[];
  'supervision:completeness': supervision.CompletenessResult;
  'supervision:reminders': supervision.RemindersResult;
}

/**
 * Calls anyone may make without logging in; every other call needs a session of its channel
 * (NOT_LOGGED_IN) that is not locked (SESSION_LOCKED). The services check this on every call.
 */
export function isPublicCall(name: CallName): boolean {
  return name.startsWith('app:') || name === 'setup:status' || name === 'setup:init' || name === 'auth:login' || name === 'auth:session' || name === 'auth:logout';
}

export type CallName = keyof typeof apiInputs;
export type ApiInput<K extends CallName> = z.input<(typeof apiInputs)[K]>;
export type ApiParsedInput<K extends CallName> = z.output<(typeof apiInputs)[K]>;
export type ApiOutput<K extends CallName> = ApiOutputs[K];

/** Every call name, in declaration order (the preload exposes exactly these). */
export const callNames = Object.keys(apiInputs) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(apiInputs, name);
}

/** The client side of the contract, the same whichever door carries it. */
export type AppApi = { [K in CallName]: (input: ApiInput<K>) => Promise<ApiResult<ApiOutput<K>>> };

// A call with inputs but no declared output, or an output for no call, fails to compile here.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
const contractIsClosed: SameKeys<typeof apiInputs, ApiOutputs> = true;
void contractIsClosed;

export type { ApiResult };
