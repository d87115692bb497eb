import type { Statement } from 'better-sqlite3';
import { AppError } from '../shared/errors';
import type { UnitRef, SessionUser } from '../shared/schemas/identity';
import { roleLabel, type RoleCode } from '../shared/schemas/roles';
import { DirectoryStore, dirStream } from '../store/directory';
import { EventLog, type EventDraft, type Signer } from '../store/event-log';
import { readUnitKey } from '../store/unit-key';
import { CredentialStore } from '../store/credentials';
import type { SignedEvent } from '../shared/schemas/event';
import type { CallMeta, ServiceContext } from './context';
import { SessionStore } from './session-store';
import { toLocalIso } from './time';

/**
 * The state every area shares for one ServiceContext: the event log, the directory, the
 * sessions of the callers and this terminal's signer. Built once per context (statements are
 * prepared once) and found again with coreOf(ctx), so that areas written by other helpers can
 * check log-in and roles with currentUser / requireRole without new fields in ServiceContext.
 */
export class Core {
  readonly log: EventLog;
  readonly dir: DirectoryStore;
  readonly sessions: SessionStore;
  readonly credentials: CredentialStore;
  private signerCache: Signer | undefined;
  private readonly terminalStmt: Statement<[], { value: string }>;

  constructor(readonly ctx: ServiceContext) {
    this.log = new EventLog(ctx.db);
    this.dir = new DirectoryStore(ctx.db);
    this.sessions = new SessionStore(this);
    this.credentials = new CredentialStore(ctx.db);
    this.terminalStmt = ctx.db.prepare(`SELECT value FROM setting WHERE key = 'terminal.unit'`);
  }

  /** This terminal's unit, once set up. */
  terminalUnit(): UnitRef | undefined {
    const row = this.terminalStmt.get();
    return row ? (JSON.parse(row.value) as UnitRef) : undefined;
  }

  requireTerminalUnit(): UnitRef {
    const unit = this.terminalUnit();
    if (!unit) throw new AppError('NOT_SET_UP', '本终端尚未完成初始设置。');
    return unit;
  }

  /** The unit's key, read from the data folder once. */
  signer(): Signer {
    if (!this.signerCache) {
      const unit = this.requireTerminalUnit();
      this.signerCache = { origin: unit.code, privateKey: readUnitKey(this.ctx.dataDir).privateKey };
    }
    return this.signerCache;
  }

  now(): string {
    return toLocalIso(this.ctx.clock());
  }

  /** Appends a signed event of this terminal (inside the caller's transaction). */
  append(draft: Omit<EventDraft, 'time'> & { time?: string }): SignedEvent {
    return this.log.append({ ...draft, time: draft.time ?? this.now() }, this.signer());
  }

  /** Appends a directory event on this terminal's `dir:<unit>` stream and projects it. */
  appendDirectory(actor: { id: string }, role: RoleCode, type: string, payload: unknown): SignedEvent {
    const e = this.append({ stream: dirStream(this.requireTerminalUnit().code), type, author: actor.id, role, payload });
    this.dir.apply(type, payload, e.origin);
    return e;
  }

  /** Runs fn in one IMMEDIATE transaction: the write lock is taken before anything is read. */
  write<T>(fn: () => T): T {
    return this.ctx.db.transaction(fn).immediate();
  }
}

const cores = new WeakMap<ServiceContext, Core>();

export function coreOf(ctx: ServiceContext): Core {
  let core = cores.get(ctx);
  if (!core) {
    core = new Core(ctx);
    cores.set(ctx, core);
  }
  return core;
}

/** Users' names by id, each looked up once: a few people sign most events of a form or a bundle. */
export function nameLookup(core: Core): (userId: string) => string {
  const names = new Map<string, string>();
  return (userId) => {
    let name = names.get(userId);
    if (name === undefined) {
      name = core.dir.user(userId)?.name ?? userId;
      names.set(userId, name);
    }
    return name;
  };
}

/** One object per Core (an area's engine: its statements prepared once), made on first use. */
export function perCore<T>(make: (core: Core) => T): (core: Core) => T {
  const made = new WeakMap<Core, T>();
  return (core) => {
    let v = made.get(core);
    if (v === undefined) {
      v = make(core);
      made.set(core, v);
    }
    return v;
  };
}

/** The logged-in, unlocked user of this caller, or a refusal (NOT_LOGGED_IN / SESSION_LOCKED). */
export function currentUser(ctx: ServiceContext, call: CallMeta): SessionUser {
  return coreOf(ctx).sessions.require(call.channel);
}

/** The current user if they hold one of the roles; otherwise FORBIDDEN naming the roles needed. */
export function requireRole(ctx: ServiceContext, call: CallMeta, roles: readonly RoleCode[]): SessionUser {
  const user = currentUser(ctx, call);
  if (!roles.some((r) => user.roles.includes(r))) {
    throw new AppError('FORBIDDEN', `无权执行此操作：需要以下角色之一：${roles.map(roleLabel).join('、')}。`);
  }
  return user;
}

/** The first of the user's roles that is among the given ones (the role an event is signed in). */
export function actingRole(user: SessionUser, roles: readonly RoleCode[]): RoleCode {
  const role = roles.find((r) => user.roles.includes(r));
  if (!role) throw new AppError('FORBIDDEN', `无权执行此操作：需要以下角色之一：${roles.map(roleLabel).join('、')}。`);
  return role;
}

