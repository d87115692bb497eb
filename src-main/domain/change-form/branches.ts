import { CHANGE_COMMAND_LABELS, CHANGE_STATES, type ChangeCommandName, type ChangeFormState, type ConflictBranch, type FormConflict } from '../../shared/schemas/change-form';
import { ROLES, type RoleCode } from '../../shared/schemas/roles';
import { waitingScope } from './actions';
import { applyChangeEvent } from './apply';
import { refuse, rolesText, type Refusal } from './guards';
import type { Actor, ChangeEvent } from './types';

// A form's events form a tree, not always a line (issue 5, architecture.md Data): two terminals
// that share no network can both move a form from the same state. Both branches stay in the log;
// the form shows both and takes no other step until a person chooses one. The choice is itself an
// event, `conflict.resolved`, that travels in bundles like any other, so every terminal that has
// the same events shows the same form.

export const CONFLICT_RESOLVED = 'conflict.resolved';

export interface ConflictResolution {
  /** The event both branches extend. */
  parent: string;
  /** The tip of the chosen branch. */
  chosen: string;
  /** The tips of the branches set aside. */
  rejected: string[];
}

/** The parent whose state an event builds on (a resolution builds on the branch it chose). */
function mainParent(e: ChangeEvent, previous: string | undefined): string | undefined {
  if (e.type === CONFLICT_RESOLVED) return (e.payload as ConflictResolution).chosen;
  return e.parents ? e.parents[0] : previous;
}

/** The settled state of a branch: its own fields without a conflict that another tip shows. */
function settled(s: ChangeFormState): ChangeFormState {
  if (!s.conflict) return s;
  const { conflict: _c, ...rest } = s;
  return rest;
}

class StreamTree {
  readonly states = new Map<string, ChangeFormState>();
  readonly main = new Map<string, string | undefined>();
  readonly order = new Map<string, number>();
  readonly byId = new Map<string, ChangeEvent>();
  private readonly referenced = new Set<string>();
  private last: string | undefined;

  add(e: ChangeEvent): void {
    const parent = mainParent(e, this.last);
    const base = parent === undefined ? undefined : this.states.get(parent);
    if (parent !== undefined && !base) throw new Error(`变更单 ${e.formId} 的事件 ${e.id} 所依据的事件 ${parent} 不在该单的记录中`);
    const state = e.type === CONFLICT_RESOLVED ? this.resolved(e, base!) : applyChangeEvent(base && settled(base), e);
    this.states.set(e.id, state);
    this.main.set(e.id, parent);
    this.order.set(e.id, this.order.size);
    this.byId.set(e.id, e);
    for (const p of e.parents ?? (parent === undefined ? [] : [parent])) this.referenced.add(p);
    if (e.type === CONFLICT_RESOLVED) for (const p of (e.payload as ConflictResolution).rejected) this.referenced.add(p);
    this.last = e.id;
  }

  /** From `id` back to the form's creation, following each event's main parent. */
  chain(id: string): string[] {
    const out: string[] = [];
    for (let at: string | undefined = id; at !== undefined; at = this.main.get(at)) out.push(at);
    return out;
  }

  private resolved(e: ChangeEvent, chosen: ChangeFormState): ChangeFormState {
    const r = e.payload as ConflictResolution;
    if (!e.parents?.includes(r.chosen)) throw new Error(`冲突处理事件 ${e.id} 选定的事件不在其依据的事件中`);
    const keep = new Set(this.chain(r.chosen));
    const superseded = new Set(chosen.superseded ?? []);
    for (const tip of r.rejected) {
      if (!this.states.has(tip)) throw new Error(`冲突处理事件 ${e.id} 放弃的事件 ${tip} 不在该单的记录中`);
      for (const id of this.chain(tip)) {
        if (keep.has(id)) break;
        superseded.add(id);
      }
    }
    return { ...settled(chosen), superseded: [...superseded], updatedAt: e.time, version: chosen.version + 1, head: [e.id] };
  }

  tips(): string[] {
    return [...this.states.keys()].filter((id) => !this.referenced.has(id));
  }
}

/** Who may choose between the branches: see conflictResolvers. */
function resolvers(from: ChangeFormState): Pick<FormConflict, 'resolverRoles' | 'resolverUnit'> {
  const scope = waitingScope(from);
  const roles = [...new Set<RoleCode>([...scope.roles, 'ops_head'])];
  return roles.some((r) => ROLES[r].unit === 'business') ? { resolverRoles: roles, resolverUnit: from.applicant.unitCode } : { resolverRoles: roles };
}

function conflictOf(tree: StreamTree, tips: string[]): ChangeFormState {
  const chains = tips.map((t) => tree.chain(t));
  const shared = chains.slice(1).reduce((acc, c) => new Set(c.filter((id) => acc.has(id))), new Set(chains[0]));
  // The fork: the latest event every branch has; each branch is what follows it.
  const parent = chains[0]!.find((id) => shared.has(id));
  if (parent === undefined) throw new Error('变更单的多个分支没有共同的起点');
  const branches: ConflictBranch[] = chains
    .map((c) => c.slice(0, c.indexOf(parent)).reverse())
    .sort((a, b) => tree.order.get(a[0]!)! - tree.order.get(b[0]!)!)
    .map((events) => {
      const tip = events[events.length - 1]!;
      const first = tree.byId.get(events[0]!)!;
      return { tip, events, state: tree.states.get(tip)!.state, first: { type: first.type, name: first.authorName, role: first.role, time: first.time } };
    });
  const from = settled(tree.states.get(parent)!);
  // Until someone chooses, the form reads as the branch this terminal had first; the others are shown beside it.
  const shown = settled(tree.states.get(branches[0]!.tip)!);
  return { ...shown, head: branches.map((b) => b.tip), conflict: { parent, fromState: from.state, branches, ...resolvers(from) } };
}

/**
 * The form after all its events, given in log order: the one branch's state, or — while two
 * terminals' branches wait for a person's choice — the first branch's state with the conflict.
 */
export function foldChangeStream(events: readonly ChangeEvent[]): ChangeFormState | undefined {
  const tree = new StreamTree();
  for (const e of events) tree.add(e);
  const tips = tree.tips();
  if (tips.length <= 1) return tips[0] === undefined ? undefined : tree.states.get(tips[0]);
  return conflictOf(tree, tips);
}

/**
 * One more event on a form. Along a line (the usual case) it is the reducer's step; an event that
 * does not extend the form's head, or any event while a conflict is open, refolds the stream from
 * its earlier events (given in log order, without `event`), so that an incremental update and a
 * rebuild give the same form.
 */
export function applyInStream(form: ChangeFormState | undefined, event: ChangeEvent, earlier: () => readonly ChangeEvent[]): ChangeFormState {
  const extendsHead = form === undefined ? !event.parents?.length : event.parents === undefined || (form.head.length === 1 && event.parents[0] === form.head[0]);
  if (!form?.conflict && extendsHead && event.type !== CONFLICT_RESOLVED) return applyChangeEvent(form, event);
  const state = foldChangeStream([...earlier(), event]);
  if (!state) throw new Error(`变更单 ${event.formId} 没有记录`);
  return state;
}

/**
 * Who may choose between the branches: the role that acts at the step both terminals took (it
 * is that role's decision that was made twice; a business role for the applicant's unit only,
 * §9, §18), or the 运行维护中心负责人, who accepts and coordinates every change (§6(3)1, §10)
 * and approves its assessment, plan and implementation (§13, §21).
 */
export function conflictResolvers(form: ChangeFormState, actor: Actor): RoleCode | Refusal {
  const c = form.conflict;
  if (!c) return refuse('INVALID_STATE', `变更单 ${form.formNo} 没有待处理的冲突`);
  const role = c.resolverRoles.find((r) => actor.roles.includes(r) && (ROLES[r].unit !== 'business' || c.resolverUnit === undefined || actor.unitCode === c.resolverUnit));
  if (role) return role;
  return refuse(
    'FORBIDDEN_ROLE',
    `无权处理此冲突：两个终端都在「${CHANGE_STATES[c.fromState]}」办理了该单，须由${rolesText(c.resolverRoles)}选定其一（第6条(3)、第10条）`,
  );
}

/** §6(3), §10: while two branches wait for a choice, the form takes no other step. */
export function conflictRefusal(form: ChangeFormState): Refusal | undefined {
  if (!form.conflict) return undefined;
  return refuse('INVALID_STATE', `变更单 ${form.formNo} 在两个终端上有不同的办理结果（冲突），须先选定其一后才能继续办理`);
}

/** The label of a branch's first event, for people. */
export function branchLabel(b: ConflictBranch): string {
  const verb = b.first.type.startsWith('change.') ? (b.first.type.slice('change.'.length) as ChangeCommandName) : undefined;
  return (verb && CHANGE_COMMAND_LABELS[verb]) ?? b.first.type;
}
