import { isPublicCall, type CallName } from '../shared/api';
import type { CallMeta, ServiceContext } from './context';
import { coreOf } from './core';

/** Calls a locked session may still make: to unlock, to log out, to learn that it is locked. */
const ALLOWED_WHILE_LOCKED: ReadonlySet<CallName> = new Set<CallName>(['auth:unlock', 'auth:logout', 'auth:session']);

/**
 * The log-in check in front of every call, whichever door it came in by: refuses with
 * NOT_LOGGED_IN or SESSION_LOCKED, and counts an accepted call as activity for the idle lock.
 */
export function accessGuard(ctx: ServiceContext): (name: CallName, call: CallMeta) => void {
  const sessions = coreOf(ctx).sessions;
  return (name, call) => {
    if (isPublicCall(name)) return;
    if (ALLOWED_WHILE_LOCKED.has(name)) {
      sessions.sessionUser(call.channel);
      return;
    }
    sessions.require(call.channel);
    sessions.touch(call.channel);
  };
}
