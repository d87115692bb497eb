import { AppError } from '../shared/errors';
import type { Session, SessionUser } from '../shared/schemas/identity';
import type { Core } from './core';

/** Default minutes of inactivity before a session locks (issue 3); policy settings may change it. */
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

interface Entry {
  userId: string;
  lastActive: number;
  locked: boolean;
}

/**
 * Log-ins, one per caller channel (CallMeta.channel: one window, one browser, one CLI run).
 * Kept in memory on purpose: a restart of the program ends every session, and no stored token
 * can be replayed by another process that opens the same data folder.
 */
export class SessionStore {
  private readonly entries = new Map<string, Entry>();
  private idle: { text: string | undefined; minutes: number } = { text: undefined, minutes: DEFAULT_IDLE_LOCK_MINUTES };

  constructor(private readonly core: Core) {}

  /** From the policy settings (read on every call, so parsed only when their text changed). */
  idleLockMinutes(): number {
    const text = this.core.dir.policyText();
    if (text !== this.idle.text) {
      const stored = text === undefined ? undefined : (JSON.parse(text) as { idleLockMinutes?: number });
      this.idle = { text, minutes: stored?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES };
    }
    return this.idle.minutes;
  }

  start(channel: string, userId: string): void {
    this.entries.set(channel, { userId, lastActive: this.core.ctx.clock().getTime(), locked: false });
  }

  end(channel: string): void {
    this.entries.delete(channel);
  }

  lock(channel: string): void {
    const e = this.entries.get(channel);
    if (e) e.locked = true;
  }

  unlock(channel: string): void {
    const e = this.entries.get(channel);
    if (e) {
      e.locked = false;
      e.lastActive = this.core.ctx.clock().getTime();
    }
  }

  /** The session of a channel as the contract shows it; null when nobody is logged in. */
  view(channel: string): Session | null {
    const found = this.lookup(channel);
    return found ? { user: found.user, locked: found.entry.locked, idleLockMinutes: this.idleLockMinutes() } : null;
  }

  /** The user of a channel's session, whether locked or not (for auth:unlock). */
  sessionUser(channel: string): SessionUser {
    const found = this.lookup(channel);
    if (!found) throw new AppError('NOT_LOGGED_IN', '请先登录。');
    return found.user;
  }

  /** The logged-in, unlocked user of a channel; refuses otherwise. */
  require(channel: string): SessionUser {
    const found = this.lookup(channel);
    if (!found) throw new AppError('NOT_LOGGED_IN', '请先登录。');
    if (found.entry.locked) throw new AppError('SESSION_LOCKED', '会话已锁定，请输入密码解锁。');
    return found.user;
  }

  /** Marks the channel active now (each accepted call; auth:session does not count). */
  touch(channel: string): void {
    const e = this.entries.get(channel);
    if (e && !e.locked) e.lastActive = this.core.ctx.clock().getTime();
  }

  /** Resolves a session, locking it first if it was idle too long and ending it if the user was disabled. */
  private lookup(channel: string): { entry: Entry; user: SessionUser } | undefined {
    const entry = this.entries.get(channel);
    if (!entry) return undefined;
    const user = this.core.dir.user(entry.userId);
    if (!user || user.disabled) {
      this.entries.delete(channel);
      return undefined;
    }
    if (!entry.locked && this.core.ctx.clock().getTime() - entry.lastActive > this.idleLockMinutes() * 60_000) entry.locked = true;
    return { entry, user: { id: user.id, username: user.username, name: user.name, unitCode: user.unitCode, roles: user.roles } };
  }
}
