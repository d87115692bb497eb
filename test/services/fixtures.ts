import { coreOf, createServiceBundle, type Dispatcher, type ServiceContext } from '../../src-main/services';
import { DEMO_PASSWORD, loadDemoDirectory } from '../../src-main/services/demo/demo-data';
import type { ApiInput, ApiOutput, CallName } from '../../src-main/shared/api';
import { openDatabase } from '../../src-main/store';
import { TextIndex } from '../../src-main/store/text-index';
import type { Database } from 'better-sqlite3';

/** A clock the test moves by hand. Starts on a Saturday evening, Beijing time. */
export class TestClock {
  private t: number;
  constructor(start = '2026-11-28T19:00:00+08:00') {
    this.t = Date.parse(start);
  }
  now = (): Date => new Date(this.t);
  advanceMinutes(m: number): void {
    this.t += m * 60_000;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

export const ADMIN_PASSWORD = 'admin-pass-1';

export interface Fixture {
  dataDir: string;
  db: Database;
  services: Dispatcher;
  ctx: ServiceContext;
  clock: TestClock;
  /** A typed call that throws the error body when refused. */
  ok<K extends CallName>(name: K, input: ApiInput<K>, channel?: string): Promise<ApiOutput<K>>;
  /** A call expected to be refused: returns the error code. */
  refused(name: CallName, input: unknown, channel?: string): Promise<string>;
}

/** A fresh data folder with services; scrypt cost lowered (2^12) so that tests run quickly. */
export function makeFixture(dataDir: string, clock = new TestClock()): Fixture {
  const db = openDatabase(dataDir);
  const { services, ctx } = createServiceBundle({ db, dataDir, clock: clock.now, passwordLogN: 12, onUnexpected: (e) => console.error(e) });
  const f: Fixture = {
    dataDir,
    db,
    services,
    ctx,
    clock,
    async ok(name, input, channel = 'test') {
      const r = await services.call(name, input, { door: 'test', channel });
      if (!r.ok) throw new Error(`${name} refused: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
    async refused(name, input, channel = 'test') {
      const r = await services.dispatch(name, input, { door: 'test', channel });
      if (r.ok) throw new Error(`${name} was accepted`);
      return r.error.code;
    },
  };
  return f;
}

/** Sets the terminal up as the ops centre (unit OPS) with administrator `admin`, logged in on channel `test`. */
export async function setUpTerminal(f: Fixture): Promise<void> {
  await f.ok('setup:init', {
    unitCode: 'OPS',
    unitName: '科技信息部运行维护中心',
    unitKind: 'ops',
    adminUsername: 'admin',
    adminName: '管理员',
    adminPassword: ADMIN_PASSWORD,
  });
  await f.ok('auth:login', { username: 'admin', password: ADMIN_PASSWORD });
}

/** The terminal set up, with the demo's units, users (password DEMO_PASSWORD) and systems; each user logs in on a channel named after them. */
export async function withDemoDirectory(f: Fixture): Promise<{ login(username: string): Promise<string> }> {
  await setUpTerminal(f);
  const core = coreOf(f.ctx);
  const admin = core.dir.usersNamed('admin')[0]!;
  await loadDemoDirectory(core, admin, 12);
  return {
    async login(username) {
      await f.ok('auth:login', { username, password: DEMO_PASSWORD }, username);
      return username;
    },
  };
}

const PROJECTIONS: Record<string, string> = {
  unit: 'code',
  app_user: 'id',
  system_entry: 'code',
  policy: 'id',
  form: 'rowid',
  form_system: 'system, form_rowid',
  form_waiting: 'role, owner, updated_at, form_rowid',
  form_counter: 'unit, year',
  form_stat: 'form_rowid',
  supervision_record: 'id',
  inspection_follow_up: 'inspection_id, follow_up_id',
};

/** Every projection table's rows, in a fixed order, for comparing an incremental build with a rebuild. */
export function dumpProjections(db: Database): Record<string, unknown[]> {
  // The text indexes take writes in batches (migration 0009): what is queued goes in first, as
  // before any search. FTS5 then checks its index against the form table it indexes (throws when they differ).
  new TextIndex(db).sync();
  db.prepare(`INSERT INTO form_fts (form_fts, rank) VALUES ('integrity-check', 1)`).run();
  // The short-term index keeps no content to check against: its terms and how many forms hold each.
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.form_gram_terms USING fts5vocab(main, form_gram, row)');
  const grams = db.prepare('SELECT term, doc FROM temp.form_gram_terms ORDER BY term').all();
  return { ...Object.fromEntries(Object.entries(PROJECTIONS).map(([t, order]) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY ${order}`).all()])), grams };
}
