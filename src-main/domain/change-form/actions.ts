import {
  CHANGE_COMMAND_LABELS,
  CHANGE_COMMAND_NAMES,
  type ChangeAction,
  type ChangeCommandName,
  type ChangeFormState,
} from '../../shared/schemas/change-form';
import type { RoleCode } from '../../shared/schemas/roles';
import { isRefusal, permission } from './decide';
import { postReviewRequired } from './rules';
import type { DecisionContext } from './types';
import { BACKUP_ROLES, IMPLEMENTER_ROLES, VERBS, type Verb } from './verbs';

// What the UI offers and the inbox lists. availableActions runs the very guards decideChange
// runs (permission()), so a disabled button and a refused call give the same reason.

/**
 * The verbs that apply in the form's state, each allowed or refused with its reason; and, for
 * the roles the actor holds, the verbs of a later step whose refusal here says what must come
 * first (a stateHint, e.g. §23 authorisation before the §25 backup). Verbs of other steps
 * (WRONG_STEP) are left out.
 */
export function availableActions(form: ChangeFormState | undefined, ctx: DecisionContext): ChangeAction[] {
  if (!form) {
    const allowed = VERBS.create.roles.some((r) => ctx.actor.roles.includes(r));
    return [
      {
        name: 'create',
        label: CHANGE_COMMAND_LABELS.create,
        allowed,
        ...(allowed ? {} : { reason: '无权办理「新建变更申请」：须由申请人或部门负责人办理（第8条）', code: 'FORBIDDEN_ROLE' as const }),
      },
    ];
  }
  const out: ChangeAction[] = [];
  for (const name of CHANGE_COMMAND_NAMES) {
    const verb = VERBS[name] as Verb<ChangeCommandName>;
    if (!verb.states.includes(form.state)) {
      const hint = verb.stateHints?.[form.state];
      if (hint && verb.roles.some((r) => ctx.actor.roles.includes(r))) {
        out.push({ name, label: CHANGE_COMMAND_LABELS[name], allowed: false, reason: hint, code: 'INVALID_STATE' });
      }
      continue;
    }
    const p = permission(name, form, ctx);
    if (isRefusal(p)) {
      out.push({ name, label: CHANGE_COMMAND_LABELS[name], allowed: false, reason: p.message, code: p.code });
    } else {
      const warning = verb.warn?.(form, p.ctx);
      out.push({ name, label: CHANGE_COMMAND_LABELS[name], allowed: true, ...(warning ? { warning } : {}) });
    }
  }
  return out;
}

export interface WaitingScope {
  roles: RoleCode[];
  /** Only this user (a draft waits for its own applicant). */
  userId?: string;
  /** A 部门负责人 / 申请人 step waits only in the applicant's unit (§9, §18). */
  unitCode?: string;
}

function pushIf(list: RoleCode[], cond: boolean, ...roles: readonly RoleCode[]): void {
  if (cond) for (const r of roles) if (!list.includes(r)) list.push(r);
}

/** Who acts next, with the scope that narrows it (for the inbox). */
export function waitingScope(form: ChangeFormState): WaitingScope {
  const unit = form.applicant.unitCode;
  const p3 = form.part3;
  const e = form.emergency;
  switch (form.state) {
    case 'draft':
      // §23: an emergency draft waits for the applicant unit's head to ask for it.
      return form.part1.urgency === '特急'
        ? { roles: ['dept_head'], unitCode: unit }
        : { roles: ['applicant', 'dept_head'], userId: form.applicant.userId };
    case 'pending_dept_approval':
    case 'pending_applicant_confirm':
      return { roles: ['dept_head'], unitCode: unit };
    case 'pending_assessment':
      return { roles: ['ops_coordinator'] };
    case 'pending_assessment_approval':
      return { roles: ['ops_head'] };
    case 'planning':
    case 'pending_impl_approval': {
      const roles: RoleCode[] = [form.state === 'planning' ? 'ops_coordinator' : 'ops_head'];
      pushIf(roles, !p3.itTest, 'tester');
      pushIf(roles, !p3.preReview, 'security_reviewer');
      return p3.userTest ? { roles } : { roles: [...roles, 'applicant', 'dept_head'], unitCode: unit };
    }
    case 'scheduled':
      return { roles: [...IMPLEMENTER_ROLES] };
    case 'implemented':
    case 'rolled_back':
      return { roles: ['ops_coordinator', 'ops_head'] };
    case 'pending_post_review':
      return { roles: ['security_reviewer'] };
    case 'pending_archive':
      return { roles: [form.result.archiveReview ? 'archivist' : 'it_head'] };
    case 'emergency_pending_auth':
      return { roles: ['ops_head'] };
    case 'emergency_pending_backup':
      return { roles: [...BACKUP_ROLES] };
    case 'emergency_pending_impl':
      return { roles: [...IMPLEMENTER_ROLES] };
    case 'emergency_followup': {
      const roles: RoleCode[] = [];
      pushIf(roles, !e?.paperwork, 'ops_coordinator', 'ops_head');
      pushIf(roles, e?.testedBefore === false && !e.retest, 'tester');
      pushIf(roles, postReviewRequired(form) && !form.result.postReview, 'security_reviewer');
      return { roles };
    }
    case 'emergency_log_review': {
      const roles: RoleCode[] = [];
      pushIf(roles, !e?.logReview.ops, 'ops_head', 'ops_coordinator');
      if (!e?.logReview.applicant) return { roles: [...roles, 'dept_head'], ...(roles.length === 0 ? { unitCode: unit } : {}) };
      return { roles };
    }
    case 'not_recommended':
    case 'to_project':
    case 'archived':
    case 'withdrawn':
      return { roles: [] };
  }
}

/** Roles someone must act in next (core-interface.md). */
export function waitingRoles(form: ChangeFormState): RoleCode[] {
  return waitingScope(form).roles;
}
