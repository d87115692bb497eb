import type { Database, Statement } from 'better-sqlite3';
import type { SystemClass, SystemEntry, Unit, User } from '../shared/schemas/directory';
import type { RoleCode, UnitKind } from '../shared/schemas/roles';
import { canonicalJson, keyFingerprint } from './event-codec';

// The directory as a projection of `dir:<unit>` events (issue 3): units, users and their
// roles, the system register and the policy settings. Because these are signed events, a peer
// importing a bundle can check that the author of any event held the role it acted in.

export const DIR_EVENTS = {
  unit: 'unit.saved',
  user: 'user.saved',
  system: 'system.saved',
  settings: 'settings.saved',
} as const;

export function dirStream(unitCode: string): string {
  return `dir:${unitCode}`;
}

export function isDirStream(stream: string): boolean {
  return stream.startsWith('dir:');
}

export interface UnitPayload {
  code: string;
  name: string;
  kind: UnitKind;
  /** SPKI PEM; present on the event that introduces a unit's terminal (its own first event). */
  publicKey?: string;
}

/** A user as a directory event carries it (lock-out state and password hashes stay local). */
export type UserPayload = Omit<User, 'lockedUntil'>;

export type SystemPayload = SystemEntry;

interface UnitRow {
  code: string;
  name: string;
  kind: string;
  public_key: string | null;
}
interface UserRow {
  id: string;
  username: string;
  name: string;
  unit_code: string;
  roles: string;
  disabled: number;
}
interface SystemRow {
  code: string;
  name: string;
  class: string;
  owner_unit: string;
}

function toUser(r: UserRow): User {
  return { id: r.id, username: r.username, name: r.name, unitCode: r.unit_code, roles: JSON.parse(r.roles) as RoleCode[], disabled: r.disabled === 1 };
}

/** Reads and writes of the directory projection; statements prepared once per connection. */
export class DirectoryStore {
  private readonly s: {
    upsertUnit: Statement<[string, string, string, string | null]>;
    upsertUser: Statement<[string, string, string, string, string, number]>;
    upsertSystem: Statement<[string, string, string, string]>;
    upsertPolicy: Statement<[string]>;
    units: Statement<[], UnitRow>;
    unit: Statement<[string], UnitRow>;
    users: Statement<[], UserRow>;
    user: Statement<[string], UserRow>;
    usersByName: Statement<[string], UserRow>;
    systems: Statement<[], SystemRow>;
    system: Statement<[string], SystemRow>;
    policy: Statement<[], { settings: string }>;
    self: Statement<[], string>;
  };

  constructor(readonly db: Database) {
    this.s = {
      upsertUnit: db.prepare(
        `INSERT INTO unit (code, name, kind, public_key) VALUES (?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
           public_key = coalesce(excluded.public_key, unit.public_key)`,
      ),
      upsertUser: db.prepare(
        `INSERT INTO app_user (id, username, name, unit_code, roles, disabled) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
           unit_code = excluded.unit_code, roles = excluded.roles, disabled = excluded.disabled`,
      ),
      upsertSystem: db.prepare(
        `INSERT INTO system_entry (code, name, class, owner_unit) VALUES (?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, class = excluded.class, owner_unit = excluded.owner_unit`,
      ),
      upsertPolicy: db.prepare('INSERT INTO policy (id, settings) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings'),
      units: db.prepare('SELECT * FROM unit ORDER BY code'),
      unit: db.prepare('SELECT * FROM unit WHERE code = ?'),
      users: db.prepare('SELECT * FROM app_user ORDER BY unit_code, username'),
      user: db.prepare('SELECT * FROM app_user WHERE id = ?'),
      usersByName: db.prepare('SELECT * FROM app_user WHERE username = ?'),
      systems: db.prepare('SELECT * FROM system_entry ORDER BY code'),
      system: db.prepare('SELECT * FROM system_entry WHERE code = ?'),
      policy: db.prepare('SELECT settings FROM policy WHERE id = 1'),
      self: db.prepare<[], string>(`SELECT value FROM setting WHERE key = 'terminal.unit'`).pluck(),
    };
  }

  /**
   * Projects one directory event signed by `origin`. Unknown types are ignored (a newer peer's
   * events). Policy settings are this terminal's own: a peer's are recorded in the log but not
   * applied; nor may a peer redefine this terminal's own unit (its name, kind or key).
   */
  apply(type: string, payload: unknown, origin: string): void {
    const self = this.s.self.get();
    const foreign = self !== undefined && origin !== (JSON.parse(self) as { code: string }).code;
    switch (type) {
      case DIR_EVENTS.unit: {
        const p = payload as UnitPayload;
        if (foreign && self !== undefined && p.code === (JSON.parse(self) as { code: string }).code) break;
        this.s.upsertUnit.run(p.code, p.name, p.kind, p.publicKey ?? null);
        break;
      }
      case DIR_EVENTS.user: {
        const p = payload as UserPayload;
        this.s.upsertUser.run(p.id, p.username, p.name, p.unitCode, JSON.stringify(p.roles), p.disabled ? 1 : 0);
        break;
      }
      case DIR_EVENTS.system: {
        const p = payload as SystemPayload;
        this.s.upsertSystem.run(p.code, p.name, p.class, p.ownerUnit);
        break;
      }
      case DIR_EVENTS.settings:
        if (foreign) break;
        // Canonical: the append stores the object as built, a rebuild as parsed from the signed bytes.
        this.s.upsertPolicy.run(canonicalJson((payload as { settings: unknown }).settings));
        break;
      default:
        break;
    }
  }

  units(selfCode: string | undefined): Unit[] {
    return this.s.units.all().map((r) => this.toUnit(r, selfCode));
  }

  unit(code: string, selfCode?: string): Unit | undefined {
    const r = this.s.unit.get(code);
    return r ? this.toUnit(r, selfCode) : undefined;
  }

  /** The unit's public key (SPKI PEM) as the directory knows it. */
  publicKey(code: string): string | undefined {
    return this.s.unit.get(code)?.public_key ?? undefined;
  }

  users(): User[] {
    return this.s.users.all().map(toUser);
  }

  user(id: string): User | undefined {
    const r = this.s.user.get(id);
    return r ? toUser(r) : undefined;
  }

  usersNamed(username: string): User[] {
    return this.s.usersByName.all(username).map(toUser);
  }

  systems(): SystemEntry[] {
    return this.s.systems.all().map((r) => ({ code: r.code, name: r.name, class: r.class as SystemClass, ownerUnit: r.owner_unit }));
  }

  system(code: string): SystemEntry | undefined {
    const r = this.s.system.get(code);
    return r ? { code: r.code, name: r.name, class: r.class as SystemClass, ownerUnit: r.owner_unit } : undefined;
  }

  /** The stored policy settings (JSON), or undefined while the defaults apply. */
  policyJson(): unknown {
    const text = this.policyText();
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  policyText(): string | undefined {
    return this.s.policy.get()?.settings;
  }

  private toUnit(r: UnitRow, selfCode: string | undefined): Unit {
    const unit: Unit = { code: r.code, name: r.name, kind: r.kind as UnitKind, self: r.code === selfCode };
    if (r.public_key) unit.fingerprint = keyFingerprint(r.public_key);
    return unit;
  }
}

/** The directory tables that are projections (rebuilt from the log). */
export const DIRECTORY_PROJECTION_TABLES = ['unit', 'app_user', 'system_entry', 'policy'] as const;
