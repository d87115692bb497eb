import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyChangeEvent,
  availableActions,
  decideChange,
  isTransitionAllowed,
  reachableStates,
  summarizeChange,
  waitingRoles,
  type Actor,
  type ChangeCommand,
  type ChangeEvent,
} from '../../../src-main/domain';
import {
  CHANGE_STATES,
  changeCommandSchemas,
  type ChangeCommandName,
  type ChangeFormState,
  type ChangeState,
} from '../../../src-main/shared/schemas/change-form';
import { ROLES } from '../../../src-main/shared/schemas/roles';
import { ctxOf, EM_PART1, EM_PART2, EM_PLAN, P, PART1, PART2, PLAN, plus } from './fixtures';

// Random command sequences, mostly ones some actor is allowed to do (so walks go deep), some
// not: the form never reaches a state outside domain.md, never skips one, folds the same
// way twice, and availableActions refuses exactly what decideChange refuses.

const ACTORS: Actor[] = [
  ...Object.values(P),
  plus(P.applicant, 'dept_head', 'ops_head', 'security_reviewer'),
  plus(P.coordinator, 'developer'),
  plus(P.coordinator, 'ops_head'),
  plus(P.deptHead, 'ops_head'),
];

const test = (passed: boolean) => ({ steps: '步骤', result: passed ? '通过' : '失败', passed });
const INPUTS = {
  create: [PART1, EM_PART1, { title: '只有标题的草稿' }],
  saveDraft: [{ contact: '010-1' }, { urgency: '特急' }, { urgency: '一般' }, PART1, { content: '' }],
  submit: [{}],
  withdraw: [{ reason: '不再需要' }],
  deptApprove: [{}, { opinion: '同意' }],
  deptReturn: [{ opinion: '请补充' }],
  saveAssessment: [
    PART2,
    { ...PART2, riskLevel: '高' },
    { ...PART2, conclusion: '不建议实施', rejectReason: '已有功能' },
    { ...PART2, conclusion: '转项目', projectRef: 'XM-1' },
    { ...PART2, mayInterruptBusiness: true, interruptionNote: '停机' },
    EM_PART2,
  ],
  devAssess: [{ devOpinion: '需改造两个模块', devHours: 16 }],
  submitAssessment: [{}],
  assessmentApprove: [{}],
  assessmentReturn: [{ opinion: '补充' }],
  savePlan: [PLAN, { ...PLAN, plannedStart: '2026-12-01 10:00', plannedEnd: '2026-12-01 11:00' }, EM_PLAN, { ...PLAN, plannedStart: '2027-01-05 22:00', plannedEnd: '2027-01-05 23:00' }],
  recordItTest: [test(true), test(false)],
  recordPreReview: [{ opinion: '同意', agree: true }, { opinion: '不同意', agree: false }],
  recordUserTest: [{ result: '通过', confirmed: true }],
  recordNotice: [{ units: ['行长办公室', '客户服务中心'], scope: '柜面', period: '夜间', noticeDate: '2026-12-01' }, { units: ['行长办公室'], scope: '柜面', period: '夜间', noticeDate: '2026-12-01' }],
  submitPlan: [{}],
  implApprove: [{}, { windowOverrideReason: '监管要求' }],
  implReturn: [{ opinion: '补充' }],
  reschedule: [{ reason: '改期' }],
  recordResult: [
    { outcome: '成功', actualStart: '2026-12-05 22:00', actualEnd: '2026-12-05 23:00' },
    { outcome: '已回退', rollbackReason: '验证失败', actualStart: '2026-12-05 22:00', actualEnd: '2026-12-05 23:00' },
  ],
  recordEvaluation: [{ goalMet: true, negativeImpact: false }, { goalMet: false, negativeImpact: true, negativeImpactNote: '延误' }],
  postReview: [{ opinion: '达到目标', agree: true }],
  applicantConfirm: [{}],
  archiveReview: [{}],
  archive: [{}],
  recordWetSignature: ['part1.applicant', 'part1.deptHead', 'part2.coordinator', 'part2.opsHead', 'part3.tester', 'part3.security', 'part3.userTest', 'part3.opsHead', 'post.implementer', 'post.security', 'post.deptHead', 'post.itHead', 'post.archivist', 'annex.logOps', 'notice.ops', 'nowhere.block'].map((blockId) => ({ blockId })),
  addAttachment: [
    { sha256: 'a'.repeat(64), name: '测试报告.pdf', size: 2048, mediaType: 'application/pdf', kind: '测试报告' },
    { sha256: 'b'.repeat(64), name: '扫描件.png', size: 4096, mediaType: 'image/png' },
  ],
  removeAttachment: [{ sha256: 'a'.repeat(64), reason: '传错了文件' }],
  emergencyRequest: [{ reason: '系统缺陷' }],
  emergencyAuthorise: [{ mode: '口头', authorisedAt: '2026-11-20 02:10' }, { mode: '邮件', authorisedAt: '2026-11-20 02:10', authoriserName: '刘洋' }],
  emergencyDecline: [{ reason: '可周末实施' }],
  recordBackup: [{ programBackup: '程序', dataBackup: '数据', backupAt: '2026-11-20 02:30' }],
  emergencyImplement: [
    { implementedAt: '2026-11-20 03:00', testedBefore: false, outcome: '成功' },
    { implementedAt: '2026-11-20 03:00', testedBefore: true, outcome: '成功' },
    { implementedAt: '2026-11-20 03:00', testedBefore: true, outcome: '已回退', rollbackReason: '失败' },
  ],
  recordRetest: [test(true)],
  completePaperwork: [{}],
  emergencyLogSign: [{}],
} satisfies Record<ChangeCommandName, unknown[]>;

const VERB_NAMES = Object.keys(INPUTS) as ChangeCommandName[];

function commandOf(name: ChangeCommandName, pick: number): ChangeCommand {
  const samples = INPUTS[name] as unknown[];
  return { name, input: changeCommandSchemas[name].parse(samples[pick % samples.length]) } as ChangeCommand;
}

interface Walk {
  form: ChangeFormState | undefined;
  events: ChangeEvent[];
  states: ChangeState[];
}

const BACKWARDS = new Set<ChangeCommandName>(['withdraw', 'deptReturn', 'assessmentReturn', 'implReturn', 'reschedule', 'emergencyDecline']);

/** Whether the command would be accepted and take the form a step forward. */
function movesOn(form: ChangeFormState | undefined, actor: Actor, name: ChangeCommandName, pick: number): boolean {
  if (BACKWARDS.has(name)) return false;
  const d = decideChange(form, commandOf(name, pick), ctxOf(actor));
  return d.ok && d.events.some((e) => typeof (e.payload as { to?: unknown }).to === 'string');
}

const step = fc.record({ who: fc.nat(), what: fc.nat(), input: fc.nat(), wild: fc.nat({ max: 4 }) });

function walk(steps: Array<{ who: number; what: number; input: number; wild: number }>): Walk {
  let form: ChangeFormState | undefined;
  const events: ChangeEvent[] = [];
  const states: ChangeState[] = [];
  for (const [i, s] of steps.entries()) {
    // One step in five anything at all, one an allowed (actor, verb), the rest a step forward.
    const allowed = ACTORS.flatMap((actor) =>
      availableActions(form, ctxOf(actor))
        .filter((a) => a.allowed)
        .map((a) => [actor, a.name] as const),
    );
    const forward = s.wild >= 2 ? allowed.filter(([a, n]) => movesOn(form, a, n, s.input)) : [];
    const edits = s.wild >= 2 ? allowed.filter(([, n]) => !BACKWARDS.has(n)) : allowed;
    const pool = forward.length > 0 ? forward : edits.length > 0 ? edits : allowed;
    const [actor, name] =
      s.wild === 0 || pool.length === 0
        ? [ACTORS[s.who % ACTORS.length] as Actor, VERB_NAMES[s.what % VERB_NAMES.length] as ChangeCommandName]
        : (pool[s.what % pool.length] as readonly [Actor, ChangeCommandName]);
    const ctx = ctxOf(actor);
    const decision = decideChange(form, commandOf(name, s.input), ctx);
    const offered = availableActions(form, ctx).find((a) => a.name === name);
    if (!decision.ok) {
      // The button says what the call says: a refused action gives the call's reason.
      if (offered && !offered.allowed) expect(decision.message).toBe(offered.reason);
      if (offered?.allowed) expect(['MISSING_FIELD', 'POLICY', 'INVALID_STATE']).toContain(decision.code);
      continue;
    }
    expect(offered?.allowed ?? name === 'create').toBe(true);
    for (const d of decision.events) {
      const event: ChangeEvent = {
        id: `e${i}-${events.length}`,
        type: d.type,
        payload: JSON.parse(JSON.stringify(d.payload)),
        author: actor.userId,
        authorName: actor.name,
        role: d.role,
        time: ctx.now,
        formId: 'F-1',
      };
      expect(actor.roles).toContain(d.role);
      const before = form?.state;
      form = applyChangeEvent(form, event);
      expect(Object.keys(CHANGE_STATES)).toContain(form.state);
      expect(isTransitionAllowed(before, form.state)).toBe(true);
      events.push(event);
      states.push(form.state);
    }
  }
  return { form, events, states };
}

function fold(events: ChangeEvent[]): ChangeFormState | undefined {
  return events.reduce<ChangeFormState | undefined>((f, e) => applyChangeEvent(f, e), undefined);
}

describe('change-form state machine, property-based', () => {
  it('random valid command sequences stay in domain.md states, fold deterministically and agree with availableActions', () => {
    const seen = new Set<ChangeState>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 150, size: "max" }), (steps) => {
        const w = walk(steps);
        for (const s of w.states) seen.add(s);
        const once = fold(w.events);
        const twice = fold(w.events);
        expect(once).toEqual(w.form);
        expect(twice).toEqual(once);
        if (w.form) {
          expect(JSON.parse(JSON.stringify(w.form))).toEqual(w.form);
          expect(w.form.version).toBe(w.events.length);
          const summary = summarizeChange(w.form);
          expect(summary.state).toBe(w.form.state);
          for (const role of waitingRoles(w.form)) expect(Object.keys(ROLES)).toContain(role);
        }
      }),
      { numRuns: 200 },
    );
    // The walks really go deep: most of domain.md's states were visited.
    expect(seen.size).toBeGreaterThanOrEqual(15);
    expect([...seen].every((s) => s in CHANGE_STATES)).toBe(true);
  });

  it('every state of domain.md is reachable from a new form, and no other', () => {
    expect([...reachableStates()].sort()).toEqual(Object.keys(CHANGE_STATES).sort());
  });
});
