import type { Actor, ChangeEvent, DecidedEvent } from '../../src-main/domain';
import type { RoleCode } from '../../src-main/shared/schemas/roles';

// What the domain fixtures share (change forms, go-live/release/access forms, the print tests and
// the benchmark): people, and folding a decision's events into a form the way the service does.
// No vitest here (the benchmark imports it through test/pdf/forms.ts).

export function person(userId: string, name: string, unitCode: string, ...roles: RoleCode[]): Actor {
  return { userId, name, unitCode, roles };
}

/** The same user with more roles (to show segregation of duties holds whatever roles one has). */
export function plus(actor: Actor, ...roles: RoleCode[]): Actor {
  return { ...actor, roles: [...actor.roles, ...roles] };
}

let seq = 0;

/** Applies decided events as stored events of `actor` at `time` (payloads through JSON, as stored), each with a fresh id. */
export function applyDecided<S>(apply: (form: S | undefined, event: ChangeEvent) => S, form: S | undefined, events: readonly DecidedEvent[], actor: Actor, time: string, formId: string): S | undefined {
  let next = form;
  for (const ev of events) {
    seq += 1;
    next = apply(next, { id: `ev-${seq}`, type: ev.type, payload: JSON.parse(JSON.stringify(ev.payload)), author: actor.userId, authorName: actor.name, role: ev.role, time, formId });
  }
  return next;
}
