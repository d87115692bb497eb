import type { Database } from 'better-sqlite3';
import type { SignedEvent } from '../shared/schemas/event';
import { ROLES, type RoleCode } from '../shared/schemas/roles';
import { DIR_EVENTS, DirectoryStore, dirStream, isDirStream, type UserPayload } from '../store/directory';

/**
 * Checks that the author of an incoming event held the role it acted in, according to the
 * signed directory events (domain.md, Who: role checks happen in the main process, on every
 * terminal). Directory events earlier in the same bundle count: a unit's bundle introduces its
 * users before their first form events.
 */
export class AuthorCheck {
  private readonly dir: DirectoryStore;
  private readonly staged = new Map<string, UserPayload>();
  private readonly originsWithUsers = new Set<string>();

  constructor(db: Database) {
    this.dir = new DirectoryStore(db);
    for (const u of this.dir.users()) this.originsWithUsers.add(u.unitCode);
  }

  /**
   * A Chinese reason for refusing the event, or undefined; learns the users a directory event
   * saves. `unknownAuthor` marks an author the directory has not heard of yet: the events that
   * introduce them may still be on their way (a bundle kept aside), so the caller decides.
   */
  check(e: SignedEvent): { message: string; unknownAuthor: boolean } | undefined {
    const problem = this.problem(e);
    if (!problem && e.type === DIR_EVENTS.user) {
      const u = e.payload as UserPayload;
      this.staged.set(u.id, u);
      this.originsWithUsers.add(e.origin);
    }
    return problem;
  }

  private readonly stored = new Map<string, { name: string; roles: readonly string[] } | undefined>();

  private user(id: string): { name: string; roles: readonly string[] } | undefined {
    const staged = this.staged.get(id);
    if (staged) return staged;
    if (!this.stored.has(id)) this.stored.set(id, this.dir.user(id));
    return this.stored.get(id);
  }

  private problem(e: SignedEvent): { message: string; unknownAuthor: boolean } | undefined {
    const user = this.user(e.author);
    if (isDirStream(e.formId)) {
      if (e.formId !== dirStream(e.origin)) return { message: `单位 ${e.origin} 不能改动其他单位的目录（${e.formId}）`, unknownAuthor: false };
      if (e.role !== 'admin') return { message: '目录只能由本单位的管理员改动', unknownAuthor: false };
      // A unit's set-up introduces the unit and its first administrator together (issue 3): the
      // author is the administrator that the same set-up creates.
      if (!user && !this.originsWithUsers.has(e.origin)) {
        if (e.type === DIR_EVENTS.unit) return undefined;
        const p = e.payload as Partial<UserPayload>;
        if (e.type === DIR_EVENTS.user && p.id === e.author && Array.isArray(p.roles) && p.roles.includes('admin')) return undefined;
      }
    }
    if (!user) return { message: `作者 ${e.author} 不在任何单位的人员目录中，无法确认其角色`, unknownAuthor: true };
    if (!user.roles.includes(e.role)) {
      const label = e.role in ROLES ? ROLES[e.role as RoleCode].label : e.role;
      return { message: `作者「${user.name}」在目录中不具有「${label}」角色，无权签发此事件`, unknownAuthor: false };
    }
    return undefined;
  }
}
