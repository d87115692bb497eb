// The shapes screens work with, read off the contract so they follow it when it changes.
import type { UiInput, UiOutput } from './contract';

export type Session = NonNullable<UiOutput<'auth:session'>>;
export type Unit = UiOutput<'directory:units'>[number];
export type User = UiOutput<'directory:users'>[number];
export type SystemEntry = UiOutput<'directory:systems'>[number];
export type PolicySettings = UiOutput<'settings:get'>;
export type SetupStatus = UiOutput<'setup:status'>;
export type ChangeView = UiOutput<'change:get'>;
export type TimelineEntry = ChangeView['timeline'][number];
export type ChangeListInput = UiInput<'change:list'>;
export type ChangeListFilter = ChangeListInput['filter'];
export type Inbox = UiOutput<'change:inbox'>;
