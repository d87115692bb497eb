import {
  ACCESS_STATES,
  DELIVERY_KINDS,
  PROJECT_KINDS,
  rolloutStateLabel,
  type AccessFormState,
  type DeliveryKind,
  type ProjectFormState,
  type ProjectKind,
  type ProjectSummary,
  type RolloutFormState,
} from '../../shared/schemas/project-forms';
import type { RoleCode } from '../../shared/schemas/roles';
import type { ChangeEvent, Decision } from '../change-form/types';
import { applyWorkflow, decideWorkflow, workflowActions, type FlowContext, type Workflow } from '../workflow';
import type { ProjectAction } from '../../shared/schemas/project-forms';
import { ACCESS_WORKFLOW, accessDueAt } from './access';
import { acceptanceFrom, GOLIVE_ONLY_VERBS, ROLLOUT_WORKFLOWS } from './rollout';

// The three project forms behind one face: decide, apply, actions, who waits, one list row.

export function workflowOf(kind: ProjectKind): Workflow<ProjectFormState> {
  return (kind === 'access' ? ACCESS_WORKFLOW : ROLLOUT_WORKFLOWS[kind]) as unknown as Workflow<ProjectFormState>;
}

/** The kind an event type belongs to (`golive.submit` → golive), or undefined for other streams. */
export function kindOfEvent(type: string): ProjectKind | undefined {
  const prefix = type.slice(0, type.indexOf('.'));
  return Object.prototype.hasOwnProperty.call(PROJECT_KINDS, prefix) ? (prefix as ProjectKind) : undefined;
}

export function decideProject(kind: ProjectKind, form: ProjectFormState | undefined, name: string, input: Record<string, unknown>, ctx: FlowContext): Decision {
  if (form && form.kind !== kind) return { ok: false, code: 'NOT_FOUND', message: `找不到该${PROJECT_KINDS[kind].noun}` };
  return decideWorkflow(workflowOf(kind), form, name, input, ctx);
}

export function applyProjectEvent(form: ProjectFormState | undefined, event: ChangeEvent): ProjectFormState {
  const kind = kindOfEvent(event.type);
  if (!kind) throw new Error(`不是上线、发布或访问登记事件：${event.type}`);
  return applyWorkflow(workflowOf(kind), form, event);
}

export function projectActions(kind: ProjectKind, form: ProjectFormState | undefined, ctx: FlowContext): ProjectAction[] {
  const actions = workflowActions(workflowOf(kind), form, ctx);
  // A release's screen shows no go-live-only verb, not even disabled (the service still refuses it by call).
  return kind === 'release' ? actions.filter((a) => !GOLIVE_ONLY_VERBS.includes(a.name)) : actions;
}

export function projectStateLabel(form: ProjectFormState): string {
  return form.kind === 'access' ? ACCESS_STATES[form.state] : rolloutStateLabel(form.kind, form.state);
}

export interface Waiting {
  role: RoleCode;
  /** '' anyone with the role; `u:<id>` one person; `unit:<code>` the role in one unit (as the change inbox). */
  owner: string;
}

function rolloutWaiting(f: RolloutFormState): Waiting[] {
  const me = `u:${f.applicant.userId}`;
  const out: Waiting[] = [];
  switch (f.state) {
    case 'draft':
      out.push({ role: 'project_manager', owner: me });
      if (!f.testReport && f.application.businessUnit) out.push({ role: 'dept_head', owner: `unit:${f.application.businessUnit}` });
      break;
    case 'pending_pmo':
      out.push({ role: 'pmo_reviewer', owner: '' });
      break;
    case 'pending_it_review':
      if (!f.reviews.security) out.push({ role: 'security_reviewer', owner: '' });
      if (!f.reviews.itHead) out.push({ role: 'it_head', owner: '' });
      break;
    case 'preparing':
      if (f.plan.submitted && !f.plan.approved) out.push({ role: 'it_head', owner: '' }, { role: 'dept_head', owner: `unit:${f.applicant.unitCode}` });
      else if (!f.plan.approved) out.push({ role: 'project_manager', owner: me }, { role: 'ops_coordinator', owner: '' });
      if (f.versionTable && !f.versionTable.received) out.push({ role: 'prod_version_admin', owner: '' });
      if (f.plan.approved) {
        // §29(2)–(4), §33(2)–(3): the project manager owes the deliveries and (go-live) 附件3 first.
        const owed = Object.keys(DELIVERY_KINDS).some((k) => !f.deliveries[k as DeliveryKind]) || (f.kind === 'golive' && !f.versionTable);
        out.push(owed ? { role: 'project_manager', owner: me } : { role: 'ops_coordinator', owner: '' });
      }
      break;
    case 'rolling_out': {
      const open = f.checklist.filter((l) => !l.done);
      for (const l of open) out.push({ role: l.role, owner: `u:${l.assigneeUserId}` });
      if (f.kind === 'golive' && !f.versionComparison) out.push({ role: 'prod_version_admin', owner: '' });
      if (open.length === 0) out.push({ role: 'ops_coordinator', owner: '' });
      break;
    }
    case 'trial_run':
      // §30(13): problems go back to the project team. The acceptance request becomes due by
      // date, which a projection written at event time cannot know: the inbox asks by date.
      if (f.trial.problems.some((p) => !p.resolution)) out.push({ role: 'project_manager', owner: '' }, { role: 'developer', owner: '' });
      break;
    case 'pending_acceptance':
      out.push({ role: 'it_head', owner: '' });
      break;
    case 'in_production':
    case 'withdrawn':
      break;
  }
  const seen = new Set<string>();
  return out.filter((w) => !seen.has(`${w.role}|${w.owner}`) && !!seen.add(`${w.role}|${w.owner}`));
}

function accessWaiting(f: AccessFormState): Waiting[] {
  switch (f.state) {
    case 'requested':
      return [
        { role: 'ops_head', owner: '' },
        { role: 'it_head', owner: '' },
      ];
    case 'approved':
    case 'in_access':
      return [{ role: 'sysadmin', owner: `u:${f.approval?.supervisorUserId ?? ''}` }];
    case 'pending_disable':
      return [{ role: 'sysadmin', owner: '' }];
    default:
      return [];
  }
}

export function projectWaiting(form: ProjectFormState): Waiting[] {
  return form.kind === 'access' ? accessWaiting(form) : rolloutWaiting(form);
}

function collect(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (value) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) collect(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v, out);
}

/** An access record's title: the system and the account used (§17(6)–(7)). */
function accessTitle(system: string, account: string): string {
  return `${system} 紧急访问（${account}）`;
}

/**
 * The access title as people read it, with the system register's name for the code. The
 * projection keeps the code (the domain knows no names, and a rebuild must give the same rows
 * whatever the register says meanwhile), so the services name it where a title leaves them.
 */
export function namedAccessTitle(title: string, code: string, name: string | undefined): string {
  return name && name !== code && title.startsWith(`${code} `) ? `${name}${title.slice(code.length)}` : title;
}

export function summarizeProject(form: ProjectFormState): ProjectSummary {
  const text: string[] = [form.formNo];
  const base = {
    kind: form.kind,
    formId: form.formId,
    formNo: form.formNo,
    state: form.state,
    stateLabel: projectStateLabel(form),
    applicantUnit: form.applicant.unitCode,
    applicantUserId: form.applicant.userId,
    applicantName: form.applicant.name,
    updatedAt: form.updatedAt,
  };
  if (form.kind === 'access') {
    collect([form.request, form.approval, form.workDone, form.closure], text);
    const due = accessDueAt(form);
    return { ...base, title: accessTitle(form.request.system, form.request.account), systems: [form.request.system], ...(due ? { since: due } : {}), searchText: [...new Set(text)].join('\n') };
  }
  collect([form.application, form.testReport, form.reviews, form.plan, form.versionTable, form.checklist, form.trial, form.acceptanceRequest, form.acceptance], text);
  const start = form.trial.startedAt;
  return {
    ...base,
    title: form.application.title ?? '',
    ...(form.application.businessUnit ? { businessUnit: form.application.businessUnit } : {}),
    systems: form.application.systems ?? [],
    ...(start ? { since: start, acceptanceFrom: acceptanceFrom(start) } : {}),
    searchText: [...new Set(text)].join('\n'),
  };
}
