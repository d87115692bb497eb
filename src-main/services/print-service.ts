import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { annexBlocks, formBlocks, noticeBlocks, paperBlocks, VERBS, type PaperBlock } from '../domain';
import { storeAttachment } from '../exchange/attachment-files';
import {
  contentHash,
  DOC_KINDS,
  documentForPart,
  documentForWeeklyPlan,
  encodeQrPayload,
  isoWeekRange,
  partsReached,
  printDocument,
  qrOf,
  readScan,
  type WeeklyReview,
  documentForProjectForm,
  type ProjectDoc,
  type QrPayload,
} from '../pdf';
import { AppError } from '../shared/errors';
import type { ChangeFormState } from '../shared/schemas/change-form';
import { PRINT_PART_LABELS, type PrintPart, type PrintVerifyResult } from '../shared/schemas/print';
import type { SessionUser } from '../shared/schemas/identity';
import { businessOnly, changeEngine } from './change-service';
import { changeReducer, earlierFormEvents } from './change-domain';
import type { AreaHandlers, ServiceContext } from './context';
import { coreOf, currentUser, requireRole } from './core';
import { documentContext } from './print-context';
import { supervisionEngine } from './supervision-service';
import { projectEngine } from './project-engine';
import { namedSummary } from './project-titles';
import { projectReducer } from './project-domain';
import { toFormEvent } from '../store/log-fold';
import type { ProjectFormState } from '../shared/schemas/project-forms';
import type { TimelineEntry } from '../shared/schemas/query';

// Printing (issue 4): every form part, the emergency annex, the §19 notice and the §17(1)
// weekly plan as PDF; and reading a scanned page's QR code back to the form and version.

const FORM_KINDS = new Set(['form', 'form-1', 'form-2', 'form-3', 'form-post', 'annex', 'notice']);
const PART_OF_KIND: Record<string, PrintPart> = { form: 'all', 'form-1': '1', 'form-2': '2', 'form-3': '3', 'form-post': 'post', annex: 'annex', notice: 'notice' };

/** The signature blocks a printed document of this QR kind carries. */
function blocksOnKind(form: ChangeFormState, kind: string): PaperBlock[] {
  if (kind === 'annex') return annexBlocks(form);
  if (kind === 'notice') return noticeBlocks(form);
  const part = PART_OF_KIND[kind];
  return part === 'all' || part === '1' || part === '2' || part === '3' || part === 'post' ? formBlocks(form, part) : [];
}

/** The project document each QR kind was printed as (issue 8). */
const PROJECT_DOC_OF_KIND: Record<string, ProjectDoc | undefined> = {
  golive: 'form',
  release: 'form',
  access: 'form',
  'golive-plan': 'plan',
  'release-plan': 'plan',
  'version-table': 'version',
  'golive-acceptance': 'acceptance',
  'release-acceptance': 'acceptance',
};

/** What a scan proves of a form: is it the current version, and does the print match that version regenerated. */
function verdict(first: QrPayload, label: string, formId: string, title: string, currentVersion: number, contentMatches: boolean, changesSince: TimelineEntry[]): Partial<PrintVerifyResult> {
  const isCurrent = currentVersion === first.version;
  const said = isCurrent ? '是当前版本' : `不是当前版本（当前为第 ${currentVersion} 版，之后有 ${changesSince.length} 项变动）`;
  const proof = contentMatches ? '打印内容与该版本一致' : '打印内容与该版本重新生成的内容不一致（可能被改动，或系统登记的名称已变）';
  return {
    qr: { ...first, kindLabel: DOC_KINDS[first.kind], text: encodeQrPayload(first) },
    formId,
    title,
    currentVersion,
    isCurrent,
    contentMatches,
    changesSince,
    message: `${label}：${said}；${proof}。`,
  };
}

export function printHandlers(ctx: ServiceContext): AreaHandlers<'print'> {
  const core = coreOf(ctx);
  const engine = changeEngine(core);

  const readable = (user: SessionUser, formId: string): ChangeFormState => engine.readable(user, formId);

  /** The forms planned to start in a week that this user may see (§17(1)). */
  function weekForms(user: SessionUser, week: string): ChangeFormState[] {
    const { monday, sunday } = isoWeekRange(week);
    const { rows } = engine.queries.list({
      filter: { dateOf: 'plannedStart', from: monday, to: sunday },
      page: 1,
      pageSize: 1000,
      scopeUnit: businessOnly(user) ? user.unitCode : undefined,
    });
    return rows.map((r) => engine.queries.form(r.formId)?.state).filter((s): s is ChangeFormState => s !== undefined);
  }

  /**
   * The form as it stood when a page of `version` was printed. A form's events fold as a tree
   * (issue 5: two terminals' branches, then a `conflict.resolved` choice), so its version counts
   * the events of one branch, not of the log: fold the log as the store's projection does, event
   * by event through the same branch-aware reducer, and keep every state of that version. Two
   * branches can each reach the same version; the page's content hash tells which one was printed
   * (else the latest, which is the one the form went on from).
   */
  function stateAt(formId: string, version: number, printed?: { kind: string; sha256: string }): ChangeFormState | undefined {
    const nameOf = (userId: string) => core.dir.user(userId)?.name ?? userId;
    const candidates: ChangeFormState[] = [];
    let state: ChangeFormState | undefined;
    for (const e of core.log.streamEvents(formId)) {
      state = changeReducer.apply(state, toFormEvent(e.id, e, nameOf(e.author)), () => earlierFormEvents(core.log, formId, nameOf, e.id));
      if (state.version === version) candidates.push(state);
    }
    if (printed && candidates.length > 1) {
      const dctx = documentContext(core);
      const part = PART_OF_KIND[printed.kind] ?? 'all';
      const match = candidates.find((s) => contentHash(documentForPart(s, part, dctx)) === printed.sha256);
      if (match) return match;
    }
    return candidates[candidates.length - 1];
  }

  /** What happened to the form after the printed state: the later events in the log, less those of a branch set aside. */
  function changesSince(current: ChangeFormState, then: ChangeFormState | undefined, version: number): TimelineEntry[] {
    const timeline = engine.timeline(current.formId, current);
    if (!then) return timeline.slice(version);
    const last = Math.max(...then.head.map((id) => timeline.findIndex((e) => e.id === id)));
    return timeline.slice(last + 1).filter((e) => !e.superseded);
  }

  /** What a scanned page's QR code proves: which form and version, and whether it is current. */
  async function verifyScan(user: SessionUser, bytes: Buffer): Promise<PrintVerifyResult> {
      const scan = await readScan(bytes);
      const first = scan.payloads[0];
      if (!first) return { found: false, message: scan.problem ?? '未能识别二维码。', changesSince: [] };
      const dctx = documentContext(core);
      const base: PrintVerifyResult = { found: true, message: '', pagesRead: scan.payloads.length, changesSince: [] };
      const label = `${DOC_KINDS[first.kind]} ${first.docNo} 第 ${first.version} 版（第 ${first.page} 页，共 ${first.pages} 页）`;

      if (first.kind === 'weekly') {
        const doc = documentForWeeklyPlan(weekForms(user, first.docNo), first.docNo, dctx);
        const sha = contentHash(doc);
        const same = sha === first.sha256;
        return {
          ...base,
          qr: qrOf({ ...doc, version: first.version }, first.sha256, first.pages, first.page),
          currentVersion: doc.version,
          isCurrent: same,
          contentMatches: same,
          message: same ? `${label}：与当前周变更计划一致。` : `${label}：与当前周变更计划不一致（当前为第 ${doc.version} 版），计划中的变更在打印后有变动。`,
        };
      }
      const doc = PROJECT_DOC_OF_KIND[first.kind];
      if (doc) {
        // Issue 8: 附件2/附件4, the plan, 附件3, the acceptance report, the access record.
        const projects = projectEngine(ctx);
        const row = projects.forms.list({ text: first.docNo, page: 1, pageSize: 5, scopeUnit: projects.scope(user) }).rows.find((r) => r.formNo === first.docNo);
        if (!row) return { ...base, message: `${label}：本终端没有这张表单（可能尚未导入）。` };
        const current = projects.readable(user, row.formId);
        const events = core.log.streamEvents(row.formId).slice(0, first.version);
        let then: ProjectFormState | undefined;
        for (const e of events) then = projectReducer.apply(then, toFormEvent(e.id, e, core.dir.user(e.author)?.name ?? e.author));
        const printed = then && events.length === first.version ? contentHash(documentForProjectForm(then, doc, dctx)) : undefined;
        const changesSince = projects.view(user, current).timeline.slice(first.version);
        return { ...base, ...verdict(first, label, row.formId, namedSummary(core, row).title, current.version, printed === first.sha256, changesSince) };
      }
      if (!FORM_KINDS.has(first.kind)) return { ...base, message: `${label}：不是变更单打印件。` };

      const row = engine.queries.list({ filter: { text: first.docNo }, page: 1, pageSize: 5, scopeUnit: businessOnly(user) ? user.unitCode : undefined }).rows.find((r) => r.formNo === first.docNo);
      if (!row) return { ...base, message: `${label}：本终端没有这张变更单（可能尚未导入）。` };
      const current = readable(user, row.formId);
      const then = stateAt(row.formId, first.version, first);
      const printedThen = then ? contentHash(documentForPart(then, PART_OF_KIND[first.kind] ?? 'all', dctx)) : undefined;
      return { ...base, ...verdict(first, label, row.formId, current.part1.title ?? '', current.version, printedThen === first.sha256, changesSince(current, then, first.version)) };
    }

  /** §27: does the scan show this form's block, from a version whose block is signed as it is now? */
  function scanProblems(form: ChangeFormState, blockId: string, v: PrintVerifyResult): string[] {
    const label = paperBlocks(form).find((b) => b.id === blockId)?.label ?? blockId;
    if (!v.found || !v.qr) return [`未能识别扫描件上的二维码，无法证明签字栏「${label}」签在哪一版上`];
    if (v.formId !== form.formId) return [`扫描件是 ${v.qr.docNo} 的${v.qr.kindLabel}，不是本变更单 ${form.formNo}`];
    const problems: string[] = [];
    if (!v.contentMatches) problems.push('扫描件的打印内容与其版本重新生成的内容不一致');
    const then = stateAt(form.formId, v.qr.version, v.qr);
    const thenBlock = then ? blocksOnKind(then, v.qr.kind).find((b) => b.id === blockId) : undefined;
    if (!thenBlock) return [...problems, `扫描件（${v.qr.kindLabel}）上没有签字栏「${label}」`];
    const now = paperBlocks(form).find((b) => b.id === blockId);
    if (!thenBlock.signed) problems.push(`扫描件打印于第 ${v.qr.version} 版，当时「${label}」尚未办理，不是签字的那一版`);
    else if (now?.signed?.time !== thenBlock.signed.time || now.signed.userId !== thenBlock.signed.userId) {
      problems.push(`扫描件打印于第 ${v.qr.version} 版，此后「${label}」已重新办理（当前为第 ${form.version} 版），是过时的版本`);
    }
    return problems;
  }

  return {
    'print:options': (input, call) => {
      const form = readable(currentUser(ctx, call), input.formId);
      const dctx = documentContext(core);
      // The parts the form has reached, the annex of an emergency change, the §19 notice when
      // the change may interrupt business or a notice was recorded.
      const parts: PrintPart[] = ['all', ...partsReached(form)];
      if (form.emergency) parts.push('annex');
      if (form.part2.mayInterruptBusiness || (form.part3.notices ?? []).length > 0) parts.push('notice');
      return parts.map((part) => ({ part, label: PRINT_PART_LABELS[part], draft: documentForPart(form, part, dctx).draft }));
    },

    'print:changeForm': async (input, call) => {
      const user = currentUser(ctx, call);
      const form = readable(user, input.formId);
      const part = input.part ?? 'all';
      if (part === 'annex' && !form.emergency) throw new AppError('NOT_EMERGENCY', '该变更单不是紧急变更（第22条），没有紧急变更附页。');
      const dctx = documentContext(core);
      return printDocument(documentForPart(form, part, dctx), dctx);
    },

    // Issue 8: 附件2/附件4, the plan, 附件3, the acceptance report, the access record.
    'print:projectForm': async (input, call) => {
      const user = currentUser(ctx, call);
      const form = projectEngine(ctx).readable(user, input.formId);
      const doc = input.doc ?? 'form';
      if (form.kind === 'access' && doc !== 'form') throw new AppError('NO_SUCH_DOCUMENT', '生产系统访问登记只有登记表一种打印件。');
      if (form.kind === 'release' && doc === 'version') throw new AppError('NO_SUCH_DOCUMENT', '系统发布没有《软件版本管理表》（第29条(4)只适用于软件上线）。');
      const dctx = documentContext(core);
      return printDocument(documentForProjectForm(form, doc, dctx), dctx);
    },

    'print:weeklyPlan': async (input, call) => {
      const user = currentUser(ctx, call);
      const dctx = documentContext(core);
      // §17(1): the ops head's review, once recorded, prints in its signature block.
      const review = supervisionEngine(core).store.review(input.week);
      return printDocument(documentForWeeklyPlan(weekForms(user, input.week), input.week, dctx, review as WeeklyReview | undefined), dctx);
    },

    'print:verify': async (input, call) => verifyScan(currentUser(ctx, call), Buffer.from((input.imageBase64 ?? input.pdfBase64) as string, 'base64')),

    'print:storeScan': async (input, call) => {
      const user = requireRole(ctx, call, VERBS.recordWetSignature.roles);
      const form = readable(user, input.formId);
      const bytes = Buffer.from((input.imageBase64 ?? input.pdfBase64) as string, 'base64');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // Kept like an exchange attachment: by content hash, so a bundle carries it with the record.
      if (!(await storeAttachment(ctx.dataDir, sha256, Readable.from([bytes])))) throw new AppError('SCAN_NOT_STORED', '扫描件保存失败，请重试。');
      const verify = await verifyScan(user, bytes);
      return { sha256, size: bytes.length, verify, problems: scanProblems(form, input.blockId, verify) };
    },
  };

}
