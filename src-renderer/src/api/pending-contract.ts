// The calls of core-interface.md that the renderer codes against before they reach
// `@shared/api`. A call the shared contract declares always wins (see ./contract.ts), so
// each entry here falls away by itself once the core branch is merged; then delete it.
import type {
  ChangeAction,
  ChangeCommandName,
  ChangeFormState,
  ChangeState,
  ChangeSummary,
  ChangeType,
  EmergencyOverdueItem,
  Urgency,
  changeCommandSchemas,
} from '@shared/schemas/change-form';
import type { z } from 'zod';
import type { RoleCode } from '@shared/schemas/roles';

type Empty = Record<string, never>;

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
}
export interface ChangeView {
  state: ChangeFormState;
  summary: ChangeSummary;
  actions: ChangeAction[];
  timeline: TimelineEntry[];
}
export interface ChangeListFilter {
  state?: ChangeState;
  changeType?: ChangeType;
  urgency?: Urgency;
  system?: string;
  unit?: string;
  from?: string;
  to?: string;
  text?: string;
}
export type ChangeSortKey = 'formNo' | 'appliedOn' | 'plannedStart' | 'updatedAt' | 'state';
export interface ChangeListInput {
  filter: ChangeListFilter;
  sort?: { by: ChangeSortKey; dir: 'asc' | 'desc' };
  page: number;
  pageSize: number;
}
export interface OverdueEmergency {
  summary: ChangeSummary;
  items: EmergencyOverdueItem[];
}
export interface InboxGroup {
  kind: string;
  label: string;
  count: number;
  rows: ChangeSummary[];
}

/** `change:<verb>`: the verb's input plus the form it acts on (not for create), answering the new view. */
type ChangeVerbCalls = {
  [K in ChangeCommandName as `change:${K}`]: {
    input: K extends 'create' ? z.input<(typeof changeCommandSchemas)[K]> : z.input<(typeof changeCommandSchemas)[K]> & { formId: string };
    output: ChangeView;
  };
};

export interface PendingContract extends ChangeVerbCalls {
  'change:get': { input: { formId: string }; output: ChangeView };
  'change:list': { input: ChangeListInput; output: { rows: ChangeSummary[]; total: number } };
  'change:inbox': { input: Empty; output: { groups: InboxGroup[]; overdueEmergency: OverdueEmergency[] } };
  'change:overdue': { input: Empty; output: OverdueEmergency[] };
}
