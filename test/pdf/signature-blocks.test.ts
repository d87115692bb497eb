import { describe, expect, it } from 'vitest';
import { annexBlocks, formBlocks, missingWetSignatures, noticeBlocks, paperBlocks } from '../../src-main/domain';
import { emergencySignatureBlocks, noticeSignatureBlocks, signatureBlocksOf } from '../../src-main/pdf';
import type { ChangeFormState, ChangeState } from '../../src-main/shared/schemas/change-form';
import { emergencyIn, formIn } from './forms';

// The domain says which signature blocks a printed form has (§27 names them by id); the PDF kit
// prints exactly those, with the same labels and articles.

const ctx = { printedAt: '2026-11-28T10:00+08:00', terminal: 'OPS·test' };
const head = (b: { id: string; label: string; article?: string }) => ({ id: b.id, label: b.label, article: b.article });

const STATES: ChangeState[] = ['draft', 'pending_dept_approval', 'planning', 'scheduled', 'implemented', 'pending_archive', 'archived'];

function forms(): Array<[string, ChangeFormState]> {
  return [
    ...STATES.map((s): [string, ChangeFormState] => [s, formIn(s)]),
    ['emergency followup', emergencyIn('emergency_followup')],
    ['emergency end', emergencyIn('end')],
  ];
}

describe('signature blocks: domain and print agree', () => {
  it('prints the blocks of every part, the annex and the notice that the domain lists, in order', () => {
    for (const [name, form] of forms()) {
      expect(signatureBlocksOf(form, 'all', ctx).map(head), name).toEqual(formBlocks(form).map(head));
      for (const part of ['1', '2', '3', 'post'] as const) expect(signatureBlocksOf(form, part, ctx).map(head), `${name} ${part}`).toEqual(formBlocks(form, part).map(head));
      expect(emergencySignatureBlocks(form).map(head), name).toEqual(annexBlocks(form).map(head));
      expect(noticeSignatureBlocks(form).map(head), name).toEqual(noticeBlocks(form).map(head));
    }
  });

  it('a block is signed in the domain exactly when the print shows an electronic record (but the §19 receipts, paper only)', () => {
    for (const [name, form] of forms()) {
      const printed = [...signatureBlocksOf(form, 'all', ctx), ...(form.emergency ? emergencySignatureBlocks(form) : [])];
      const domain = new Map(paperBlocks(form).map((b) => [b.id, b]));
      for (const p of printed) {
        const d = domain.get(p.id);
        // An emergency's part 二 is completed in 补单 (§23): its paper is signed then, though the print shows no submit.
        if (p.id === 'part2.coordinator' && form.emergency) continue;
        expect([name, p.id, p.record !== undefined]).toEqual([name, p.id, d?.signed !== undefined]);
      }
    }
  });

  it('§27: an archived form has every block recorded; a form waiting for the archive misses all but none of the inapplicable ones', () => {
    expect(missingWetSignatures(formIn('archived'))).toEqual([]);
    const waiting = formIn('pending_archive');
    expect(missingWetSignatures(waiting).map((b) => b.id)).toEqual(paperBlocks(waiting).filter((b) => b.id !== 'post.archivist').map((b) => b.id));
    // §24: tested before implementation, the annex's 补测 block has nothing to sign.
    const tested = emergencyIn('end');
    expect(annexBlocks({ ...tested, emergency: { ...tested.emergency!, testedBefore: true } }).find((b) => b.id === 'annex.retestTester')?.applies).toBe(false);
  });
});
