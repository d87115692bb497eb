import { CHANGE_STATES, type ChangeFormState, type ChangeState } from '../../shared/schemas/change-form';
import { listTable, paragraph, signatureTable } from '../layout/blocks';
import type { Content, PrintedDocument } from '../layout/types';
import { recordOf, systemsText, when, type DocumentContext, type SignatureBlock } from './common';

/**
 * 周变更计划 (§17(1)): each week 运行维护中心负责人 reviews the coming week's scheduled changes,
 * so that enough technical resources are in place. One row per change planned to start in the
 * week, in time order, with a review signature line.
 */

/** ISO week 2026-W49 → Monday and Sunday (dates, Beijing calendar). */
export function isoWeekRange(week: string): { monday: string; sunday: string } {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`周次格式应为 YYYY-Www，例如 2026-W49：${week}`);
  const year = Number(m[1]);
  const w = Number(m[2]);
  // ISO 8601: week 1 holds January 4th.
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Day = (new Date(jan4).getUTCDay() + 6) % 7;
  const monday = jan4 - jan4Day * 86_400_000 + (w - 1) * 7 * 86_400_000;
  if (w < 1 || w > 53 || isoWeekOf(new Date(monday).toISOString().slice(0, 10)) !== week) throw new Error(`没有这一周：${week}`);
  return { monday: new Date(monday).toISOString().slice(0, 10), sunday: new Date(monday + 6 * 86_400_000).toISOString().slice(0, 10) };
}

/** The ISO week a date (YYYY-MM-DD) falls in. */
export function isoWeekOf(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  const day = (new Date(t).getUTCDay() + 6) % 7;
  const thursday = t + (3 - day) * 86_400_000;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** States in which a change is on the plan: approved and scheduled, or waiting for that approval. */
export const ON_PLAN: readonly ChangeState[] = ['pending_impl_approval', 'scheduled', 'implemented', 'rolled_back', 'pending_post_review', 'pending_applicant_confirm', 'pending_archive', 'archived'];

export function changesInWeek(forms: readonly ChangeFormState[], week: string): ChangeFormState[] {
  const { monday, sunday } = isoWeekRange(week);
  return forms
    .filter((f) => ON_PLAN.includes(f.state) && f.part3.plannedStart !== undefined && f.emergency === undefined)
    .filter((f) => {
      const d = (f.part3.plannedStart as string).slice(0, 10);
      return d >= monday && d <= sunday;
    })
    .sort((a, b) => (a.part3.plannedStart as string).localeCompare(b.part3.plannedStart as string) || a.formNo.localeCompare(b.formNo));
}

/** The review of the plan, once recorded (no such event exists yet: the line stays blank). */
export interface WeeklyReview {
  userId: string;
  name: string;
  role: 'ops_head';
  time: string;
  opinion?: string;
}

export function weeklyPlanSignatureBlocks(review?: WeeklyReview): SignatureBlock[] {
  return [
    { id: 'weekly.preparer', label: '编制（运行维护中心）', article: '第17条(1)', pendingText: ' ' },
    { id: 'weekly.opsHead', label: '运行维护中心负责人审阅', article: '第17条(1)', ...(review ? { record: recordOf(review, review.opinion, true) } : { pendingText: '审阅意见：' }) },
  ];
}

export function documentForWeeklyPlan(allForms: readonly ChangeFormState[], week: string, ctx: DocumentContext, review?: WeeklyReview): PrintedDocument {
  const { monday, sunday } = isoWeekRange(week);
  const forms = changesInWeek(allForms, week);
  const rows: Content[][] = forms.map((f, i) => [
    { text: String(i + 1), style: 'cell', alignment: 'center' },
    { text: f.formNo, style: 'cell', noWrap: true },
    f.part1.title ?? '',
    systemsText(f.part1.systems, ctx.systemNames),
    f.part1.changeType ?? '',
    f.part2.riskLevel ?? '',
    `${when(f.part3.plannedStart)}\n至 ${when(f.part3.plannedEnd).slice(11) || when(f.part3.plannedEnd)}`,
    `${f.part2.mayInterruptBusiness ? '是' : '否'}`,
    `${CHANGE_STATES[f.state]}${f.overrides.length ? '（越权排期）' : ''}`,
  ]);
  const content: Content[] = [
    paragraph(`计划周期：${monday}（星期一）至 ${sunday}（星期日）　　共 ${forms.length} 项变更`, { margin: [0, 0, 0, 6], fontSize: 10 }),
    forms.length
      ? listTable(['序号', '变更单编号', '变更名称', '涉及系统', '变更类型', '风险', '计划时间', '中断', '状态'], [22, 88, '*', 70, 48, 24, 64, 24, 48], rows)
      : paragraph('本周无已排期的变更。', { alignment: 'center', margin: [0, 20, 0, 20] }),
    signatureTable(weeklyPlanSignatureBlocks(review)),
  ];
  return {
    kind: 'weekly',
    title: '周变更计划',
    docNo: week,
    // The plan's version: the sum of its forms' versions, so any change to a listed form (or a
    // form added or dropped) gives a new version and a new hash.
    version: forms.reduce((n, f) => n + f.version, 0),
    // Final once every listed change is approved and scheduled (§17(1) reviews a settled plan).
    draft: forms.some((f) => f.state === 'pending_impl_approval'),
    subtitle: `${monday} 至 ${sunday}`,
    content,
  };
}
