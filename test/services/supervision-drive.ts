import { coreOf } from '../../src-main/services';
import { nextStep, type Plan } from '../../src-main/services/demo/change-script';
import { DEMO_PASSWORD } from '../../src-main/services/demo/demo-data';
import { policySettings } from '../../src-main/services/settings-service';
import { toLocalIso } from '../../src-main/services/time';
import type { ApiInput, ApiOutput, CallName } from '../../src-main/shared/api';
import type { ChangeFormState, ChangeState } from '../../src-main/shared/schemas/change-form';
import type { ChangeView } from '../../src-main/shared/schemas/query';
import type { RoleCode } from '../../src-main/shared/schemas/roles';
import { withDemoDirectory, type Fixture } from './fixtures';

// Forms for the supervision tests, made by real calls through the dispatcher (input parsing,
// log-in and role checks, the domain's rules, signing, projections), as the demo's people, with
// the test's clock: each step 20 minutes after the last, go-live at the planned time.

const PEOPLE: Partial<Record<RoleCode, { RETAIL: string; CORP: string }>> = {
  applicant: { RETAIL: 'zhangsan', CORP: 'chenqi' },
  dept_head: { RETAIL: 'lisi', CORP: 'zhouba' },
};
const OPS: Partial<Record<RoleCode, string>> = {
  ops_coordinator: 'wangwu',
  ops_head: 'zhaoliu',
  sysadmin: 'sunhao',
  dba: 'wuqiang',
  developer: 'hanmei',
  tester: 'zhuhong',
  security_reviewer: 'qinan',
  it_head: 'hezong',
  archivist: 'lvdang',
  prod_version_admin: 'zhengxin',
};
export const USERNAMES = ['zhangsan', 'chenqi', 'lisi', 'zhouba', ...Object.values(OPS)] as string[];

export function personFor(role: RoleCode, unit: 'RETAIL' | 'CORP'): string {
  const p = PEOPLE[role]?.[unit] ?? OPS[role];
  if (!p) throw new Error(`no demo user for ${role}`);
  return p;
}

export type PlanInput = Partial<Plan> & Pick<Plan, 'title' | 'changeType'>;

export type Hook = (state: ChangeFormState) => Promise<ChangeView | undefined>;

export interface Driver {
  /** Drives a new form until it reaches `stopAt`; hooks run once when the form first reaches their state. */
  drive(plan: PlanInput, unit: 'RETAIL' | 'CORP', start: string, stopAt: ChangeState, hooks?: Partial<Record<ChangeState, Hook>>): Promise<ChangeFormState>;
  /** Takes a form on from where it is, at the clock's present time. */
  advance(state: ChangeFormState, plan: PlanInput, unit: 'RETAIL' | 'CORP', stopAt: ChangeState): Promise<ChangeFormState>;
  call<K extends CallName>(name: K, input: ApiInput<K>, username: string): Promise<ApiOutput<K>>;
  /** A call expected to be refused: its error code. */
  refused(name: CallName, input: unknown, username: string): Promise<string>;
}

export async function makeDriver(f: Fixture): Promise<Driver> {
  const demo = await withDemoDirectory(f);
  for (const u of USERNAMES) await demo.login(u);
  const settings = () => policySettings(coreOf(f.ctx));
  // The test's clock jumps days ahead: an idle session locks (as it should), so unlock and go on.
  const dispatch = async (name: CallName, input: unknown, username: string) => {
    const meta = { door: 'test' as const, channel: username };
    const r = await f.services.dispatch(name, input, meta);
    if (r.ok || r.error.code !== 'SESSION_LOCKED') return r;
    await f.ok('auth:unlock', { password: DEMO_PASSWORD }, username);
    return f.services.dispatch(name, input, meta);
  };
  const call = (async (name: CallName, input: unknown, username: string) => {
    const r = await dispatch(name, input, username);
    if (!r.ok) throw new Error(`${name} refused: ${r.error.code} ${r.error.message}`);
    return r.value;
  }) as Driver['call'];
  const refused = async (name: CallName, input: unknown, username: string) => {
    const r = await dispatch(name, input, username);
    if (r.ok) throw new Error(`${name} was accepted`);
    return r.error.code;
  };
  return {
    call,
    refused,
    async drive(p, unit, start, stopAt, hooks = {}) {
      f.clock.set(start);
      return run(undefined, p, unit, stopAt, hooks);
    },
    advance: (state, p, unit, stopAt) => run(state, p, unit, stopAt, {}),
  };

  async function run(from: ChangeFormState | undefined, p: PlanInput, unit: 'RETAIL' | 'CORP', stopAt: ChangeState, hooks: Partial<Record<ChangeState, Hook>>): Promise<ChangeFormState> {
    const plan: Plan = {
      content: `${p.title}：按业务需要实施`,
      systems: ['CORE'],
      unitName: unit === 'CORP' ? '公司业务部' : '零售业务部',
      emergency: false,
      conclusion: '建议实施',
      risk: '低',
      interrupt: false,
      outcome: '成功',
      override: false,
      testedBefore: true,
      devAssess: false,
      ...p,
    };
    let state: ChangeFormState | undefined = from;
    const fired = new Set<ChangeState>();
    for (let guard = 0; guard < 80; guard++) {
      if (state && !fired.has(state.state) && hooks[state.state]) {
        fired.add(state.state);
        const v = await hooks[state.state]!(state);
        if (v) {
          state = v.state;
          f.clock.advanceMinutes(20);
          continue;
        }
      }
      if (state?.state === stopAt) return state;
      if (state?.state === 'scheduled' && state.part3.plannedEnd) {
        const live = Date.parse(state.part3.plannedEnd) + 30 * 60_000;
        if (live > f.clock.now().getTime()) f.clock.set(new Date(live).toISOString());
      }
      const step = nextStep(state, plan, toLocalIso(f.clock.now()), settings());
      if (!step) break;
      const input = { ...step.command.input, ...(state ? { formId: state.formId } : {}) } as never;
      const v = (await call(`change:${step.command.name}` as CallName, input, personFor(step.role, unit))) as ChangeView;
      state = v.state;
      f.clock.advanceMinutes(20);
    }
    if (state?.state !== stopAt) throw new Error(`form stopped in ${state?.state}, not ${stopAt}`);
    return state;
  }
}
