import { AppError } from '../shared/errors';
import type { Statement } from 'better-sqlite3';
import type { ChangeFormState } from '../shared/schemas/change-form';
import type { SignedEvent } from '../shared/schemas/event';
import type { ConflictView, ExportSummary, ImportItem, PeerView } from '../shared/schemas/exchange';
import type { RoleCode } from '../shared/schemas/roles';
import { isDirStream } from '../store/directory';
import { isSupStream } from '../store/supervision-store';
import { supervisionEngine } from './supervision-service';
import { EventLog } from '../store/event-log';
import { readUnitKey } from '../store/unit-key';
import {
  completenessReport,
  exportBundle,
  importCatalogued,
  importFolder,
  peerKeyFileText,
  readPeerKeyFile,
  terminalKeyring,
  verifyArchive,
  verifyBundle,
  describePrerequisites,
  BundleError,
  ExchangeStore,
  type ExchangeContext,
  type ImportProjector,
  type ImportOptions,
  type ImportResult,
  type FolderImportItem,
  type ExportResult,
} from '../exchange';
import type { AreaHandlers, CallMeta, ServiceContext } from './context';
import type { SessionUser } from '../shared/schemas/identity';
import { changeReducer, earlierFormEvents } from './change-domain';
import { discardUpload } from './uploads';
import { CONFLICT_RESOLVED, branchLabel } from '../domain';
import { CHANGE_STATES } from '../shared/schemas/change-form';
import { ROLES, roleLabel } from '../shared/schemas/roles';
import { changeEngine, type ChangeEngine } from './change-service';
import { coreOf, currentUser, requireRole, type Core } from './core';
import { toFormEvent } from '../store/log-fold';
import { projectIntake } from './project-intake';
import { earlyFolder } from './import-early-folder';

/** Who exchanges bundles: the terminal's administrator, the archivist of IT综合科 (§27), the 受理人. */
export const EXCHANGE_ROLES: readonly RoleCode[] = ['admin', 'archivist', 'ops_coordinator'];
/** Who keeps the archive on IT综合科's terminal (§27): its 归档管理员 and its administrator. */
export const ARCHIVE_ROLES: readonly RoleCode[] = ['archivist', 'admin'];

/**
 * §27: the forms are finally archived by IT综合科, so the archive (folder import, catalogue,
 * completeness report, chain check) exists only on the archive terminal (unit kind 'archive'):
 * an ops or department administrator refuses it like any other role it lacks.
 */
export function requireArchive(ctx: ServiceContext, call: CallMeta): SessionUser {
  const user = requireRole(ctx, call, ARCHIVE_ROLES);
  requireArchiveTerminal(coreOf(ctx).requireTerminalUnit());
  return user;
}

/** The same rule for the command line, which acts as the terminal itself. */
export function requireArchiveTerminal(unit: { kind: string | null; name: string }): void {
  if (unit.kind !== 'archive') throw new AppError('FORBIDDEN', `归档由IT综合科在归档终端上进行（第27条），本终端（${unit.name}）不是归档终端。`);
}

const contexts = new WeakMap<ServiceContext, ExchangeContext>();

/**
 * Folds imported change events into the form projection, each form loaded once per page of
 * events and written once (an archive import brings hundreds of thousands of events).
 */
function formProjector(core: Core): ImportProjector {
  const engine = changeEngine(core);
  const projects = projectIntake(core.ctx);
  const touched = new Map<string, { rowid: number; state: ChangeFormState }>();
  const posOf = core.ctx.db.prepare('SELECT pos FROM event WHERE id = ?').pluck() as Statement<[string], number>;
  const markFormResolved = core.ctx.db.prepare('UPDATE form_conflict SET resolved_by = ? WHERE form_id = ? AND resolved_by IS NULL') as Statement<[string, string]>;
  const names = new Map<string, string>();
  const nameOf = (id: string): string => {
    let n = names.get(id);
    if (n === undefined) {
      n = core.dir.user(id)?.name ?? id;
      names.set(id, n);
    }
    return n;
  };
  return {
    project(e, { conflict }) {
      if (isDirStream(e.formId)) {
        // As storeForeignEvents (event-intake.ts): a peer's settings and its records of this
        // terminal's own unit are logged but not applied.
        core.dir.apply(e.type, e.payload, e.origin);
        names.clear();
        return;
      }
      // §17(1) weekly reviews and §36 inspections of the peer's terminal (issue 9).
      if (isSupStream(e.formId)) {
        supervisionEngine(core).store.apply({ id: e.id, type: e.type, payload: e.payload, author: e.author, authorName: nameOf(e.author), role: e.role, time: e.time });
        return;
      }
      const changeForm = e.type.startsWith('change.') || (e.type === CONFLICT_RESOLVED && (touched.has(e.formId) || engine.forms.load(e.formId) !== undefined));
      // A conflicting event of another stream waits for a person's choice; a change form keeps
      // both branches and shows them (branches.ts).
      if (conflict && !changeForm) return;
      // 附件2/附件4/访问登记 (issue 8) fold into their own projection, refused alike when invalid.
      try {
        if (projects.take(e)) return;
      } catch (err) {
        throw new BundleError('BUNDLE_EVENT_INVALID', `单位 ${e.origin} 第 ${e.seq} 号事件不符合上线/发布流程（${(err as Error).message}），交换包已拒绝，未写入任何内容。`, {
          origin: e.origin,
          seq: e.seq,
        });
      }
      if (!changeForm) return;
      const form = touched.get(e.formId) ?? engine.forms.load(e.formId);
      try {
        const state = changeReducer.apply(form?.state, toFormEvent(e.id, e, nameOf(e.author)), () => earlierFormEvents(core.log, e.formId, nameOf, e.id));
        // The choice made on another terminal closes the conflict listed here too.
        if (e.type === CONFLICT_RESOLVED) markFormResolved.run(e.id, e.formId);
        touched.set(e.formId, { rowid: form?.rowid ?? posOf.get(e.id)!, state });
      } catch (err) {
        throw new BundleError('BUNDLE_EVENT_INVALID', `单位 ${e.origin} 第 ${e.seq} 号事件不符合变更流程（${(err as Error).message}），交换包已拒绝，未写入任何内容。`, {
          origin: e.origin,
          seq: e.seq,
        });
      }
    },
    flush() {
      for (const f of touched.values()) engine.forms.write(f.rowid, f.state);
      touched.clear();
      projects.flush();
    },
    early: () => earlyFolder(core),
  };
}

/** The exchange's view of a terminal (also used by the CLI). */
export function exchangeContextOf(ctx: ServiceContext): ExchangeContext {
  let x = contexts.get(ctx);
  if (!x) {
    const core = coreOf(ctx);
    const unit = core.requireTerminalUnit();
    const key = readUnitKey(ctx.dataDir);
    x = {
      db: ctx.db,
      dataDir: ctx.dataDir,
      self: { unit: unit.code, name: unit.name, kind: unit.kind, publicKeyPem: key.publicKeyPem, privateKey: key.privateKey },
      now: () => core.now(),
      store: new ExchangeStore(ctx.db),
      projector: formProjector(core),
    };
    contexts.set(ctx, x);
  }
  return x;
}

function peerView(x: ExchangeContext, unit: string): PeerView {
  const p = x.store.peer(unit);
  if (!p) throw new AppError('PEER_UNKNOWN', `单位「${unit}」不是已添加的交换单位。`);
  return {
    unit: p.unit,
    name: p.name,
    kind: p.kind,
    fingerprint: p.fingerprint,
    addedAt: p.addedAt,
    addedBy: p.addedBy,
    revokedAt: p.revokedAt,
    acknowledged: x.store.acks(p.unit),
  };
}

export function importItem(file: string, r: ImportResult, recorded: boolean): ImportItem {
  return {
    file,
    ok: true,
    outcome: r.outcome,
    producer: r.producer,
    eventCount: r.eventCount,
    newEvents: r.newEvents,
    conflicts: r.conflicts,
    waitingFor: r.waitingFor,
    released: r.released.map((x) => x.file),
    recorded,
  };
}

/** An export's result for the screens and the CLI. */
export function exportSummary(r: ExportResult): ExportSummary {
  return {
    path: r.path,
    to: r.manifest.addressee,
    scope: r.manifest.scope,
    eventCount: r.eventCount,
    attachmentCount: r.attachmentCount,
    origins: Object.fromEntries(Object.entries(r.manifest.origins).map(([o, g]) => [o, { since: g.since, upTo: g.upTo }])),
  };
}

export function folderItem(i: FolderImportItem): ImportItem {
  return i.ok ? importItem(i.file, i.result, i.recorded) : { file: i.file, ok: false, code: i.code, message: i.message };
}

/** Imports files one after another; a refusal of one is reported and does not stop the others. */
export async function importFiles(x: ExchangeContext, paths: readonly string[], options: ImportOptions): Promise<ImportItem[]> {
  const out: ImportItem[] = [];
  const open = () => x.store.conflicts().filter((c) => !c.resolvedBy).length;
  for (const file of paths) {
    try {
      const before = open();
      const { result, recorded } = await importCatalogued(x, file, options);
      const item = importItem(file, result, recorded);
      // A conflict whose choice came in the same bundle (e.g. an archive's full bundle) needs no one.
      if (item.ok && item.conflicts > 0) item.conflictsOpen = Math.max(0, open() - before);
      out.push(item);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.push({ file, ok: false, code: e.code, message: e.message });
    }
  }
  return out;
}

export function exchangeHandlers(ctx: ServiceContext): AreaHandlers<'exchange'> & AreaHandlers<'archive'> {
  const core = coreOf(ctx);
  const x = () => exchangeContextOf(ctx);
  return {
    'exchange:ownKey': (_input, call) => {
      requireRole(ctx, call, EXCHANGE_ROLES);
      const c = x();
      const known = terminalKeyring(c).key(c.self.unit)!;
      return {
        unit: c.self.unit,
        name: c.self.name,
        fingerprint: known.fingerprint,
        keyFileText: peerKeyFileText({ unit: c.self.unit, name: c.self.name, kind: c.self.kind, publicKeyPem: c.self.publicKeyPem, fingerprint: known.fingerprint }),
      };
    },
    'exchange:peers': (_input, call) => {
      requireRole(ctx, call, EXCHANGE_ROLES);
      const c = x();
      return c.store.peers().map((p) => peerView(c, p.unit));
    },
    'exchange:readPeerKey': (input, call) => {
      requireRole(ctx, call, ['admin']);
      const c = x();
      let k;
      try {
        k = readPeerKeyFile(input.path);
      } catch (e) {
        // Not a key file: the person will choose another; an uploaded copy of this one has no use.
        discardUpload(ctx.dataDir, input.path);
        throw e;
      }
      const existing = c.store.peer(k.unit);
      return {
        unit: k.unit,
        name: k.name,
        kind: k.kind,
        fingerprint: k.fingerprint,
        alreadyTrusted: existing?.fingerprint === k.fingerprint && !existing.revokedAt,
        replacesKey: existing !== undefined && existing.fingerprint !== k.fingerprint,
      };
    },
    'exchange:addPeer': (input, call) => {
      const user = requireRole(ctx, call, ['admin']);
      const c = x();
      const k = readPeerKeyFile(input.path);
      if (k.unit === c.self.unit) throw new AppError('PEER_IS_SELF', '这是本单位自己的公钥，无需添加。');
      const typed = input.confirmFingerprint.replace(/\s+/g, '').toUpperCase();
      if (typed !== k.fingerprint.replace(/\s+/g, '')) {
        throw new AppError('FINGERPRINT_MISMATCH', `核对的指纹与公钥文件不符：文件中的公钥指纹是 ${k.fingerprint}。请与对方再次核对，确认无误后再添加。`);
      }
      core.write(() => c.store.savePeer(k, c.now(), user.id));
      // The key is in the database now; an uploaded copy of its file (browser host) has served.
      discardUpload(ctx.dataDir, input.path);
      return peerView(c, k.unit);
    },
    'exchange:revokePeer': (input, call) => {
      const user = requireRole(ctx, call, ['admin']);
      const c = x();
      peerView(c, input.unit);
      core.write(() => c.store.revokePeer(input.unit, c.now(), user.id));
      return peerView(c, input.unit);
    },
    'exchange:export': async (input, call) => {
      requireRole(ctx, call, EXCHANGE_ROLES);
      return exportSummary(await exportBundle(x(), { ...(input.to ? { to: input.to } : {}), full: input.full === true, path: input.path }));
    },
    'exchange:verify': async (input, call) => {
      requireRole(ctx, call, EXCHANGE_ROLES);
      const c = x();
      const keyring = terminalKeyring(c);
      const v = await verifyBundle(input.path, { keyring, local: c.store.localLog() });
      return {
        producer: v.manifest.producer.unit,
        producerName: v.producer.name,
        addressee: v.manifest.addressee,
        createdAt: v.manifest.createdAt,
        eventCount: v.eventCount,
        knownEvents: v.knownEvents,
        newEvents: v.newEvents,
        attachmentCount: v.manifest.files.length - 1,
        waitingFor: describePrerequisites(keyring, v.waitingFor),
      };
    },
    'exchange:import': async (input, call) => {
      requireRole(ctx, call, EXCHANGE_ROLES);
      return importFiles(x(), input.paths, { confirmOtherAddressee: input.confirmOtherAddressee === true });
    },
    'exchange:pending': (_input, call) => {
      requireRole(ctx, call, EXCHANGE_ROLES);
      return x()
        .store.pending()
        .map((p) => ({ bundleSha256: p.bundleSha256, producer: p.producer, keptAt: p.keptAt, waitingFor: p.waitingFor }));
    },
    'exchange:alarms': (_input, call) => {
      requireRole(ctx, call, EXCHANGE_ROLES);
      return x()
        .store.alarms()
        .map((a) => ({ id: a.id, kind: a.kind, unit: a.unit, raisedAt: a.raisedAt, message: a.message }));
    },
    'exchange:conflicts': (_input, call) => {
      requireRole(ctx, call, [...EXCHANGE_ROLES, 'ops_head', 'dept_head']);
      const c = x();
      const engine = changeEngine(core);
      return c.store.conflicts().map((r) => conflictView(c, engine, r.id));
    },
    'exchange:resolveConflict': (input, call) => {
      const user = currentUser(ctx, call);
      const c = x();
      const row = input.conflictId !== undefined ? c.store.conflicts().find((r) => r.id === input.conflictId) : openConflictOf(c, changeEngine(core), input.formId!);
      if (!row) throw new AppError('CONFLICT_UNKNOWN', input.conflictId !== undefined ? `没有编号为 ${input.conflictId} 的冲突。` : '该变更单没有待处理的冲突。');
      if (row.resolvedBy) throw new AppError('CONFLICT_RESOLVED', '该冲突已经处理过。');
      const engine = changeEngine(core);
      if (engine.forms.load(row.formId)) {
        // A change form: the domain decides who may choose, and the form becomes the chosen branch.
        core.write(() => {
          const r = engine.resolveConflict(user, row.formId, input.chosenEventId);
          c.store.markResolved(row.id, r.eventId);
        });
        return conflictView(c, engine, row.id);
      }
      const view = conflictView(c, engine, row.id);
      const chosen = view.events.find((e) => e.id === input.chosenEventId);
      if (!chosen) throw new AppError('CONFLICT_CHOICE', '所选事件不是该冲突中的事件之一。');
      // Another stream: the person choosing must hold a role in which one of the competing events
      // was signed, or lead the operations centre that coordinates every change (§6(3), §10).
      const allowed = new Set<string>([...view.events.map((e) => e.role), 'ops_head']);
      const role = user.roles.find((r) => allowed.has(r));
      if (!role) throw new AppError('FORBIDDEN', `无权处理此冲突：需要冲突事件所用的角色之一（${[...allowed].join('、')}）。`);
      core.write(() => {
        const e = core.append({
          stream: view.formId,
          type: CONFLICT_RESOLVED,
          author: user.id,
          role,
          parents: view.events.map((v) => v.id),
          payload: { parent: view.parentId, chosen: chosen.id, rejected: view.events.filter((v) => v.id !== chosen.id).map((v) => v.id) },
        });
        c.store.markResolved(view.id, e.id);
      });
      return conflictView(c, engine, view.id);
    },
    'archive:importFolder': async (input, call) => {
      requireArchive(ctx, call);
      return (await importFolder(x(), input.dir)).map(folderItem);
    },
    'archive:catalogue': (_input, call) => {
      requireArchive(ctx, call);
      return x().store.records();
    },
    'archive:report': (_input, call) => {
      requireArchive(ctx, call);
      return completenessReport(x());
    },
    'archive:verify': async (_input, call) => {
      requireArchive(ctx, call);
      return verifyArchive(x());
    },
  };
}

/** The open conflict listed for a form (one is listed when the form shows one that was not, e.g. after a rebuild). */
function openConflictOf(c: ExchangeContext, engine: ChangeEngine, formId: string): ReturnType<ExchangeStore['conflicts']>[number] | undefined {
  const open = c.store.conflicts().find((r) => r.formId === formId && !r.resolvedBy);
  if (open) return open;
  const f = engine.forms.load(formId);
  const k = f?.state.conflict;
  if (!k) return undefined;
  c.db.transaction(() => c.store.addConflict(formId, k.parent, k.branches.map((b) => b.tip), c.now())).immediate();
  return c.store.conflicts().find((r) => r.formId === formId && !r.resolvedBy);
}

function conflictView(c: ExchangeContext, engine: ChangeEngine, id: number): ConflictView {
  const r = c.store.conflicts().find((x) => x.id === id);
  if (!r) throw new AppError('CONFLICT_UNKNOWN', `没有编号为 ${id} 的冲突。`);
  const log = new EventLog(c.db);
  const events = r.eventIds
    .map((eid) => log.get(eid))
    .filter((e): e is SignedEvent => e !== undefined)
    .map((e) => ({ id: e.id, origin: e.origin, author: e.author, role: e.role, time: e.time, type: e.type }));
  const view: ConflictView = { id: r.id, formId: r.formId, parentId: r.parentId, detectedAt: r.detectedAt, resolvedBy: r.resolvedBy, events };
  const form = engine.forms.load(r.formId)?.state;
  if (!form) return view;
  view.formNo = form.formNo;
  view.title = form.part1.title ?? '';
  const k = form.conflict;
  if (k && !r.resolvedBy) {
    view.fromStateLabel = CHANGE_STATES[k.fromState];
    view.resolvers = k.resolverRoles.map((role) => roleLabel(role)).join('、');
    view.branches = k.branches.map((b) => ({
      tip: b.tip,
      label: branchLabel(b),
      name: b.first.name,
      roleLabel: ROLES[b.first.role] ? roleLabel(b.first.role) : b.first.role,
      time: b.first.time,
      stateLabel: CHANGE_STATES[b.state],
      eventCount: b.events.length,
    }));
  } else {
    view.currentStateLabel = CHANGE_STATES[form.state];
  }
  return view;
}
