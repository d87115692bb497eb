import type { Database, Statement } from 'better-sqlite3';
import type { SignedEvent } from '../shared/schemas/event';
import { ROLES, type RoleCode } from '../shared/schemas/roles';
import { DIR_EVENTS, dirStream, isDirStream, type UserPayload } from '../store/directory';

/** One `user.saved` event: what the directory said of a user from that point of a unit's chain on. */
interface UserVersion {
  origin: string;
  seq: number;
  time: number;
  name: string;
  roles: readonly string[];
  disabled: boolean;
}

/**
 * Checks that the author of an incoming event held the role it acted in *when the event was
 * made*, according to the signed directory events (domain.md, Who: role checks happen in the
 * main process, on every terminal). The directory that counts is the one in force at that point
 * of the event's own unit chain: the `dir:<origin>` events with a lower sequence number. So a
 * user who later lost a role keeps their earlier events importable, and a user granted a role
 * later cannot have signed with it before (the chain's order cannot be rearranged: each event
 * names its predecessor's hash). A user known only from another unit's directory is judged by
 * that unit's versions no later than the event's time. Directory events earlier in the same
 * bundle count: a unit's bundle introduces its users before their first form events.
 */
export class AuthorCheck {
  /** Every version of every user, per user id, in the order learnt (per origin ascending). */
  private readonly versions = new Map<string, UserVersion[]>();
  /** Per origin, the lowest seq of a `user.saved` in its own directory stream. */
  private readonly firstUserSeq = new Map<string, number>();

  constructor(db: Database) {
    // `dir:` … `dir;` is the range of directory streams (';' follows ':'), read by the stream index.
    const rows = (
      db.prepare(`SELECT origin, seq, stream, time, body FROM event WHERE stream >= 'dir:' AND stream < 'dir;' AND type = ? ORDER BY origin, seq`) as Statement<
        [string],
        { origin: string; seq: number; stream: string; time: string; body: Buffer }
      >
    ).all(DIR_EVENTS.user);
    for (const r of rows) {
      const body = JSON.parse(r.body.toString('utf8')) as { payload: UserPayload };
      this.learn(r.origin, r.seq, r.stream, r.time, body.payload);
    }
  }

  private learn(origin: string, seq: number, stream: string, time: string, u: UserPayload): void {
    let list = this.versions.get(u.id);
    if (!list) this.versions.set(u.id, (list = []));
    list.push({ origin, seq, time: Date.parse(time), name: u.name, roles: u.roles, disabled: u.disabled === true });
    if (stream === dirStream(origin) && !(seq >= (this.firstUserSeq.get(origin) ?? Infinity))) this.firstUserSeq.set(origin, seq);
  }

  /**
   * A Chinese reason for refusing the event, or undefined; learns the users a directory event
   * saves. `unknownAuthor` marks an author the directory has not heard of yet: the events that
   * introduce them may still be on their way (a bundle kept aside), so the caller decides.
   */
  check(e: SignedEvent): { message: string; unknownAuthor: boolean } | undefined {
    const problem = this.problem(e);
    if (!problem && e.type === DIR_EVENTS.user) this.learn(e.origin, e.seq, e.formId, e.time, e.payload as UserPayload);
    return problem;
  }

  /** The user as the directory stood when `e` was made (see the class comment). */
  private userAt(id: string, e: SignedEvent): UserVersion | undefined {
    const list = this.versions.get(id);
    if (!list) return undefined;
    let own: UserVersion | undefined;
    let other: UserVersion | undefined;
    const at = Date.parse(e.time);
    for (const v of list) {
      if (v.origin === e.origin) {
        if (v.seq < e.seq && (!own || v.seq > own.seq)) own = v;
      } else if (v.time <= at && (!other || v.time >= other.time)) {
        other = v;
      }
    }
    return own ?? other;
  }

  private problem(e: SignedEvent): { message: string; unknownAuthor: boolean } | undefined {
    const user = this.userAt(e.author, e);
    if (isDirStream(e.formId)) {
      if (e.formId !== dirStream(e.origin)) return { message: `单位 ${e.origin} 不能改动其他单位的目录（${e.formId}）`, unknownAuthor: false };
      if (e.role !== 'admin') return { message: '目录只能由本单位的管理员改动', unknownAuthor: false };
      // A unit's set-up introduces the unit and its first administrator together (issue 3): the
      // author is the administrator that the same set-up creates, before any other user.
      if (!user && !(e.seq > (this.firstUserSeq.get(e.origin) ?? Infinity))) {
        if (e.type === DIR_EVENTS.unit) return undefined;
        const p = e.payload as Partial<UserPayload>;
        if (e.type === DIR_EVENTS.user && p.id === e.author && Array.isArray(p.roles) && p.roles.includes('admin')) return undefined;
      }
    }
    if (!user) {
      const later = this.versions.has(e.author);
      return later
        ? { message: `作者 ${e.author} 在此事件之后才被加入人员目录，事件发生时不具有任何角色`, unknownAuthor: false }
        : { message: `作者 ${e.author} 不在任何单位的人员目录中，无法确认其角色`, unknownAuthor: true };
    }
    const label = e.role in ROLES ? ROLES[e.role as RoleCode].label : e.role;
    if (user.disabled) return { message: `作者「${user.name}」在此事件发生时已被停用，无权签发事件`, unknownAuthor: false };
    if (!user.roles.includes(e.role)) {
      return { message: `作者「${user.name}」在此事件发生时（单位 ${e.origin} 第 ${e.seq} 号事件之前的人员目录）不具有「${label}」角色，无权签发此事件`, unknownAuthor: false };
    }
    return undefined;
  }
}
