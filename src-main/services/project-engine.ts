import { randomUUID } from 'node:crypto';
import { decideProject, projectActions, workflowOf, type FlowContext, type Person } from '../domain';
import { AppError } from '../shared/errors';
import type { SessionUser } from '../shared/schemas/identity';
import { PROJECT_KINDS, type ProjectFormState, type ProjectKind, type ProjectView } from '../shared/schemas/project-forms';
import { ROLES } from '../shared/schemas/roles';
import { ProjectProjection } from '../store/project-projection';
import { eventTimeline } from './change-service';
import { coreOf, type Core } from './core';
import type { ServiceContext } from './context';
import { policySettings } from './settings-service';
import { projectReducer } from './project-domain';
import { namedSummary } from './project-titles';

/** People who hold only a business unit's roles see the forms of their own unit (as applicant or 相关业务部门). */
function scopeOf(user: SessionUser): string | undefined {
  return user.roles.every((r) => ROLES[r].unit === 'business') ? user.unitCode : undefined;
}

/**
 * The project forms' engine of one context (附件2, 附件4, 生产系统访问登记): load, let the domain
 * decide, append the signed event, fold it, write the projection — the change form's way, on
 * the same log and signer.
 */
export class ProjectEngine {
  readonly forms: ProjectProjection;

  constructor(readonly core: Core) {
    this.forms = new ProjectProjection(core.ctx.db, projectReducer);
  }

  scope(user: SessionUser): string | undefined {
    return scopeOf(user);
  }

  private person = (userId: string): Person | undefined => {
    const u = this.core.dir.user(userId);
    return u && !u.disabled ? { userId: u.id, name: u.name, unitCode: u.unitCode, roles: u.roles } : undefined;
  };

  context(user: SessionUser, now = this.core.now()): FlowContext {
    return {
      actor: { userId: user.id, name: user.name, unitCode: user.unitCode, roles: user.roles },
      now,
      settings: policySettings(this.core),
      people: this.person,
    };
  }

  /** A form the user may see, of the kind asked (NOT_FOUND otherwise: nothing is learnt of others). */
  readable(user: SessionUser, formId: string, kind?: ProjectKind): ProjectFormState {
    const f = this.forms.load(formId);
    const scope = scopeOf(user);
    if (!f || (kind && f.state.kind !== kind) || (scope && !f.units.includes(scope))) {
      throw new AppError('NOT_FOUND', `找不到该${kind ? PROJECT_KINDS[kind].noun : '表单'}。`);
    }
    return f.state;
  }

  /** One command inside the caller's IMMEDIATE transaction (at `now`: the demo data's past times). */
  execute(user: SessionUser, kind: ProjectKind, name: string, input: Record<string, unknown>, formId?: string, now = this.core.now()): ProjectFormState {
    const ctx = this.context(user, now);
    let loaded: { rowid: number; state: ProjectFormState } | undefined;
    if (name === 'create') {
      ctx.newFormId = randomUUID();
      ctx.newFormNo = this.forms.nextFormNo(PROJECT_KINDS[kind].prefix, this.core.requireTerminalUnit().code, now.slice(0, 4));
    } else {
      const state = this.readable(user, formId ?? '', kind);
      loaded = { rowid: this.forms.load(state.formId)!.rowid, state };
    }
    const decision = decideProject(kind, loaded?.state, name, input, ctx);
    if (!decision.ok) throw new AppError(decision.code, decision.message);
    let state = loaded?.state;
    let rowid = loaded?.rowid;
    for (const d of decision.events) {
      const e = this.core.append({ stream: state?.formId ?? ctx.newFormId!, type: d.type, author: user.id, role: d.role, payload: d.payload, parents: state?.head ?? [], time: now });
      rowid ??= this.core.log.lastPos;
      state = projectReducer.apply(state, { id: e.id, type: e.type, payload: e.payload, author: e.author, authorName: user.name, role: d.role, time: e.time, formId: e.formId });
    }
    if (!state || rowid === undefined) throw new AppError('NO_EVENT', '该操作没有产生任何记录。');
    this.forms.write(rowid, state);
    return state;
  }

  view(user: SessionUser, state: ProjectFormState): ProjectView {
    const labels = workflowOf(state.kind).labels;
    return {
      state,
      summary: namedSummary(this.core, projectReducer.summarize(state)),
      actions: projectActions(state.kind, state, this.context(user)),
      timeline: eventTimeline(this.core, state.formId, (type) => labels[type.slice(type.indexOf('.') + 1)]),
    };
  }
}

const engines = new WeakMap<Core, ProjectEngine>();
export function projectEngine(ctx: ServiceContext): ProjectEngine {
  const core = coreOf(ctx);
  let e = engines.get(core);
  if (!e) {
    e = new ProjectEngine(core);
    engines.set(core, e);
  }
  return e;
}
