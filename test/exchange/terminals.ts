import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { exchangeContextOf } from '../../src-main/services/exchange-service';
import { coreOf, PROGRAM_VERSION, type ServiceContext } from '../../src-main/services';
import type { ExchangeContext } from '../../src-main/exchange';
import type { SignedEvent } from '../../src-main/shared/schemas/event';
import type { RoleCode, UnitKind } from '../../src-main/shared/schemas/roles';
import { ADMIN_PASSWORD, makeFixture, TestClock, type Fixture } from '../services/fixtures';

/** One terminal of a unit: its data folder, services, an applicant user, and the exchange's view of it. */
export interface Terminal extends Fixture {
  unit: string;
  ctx: ServiceContext;
  x: ExchangeContext;
  applicantId: string;
  /** Appends a form event as the applicant (or another user and role), bypassing the change area. */
  formEvent(formId: string, type: string, payload?: unknown, as?: { author: string; role: RoleCode }): SignedEvent;
  /** This terminal's key file, written into `dir`. */
  keyFile(dir: string): Promise<string>;
  /** Adds another terminal as a trusted peer, as an administrator who compared the fingerprint. */
  trust(other: Terminal, dir: string): Promise<void>;
}

export async function makeTerminal(dataDir: string, unit: string, name: string, kind: UnitKind = 'business'): Promise<Terminal> {
  const clock = new TestClock();
  const f = makeFixture(dataDir, clock);
  await f.ok('setup:init', { unitCode: unit, unitName: name, unitKind: kind, adminUsername: 'admin', adminName: '管理员', adminPassword: ADMIN_PASSWORD });
  await f.ok('auth:login', { username: 'admin', password: ADMIN_PASSWORD });
  const roles: RoleCode[] = kind === 'business' ? ['applicant'] : kind === 'archive' ? ['archivist'] : ['ops_coordinator'];
  const applicant = await f.ok('directory:saveUser', {
    username: `${unit.toLowerCase()}-user`,
    name: `${name}经办人`,
    unitCode: unit,
    roles,
    password: 'user-pass-123',
  });
  const ctx: ServiceContext = { db: f.db, dataDir, version: PROGRAM_VERSION, clock: clock.now };
  const core = coreOf(ctx);
  const x = exchangeContextOf(ctx);
  const t: Terminal = {
    ...f,
    unit,
    ctx,
    x,
    applicantId: applicant.id,
    formEvent(formId, type, payload = {}, as) {
      return core.write(() => core.append({ stream: formId, type, author: as?.author ?? applicant.id, role: as?.role ?? roles[0]!, payload }));
    },
    async keyFile(dir) {
      const k = await f.ok('exchange:ownKey', {});
      const path = join(dir, `${unit}.cdkey`);
      writeFileSync(path, k.keyFileText);
      return path;
    },
    async trust(other, dir) {
      const path = await other.keyFile(dir);
      const preview = await f.ok('exchange:readPeerKey', { path });
      await f.ok('exchange:addPeer', { path, confirmFingerprint: preview.fingerprint });
    },
  };
  return t;
}

/** A hash of every table's content, to show that a refused bundle changed nothing. */
/** A hash of every table's rows (but the tables in `except`). */
export function databaseHash(db: Database, except: readonly string[] = []): string {
  const h = createHash('sha256');
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  for (const t of tables.filter((name) => !except.includes(name))) {
    h.update(`#${t}\n`);
    for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).raw().all()) {
      h.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)));
      h.update('\n');
    }
  }
  return h.digest('hex');
}

export function eventCount(db: Database): number {
  return db.prepare('SELECT count(*) FROM event').pluck().get() as number;
}
