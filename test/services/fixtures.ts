import { createServices, type Dispatcher } from '../../src-main/services';
import type { ApiInput, ApiOutput, CallName } from '../../src-main/shared/api';
import { openDatabase } from '../../src-main/store';
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
  clock: TestClock;
  /** A typed call that throws the error body when refused. */
  ok<K extends CallName>(name: K, input: ApiInput<K>, channel?: string): Promise<ApiOutput<K>>;
  /** A call expected to be refused: returns the error code. */
  refused(name: CallName, input: unknown, channel?: string): Promise<string>;
}

/** A fresh data folder with services; scrypt cost lowered (2^12) so that tests run quickly. */
export function makeFixture(dataDir: string, clock = new TestClock()): Fixture {
  const db = openDatabase(dataDir);
  const services = createServices({ db, dataDir, clock: clock.now, passwordLogN: 12, onUnexpected: (e) => console.error(e) });
  const f: Fixture = {
    dataDir,
    db,
    services,
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
