import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from './event-codec';
import type { SignedRecord } from '../shared/schemas/change-form';
import type { RoleCode } from '../shared/schemas/roles';
import { INSPECTION_KINDS, quarterOf, type FollowUp, type InspectionKind, type InspectionRecord, type WeeklyReviewRecord } from '../shared/schemas/supervision';

// The §17(1) weekly reviews and §36 inspections, projected from the events of the `sup:<unit>`
// streams into supervision_record / inspection_follow_up (migration 0007); rebuilt from the log.
// Records are stored as canonical JSON, so an append and a rebuild store the same bytes.

export const SUP_EVENTS = {
  weeklyReview: 'supervision.weeklyReview',
  inspection: 'supervision.inspection',
  followUpClosed: 'supervision.followUpClosed',
} as const;

export function supStream(unitCode: string): string {
  return `sup:${unitCode}`;
}

export function isSupStream(stream: string): boolean {
  return stream.startsWith('sup:');
}

export interface SupEvent {
  id: string;
  type: string;
  payload: unknown;
  author: string;
  authorName: string;
  role: string;
  time: string;
}

export interface WeeklyReviewPayload {
  week: string;
  opinion: string;
}
/** What an inspection event carries; the record adds its label, quarter and signer. */
export type InspectionPayload = Omit<InspectionRecord, 'kindLabel' | 'quarter' | 'followUps' | 'recordedBy'> & {
  followUps: Array<Omit<FollowUp, 'closed'>>;
};
export interface FollowUpClosedPayload {
  inspectionId: string;
  followUpId: string;
  note: string;
}

export const SUPERVISION_PROJECTION_TABLES = ['supervision_record', 'inspection_follow_up'] as const;

function signed(e: SupEvent): SignedRecord {
  return { userId: e.author, name: e.authorName, role: e.role as RoleCode, time: e.time };
}

export class SupervisionStore {
  private readonly s: {
    upsert: Statement<[string, string, string, string | null, string, string]>;
    byId: Statement<[string], { json: string }>;
    addFollowUp: Statement<[string, string, string]>;
    closeFollowUp: Statement<[string, string]>;
    review: Statement<[string], { json: string }>;
    reviewsBetween: Statement<[string, string], { json: string }>;
    inspections: Statement<[{ kind: string | null; from: string | null; to: string | null }], { json: string }>;
    inQuarter: Statement<[string, string], { n: number }>;
    forTarget: Statement<[string, string], { json: string }>;
    openFollowUps: Statement<[string], { inspection_id: string; follow_up_id: string; due: string }>;
    plannedPerDay: Statement<[string, string, string], { d: string; n: number }>;
    unchecked: Statement<[string], string>;
    uncheckedRollouts: Statement<[string], string>;
    firstTime: Statement<[], string>;
  };

  constructor(readonly db: Database) {
    this.s = {
      upsert: db.prepare('INSERT OR REPLACE INTO supervision_record (id, kind, period, target, on_date, json) VALUES (?, ?, ?, ?, ?, ?)'),
      byId: db.prepare('SELECT json FROM supervision_record WHERE id = ?'),
      addFollowUp: db.prepare('INSERT OR REPLACE INTO inspection_follow_up (inspection_id, follow_up_id, due, closed) VALUES (?, ?, ?, 0)'),
      closeFollowUp: db.prepare('UPDATE inspection_follow_up SET closed = 1 WHERE inspection_id = ? AND follow_up_id = ?'),
      review: db.prepare(`SELECT json FROM supervision_record WHERE kind = 'weekly' AND period = ?`),
      reviewsBetween: db.prepare(`SELECT json FROM supervision_record WHERE kind = 'weekly' AND period BETWEEN ? AND ? ORDER BY period`),
      inspections: db.prepare(
        `SELECT json FROM supervision_record WHERE kind != 'weekly' AND (@kind IS NULL OR kind = @kind) AND (@from IS NULL OR on_date >= @from) AND (@to IS NULL OR on_date <= @to)
         ORDER BY on_date DESC, id`,
      ),
      inQuarter: db.prepare('SELECT count(*) AS n FROM supervision_record WHERE kind = ? AND period = ?'),
      forTarget: db.prepare('SELECT json FROM supervision_record WHERE kind = ? AND target = ? ORDER BY on_date DESC'),
      openFollowUps: db.prepare('SELECT inspection_id, follow_up_id, due FROM inspection_follow_up WHERE closed = 0 AND due <= ? ORDER BY due'),
      plannedPerDay: db.prepare(
        `SELECT substr(planned_start, 1, 10) AS d, count(*) AS n FROM form
         WHERE planned_start >= ? AND planned_start <= ? AND emergency = 0 AND state IN (SELECT value FROM json_each(?)) GROUP BY d`,
      ),
      // '~' sorts after every character of a date-time: the whole last day is included.
      unchecked: db.prepare<[string], string>(
        `SELECT summary_json FROM form WHERE state = 'scheduled' AND planned_start <= ? || '~'
         AND NOT EXISTS (SELECT 1 FROM supervision_record r WHERE r.kind = 'system' AND r.target = form.form_id) ORDER BY planned_start`,
      ).pluck(),
      // §36(1)–(2): go-lives and releases being prepared or carried out with no check of a kind naming them.
      uncheckedRollouts: db.prepare<[string], string>(
        `SELECT state_json FROM project_form p WHERE kind IN ('golive', 'release') AND state IN ('preparing', 'rolling_out')
         AND NOT EXISTS (SELECT 1 FROM supervision_record r WHERE r.kind = ? AND r.target = p.form_id) ORDER BY p.rowid`,
      ).pluck(),
      firstTime: db.prepare<[], string>('SELECT time FROM event ORDER BY pos LIMIT 1').pluck(),
    };
  }

  /** Projects one supervision event (in the append's transaction, or a rebuild's). Unknown types are ignored. */
  apply(e: SupEvent): void {
    switch (e.type) {
      case SUP_EVENTS.weeklyReview: {
        const p = e.payload as WeeklyReviewPayload;
        const r: WeeklyReviewRecord = { week: p.week, opinion: p.opinion, ...signed(e) };
        this.s.upsert.run(`weekly:${p.week}`, 'weekly', p.week, null, e.time.slice(0, 10), canonicalJson(r));
        break;
      }
      case SUP_EVENTS.inspection: {
        const p = e.payload as InspectionPayload;
        const r: InspectionRecord = {
          id: p.id,
          kind: p.kind,
          kindLabel: INSPECTION_KINDS[p.kind]?.label ?? p.kind,
          performedOn: p.performedOn,
          quarter: quarterOf(p.performedOn),
          inspectors: p.inspectors,
          scope: p.scope,
          findings: p.findings,
          ...(p.formId ? { formId: p.formId } : {}),
          ...(p.formNo ? { formNo: p.formNo } : {}),
          ...(p.formKind && p.formKind !== 'change' ? { formKind: p.formKind } : {}),
          ...(p.releaseRef ? { releaseRef: p.releaseRef } : {}),
          followUps: p.followUps.map((f) => ({ ...f })),
          recordedBy: signed(e),
        };
        this.s.upsert.run(p.id, p.kind, r.quarter, p.formId ?? p.releaseRef ?? null, p.performedOn, canonicalJson(r));
        for (const f of p.followUps) this.s.addFollowUp.run(p.id, f.id, f.due);
        break;
      }
      case SUP_EVENTS.followUpClosed: {
        const p = e.payload as FollowUpClosedPayload;
        const r = this.inspection(p.inspectionId);
        if (!r) break;
        r.followUps = r.followUps.map((f) => (f.id === p.followUpId ? { ...f, closed: { ...signed(e), note: p.note } } : f));
        this.s.upsert.run(r.id, r.kind, r.quarter, r.formId ?? r.releaseRef ?? null, r.performedOn, canonicalJson(r));
        this.s.closeFollowUp.run(p.inspectionId, p.followUpId);
        break;
      }
    }
  }

  inspection(id: string): InspectionRecord | undefined {
    const row = this.s.byId.get(id);
    return row ? (JSON.parse(row.json) as InspectionRecord) : undefined;
  }

  review(week: string): WeeklyReviewRecord | undefined {
    const row = this.s.review.get(week);
    return row ? (JSON.parse(row.json) as WeeklyReviewRecord) : undefined;
  }

  reviews(fromWeek: string, toWeek: string): WeeklyReviewRecord[] {
    return this.s.reviewsBetween.all(fromWeek, toWeek).map((r) => JSON.parse(r.json) as WeeklyReviewRecord);
  }

  inspections(kind?: InspectionKind, from?: string, to?: string): InspectionRecord[] {
    return this.s.inspections.all({ kind: kind ?? null, from: from ?? null, to: to ?? null }).map((r) => JSON.parse(r.json) as InspectionRecord);
  }

  countInQuarter(kind: InspectionKind, quarter: string): number {
    return this.s.inQuarter.get(kind, quarter)?.n ?? 0;
  }

  /** Inspections of a kind that name a form or release (§36(1)–(2)), newest first. */
  forTarget(kind: InspectionKind, target: string): InspectionRecord[] {
    return this.s.forTarget.all(kind, target).map((r) => JSON.parse(r.json) as InspectionRecord);
  }

  /** Non-emergency changes on the plan (states given) per planned day, between two dates. */
  plannedPerDay(from: string, to: string, states: readonly string[]): Map<string, number> {
    return new Map(this.s.plannedPerDay.all(from, `${to}~`, JSON.stringify(states)).map((r) => [r.d, r.n]));
  }

  /** §36(2): scheduled changes going live by a date with no system check recorded, as list rows (JSON). */
  scheduledWithoutSystemCheck(until: string): string[] {
    return this.s.unchecked.all(until);
  }

  /** §36(1)–(2): go-live/release forms (state JSON) in preparation or roll-out without a check of this kind. */
  rolloutsWithoutCheck(kind: 'version' | 'system'): string[] {
    return this.s.uncheckedRollouts.all(kind);
  }

  /** The day the log begins (the terminal was set up): quarters before it owe no inspection. */
  firstDay(): string | undefined {
    return this.s.firstTime.get()?.slice(0, 10);
  }

  /** Open follow-ups due by a date, soonest first. */
  openFollowUpsDueBy(date: string): Array<{ inspectionId: string; followUpId: string; due: string }> {
    return this.s.openFollowUps.all(date).map((r) => ({ inspectionId: r.inspection_id, followUpId: r.follow_up_id, due: r.due }));
  }
}
