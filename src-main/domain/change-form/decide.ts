import {
  CHANGE_COMMAND_LABELS,
  CHANGE_STATES,
  changeEventType,
  type ChangeCommandInput,
  type ChangeCommandName,
  type ChangeFormState,
} from '../../shared/schemas/change-form';
import type { RoleCode } from '../../shared/schemas/roles';
import { candidateRoles, developerRefusal, refuse, scopeRefusal, selfApprovalRefusal, type Refusal } from './guards';
import { conflictRefusal } from './branches';
import { isTransitionAllowed } from './states';
import type { Actor, ChangeCommand, Decision, DecisionContext } from './types';
import { VERBS, type Verb, type VerbContext } from './verbs';

// decideChange: command + current form → the event to record, or a refusal that cites the rule.
// Checks run in the order of issue 3: state, (a) role, (b) segregation of duties, (c) fields, (d) policy.

export interface Permission {
  role: RoleCode;
  ctx: VerbContext;
}

function stateRefusal(name: ChangeCommandName, form: ChangeFormState): Refusal | undefined {
  const verb = VERBS[name] as Verb<ChangeCommandName>;
  if (verb.states.includes(form.state)) return undefined;
  const hint = verb.stateHints?.[form.state];
  // A step-specific hint says what must come first; the generic refusal only says "another step".
  if (hint) return refuse('INVALID_STATE', hint);
  return refuse('WRONG_STEP', `「${CHANGE_COMMAND_LABELS[name]}」不能在「${CHANGE_STATES[form.state]}」状态下办理`);
}

/** (a)+(b) for one role. */
function roleRefusal(verb: Verb<ChangeCommandName>, name: ChangeCommandName, form: ChangeFormState, actor: Actor, role: RoleCode) {
  return (
    scopeRefusal(verb.scope?.(role, form) ?? 'any', name, form, actor, role) ??
    developerRefusal(form, actor, role) ??
    (verb.approval?.(role) ? selfApprovalRefusal(form, actor) : undefined)
  );
}

/**
 * State, role, segregation and the form-level guard of a verb: everything but the input.
 * Shared by decideChange and availableActions.
 */
export function permission(name: ChangeCommandName, form: ChangeFormState, ctx: DecisionContext): Permission | Refusal {
  const verb = VERBS[name] as Verb<ChangeCommandName>;
  const inState = conflictRefusal(form) ?? stateRefusal(name, form);
  if (inState) return inState;
  const roles = candidateRoles(name, verb.roles, ctx.actor, verb.article);
  if (!Array.isArray(roles)) return roles;
  let first: Refusal | undefined;
  for (const role of roles) {
    const vctx: VerbContext = { ...ctx, role };
    const refusal = roleRefusal(verb, name, form, ctx.actor, role) ?? verb.guard?.(form, vctx);
    if (!refusal) return { role, ctx: vctx };
    first ??= refusal;
  }
  return first as Refusal;
}

export function isRefusal(x: Permission | Refusal): x is Refusal {
  return 'code' in x;
}

function decideCreate(form: ChangeFormState | undefined, input: ChangeCommandInput<'create'>, ctx: DecisionContext): Decision {
  if (form) return { ok: false, code: 'INVALID_STATE', message: '变更单已存在' };
  if (!ctx.newFormId || !ctx.newFormNo) throw new Error('create 需要由调用方提供 newFormId 与 newFormNo');
  const roles = candidateRoles('create', VERBS.create.roles, ctx.actor, VERBS.create.article);
  if (!Array.isArray(roles)) return { ok: false, ...roles };
  const { actor } = ctx;
  return {
    ok: true,
    events: [
      {
        type: changeEventType('create'),
        role: roles[0] as RoleCode,
        payload: {
          formNo: ctx.newFormNo,
          applicant: { userId: actor.userId, name: actor.name, unitCode: actor.unitCode },
          // §8: 申请日期 defaults to today (Beijing).
          part1: { ...input, appliedOn: input.appliedOn ?? ctx.now.slice(0, 10) },
          to: 'draft',
        },
      },
    ],
  };
}

export function decideChange(form: ChangeFormState | undefined, command: ChangeCommand, ctx: DecisionContext): Decision {
  if (command.name === 'create') return decideCreate(form, command.input, ctx);
  if (!form) return { ok: false, code: 'NOT_FOUND', message: '变更单不存在' };
  const name = command.name;
  const verb = VERBS[name] as Verb<ChangeCommandName>;
  const allowed = permission(name, form, ctx);
  if (isRefusal(allowed)) return { ok: false, ...allowed };
  const input = command.input as ChangeCommandInput<ChangeCommandName>;
  const bad = verb.input?.(form, input as never, allowed.ctx);
  if (bad) return { ok: false, ...bad };
  const to = verb.next?.(form, input as never, allowed.ctx);
  if (to !== undefined && !isTransitionAllowed(form.state, to)) {
    throw new Error(`状态机错误：${form.state} → ${to} 不是 domain.md 中的一步`);
  }
  const payload = verb.payload ? verb.payload(form, input as never, allowed.ctx) : { ...input };
  if (to !== undefined && to !== form.state) payload.to = to;
  const warning = verb.warn?.(form, allowed.ctx, input as never);
  return {
    ok: true,
    events: [{ type: changeEventType(name), role: allowed.role, payload }],
    ...(warning ? { warnings: [warning] } : {}),
  };
}
