import { describe, expect, it } from 'vitest';
import {
  CONFLICT_RESOLVED,
  applyInStream,
  conflictResolvers,
  decideChange,
  foldChangeStream,
  type Actor,
  type ChangeCommand,
  type ChangeEvent,
} from '../../../src-main/domain';
import { changeCommandSchemas, type ChangeCommandName, type ChangeFormState } from '../../../src-main/shared/schemas/change-form';
import { ctxOf, P, PART1, PART2 } from './fixtures';

// Issue 5: two terminals move one form from the same state in different ways. The events form a
// tree; the form shows both branches until a person chooses, and the choice is an event.

let n = 0;
/** The event a terminal would sign for `name`, decided on that terminal's form and extending its head. */
function step(form: ChangeFormState | undefined, actor: Actor, name: ChangeCommandName, input: unknown = {}): ChangeEvent {
  const ctx = ctxOf(actor);
  const d = decideChange(form, { name, input: changeCommandSchemas[name].parse(input) } as ChangeCommand, ctx);
  if (!d.ok) throw new Error(`${name}: ${d.message}`);
  n += 1;
  const ev = d.events[0]!;
  return { id: `e${n}`, type: ev.type, payload: JSON.parse(JSON.stringify(ev.payload)), author: actor.userId, authorName: actor.name, role: ev.role, time: `2026-11-20T10:${String(n).padStart(2, '0')}+08:00`, formId: 'F-1', parents: form ? form.head : [] };
}

function resolution(id: string, by: Actor, role: ChangeEvent['role'], parents: string[], chosen: string, parent: string): ChangeEvent {
  return { id, type: CONFLICT_RESOLVED, payload: { parent, chosen, rejected: parents.filter((p) => p !== chosen) }, author: by.userId, authorName: by.name, role, time: '2026-11-21T09:00+08:00', formId: 'F-1', parents };
}

/** A form waiting for assessment; then the applicant withdraws it on one terminal while the 受理人 assesses it on another. */
function scenario() {
  const line: ChangeEvent[] = [];
  let f: ChangeFormState | undefined;
  for (const [actor, name, input] of [
    [P.applicant, 'create', PART1],
    [P.applicant, 'submit', {}],
    [P.deptHead, 'deptApprove', { opinion: '同意' }],
  ] as const) {
    const e = step(f, actor, name, input);
    line.push(e);
    f = foldChangeStream(line);
  }
  const fork = f!;
  const withdraw = step(fork, P.applicant, 'withdraw', { reason: '需求已取消' });
  const assess = step(fork, P.coordinator, 'saveAssessment', PART2);
  const assessed = foldChangeStream([...line, assess])!;
  const submit = step(assessed, P.coordinator, 'submitAssessment', {});
  return { line, fork, withdraw, assess, submit };
}

describe('a form moved two ways from one state', () => {
  it('shows both branches, with the state each would lead to, and takes no other step', () => {
    const { line, fork, withdraw, assess, submit } = scenario();
    const f = foldChangeStream([...line, withdraw, assess, submit])!;
    expect(f.conflict).toBeDefined();
    expect(f.conflict!.parent).toBe(fork.head[0]);
    expect(f.conflict!.fromState).toBe('pending_assessment');
    expect(f.conflict!.branches.map((b) => [b.tip, b.events, b.state])).toEqual([
      [withdraw.id, [withdraw.id], 'withdrawn'],
      [submit.id, [assess.id, submit.id], 'pending_assessment_approval'],
    ]);
    expect(f.head).toEqual([withdraw.id, submit.id]);
    // Until a choice, the form reads as the branch this terminal had first.
    expect(f.state).toBe('withdrawn');
    const d = decideChange(f, { name: 'saveAssessment', input: changeCommandSchemas.saveAssessment.parse(PART2) }, ctxOf(P.coordinator));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toContain('冲突');
  });

  it('is chosen by the role that acts at that step (of the applicant unit for a business role) or by the ops head', () => {
    const { line, withdraw, assess } = scenario();
    const f = foldChangeStream([...line, withdraw, assess])!;
    expect(f.conflict!.resolverRoles).toEqual(['ops_coordinator', 'ops_head']);
    expect(conflictResolvers(f, P.coordinator)).toBe('ops_coordinator');
    expect(conflictResolvers(f, P.opsHead)).toBe('ops_head');
    const refused = conflictResolvers(f, P.applicant);
    expect(typeof refused).toBe('object');
    if (typeof refused === 'object') expect(refused).toMatchObject({ code: 'FORBIDDEN_ROLE', message: expect.stringContaining('受理人') as unknown });

    // At 待部门审批 it is the applicant unit's head, not another unit's.
    const draft = foldChangeStream(line.slice(0, 2))!;
    const approve = step(draft, P.deptHead, 'deptApprove', { opinion: '同意' });
    const back = step(draft, P.deptHead, 'deptReturn', { opinion: '请补充影响' });
    const g = foldChangeStream([...line.slice(0, 2), approve, back])!;
    expect(conflictResolvers(g, P.deptHead)).toBe('dept_head');
    expect(typeof conflictResolvers(g, P.otherDeptHead)).toBe('object');
  });

  it('becomes the chosen branch; the other stays as superseded; the order the branches arrived in does not matter', () => {
    const { line, withdraw, assess, submit } = scenario();
    const r = resolution('r1', P.coordinator, 'ops_coordinator', [withdraw.id, submit.id], submit.id, line[2]!.id);
    const here = foldChangeStream([...line, withdraw, assess, submit, r])!;
    const there = foldChangeStream([...line, assess, submit, withdraw, r])!;
    expect(here.conflict).toBeUndefined();
    expect(here.state).toBe('pending_assessment_approval');
    expect(here.closure).toBeUndefined();
    expect(here.superseded).toEqual([withdraw.id]);
    expect(here.head).toEqual(['r1']);
    expect(there).toEqual(here);
    // The form goes on from the choice.
    const next = step(here, P.opsHead, 'assessmentApprove', { opinion: '同意' });
    expect(foldChangeStream([...line, withdraw, assess, submit, r, next])!.state).not.toBe('pending_assessment_approval');
  });

  it('step by step (as appends and imports do) equals folding the whole stream (as a rebuild does)', () => {
    const { line, withdraw, assess, submit } = scenario();
    const r = resolution('r1', P.opsHead, 'ops_head', [submit.id, withdraw.id], withdraw.id, line[2]!.id);
    for (const order of [
      [...line, withdraw, assess, submit, r],
      [...line, assess, withdraw, submit, r],
      [...line, assess, submit, withdraw, r],
    ]) {
      let state: ChangeFormState | undefined;
      order.forEach((e, i) => {
        state = applyInStream(state, e, () => order.slice(0, i));
        expect(state).toEqual(foldChangeStream(order.slice(0, i + 1)));
      });
      expect(state!.state).toBe('withdrawn');
      expect(state!.superseded!.sort()).toEqual([assess.id, submit.id].sort());
    }
  });

  it('refuses a resolution that chooses an event it does not extend', () => {
    const { line, withdraw, assess } = scenario();
    const bad = resolution('r1', P.opsHead, 'ops_head', [withdraw.id], assess.id, line[2]!.id);
    expect(() => foldChangeStream([...line, withdraw, assess, bad])).toThrow(/选定的事件/);
  });
});
