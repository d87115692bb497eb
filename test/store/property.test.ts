import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VERBS, WITHDRAWABLE_STATES } from '../../src-main/domain';
import { nextStep, type Plan, type Step } from '../../src-main/services/demo/change-script';
import { auditLog, rebuildAll } from '../../src-main/services/maintenance';
import { DEFAULT_POLICY_SETTINGS } from '../../src-main/shared/schemas/calendar';
import { CHANGE_TYPES, type ChangeFormState } from '../../src-main/shared/schemas/change-form';
import type { RoleCode } from '../../src-main/shared/schemas/roles';
import { useTempDirs } from '../helpers/temp-dir';
import { dumpProjections, makeFixture, TestClock, withDemoDirectory, type Fixture } from '../services/fixtures';

// Property (issue 3): any valid sequence of commands, mixed with refused ones, leaves a log
// that audit verifies, projections that a rebuild reproduces exactly, and a log in which any
// altered stored byte of any event is caught.

const tempDir = useTempDirs();

const BY_ROLE: Partial<Record<RoleCode, string>> = {
  ops_coordinator: 'wangwu',
  ops_head: 'zhaoliu',
  sysadmin: 'sunhao',
  dba: 'wuqiang',
  developer: 'hanmei',
  tester: 'zhuhong',
  security_reviewer: 'qinan',
  it_head: 'hezong',
  archivist: 'lvdang',
};
const BUSINESS: Record<'RETAIL' | 'CORP', Partial<Record<RoleCode, string>>> = {
  RETAIL: { applicant: 'zhangsan', dept_head: 'lisi' },
  CORP: { applicant: 'chenqi', dept_head: 'zhouba' },
};
const EVERYONE = ['zhangsan', 'lisi', 'chenqi', 'zhouba', ...Object.values(BY_ROLE)] as string[];

interface Form {
  plan: Plan & { unit: 'RETAIL' | 'CORP' };
  state?: ChangeFormState;
}

const planArb = fc.record({
  unit: fc.constantFrom('RETAIL' as const, 'CORP' as const),
  changeType: fc.constantFrom(...CHANGE_TYPES),
  emergency: fc.boolean(),
  conclusion: fc.constantFrom('建议实施' as const, '建议实施' as const, '不建议实施' as const, '转项目' as const),
  risk: fc.constantFrom('低' as const, '中' as const, '高' as const),
  interrupt: fc.boolean(),
  outcome: fc.constantFrom('成功' as const, '已回退' as const),
  override: fc.boolean(),
  testedBefore: fc.boolean(),
  devAssess: fc.boolean(),
  title: fc.constantFrom('调整利率参数', '修复网银转账超时', '手机银行新增扫码支付', '核心系统补丁'),
});

const actionArb = fc.record({ form: fc.nat(3), kind: fc.nat(9), plan: planArb });

/** A different way forward from the form's state: a return, a withdrawal, a reschedule or a decline. */
function alternative(form: ChangeFormState): Step | undefined {
  switch (form.state) {
    case 'pending_dept_approval':
      return { role: 'dept_head', command: { name: 'deptReturn', input: { opinion: '请补充不实施的影响' } } };
    case 'pending_assessment_approval':
      return { role: 'ops_head', command: { name: 'assessmentReturn', input: { opinion: '请补充资源安排' } } };
    case 'pending_impl_approval':
      return { role: 'ops_head', command: { name: 'implReturn', input: { opinion: '回退计划不够具体' } } };
    case 'scheduled':
      return { role: 'ops_head', command: { name: 'reschedule', input: { reason: '与其他变更冲突，改期' } } };
    case 'emergency_pending_auth':
      return { role: 'ops_head', command: { name: 'emergencyDecline', input: { reason: '不属于紧急情况，请按一般变更办理' } } };
    default:
      return WITHDRAWABLE_STATES.includes(form.state) ? { role: 'applicant', command: { name: 'withdraw', input: { reason: '需求取消' } } } : undefined;
  }
}

async function runActions(f: Fixture, actions: Array<typeof actionArb extends fc.Arbitrary<infer T> ? T : never>): Promise<void> {
  const forms: Form[] = [];
  const userFor = (form: Form, role: RoleCode): string => BUSINESS[form.plan.unit][role] ?? BY_ROLE[role] ?? 'sunhao';
  const events = () => f.db.prepare('SELECT count(*) FROM event').pluck().get() as number;
  for (const a of actions) {
    f.clock.advanceMinutes(2);
    const now = f.clock.now();
    const iso = `${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
    const form = forms[a.form];
    if (!form) {
      const plan = { ...a.plan, unitName: a.plan.unit === 'CORP' ? '公司业务部' : '零售业务部', content: '变更内容说明', systems: ['CORE'] };
      const step = nextStep(undefined, plan, iso, DEFAULT_POLICY_SETTINGS)!;
      const view = await f.ok('change:create', step.command.input as never, userFor({ plan }, step.role));
      forms.push({ plan, state: view.state });
      continue;
    }
    const state = form.state!;
    const happy = nextStep(state, form.plan, iso, DEFAULT_POLICY_SETTINGS);
    const step = a.kind === 7 ? (alternative(state) ?? happy) : happy;
    if (!step) continue;
    const input = { ...(step.command.input as object), formId: state.formId };
    if (a.kind === 8) {
      // A refused command changes nothing: a user who holds none of the verb's roles.
      const roles = VERBS[step.command.name].roles as readonly RoleCode[];
      const outsider = Object.values(BY_ROLE).find((u) => !roles.some((r) => BY_ROLE[r] === u))!;
      const before = events();
      expect(await f.refused(`change:${step.command.name}`, input, outsider)).toBe('FORBIDDEN_ROLE');
      expect(events()).toBe(before);
      continue;
    }
    if (a.kind === 9) {
      // Nor does a verb out of its state (archiving what is not waiting for the archive).
      const before = events();
      const [verb, user] = state.state === 'pending_archive' ? (['submit', 'zhangsan'] as const) : (['archive', 'lvdang'] as const);
      expect(await f.refused(`change:${verb}`, { formId: state.formId }, user)).toMatch(/WRONG_STEP|INVALID_STATE|NOT_FOUND/);
      expect(events()).toBe(before);
      continue;
    }
    const view = await f.ok(`change:${step.command.name}`, input as never, userFor(form, step.role));
    form.state = view.state;
  }
}

describe('event log and projections, property', () => {
  const statesSeen = new Set<string>();
  it('random valid command sequences: audit passes, rebuild equals incremental, any altered byte is caught', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 5, maxLength: 100 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.constantFrom('body', 'sig', 'id')), { minLength: 3, maxLength: 3 }), async (actions, tampers) => {
        const f = makeFixture(tempDir(), new TestClock('2026-11-02T20:00:00+08:00'));
        const demo = await withDemoDirectory(f);
        // 100 actions × 2 minutes stay within an idle lock of 240 minutes for everyone.
        await f.ok('settings:save', { ...(await f.ok('settings:get', {})), idleLockMinutes: 240 });
        for (const u of EVERYONE) await demo.login(u);
        await runActions(f, actions);

        expect(auditLog(f.db, f.dataDir)).toMatchObject({ ok: true });
        for (const st of f.db.prepare('SELECT DISTINCT state FROM form').pluck().all() as string[]) statesSeen.add(st);
        const incremental = dumpProjections(f.db);
        rebuildAll(f.db);
        expect(dumpProjections(f.db)).toEqual(incremental);

        f.db.exec('DROP TRIGGER event_append_only_update');
        const count = f.db.prepare('SELECT count(*) FROM event').pluck().get() as number;
        for (const [at, offset, xor, column] of tampers) {
          const pos = (at % count) + 1;
          const row = f.db.prepare(`SELECT ${column} AS v FROM event WHERE pos = ?`).get(pos) as { v: Buffer | string };
          const original = typeof row.v === 'string' ? Buffer.from(row.v, 'utf8') : row.v;
          const altered = Buffer.from(original);
          const i = offset % altered.length;
          altered[i] = altered[i]! ^ xor;
          const stored = typeof row.v === 'string' ? altered.toString('latin1') : altered;
          f.db.prepare(`UPDATE event SET ${column} = ? WHERE pos = ?`).run(stored, pos);
          const r = auditLog(f.db, f.dataDir);
          expect(r.ok).toBe(false);
          expect(r.firstBad?.pos).toBeLessThanOrEqual(pos);
          f.db.prepare(`UPDATE event SET ${column} = ? WHERE pos = ?`).run(row.v, pos);
          expect(auditLog(f.db, f.dataDir).ok).toBe(true);
        }
        f.db.close();
      }),
      { numRuns: 12 },
    );
    // The sequences went deep: forms past go-live, ended early and emergencies among them.
    expect(statesSeen.size).toBeGreaterThanOrEqual(6);
  }, 240_000);
});
