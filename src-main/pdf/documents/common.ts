import type { Approval, ChangeCommandName, ChangeFormState, SignedRecord } from '../../shared/schemas/change-form';
import { roleLabel } from '../../shared/schemas/roles';
import type { ElectronicRecord, SignatureSpec } from '../layout/blocks';
import { printTime } from '../layout/page';
import type { PrintContext } from '../layout/types';

/** What a document function may know besides the form: where it prints and the registers' names. */
export interface DocumentContext extends PrintContext {
  /** System code → name from the system register (涉及系统 prints as 名称（代码）). */
  systemNames?: Record<string, string>;
}

/** A signature block with a stable id: the wet-signature record names blocks by it. */
export interface SignatureBlock extends SignatureSpec {
  id: string;
}

export function when(iso: string | undefined): string {
  return iso ? printTime(iso) : '';
}

export function systemsText(codes: readonly string[] | undefined, names: Record<string, string> = {}): string {
  return (codes ?? []).map((c) => (names[c] && names[c] !== c ? `${names[c]}（${c}）` : c)).join('、');
}

/** The electronic record of a signed step, as a signature block prints it. */
export function recordOf(s: SignedRecord | undefined, opinion?: string, agree?: boolean): ElectronicRecord | undefined {
  if (!s) return undefined;
  return { name: s.name, roleLabel: roleLabel(s.role), time: when(s.time), ...(agree !== undefined ? { agree } : {}), ...(opinion ? { opinion } : {}) };
}

/** The last approval of one of `steps`, if it is `step` (a later return or reschedule undoes it). */
export function standing(form: ChangeFormState, step: ChangeCommandName, undoneBy: readonly ChangeCommandName[] = []): Approval | undefined {
  for (let i = form.approvals.length - 1; i >= 0; i--) {
    const a = form.approvals[i] as Approval;
    if (a.step === step) return a;
    if (undoneBy.includes(a.step)) return undefined;
  }
  return undefined;
}

export function approvalRecord(a: Approval | undefined): ElectronicRecord | undefined {
  return a ? recordOf(a, a.opinion, a.agree) : undefined;
}

/** 是 / 否 / blank for a yes-no field in running text. */
export function yesNoText(v: boolean | undefined, yes = '是', no = '否'): string {
  return v === undefined ? '' : v ? yes : no;
}
