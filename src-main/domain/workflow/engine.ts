import type { SignedRecord } from '../../shared/schemas/change-form';
import type { FormApproval, ProjectAction, ProjectFormBase } from '../../shared/schemas/project-forms';
import { roleLabel, type RoleCode } from '../../shared/schemas/roles';
import { isOpsSide, refuse, rolesText, type Refusal } from '../change-form/guards';
import type { Actor, ChangeEvent, DecisionContext, Decision } from '../change-form/types';

// A form's workflow as a table of verbs, for any form but the change form's own: who may do a
// verb (a), segregation of duties (b), the fields it needs (c), the policy rules (d), where it
// leads and how its event folds into the form. decide, apply and availableActions read the one
// table, so a disabled button and a refused call give the same reason (as for 附件1).

/** Someone in the directory, for verbs that name a person (责任人, 监督的系统管理员). */
export interface Person {
  userId: string;
  name: string;
  unitCode: string;
  roles: RoleCode[];
}

export interface FlowContext extends DecisionContext {
  /** Looks a person up in the directory (the service hands it in; the domain reads nothing). */
  people?: (userId: string) => Person | undefined;
}

export interface WorkflowContext extends FlowContext {
  role: RoleCode;
}

export type Scope = 'any' | 'creator' | 'applicant_unit';

export interface VerbDef<S extends ProjectFormBase> {
  roles: readonly RoleCode[];
  article: string;
  /** States the verb applies in. */
  states: readonly string[];
  scope?: (role: RoleCode, form: S) => Scope;
  /** §5(5): an approval, never by the applicant. */
  approval?: boolean;
  /** Checks on the form that need no input (shown on the button too). */
  guard?: (form: S, ctx: WorkflowContext) => Refusal | undefined;
  /** Checks of the input against the form. */
  input?: (form: S, input: Record<string, unknown>, ctx: WorkflowContext) => Refusal | undefined;
  next?: (form: S, input: Record<string, unknown>, ctx: WorkflowContext) => string | undefined;
  /** The event payload without `to`; default the input. */
  payload?: (form: S, input: Record<string, unknown>, ctx: WorkflowContext) => Record<string, unknown>;
  /** Folds the event into the form (the state change is done by the engine). */
  reduce?: (form: S, payload: Record<string, unknown>, signed: SignedRecord) => S;
  /** A button-time warning. */
  warn?: (form: S, ctx: WorkflowContext) => string | undefined;
}

export interface Workflow<S extends ProjectFormBase> {
  /** Event types are `<prefix>.<verb>`. */
  prefix: string;
  /** 上线申请 / 发布申请 / 访问登记: in refusals. */
  noun: string;
  labels: Record<string, string>;
  stateLabel: (form: S, state: string) => string;
  transitions: Readonly<Record<string, readonly string[]>>;
  create: {
    roles: readonly RoleCode[];
    article: string;
    input?: (input: Record<string, unknown>, ctx: WorkflowContext) => Refusal | undefined;
    make: (input: Record<string, unknown>, base: ProjectFormBase, signed: SignedRecord) => S;
  };
  verbs: Record<string, VerbDef<S>>;
}

export function signedOf(s: { userId: string; name: string; role: RoleCode; time: string }): SignedRecord {
  return { userId: s.userId, name: s.name, role: s.role, time: s.time };
}

export function withApproval<S extends ProjectFormBase>(form: S, step: string, s: SignedRecord, agree: boolean, opinion?: unknown): S {
  const a: FormApproval = { step, ...s, agree, ...(typeof opinion === 'string' && opinion ? { opinion } : {}) };
  return { ...form, approvals: [...form.approvals, a] };
}

function roleRefusal<S extends ProjectFormBase>(wf: Workflow<S>, name: string, verb: VerbDef<S>, form: S, actor: Actor, role: RoleCode): Refusal | undefined {
  const label = wf.labels[name] ?? name;
  const scope = verb.scope?.(role, form) ?? 'any';
  if (scope === 'creator' && actor.userId !== form.applicant.userId) {
    return refuse('FORBIDDEN_ROLE', `无权办理「${label}」：只有申请人本人（${form.applicant.name}）可以办理（${verb.article}）`);
  }
  if (scope === 'applicant_unit' && actor.unitCode !== form.applicant.unitCode) {
    return refuse('FORBIDDEN_ROLE', `无权办理「${label}」：须由申请部门的${roleLabel(role)}办理（${verb.article}）`);
  }
  // §17(4): production and development are kept apart; a 开发人员 never acts ops-side on a form,
  // and whoever acted ops-side on it does not act there as 开发人员.
  const acted = form.participants[actor.userId] ?? [];
  if (isOpsSide(role) && (actor.roles.includes('developer') || acted.includes('developer'))) {
    return refuse('SEGREGATION', `违反第17条(4)：开发人员不得在同一${wf.noun}上担任运行维护中心职责（${roleLabel(role)}）`);
  }
  if (role === 'developer' && acted.some(isOpsSide)) {
    return refuse('SEGREGATION', `违反第17条(4)：已在本${wf.noun}上担任运行维护中心职责的人员不得再以开发人员身份参与`);
  }
  if (verb.approval && actor.userId === form.applicant.userId) {
    return refuse('SEGREGATION', `违反第5条(5)监督制约原则：不得审核或批准本人提交的${wf.noun}`);
  }
  return undefined;
}

/** State, role, segregation and the verb's guard: everything but the input. */
export function permissionOf<S extends ProjectFormBase>(wf: Workflow<S>, name: string, form: S, ctx: FlowContext): { role: RoleCode; ctx: WorkflowContext } | Refusal {
  const verb = wf.verbs[name];
  const label = wf.labels[name] ?? name;
  if (!verb) return refuse('INVALID_STATE', `没有「${name}」这一操作`);
  if (!verb.states.includes(form.state)) return refuse('INVALID_STATE', `「${label}」不能在「${wf.stateLabel(form, form.state)}」状态下办理`);
  const roles = verb.roles.filter((r) => ctx.actor.roles.includes(r));
  if (roles.length === 0) return refuse('FORBIDDEN_ROLE', `无权办理「${label}」：须由${rolesText(verb.roles)}办理（${verb.article}）`);
  let first: Refusal | undefined;
  for (const role of roles) {
    const wctx: WorkflowContext = { ...ctx, role };
    const refusal = roleRefusal(wf, name, verb, form, ctx.actor, role) ?? verb.guard?.(form, wctx);
    if (!refusal) return { role, ctx: wctx };
    first ??= refusal;
  }
  return first as Refusal;
}

function isRefusal(x: { role: RoleCode } | Refusal): x is Refusal {
  return 'code' in x;
}

/** command + current form → the event to record, or a refusal citing the rule. */
export function decideWorkflow<S extends ProjectFormBase>(wf: Workflow<S>, form: S | undefined, name: string, input: Record<string, unknown>, ctx: FlowContext): Decision {
  if (name === 'create') {
    if (form) return { ok: false, code: 'INVALID_STATE', message: `${wf.noun}已存在` };
    if (!ctx.newFormId || !ctx.newFormNo) throw new Error('create 需要由调用方提供 newFormId 与 newFormNo');
    const role = wf.create.roles.find((r) => ctx.actor.roles.includes(r));
    if (!role) return { ok: false, code: 'FORBIDDEN_ROLE', message: `无权办理「${wf.labels.create}」：须由${rolesText(wf.create.roles)}办理（${wf.create.article}）` };
    const refusal = wf.create.input?.(input, { ...ctx, role });
    if (refusal) return { ok: false, ...refusal };
    return { ok: true, events: [{ type: `${wf.prefix}.create`, role, payload: { formNo: ctx.newFormNo, applicant: { userId: ctx.actor.userId, name: ctx.actor.name, unitCode: ctx.actor.unitCode }, input } }] };
  }
  if (!form) return { ok: false, code: 'NOT_FOUND', message: `${wf.noun}不存在` };
  const allowed = permissionOf(wf, name, form, ctx);
  if (isRefusal(allowed)) return { ok: false, ...allowed };
  const verb = wf.verbs[name] as VerbDef<S>;
  const bad = verb.input?.(form, input, allowed.ctx);
  if (bad) return { ok: false, ...bad };
  const to = verb.next?.(form, input, allowed.ctx);
  if (to !== undefined && to !== form.state && !(wf.transitions[form.state] ?? []).includes(to)) {
    throw new Error(`状态机错误：${form.state} → ${to} 不是流程中的一步`);
  }
  const payload = verb.payload ? verb.payload(form, input, allowed.ctx) : { ...input };
  if (to !== undefined && to !== form.state) payload.to = to;
  return { ok: true, events: [{ type: `${wf.prefix}.${name}`, role: allowed.role, payload }] };
}

/** The reducer: folds one signed event into the form; refuses an event that would skip a state. */
export function applyWorkflow<S extends ProjectFormBase>(wf: Workflow<S>, form: S | undefined, event: ChangeEvent): S {
  const name = event.type.startsWith(`${wf.prefix}.`) ? event.type.slice(wf.prefix.length + 1) : '';
  const p = (event.payload ?? {}) as Record<string, unknown>;
  const s: SignedRecord = { userId: event.author, name: event.authorName, role: event.role, time: event.time };
  if (name === 'create') {
    if (form) throw new Error(`${wf.noun}已存在，不能再次创建`);
    const c = p as { formNo: string; applicant: ProjectFormBase['applicant']; input: Record<string, unknown> };
    const base: ProjectFormBase = {
      kind: 'golive',
      formId: event.formId,
      formNo: c.formNo,
      state: '',
      createdAt: event.time,
      updatedAt: event.time,
      applicant: c.applicant,
      approvals: [],
      participants: { [event.author]: [event.role] },
      version: 1,
      head: [event.id],
    };
    return wf.create.make(c.input, base, s);
  }
  const verb = wf.verbs[name];
  if (!verb) throw new Error(`未知的事件类型：${event.type}`);
  if (!form) throw new Error(`${wf.noun} ${event.formId} 尚未创建，不能应用 ${event.type}`);
  const to = p.to as string | undefined;
  if (to !== undefined && !(wf.transitions[form.state] ?? []).includes(to)) {
    throw new Error(`${wf.noun} ${form.formNo} 不能从「${wf.stateLabel(form, form.state)}」直接变为「${wf.stateLabel(form, to)}」（事件 ${event.id}）`);
  }
  const reduced = verb.reduce ? verb.reduce(form, p, s) : form;
  const acted = form.participants[event.author];
  const participants = acted?.includes(event.role) ? form.participants : { ...form.participants, [event.author]: [...(acted ?? []), event.role] };
  return { ...reduced, state: to ?? form.state, participants, updatedAt: event.time, version: form.version + 1, head: [event.id] };
}

/** The verbs of the form's state, each allowed or refused with the reason decide would give. */
export function workflowActions<S extends ProjectFormBase>(wf: Workflow<S>, form: S | undefined, ctx: FlowContext): ProjectAction[] {
  if (!form) {
    const allowed = wf.create.roles.some((r) => ctx.actor.roles.includes(r));
    return [{ name: 'create', label: wf.labels.create ?? 'create', allowed, ...(allowed ? {} : { code: 'FORBIDDEN_ROLE' as const, reason: `须由${rolesText(wf.create.roles)}办理（${wf.create.article}）` }) }];
  }
  const out: ProjectAction[] = [];
  for (const [name, verb] of Object.entries(wf.verbs)) {
    if (name === 'create' || !verb.states.includes(form.state)) continue;
    const p = permissionOf(wf, name, form, ctx);
    const label = wf.labels[name] ?? name;
    if (isRefusal(p)) out.push({ name, label, allowed: false, reason: p.message, code: p.code });
    else {
      const warning = verb.warn?.(form, p.ctx);
      out.push({ name, label, allowed: true, ...(warning ? { warning } : {}) });
    }
  }
  return out;
}

/** Every state reachable from `from` (tests show none is orphaned). */
export function reachable(transitions: Readonly<Record<string, readonly string[]>>, from: string): Set<string> {
  const seen = new Set([from]);
  const queue = [from];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const t of transitions[s] ?? []) {
      if (seen.has(t)) continue;
      seen.add(t);
      queue.push(t);
    }
  }
  return seen;
}

export { refuse, type Refusal };
