import { existsSync } from 'node:fs';
import { attachmentPath } from '../exchange/attachment-files';
import { verifyStoredAttachment } from './attachment-service';
import { randomUUID } from 'node:crypto';
import {
  ARCHIVE_BLOCK_ID,
  CONFLICT_RESOLVED,
  availableActions,
  conflictResolvers,
  decideChange,
  emergencyOverdue,
  paperBlocks,
  type Actor,
  type ConflictResolution,
  type DecisionContext,
  type FormPart,
} from '../domain';
import { AppError } from '../shared/errors';
import {
  CHANGE_COMMAND_LABELS,
  CHANGE_COMMAND_NAMES,
  type ChangeCommand,
  type ChangeCommandName,
  type ChangeFormState,
  type EmergencyOverdueItem,
} from '../shared/schemas/change-form';
import type { PolicySettings } from '../shared/schemas/calendar';
import type { SessionUser } from '../shared/schemas/identity';
import type { ChangeView, InboxGroup, OverdueEntry, SignatureBlockView, TimelineEntry } from '../shared/schemas/query';
import { ROLES, roleLabel, type RoleCode } from '../shared/schemas/roles';
import { FormProjection } from '../store/change-projection';
import { ChangeQueries } from '../store/change-queries';
import { changeReducer, earlierFormEvents } from './change-domain';
import type { AreaHandlers, Handler, ServiceContext } from './context';
import { coreOf, currentUser, nameLookup, type Core } from './core';
import { policySettings } from './settings-service';

/** People who hold only a business unit's roles see their own unit's forms; IT roles see all. */
export function businessOnly(user: SessionUser): boolean {
  return user.roles.every((r) => ROLES[r].unit === 'business');
}

function actorOf(user: SessionUser): Actor {
  return { userId: user.id, name: user.name, unitCode: user.unitCode, roles: user.roles };
}

/**
 * An attachment event names its file: 「添加附件：方案.pdf（回退方案）」. A removal carries only the
 * file's sha256 (and its reason, shown as the opinion), so the name comes from the earlier
 * addition in the same stream, which `names` collects as the timeline is read in order.
 */
function attachmentLabel(type: string, p: Record<string, unknown>, label: string, names: Map<string, string>): string {
  const sha = typeof p.sha256 === 'string' ? p.sha256 : undefined;
  if (!sha || !type.endsWith('Attachment')) return label;
  if (type.endsWith('.addAttachment') && typeof p.name === 'string') {
    names.set(sha, p.name);
    return `${label}：${p.name}${typeof p.kind === 'string' ? `（${p.kind}）` : ''}`;
  }
  const name = names.get(sha);
  return name ? `${label}：${name}` : label;
}

/** A form stream's events as a timeline: who, in which role, when, what (labelled), with the opinion or reason they wrote. */
export function eventTimeline(core: Core, stream: string, labelOf: (type: string) => string | undefined): TimelineEntry[] {
  const nameOf = nameLookup(core);
  const attachmentNames = new Map<string, string>();
  return core.log.streamEvents(stream).map((e) => {
    const p = (e.payload ?? {}) as Record<string, unknown>;
    const label = labelOf(e.type) ?? e.type;
    const opinion = [p.opinion, p.reason, p.rollbackReason].find((x): x is string => typeof x === 'string' && x.length > 0);
    const role = e.role as RoleCode;
    return {
      id: e.id,
      time: e.time,
      author: e.author,
      authorName: nameOf(e.author),
      role,
      roleLabel: ROLES[role] ? roleLabel(role) : e.role,
      type: e.type,
      label: attachmentLabel(e.type, p, label, attachmentNames),
      ...(opinion ? { opinion } : {}),
    };
  });
}

/** The change-form engine of one context: decide, sign, apply, project — shared by the calls, the demo and the bench. */
export class ChangeEngine {
  readonly forms: FormProjection;
  readonly queries: ChangeQueries;

  constructor(readonly core: Core) {
    this.forms = new FormProjection(core.ctx.db, changeReducer);
    this.queries = new ChangeQueries(core.ctx.db);
  }

  decisionContext(user: SessionUser, now = this.core.now()): DecisionContext {
    return { actor: actorOf(user), now, settings: policySettings(this.core) };
  }

  /**
   * One command, inside the caller's IMMEDIATE transaction: load the form, let the domain
   * decide, append the signed events, fold them into the state, write the projections.
   */
  execute(
    user: SessionUser,
    command: ChangeCommand & { formId?: string },
    now = this.core.now(),
    /** Checks the domain cannot make (a file on disk), run once the domain has allowed the command. */
    verify?: () => void,
  ): { state: ChangeFormState; warnings?: string[] } {
    let loaded: { rowid: number; state: ChangeFormState } | undefined;
    if (command.name !== 'create') {
      loaded = command.formId ? this.forms.load(command.formId) : undefined;
      if (!loaded || !this.visible(user, loaded.state.applicant.unitCode)) throw new AppError('NOT_FOUND', '找不到该变更单。');
    }
    const r = this.decideAndAppend(user, loaded, command, now, verify);
    this.forms.write(r.rowid, r.state);
    return r.warnings ? { state: r.state, warnings: r.warnings } : { state: r.state };
  }

  /**
   * Decide, sign, append and fold, without writing the projection: execute() writes it after
   * each command; a bulk load (the benchmark) writes it once per form. Inside a transaction.
   */
  decideAndAppend(
    user: SessionUser,
    loaded: { rowid: number; state: ChangeFormState } | undefined,
    command: ChangeCommand,
    now: string,
    verify?: () => void,
  ): { rowid: number; state: ChangeFormState; warnings?: string[] } {
    const dctx = this.decisionContext(user, now);
    if (command.name === 'create') {
      dctx.newFormId = randomUUID();
      dctx.newFormNo = this.forms.nextFormNo(this.core.requireTerminalUnit().code, now.slice(0, 4));
    }
    const decision = decideChange(loaded?.state, { name: command.name, input: command.input } as ChangeCommand, dctx);
    if (!decision.ok) throw new AppError(decision.code, decision.message);
    verify?.();
    let state = loaded?.state;
    let rowid = loaded?.rowid;
    for (const d of decision.events) {
      const stream = state?.formId ?? dctx.newFormId!;
      const e = this.core.append({ stream, type: d.type, author: user.id, role: d.role, payload: d.payload, parents: state?.head ?? [], time: now });
      rowid ??= this.core.log.lastPos;
      state = changeReducer.apply(state, {
        id: e.id,
        type: e.type,
        payload: e.payload,
        author: e.author,
        authorName: user.name,
        role: d.role,
        time: e.time,
        formId: e.formId,
      });
    }
    if (!state || rowid === undefined) throw new AppError('NO_EVENT', '该操作没有产生任何记录。');
    return decision.warnings?.length ? { rowid, state, warnings: decision.warnings } : { rowid, state };
  }

  /**
   * Issue 5: a person with the right role (domain: conflictResolvers) chooses one branch of a
   * form moved differently on two terminals. The choice is a signed event extending every
   * branch's tip; the form becomes the chosen branch, the others stay in the log as superseded.
   * Inside the caller's IMMEDIATE transaction.
   */
  resolveConflict(user: SessionUser, formId: string, chosenEventId: string): { state: ChangeFormState; eventId: string } {
    const loaded = this.forms.load(formId);
    if (!loaded || !this.visible(user, loaded.state.applicant.unitCode)) throw new AppError('NOT_FOUND', '找不到该变更单。');
    const c = loaded.state.conflict;
    if (!c) throw new AppError('CONFLICT_RESOLVED', '该变更单没有待处理的冲突（可能已经处理过）。');
    const branch = c.branches.find((b) => b.tip === chosenEventId || b.events.includes(chosenEventId));
    if (!branch) throw new AppError('CONFLICT_CHOICE', '所选事件不是该冲突中的任何一方。');
    const role = conflictResolvers(loaded.state, actorOf(user));
    if (typeof role !== 'string') throw new AppError(role.code, role.message);
    const payload: ConflictResolution = { parent: c.parent, chosen: branch.tip, rejected: c.branches.filter((b) => b !== branch).map((b) => b.tip) };
    const e = this.core.append({ stream: formId, type: CONFLICT_RESOLVED, author: user.id, role, parents: loaded.state.head, payload });
    const nameOf = (id: string): string => this.core.dir.user(id)?.name ?? id;
    const state = changeReducer.apply(
      loaded.state,
      { id: e.id, type: e.type, payload: e.payload, author: e.author, authorName: user.name, role, time: e.time, formId, parents: e.parents },
      () => earlierFormEvents(this.core.log, formId, nameOf, e.id),
    );
    this.forms.write(loaded.rowid, state);
    return { state, eventId: e.id };
  }

  visible(user: SessionUser, unit: string): boolean {
    return !businessOnly(user) || unit === user.unitCode;
  }

  /** The form if this user may see it, else NOT_FOUND (print, attachments). */
  readable(user: SessionUser, formId: string): ChangeFormState {
    const f = this.queries.form(formId);
    if (!f || !this.visible(user, f.unit)) throw new AppError('NOT_FOUND', '找不到该变更单。');
    return f.state;
  }

  timeline(formId: string, state?: ChangeFormState): TimelineEntry[] {
    const entries = eventTimeline(this.core, formId, (type) => {
      if (type === CONFLICT_RESOLVED) return '选定冲突中的一方';
      const verb = type.startsWith('change.') ? (type.slice('change.'.length) as ChangeCommandName) : undefined;
      return verb && CHANGE_COMMAND_LABELS[verb];
    });
    // Issue 5: events of a branch set aside stay in the timeline, marked; an open conflict's branches are marked too.
    const superseded = new Set(state?.superseded ?? []);
    const branchOf = new Map<string, number>();
    state?.conflict?.branches.forEach((b, i) => b.events.forEach((id) => branchOf.set(id, i + 1)));
    if (superseded.size === 0 && branchOf.size === 0) return entries;
    return entries.map((t) => {
      const branch = branchOf.get(t.id);
      return superseded.has(t.id) ? { ...t, superseded: true } : branch !== undefined ? { ...t, branch } : t;
    });
  }

  view(user: SessionUser, state: ChangeFormState, warnings?: string[]): ChangeView {
    return {
      state,
      summary: changeReducer.summarize(state),
      actions: availableActions(state, this.decisionContext(user)),
      timeline: this.timeline(state.formId, state),
      signatureBlocks: signatureBlockViews(state),
      ...(warnings ? { warnings } : {}),
      ...(state.conflict ? { conflictChoice: conflictChoice(state, actorOf(user)) } : {}),
    };
  }

  /** Open 补单/补测 (§23–§24), longest open first; `limit` for the inbox, all for change:overdue. */
  overdue(user: SessionUser, limit = -1): OverdueEntry[] {
    const now = this.core.now();
    const settings = policySettings(this.core);
    const out: OverdueEntry[] = [];
    for (const f of this.queries.openEmergencies(businessOnly(user) ? user.unitCode : undefined, limit)) {
      const items = this.overdueItems(f.state, now, settings);
      if (items.length) out.push({ summary: f.summary, items });
    }
    return out;
  }

  // Working days are counted on the calendar day by day; the answer changes only with the
  // form, the date or the settings, so it is kept until one of them does.
  private readonly overdueCache = new Map<string, EmergencyOverdueItem[]>();
  private overdueCacheKey: { day: string; settings: PolicySettings } | undefined;

  private overdueItems(state: ChangeFormState, now: string, settings: PolicySettings): EmergencyOverdueItem[] {
    const day = now.slice(0, 10);
    if (this.overdueCacheKey?.day !== day || this.overdueCacheKey.settings !== settings) {
      this.overdueCache.clear();
      this.overdueCacheKey = { day, settings };
    }
    const key = `${state.formId}@${state.version}`;
    let items = this.overdueCache.get(key);
    if (!items) {
      items = emergencyOverdue(state, now, settings);
      this.overdueCache.set(key, items);
    }
    return items;
  }
}

/** Issue 5: whether the user may choose between a form's branches (the service decides; the screen disables the buttons). */
function conflictChoice(state: ChangeFormState, actor: Actor): NonNullable<ChangeView['conflictChoice']> {
  const resolvers = state.conflict!.resolverRoles.map((r) => roleLabel(r)).join('或');
  const r = conflictResolvers(state, actor);
  return typeof r === 'string' ? { allowed: true, resolvers } : { allowed: false, reason: r.message, resolvers };
}

const PART_DOCUMENT: Record<FormPart, string> = { '1': '流程单·第一部分', '2': '流程单·第二部分', '3': '流程单·第三部分', post: '流程单·实施后记录' };
const DOCUMENT_LABEL = { annex: '紧急变更附页', notice: '业务影响告知书' } as const;

/** §27: the paper's signature blocks for the UI (the renderer does not import the domain). */
function signatureBlockViews(state: ChangeFormState): SignatureBlockView[] {
  return paperBlocks(state).map((b) => {
    const wet = state.wetSignatures?.[b.id];
    return {
      id: b.id,
      documentLabel: b.document === 'form' ? PART_DOCUMENT[b.part ?? '1'] : DOCUMENT_LABEL[b.document],
      label: b.label,
      article: b.article,
      signed: b.signed !== undefined,
      applies: b.applies,
      byArchiving: b.id === ARCHIVE_BLOCK_ID,
      ...(wet ? { wet } : {}),
    };
  });
}

const engines = new WeakMap<Core, ChangeEngine>();
export function changeEngine(core: Core): ChangeEngine {
  let e = engines.get(core);
  if (!e) {
    e = new ChangeEngine(core);
    engines.set(core, e);
  }
  return e;
}

export function changeHandlers(ctx: ServiceContext): AreaHandlers<'change'> {
  const core = coreOf(ctx);
  const engine = changeEngine(core);

  const verbHandlers = Object.fromEntries(
    CHANGE_COMMAND_NAMES.map((name) => {
      const handler: Handler<'change:submit'> = (input, call) => {
        const user = currentUser(ctx, call);
        const { formId, ...rest } = input as { formId?: string } & Record<string, unknown>;
        // §27: a scan named by a wet-signature record must be kept here, so bundles can carry it.
        if (typeof rest.scanSha256 === 'string' && !existsSync(attachmentPath(ctx.dataDir, rest.scanSha256))) {
          throw new AppError('SCAN_NOT_FOUND', '找不到该扫描件，请先上传扫描件。');
        }
        const verify = name === 'addAttachment' ? () => verifyStoredAttachment(ctx.dataDir, rest as { sha256: string; size: number }) : undefined;
        const r = core.write(() => engine.execute(user, { name, input: rest, ...(formId ? { formId } : {}) } as ChangeCommand & { formId?: string }, undefined, verify));
        return engine.view(user, r.state, r.warnings);
      };
      return [`change:${name}`, handler];
    }),
  ) as unknown as Omit<AreaHandlers<'change'>, 'change:get' | 'change:timeline' | 'change:list' | 'change:inbox' | 'change:overdue' | 'change:actions'>;

  function readable(user: SessionUser, formId: string): ChangeFormState {
    const f = engine.queries.form(formId);
    if (!f || !engine.visible(user, f.unit)) throw new AppError('NOT_FOUND', '找不到该变更单。');
    return f.state;
  }

  return {
    ...verbHandlers,
    // Issue 6 (ui1): the buttons of a form, or whether this user may create one (renderer never decides).
    'change:actions': (input, call) => {
      const user = currentUser(ctx, call);
      return availableActions(input.formId ? readable(user, input.formId) : undefined, engine.decisionContext(user));
    },
    'change:get': (input, call) => {
      const user = currentUser(ctx, call);
      return engine.view(user, readable(user, input.formId));
    },
    'change:timeline': (input, call) => {
      const user = currentUser(ctx, call);
      readable(user, input.formId);
      return engine.timeline(input.formId);
    },
    'change:list': (input, call) => {
      const user = currentUser(ctx, call);
      return engine.queries.list({ ...input, scopeUnit: businessOnly(user) ? user.unitCode : undefined });
    },
    'change:inbox': (input, call) => {
      const user = currentUser(ctx, call);
      const limit = input.limit ?? 20;
      const groups: InboxGroup[] = [];
      for (const role of user.roles) {
        if (role === 'admin') continue;
        const owners = ROLES[role].unit === 'business' ? [`u:${user.id}`, `unit:${user.unitCode}`] : [''];
        const { rows, count } = engine.queries.waiting(role, owners, limit);
        groups.push({ kind: role, label: `待${roleLabel(role)}办理`, count, rows });
      }
      return { groups, overdueEmergency: engine.overdue(user, limit) };
    },
    'change:overdue': (_input, call) => engine.overdue(currentUser(ctx, call)),
  };
}
