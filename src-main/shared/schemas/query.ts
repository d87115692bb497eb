import { z } from 'zod';
import { IsoDateSchema } from './calendar';
import {
  CHANGE_TYPES,
  ChangeStateSchema,
  URGENCIES,
  type ChangeAction,
  type ChangeFormState,
  type ChangeSummary,
  type EmergencyOverdueItem,
  type WetSignature,
} from './change-form';
import type { RoleCode } from './roles';

// Queries over change forms (issue 3): one form with its timeline, lists with filters and
// sorting, the inbox of the logged-in user, open emergency paperwork.

export const FormIdSchema = z.string({ error: '缺少变更单编号' }).min(1, '缺少变更单编号').max(100);

export const ChangeGetInput = z.object({ formId: FormIdSchema }).strict();

export const CHANGE_SORT_KEYS = ['updatedAt', 'formNo', 'appliedOn', 'plannedStart', 'state'] as const;
export type ChangeSortKey = (typeof CHANGE_SORT_KEYS)[number];

export const ChangeListFilterSchema = z
  .object({
    /** One state or several. */
    state: z.union([ChangeStateSchema, z.array(ChangeStateSchema).min(1)]).optional(),
    changeType: z.enum(CHANGE_TYPES).optional(),
    urgency: z.enum(URGENCIES).optional(),
    /** A system code of the register (涉及系统). */
    system: z.string().min(1).optional(),
    /** The applicant's unit code. */
    unit: z.string().min(1).optional(),
    /** Date range, inclusive, on `dateOf` (default: the application date). */
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    dateOf: z.enum(['appliedOn', 'plannedStart']).optional(),
    /**
     * Words to find anywhere in the form's text (Chinese works: trigram index, LIKE for 1–2
     * characters; a form number or its beginning, `BG-OPS-2026-01`, by the number). Without a
     * chosen sort, results come newest first.
     */
    text: z.string().trim().max(200).optional(),
    emergency: z.boolean().optional(),
    windowOverride: z.boolean().optional(),
    rolledBack: z.boolean().optional(),
  })
  .strict();
export type ChangeListFilter = z.output<typeof ChangeListFilterSchema>;

export const ChangeListInput = z
  .object({
    filter: ChangeListFilterSchema.default({}),
    sort: z.object({ by: z.enum(CHANGE_SORT_KEYS), dir: z.enum(['asc', 'desc']) }).strict().optional(),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export const ChangeInboxInput = z.object({ limit: z.number().int().min(1).max(200).optional() }).strict();
export const ChangeOverdueInput = z.object({}).strict();

export interface TimelineEntry {
  id: string;
  time: string;
  author: string;
  authorName: string;
  role: RoleCode;
  roleLabel: string;
  type: string;
  label: string;
  opinion?: string;
  /** Issue 5: this event belongs to a branch that was not chosen when a conflict was resolved. */
  superseded?: boolean;
  /** Issue 5: while a conflict is open, the branch (1, 2 …) this event belongs to. */
  branch?: number;
}

/** A signature block of the printed form (附件1, its annex, the §19 notice) as the UI lists it. */
export interface SignatureBlockView {
  id: string;
  /** 已投产系统变更流程单·第一部分 / 紧急变更附页 / 业务影响告知书 */
  documentLabel: string;
  label: string;
  article: string;
  /** The step the block signs has been done electronically (so paper can be signed). */
  signed: boolean;
  /** false: printed but nothing to sign (e.g. 补测 when tested before, §24). */
  applies: boolean;
  /** The 归档 block: its hand signature is recorded by archiving itself (§27). */
  byArchiving: boolean;
  wet?: WetSignature;
}

export interface ChangeView {
  state: ChangeFormState;
  summary: ChangeSummary;
  actions: ChangeAction[];
  timeline: TimelineEntry[];
  /** §27 every signature block on the form's paper, with its electronic and hand-signed status. */
  signatureBlocks: SignatureBlockView[];
  /** Notes the domain returned with the command just run (e.g. a §17(2) override was used). */
  warnings?: string[];
  /** Issue 5, while a conflict is open: whether this user may choose a branch, and why not. */
  conflictChoice?: { allowed: boolean; reason?: string; resolvers: string };
}

export interface ChangeListResult {
  /** List rows; their `searchText` is empty (the text stays in the full-text index). */
  rows: ChangeSummary[];
  /** Matching forms, counted up to 1,000. */
  total: number;
  /** Present when more than `total` forms match (show e.g. 「1000+ 条」). */
  capped?: true;
}

export interface OverdueEntry {
  summary: ChangeSummary;
  items: EmergencyOverdueItem[];
}

export interface InboxGroup {
  /** The role the forms wait for. */
  kind: RoleCode;
  label: string;
  count: number;
  rows: ChangeSummary[];
}

export interface InboxResult {
  groups: InboxGroup[];
  /** §23–§24 emergency changes whose 补单 or 补测 is still open, longest open first (at most `limit`; all in change:overdue). */
  overdueEmergency: OverdueEntry[];
}
