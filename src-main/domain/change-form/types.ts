import type { PolicySettings } from '../../shared/schemas/calendar';
import type { ChangeCommand, RefusalCode } from '../../shared/schemas/change-form';
import type { RoleCode } from '../../shared/schemas/roles';

// The seams of core-interface.md: what a service hands the domain and what it gets back.

export interface Actor {
  userId: string;
  name: string;
  /** The unit the user belongs to (a 部门负责人 signs only for their own unit, §9). */
  unitCode: string;
  roles: RoleCode[];
}

export interface DecisionContext {
  actor: Actor;
  /** ISO 8601 with offset (+08:00); the domain never reads a clock. */
  now: string;
  settings: PolicySettings;
  /** For `create` only: the id and number the store allotted. */
  newFormId?: string;
  newFormNo?: string;
}

export interface DecidedEvent {
  /** `change.<verb>` */
  type: string;
  /** The role the actor acted in. */
  role: RoleCode;
  payload: unknown;
}

export type Decision =
  | { ok: true; events: DecidedEvent[]; /** Things the person should know, e.g. a §17(2) override was used. */ warnings?: string[] }
  | { ok: false; code: RefusalCode; message: string };

/** A stored event as the reducer sees it (a subset of the signed envelope). */
export interface ChangeEvent {
  id: string;
  type: string;
  payload: unknown;
  author: string;
  authorName: string;
  role: RoleCode;
  time: string;
  formId: string;
  /** The stream's event(s) this one extends (absent: the previous event of the stream). */
  parents?: string[];
}

export type { ChangeCommand, RefusalCode };
