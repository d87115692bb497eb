import {
  CHANGE_STATES,
  type Approval,
  type ChangeCommandInput,
  type ChangeCommandName,
  type ChangeFormState,
  type ChangeState,
  type EmergencyRecord,
  type SignedRecord,
} from '../../shared/schemas/change-form';
import { ARCHIVE_BLOCK_ID } from './signature-blocks';
import { isTransitionAllowed } from './states';
import type { ChangeEvent } from './types';

// applyChangeEvent: the reducer. Deterministic and total over the events decide emits; it
// trusts the signed payload (decide checked it) and only folds it into the form.

type Payload<K extends ChangeCommandName> = ChangeCommandInput<K> & Record<string, unknown>;
type Reducer<K extends ChangeCommandName> = (form: ChangeFormState, p: Payload<K>, signed: SignedRecord) => ChangeFormState;

function signedBy(e: ChangeEvent): SignedRecord {
  return { userId: e.author, name: e.authorName, role: e.role, time: e.time };
}

function approve(form: ChangeFormState, step: ChangeCommandName, s: SignedRecord, agree: boolean, opinion?: unknown): ChangeFormState {
  const a: Approval = { step, ...s, agree, ...(typeof opinion === 'string' && opinion ? { opinion } : {}) };
  return { ...form, approvals: [...form.approvals, a] };
}

function emergency(form: ChangeFormState, patch: Partial<EmergencyRecord>): ChangeFormState {
  if (!form.emergency) throw new Error('紧急变更记录缺失');
  return { ...form, emergency: { ...form.emergency, ...patch } };
}

function optional<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] !== undefined && o[k] !== '') out[k] = o[k];
  return out;
}

const keep: Reducer<ChangeCommandName> = (f) => f;

const REDUCERS: { [K in ChangeCommandName]: Reducer<K> } = {
  create: keep, // handled in applyChangeEvent: there is no form yet
  saveDraft: (f, p) => ({ ...f, part1: { ...f.part1, ...stripMeta(p) } }),
  submit: keep,
  withdraw: (f, p, s) => ({ ...f, closure: { kind: 'withdrawn', reason: p.reason, userId: s.userId, name: s.name, time: s.time } }),
  deptApprove: (f, p, s) => approve(f, 'deptApprove', s, true, p.opinion),
  deptReturn: (f, p, s) => approve(f, 'deptReturn', s, false, p.opinion),
  saveAssessment: (f, p) => ({ ...f, part2: { ...f.part2, ...stripMeta(p) } }),
  devAssess: (f, p) => ({ ...f, part2: { ...f.part2, devOpinion: p.devOpinion, ...(p.devHours !== undefined ? { devHours: p.devHours } : {}) } }),
  submitAssessment: (f, _p, s) => approve(f, 'submitAssessment', s, true),
  assessmentApprove: (f, p, s) => {
    const next = approve(f, 'assessmentApprove', s, true, p.opinion);
    // §13(1)/(3): the form ends with the reason or the project it became.
    if (p.to === 'not_recommended') {
      return { ...next, closure: { kind: 'not_recommended', reason: f.part2.rejectReason, userId: s.userId, name: s.name, time: s.time } };
    }
    if (p.to === 'to_project') {
      return { ...next, closure: { kind: 'to_project', projectRef: f.part2.projectRef, userId: s.userId, name: s.name, time: s.time } };
    }
    return next;
  },
  assessmentReturn: (f, p, s) => approve(f, 'assessmentReturn', s, false, p.opinion),
  savePlan: (f, p) => ({ ...f, part3: { ...f.part3, ...stripMeta(p) } }),
  recordItTest: (f, p, s) => ({ ...f, part3: { ...f.part3, itTest: { steps: p.steps, result: p.result, passed: p.passed, ...s } } }),
  recordPreReview: (f, p, s) =>
    approve({ ...f, part3: { ...f.part3, preReview: { opinion: p.opinion, agree: p.agree, ...s } } }, 'recordPreReview', s, p.agree, p.opinion),
  recordUserTest: (f, p, s) => ({ ...f, part3: { ...f.part3, userTest: { result: p.result, confirmed: p.confirmed, ...s } } }),
  recordNotice: (f, p, s) => ({
    ...f,
    part3: { ...f.part3, notices: [...(f.part3.notices ?? []), { units: p.units, scope: p.scope, period: p.period, noticeDate: p.noticeDate, ...s }] },
  }),
  submitPlan: (f, p, s) => approve(f, 'submitPlan', s, true, p.opinion),
  implApprove: (f, p, s) => {
    const next = approve(f, 'implApprove', s, true, p.opinion);
    const o = p.windowOverride as { reason: string; finding: string; plannedStart: string } | undefined;
    return o ? { ...next, overrides: [...next.overrides, { rule: '17(2)', ...o, ...s }] } : next;
  },
  implReturn: (f, p, s) => approve(f, 'implReturn', s, false, p.opinion),
  reschedule: (f, p, s) => approve(f, 'reschedule', s, false, p.reason),
  recordResult: (f, p, s) => ({
    ...f,
    result: {
      ...f.result,
      outcome: p.outcome,
      ...optional({ rollbackReason: p.outcome === '已回退' ? p.rollbackReason : undefined, implementationNote: p.note }),
      actualStart: p.actualStart,
      actualEnd: p.actualEnd,
      implementedBy: s,
    },
  }),
  recordEvaluation: (f, p, s) => ({
    ...f,
    result: {
      ...f.result,
      goalMet: p.goalMet,
      negativeImpact: p.negativeImpact,
      ...optional({ negativeImpactNote: p.negativeImpactNote }),
      evaluatedBy: s,
    },
  }),
  postReview: (f, p, s) =>
    approve({ ...f, result: { ...f.result, postReview: { opinion: p.opinion, agree: p.agree, ...s } } }, 'postReview', s, p.agree, p.opinion),
  applicantConfirm: (f, p, s) =>
    approve({ ...f, result: { ...f.result, applicantConfirmation: { ...s, ...optional({ opinion: p.opinion }) } } }, 'applicantConfirm', s, true, p.opinion),
  archiveReview: (f, p, s) =>
    approve({ ...f, result: { ...f.result, archiveReview: { ...s, ...optional({ opinion: p.opinion }) } } }, 'archiveReview', s, true, p.opinion),
  archive: (f, p, s) => ({
    ...f,
    result: { ...f.result, archivedBy: { ...s, ...optional({ location: p.location }) } },
    // §27: the archivist signs the 归档 block on the paper in the act of filing it.
    wetSignatures: { ...f.wetSignatures, [ARCHIVE_BLOCK_ID]: { blockId: ARCHIVE_BLOCK_ID, signedOn: s.time.slice(0, 10), recordedBy: s } },
  }),
  recordWetSignature: (f, p, s) => ({
    ...f,
    wetSignatures: { ...f.wetSignatures, [p.blockId]: { blockId: p.blockId, ...optional({ signedOn: p.signedOn, scanSha256: p.scanSha256 }), recordedBy: s } },
  }),
  // Attachments (issue 6): a removal marks the entry; the file stays for the record.
  addAttachment: (f, p, s) => ({
    ...f,
    attachments: [
      ...(f.attachments ?? []),
      { sha256: p.sha256, name: p.name, size: p.size, mediaType: p.mediaType, kind: p.kind, ...optional({ note: p.note }), addedBy: s },
    ],
  }),
  removeAttachment: (f, p, s) => ({
    ...f,
    attachments: (f.attachments ?? []).map((a) => (a.sha256 === p.sha256 && !a.removed ? { ...a, removed: { ...s, reason: p.reason } } : a)),
  }),
  emergencyRequest: (f, p, s) => ({ ...f, emergency: { requestedBy: s, reason: p.reason, logReview: {} } }),
  emergencyAuthorise: (f, p, s) =>
    approve(
      emergency(f, {
        authorisation: { mode: p.mode, authorisedAt: p.authorisedAt, authoriserName: p.authoriserName ?? s.name, ...optional({ note: p.note }), recordedBy: s },
      }),
      'emergencyAuthorise',
      s,
      true,
      p.note,
    ),
  emergencyDecline: (f, p, s) => {
    // Back to a draft: the applicant may file it as an ordinary change instead.
    const next = approve(f, 'emergencyDecline', s, false, p.reason);
    const { emergency: _dropped, ...rest } = next;
    return rest;
  },
  recordBackup: (f, p, s) =>
    emergency(f, { backup: { programBackup: p.programBackup, dataBackup: p.dataBackup, backupAt: p.backupAt, recordedBy: s } }),
  emergencyImplement: (f, p, s) => {
    const next = emergency(f, { implementedAt: p.implementedAt, testedBefore: p.testedBefore, ...optional({ preTestNote: p.preTestNote }) });
    return {
      ...next,
      result: {
        ...next.result,
        outcome: p.outcome,
        ...optional({ rollbackReason: p.outcome === '已回退' ? p.rollbackReason : undefined, implementationNote: p.note }),
        actualStart: p.implementedAt,
        implementedBy: s,
      },
    };
  },
  recordRetest: (f, p, s) => emergency(f, { retest: { steps: p.steps, result: p.result, passed: p.passed, ...s } }),
  completePaperwork: (f, p, s) => approve(emergency(f, { paperwork: { ...s, ...optional({ opinion: p.opinion }) } }), 'completePaperwork', s, true, p.opinion),
  emergencyLogSign: (f, p, s) => {
    const side = p.side === 'applicant' ? 'applicant' : 'ops';
    const logReview = { ...f.emergency?.logReview, [side]: { ...s, ...optional({ opinion: p.opinion }) } };
    return approve(emergency(f, { logReview }), 'emergencyLogSign', s, true, p.opinion);
  },
};

/** The verb's own fields of a payload (without `to` and other bookkeeping). */
function stripMeta<T extends Record<string, unknown>>(p: T): Omit<T, 'to'> {
  const { to: _to, ...rest } = p;
  return rest;
}

const PREFIX = 'change.';

function verbOf(type: string): ChangeCommandName {
  const name = type.startsWith(PREFIX) ? type.slice(PREFIX.length) : '';
  if (!Object.prototype.hasOwnProperty.call(REDUCERS, name)) throw new Error(`未知的变更事件类型：${type}`);
  return name as ChangeCommandName;
}

function isState(x: unknown): x is ChangeState {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(CHANGE_STATES, x);
}

export function applyChangeEvent(form: ChangeFormState | undefined, event: ChangeEvent): ChangeFormState {
  const name = verbOf(event.type);
  const p = (event.payload ?? {}) as Payload<ChangeCommandName>;
  const s = signedBy(event);
  if (name === 'create') {
    if (form) throw new Error('变更单已存在，不能再次创建');
    const c = p as unknown as { formNo: string; applicant: ChangeFormState['applicant']; part1: ChangeFormState['part1'] };
    return {
      formId: event.formId,
      formNo: c.formNo,
      state: 'draft',
      createdAt: event.time,
      updatedAt: event.time,
      applicant: c.applicant,
      part1: c.part1,
      part2: {},
      part3: {},
      result: {},
      approvals: [],
      overrides: [],
      participants: { [event.author]: [event.role] },
      version: 1,
      head: [event.id],
    };
  }
  if (!form) throw new Error(`变更单 ${event.formId} 尚未创建，不能应用 ${event.type}`);
  const reduced = (REDUCERS[name] as Reducer<ChangeCommandName>)(form, p, s);
  const acted = form.participants[event.author];
  const participants = acted?.includes(event.role) ? form.participants : { ...form.participants, [event.author]: [...(acted ?? []), event.role] };
  const to = p.to;
  if (to !== undefined && !isState(to)) throw new Error(`未知的变更状态：${String(to)}`);
  // A form never skips a state, whatever door or bundle an event came through; an event that
  // would (e.g. one of two conflicting edits from two terminals) is refused for a person to resolve.
  if (to !== undefined && !isTransitionAllowed(form.state, to)) {
    throw new Error(`变更单 ${form.formNo} 不能从「${CHANGE_STATES[form.state]}」直接变为「${CHANGE_STATES[to]}」（事件 ${event.id}）`);
  }
  return {
    ...reduced,
    state: to ?? form.state,
    participants,
    updatedAt: event.time,
    version: form.version + 1,
    head: [event.id],
  };
}
