// The shapes screens work with, read off the contract so they follow it when it changes.
import type { ApiInput, ApiOutput } from '@shared/api';

export type Session = NonNullable<ApiOutput<'auth:session'>>;
export type Unit = ApiOutput<'directory:units'>[number];
export type User = ApiOutput<'directory:users'>[number];
export type SystemEntry = ApiOutput<'directory:systems'>[number];
export type PolicySettings = ApiOutput<'settings:get'>;
export type SetupStatus = ApiOutput<'setup:status'>;
export type ChangeView = ApiOutput<'change:get'>;
export type TimelineEntry = ChangeView['timeline'][number];
export type ChangeListFilter = NonNullable<ApiInput<'change:list'>['filter']>;
/** The list's query as the screen holds it: every part present. */
export interface ChangeListInput {
  filter: ChangeListFilter;
  sort?: ApiInput<'change:list'>['sort'];
  page: number;
  pageSize: number;
}
export type Inbox = ApiOutput<'change:inbox'>;
