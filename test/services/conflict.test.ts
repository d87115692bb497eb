import { describe, expect, it } from 'vitest';
import { rebuildAll } from '../../src-main/services/maintenance';
import { useTempDirs } from '../helpers/temp-dir';
import { as, PART2, send, twoTerminals, waitingForAssessment } from './conflict-setup';
import { dumpProjections } from './fixtures';

// Issue 5 end to end in the services: a business terminal and the ops terminal move one form
// from 待受理评估 two ways; bundles cross; both show the conflict; the 受理人 chooses on the ops
// terminal; the choice travels back and the business terminal shows it too.

const tempDir = useTempDirs();

describe('a conflict between two terminals, resolved by a person', () => {
  it('shows both branches on both terminals, lets the right role choose, and the choice travels', async () => {
    const { dir, biz, ops } = await twoTerminals(tempDir);
    const formId = await waitingForAssessment(biz, ops, dir);

    // Apart: the 受理人 assesses on the ops terminal; the applicant withdraws on theirs.
    await as(ops, 'ops-user');
    await ops.ok('change:saveAssessment', { formId, ...PART2 });
    const assessed = await ops.ok('change:submitAssessment', { formId });
    await as(biz, 'ywb-user');
    const withdrawn = await biz.ok('change:withdraw', { formId, reason: '需求已取消' });
    await send(ops, biz, dir, 'o1');
    await send(biz, ops, dir, 'b2');

    for (const t of [biz, ops]) {
      await as(t, t === biz ? 'ywb-user' : 'ops-user');
      const view = await t.ok('change:get', { formId });
      const c = view.state.conflict!;
      expect(c.fromState).toBe('pending_assessment');
      expect(c.branches.map((b) => b.state).sort()).toEqual(['pending_assessment_approval', 'withdrawn']);
      expect(c.branches.map((b) => b.tip).sort()).toEqual([assessed.state.head[0], withdrawn.state.head[0]].sort());
      // No other step while the conflict is open: every button says why.
      expect(view.actions.every((a) => !a.allowed)).toBe(true);
      expect(view.timeline.filter((e) => e.branch !== undefined)).toHaveLength(3);
    }
    await as(biz, 'admin');
    expect((await biz.ok('exchange:conflicts', {})).filter((c) => !c.resolvedBy)).toHaveLength(1);

    // The applicant may not choose (the step was the 受理人's, §10); the 受理人 may.
    await as(ops, 'ops-user');
    const tipOf = (state: string) => ops.ok('change:get', { formId }).then((v) => v.state.conflict!.branches.find((b) => b.state === state)!.tip);
    const chosen = await tipOf('pending_assessment_approval');
    await as(biz, 'ywb-user');
    expect(await biz.refused('exchange:resolveConflict', { formId, chosenEventId: chosen })).toBe('FORBIDDEN_ROLE');
    expect(await biz.refused('change:saveDraft', { formId, title: '改' })).toBe('INVALID_STATE');

    await as(ops, 'ops-user');
    const [open] = await ops.ok('exchange:conflicts', {});
    expect(open!.branches?.map((b) => b.stateLabel).sort()).toEqual(['已撤回', '待评估审批'].sort());
    const resolved = await ops.ok('exchange:resolveConflict', { conflictId: open!.id, chosenEventId: chosen });
    expect(resolved.resolvedBy).toMatch(/^[0-9a-f]{64}$/);
    expect(resolved.currentStateLabel).toBe('待评估审批');
    const after = await ops.ok('change:get', { formId });
    expect(after.state.conflict).toBeUndefined();
    expect(after.state.state).toBe('pending_assessment_approval');
    expect(after.state.closure).toBeUndefined();
    expect(after.timeline.find((e) => e.id === withdrawn.state.head[0])?.superseded).toBe(true);
    expect(after.actions.some((a) => a.allowed === false && a.reason?.includes('冲突'))).toBe(false);
    expect(await ops.refused('exchange:resolveConflict', { conflictId: open!.id, chosenEventId: chosen })).toBe('CONFLICT_RESOLVED');

    // The choice is in the next bundle; the business terminal's form becomes the same.
    await send(ops, biz, dir, 'o2');
    await as(biz, 'ywb-user');
    const there = await biz.ok('change:get', { formId });
    expect(there.state.conflict).toBeUndefined();
    expect(there.state.state).toBe('pending_assessment_approval');
    expect(there.state.superseded).toEqual(after.state.superseded);
    await as(biz, 'admin');
    expect((await biz.ok('exchange:conflicts', {})).every((c) => c.resolvedBy)).toBe(true);

    // A rebuild of either terminal gives the projections the appends and imports built.
    for (const t of [biz, ops]) {
      const incremental = dumpProjections(t.db);
      rebuildAll(t.db);
      expect(dumpProjections(t.db)).toEqual(incremental);
    }
  });

  it('rebuilds a form whose conflict is still open as the import left it', async () => {
    const { dir, biz, ops } = await twoTerminals(tempDir);
    const formId = await waitingForAssessment(biz, ops, dir);
    await as(ops, 'ops-user');
    await ops.ok('change:saveAssessment', { formId, ...PART2 });
    await as(biz, 'ywb-user');
    await biz.ok('change:withdraw', { formId, reason: '先撤回' });
    await send(ops, biz, dir, 'o1');
    await as(biz, 'ywb-user');
    expect((await biz.ok('change:get', { formId })).state.conflict?.branches).toHaveLength(2);
    const incremental = dumpProjections(biz.db);
    rebuildAll(biz.db);
    expect(dumpProjections(biz.db)).toEqual(incremental);
  });
});

// Issue 4 × issue 5: a page printed from either branch, before or after the choice, is checked
// against the form as it stood at its version, folded as a tree like the projection. (Each page
// is checked on the terminal that printed it: the other terminal's register prints other names.)
describe('checking a printed page of a form that had a conflict', () => {
  it('matches pages of the open conflict, of each branch and of the resolved form on both terminals', async () => {
    const { dir, biz, ops } = await twoTerminals(tempDir);
    const formId = await waitingForAssessment(biz, ops, dir);
    await as(ops, 'ops-user');
    await ops.ok('change:saveAssessment', { formId, ...PART2 });
    await ops.ok('change:submitAssessment', { formId });
    const opsPrint = await ops.ok('print:changeForm', { formId });
    await as(biz, 'ywb-user');
    await biz.ok('change:withdraw', { formId, reason: '需求已取消' });
    const bizPrint = await biz.ok('print:changeForm', { formId });
    await send(biz, ops, dir, 'b2');

    await as(ops, 'ops-user');
    expect((await ops.ok('change:get', { formId })).state.conflict).toBeDefined();
    const openPrint = await ops.ok('print:changeForm', { formId });
    expect(await ops.ok('print:verify', { pdfBase64: openPrint.pdfBase64 })).toMatchObject({ found: true, formId, isCurrent: true, contentMatches: true });
    expect(await ops.ok('print:verify', { pdfBase64: opsPrint.pdfBase64 })).toMatchObject({ found: true, formId, contentMatches: true });

    const [open] = await ops.ok('exchange:conflicts', {});
    const chosen = open!.branches!.find((b) => b.stateLabel === '待评估审批')!.tip;
    await ops.ok('exchange:resolveConflict', { conflictId: open!.id, chosenEventId: chosen });
    const resolvedPrint = await ops.ok('print:changeForm', { formId });
    expect(resolvedPrint.qr.version).toBe(opsPrint.qr.version + 1);
    expect(await ops.ok('print:verify', { pdfBase64: resolvedPrint.pdfBase64 })).toMatchObject({ found: true, formId, isCurrent: true, contentMatches: true, changesSince: [] });
    const before = await ops.ok('print:verify', { pdfBase64: opsPrint.pdfBase64 });
    expect(before).toMatchObject({ contentMatches: true, isCurrent: false });
    expect(before.changesSince.map((e) => e.type)).toEqual(['conflict.resolved']);

    // On the business terminal the set-aside branch comes first in the log: its page is still the
    // page it printed, and the resolved form's page is the current version.
    await send(ops, biz, dir, 'o2');
    await as(biz, 'ywb-user');
    const bizNow = await biz.ok('print:changeForm', { formId });
    expect(bizNow.qr.version).toBe(resolvedPrint.qr.version);
    expect(await biz.ok('print:verify', { pdfBase64: bizNow.pdfBase64 })).toMatchObject({ found: true, formId, isCurrent: true, contentMatches: true, changesSince: [] });
    const setAside = await biz.ok('print:verify', { pdfBase64: bizPrint.pdfBase64 });
    expect(setAside).toMatchObject({ found: true, formId, isCurrent: false, contentMatches: true });
  });
});
