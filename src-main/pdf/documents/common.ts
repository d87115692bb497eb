import type { PaperBlock } from '../../domain';
import type { Approval, SignedRecord } from '../../shared/schemas/change-form';
import { roleLabel } from '../../shared/schemas/roles';
import type { ElectronicRecord, SignatureSpec } from '../layout/blocks';
import { printTime } from '../layout/page';
import type { PrintContext } from '../layout/types';

/** What a document function may know besides the form: where it prints and the registers' names. */
export interface DocumentContext extends PrintContext {
  /** System code → name from the system register (涉及系统 prints as 名称（代码）). */
  systemNames?: Record<string, string>;
  /** Unit code → name from the directory (相关业务部门, 项目组 print as the unit's name). */
  unitNames?: Record<string, string>;
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

/** A unit as people name it: 零售业务部, not RETAIL (the code when the directory does not know it). */
export function unitText(code: string | undefined, names: Record<string, string> = {}): string {
  return code ? (names[code] ?? code) : '';
}

/** The electronic record of a signed step, as a signature block prints it. */
export function recordOf(s: SignedRecord | undefined, opinion?: string, agree?: boolean): ElectronicRecord | undefined {
  if (!s) return undefined;
  return { name: s.name, roleLabel: roleLabel(s.role), time: when(s.time), ...(agree !== undefined ? { agree } : {}), ...(opinion ? { opinion } : {}) };
}

export { standing } from '../../domain';

/** A domain signature block as printed: its electronic record, or what the empty block says. */
export function printedBlock(block: PaperBlock | undefined, shown: { record: ElectronicRecord | undefined } | { pendingText: string }): SignatureBlock {
  if (!block) throw new Error('签字栏不在该部分（domain 与打印不一致）');
  return { id: block.id, label: block.label, article: block.article, ...shown };
}

export function approvalRecord(a: Approval | undefined): ElectronicRecord | undefined {
  return a ? recordOf(a, a.opinion, a.agree) : undefined;
}

/** 是 / 否 / blank for a yes-no field in running text. */
export function yesNoText(v: boolean | undefined, yes = '是', no = '否'): string {
  return v === undefined ? '' : v ? yes : no;
}
