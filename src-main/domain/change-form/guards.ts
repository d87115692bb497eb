import { CHANGE_COMMAND_LABELS, type ChangeCommandName, type ChangeFormState } from '../../shared/schemas/change-form';
import { OPS_SIDE_ROLES, roleLabel, type RoleCode } from '../../shared/schemas/roles';
import type { Actor, RefusalCode } from './types';

// Who may act: (a) the actor's role, (b) segregation of duties. The same functions answer
// decideChange and availableActions, so a disabled button and a refused call say the same thing.

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export function refuse(code: RefusalCode, message: string): Refusal {
  return { code, message };
}

/** Where a verb may be done from, among the holders of its roles. */
export type Scope =
  /** anyone holding the role */
  | 'any'
  /** only the user who created the form (申请人 edits and submits their own draft) */
  | 'creator'
  /** the creator, or a 部门负责人 of the applicant unit */
  | 'creator_or_unit_head'
  /** someone of the applicant unit (§9 部门负责人 signs for their own department) */
  | 'applicant_unit';

/** `运行维护中心负责人、受理人或部门负责人` */
export function rolesText(roles: readonly RoleCode[]): string {
  const labels = roles.map(roleLabel);
  const last = labels.pop();
  return labels.length === 0 ? (last ?? '') : `${labels.join('、')}或${last}`;
}

/** (a) The actor's roles that the verb accepts; a refusal when none. */
export function candidateRoles(
  verb: ChangeCommandName,
  roles: readonly RoleCode[],
  actor: Actor,
  article: string,
): RoleCode[] | Refusal {
  const held = roles.filter((r) => actor.roles.includes(r));
  if (held.length > 0) return held;
  return refuse('FORBIDDEN_ROLE', `无权办理「${CHANGE_COMMAND_LABELS[verb]}」：须由${rolesText(roles)}办理（${article}）`);
}

/** (a) Scope: whose form it is. */
export function scopeRefusal(scope: Scope, verb: ChangeCommandName, form: ChangeFormState, actor: Actor, role: RoleCode): Refusal | undefined {
  const label = CHANGE_COMMAND_LABELS[verb];
  const isCreator = actor.userId === form.applicant.userId;
  const sameUnit = actor.unitCode === form.applicant.unitCode;
  switch (scope) {
    case 'any':
      return undefined;
    case 'creator':
      return isCreator ? undefined : refuse('FORBIDDEN_ROLE', `无权办理「${label}」：只有申请人本人（${form.applicant.name}）可以办理（第8条）`);
    case 'creator_or_unit_head':
      return isCreator || (role === 'dept_head' && sameUnit)
        ? undefined
        : refuse('FORBIDDEN_ROLE', `无权办理「${label}」：须由申请人本人或申请部门负责人办理（第8条、第9条）`);
    case 'applicant_unit':
      return sameUnit
        ? undefined
        : refuse('FORBIDDEN_ROLE', `无权办理「${label}」：须由申请部门（${form.part1.applicantUnitName || form.applicant.unitCode}）的${roleLabel(role)}办理（第9条）`);
  }
}

/** §5(5) 监督制约: nobody approves, reviews or signs off what they applied for. */
export function selfApprovalRefusal(form: ChangeFormState, actor: Actor): Refusal | undefined {
  if (actor.userId === form.applicant.userId) return refuse('SEGREGATION', '违反第5条(5)监督制约原则：不得审批或签认本人申请的变更');
  if (form.emergency && actor.userId === form.emergency.requestedBy.userId) {
    return refuse('SEGREGATION', '违反第5条(5)监督制约原则：紧急变更的提出人不得审批或签认本人提出的紧急变更');
  }
  return undefined;
}

/** §5(5): the one who prepared a step (评估, 计划) does not approve it. */
export function preparerRefusal(form: ChangeFormState, actor: Actor, preparedBy: ChangeCommandName, what: string): Refusal | undefined {
  for (let i = form.approvals.length - 1; i >= 0; i -= 1) {
    const a = form.approvals[i];
    if (a?.step !== preparedBy) continue;
    return a.userId === actor.userId ? refuse('SEGREGATION', `违反第5条(5)监督制约原则：不得审批本人提交的${what}`) : undefined;
  }
  return undefined;
}

const OPS_SIDE = new Set<RoleCode>(OPS_SIDE_ROLES);

export function isOpsSide(role: RoleCode): boolean {
  return OPS_SIDE.has(role);
}

/**
 * §17(4)–(8): 已投产系统 and development are kept apart. A 开发人员 never acts in an ops-side role
 * on a form, and someone who acted ops-side on it does not act there as 开发人员.
 */
export function developerRefusal(form: ChangeFormState, actor: Actor, role: RoleCode): Refusal | undefined {
  const acted = form.participants[actor.userId] ?? [];
  if (isOpsSide(role)) {
    if (actor.roles.includes('developer') || acted.includes('developer')) {
      return refuse('SEGREGATION', `违反第17条(4)：开发人员不得在同一变更单上担任运行维护中心职责（${roleLabel(role)}）`);
    }
  } else if (role === 'developer' && acted.some(isOpsSide)) {
    return refuse('SEGREGATION', '违反第17条(4)：已在本变更单上担任运行维护中心职责的人员不得再以开发人员身份参与');
  }
  return undefined;
}
