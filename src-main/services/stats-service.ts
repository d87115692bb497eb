import { latePaperwork, percentText, projectPeriodLines, share } from '../domain';
import type { RolloutFormState } from '../shared/schemas/project-forms';
import { AppError } from '../shared/errors';
import { CHANGE_SOURCES, CHANGE_TYPES, URGENCIES, type ChangeFormState } from '../shared/schemas/change-form';
import type { SessionUser } from '../shared/schemas/identity';
import type { RoleCode } from '../shared/schemas/roles';
import {
  periodLabel,
  REPORT_LIST_LIMIT,
  type Drill,
  type StatCount,
  type StatList,
  type StatsPeriod,
  type StatsReport,
} from '../shared/schemas/stats';
import { StatsQueries } from '../store/stats-projection';
import { businessOnly } from './change-service';
import type { AreaHandlers, ServiceContext } from './context';
import { documentForStatsReport } from '../pdf';
import { printDocument } from '../pdf/print-job';
import { documentContext } from './print-context';
import { coreOf, perCore, requireRole, type Core } from './core';
import { policySettings } from './settings-service';
import { localDate } from './time';

// 定期评估 (§26): the report of a period, the forms behind each number, the CSV export.
// §26 is organised by the ops centre with the development centre and 安全科; the IT
// department's heads, project management and the archive read it too. A department head
// sees the report of their own unit only.

export const STATS_ROLES: readonly RoleCode[] = [
  'ops_head',
  'ops_coordinator',
  'it_head',
  'security_reviewer',
  'pmo_reviewer',
  'project_manager',
  'archivist',
  'dept_head',
];

/** The period as this user may see it: a business unit's head only their own unit. */
export function scopedPeriod(user: SessionUser, period: StatsPeriod): StatsPeriod {
  if (!businessOnly(user)) return period;
  if (period.unit && period.unit !== user.unitCode) throw new AppError('FORBIDDEN', '无权查看其他部门的变更统计：部门负责人只能查看本部门的统计（第26条）。');
  return { ...period, unit: user.unitCode };
}

/** The §26 statistics of one context: queries prepared once, late paperwork computed per call. */
export class StatsEngine {
  readonly queries: StatsQueries;

  constructor(readonly core: Core) {
    this.queries = new StatsQueries(core.ctx.db);
  }

  /** Forms whose 补单/补测 was late or is overdue (§23–§24), as of today. */
  lateRowids(period: StatsPeriod): number[] {
    return latePaperwork(this.queries.emergencies(period), localDate(this.core.ctx.clock()), policySettings(this.core));
  }

  private list(period: StatsPeriod, drill: Drill, total: number, note: (f: ChangeFormState) => string | undefined, late?: number[]): StatList {
    const rows = this.queries.forms(period, drill, REPORT_LIST_LIMIT, 0, late).map(({ state, summary, date }) => {
      const n = note(state);
      return { formId: summary.formId, formNo: summary.formNo, title: summary.title, unit: summary.applicantUnitName ?? summary.applicantUnit, date, ...(n ? { note: n } : {}) };
    });
    return { total, rows, drill };
  }

  report(period: StatsPeriod): StatsReport {
    const q = this.queries;
    const late = this.lateRowids(period);
    const imp: Drill = { set: 'implemented' };
    const req: Drill = { set: 'requested' };
    // A few passes over the period's rows give every number; each carries the drill that lists its forms.
    const t = q.implementedTotals(period, late);
    const n = (key: string, label: string, count: number, drill: Drill): StatCount => ({ key, label, count, drill });
    const types = q.countBy(period, imp, 'change_type');
    const urgencies = q.countBy(period, imp, 'urgency');
    const grouped = <T extends string>(values: readonly T[], count: (v: T) => number, drill: (v: T) => Drill): StatCount[] => values.map((v) => n(v, v, count(v), drill(v)));

    const total = n('total', '实施变更总数', t.total, imp);
    const emergency = n('emergency', '紧急变更', t.emergency, { ...imp, emergency: true });
    const notMet = n('notMet', '未达到预期目标', t.notMet, { ...imp, goalMet: false });
    const negative = n('negative', '存在负面影响', t.negative, { ...imp, negativeImpact: true });
    const rollbacks = n('rollbacks', '回退', t.rollbacks, { ...imp, rolledBack: true });
    const overrides = n('overrides', '越权在业务时间排期', t.overrides, { ...imp, windowOverride: true });
    const lateCount = n('paperworkLate', '补单/补测逾期', t.late, { ...imp, emergency: true, paperworkLate: true });

    const pairs = q.countBySourceAndType(period, req);
    const pairCount = (source: string | null, type: string | null) => pairs.find((r) => r.source === source && r.type === type)?.n ?? 0;
    const sourceCount = (source: string) => pairs.filter((r) => r.source === source).reduce((s, r) => s + r.n, 0);
    const outcomes = q.requestOutcomes(period);
    const OUTCOMES: Array<[NonNullable<Drill['outcomeGroup']>, string]> = [
      ['implemented', '已实施'],
      ['open', '办理中'],
      ['not_recommended', '不建议实施'],
      ['to_project', '转项目'],
      ['withdrawn', '已撤回'],
    ];
    const requests = n('requests', '变更申请总数', pairs.reduce((s, r) => s + r.n, 0), req);

    const unit = period.unit ? this.core.dir.unit(period.unit) : undefined;
    const rollouts = q.rolloutStates().map((j) => JSON.parse(j) as RolloutFormState);
    const unitName = (code: string) => this.core.dir.unit(code)?.name ?? code;
    return {
      projects: projectPeriodLines(rollouts, period.from, period.to, period.unit, unitName),
      period: { from: period.from, to: period.to, label: periodLabel(period.from, period.to) },
      ...(period.unit ? { unit: { code: period.unit, name: unit?.name ?? period.unit } } : {}),
      generatedAt: this.core.now(),
      implemented: {
        total,
        emergency,
        emergencyShare: share(emergency.count, total.count),
        byType: grouped(CHANGE_TYPES, (v) => types.get(v) ?? 0, (v) => ({ ...imp, changeType: v })),
        byUrgency: grouped(URGENCIES, (v) => urgencies.get(v) ?? 0, (v) => ({ ...imp, urgency: v })),
      },
      goal: {
        met: n('met', '达到预期目标', t.met, { ...imp, goalMet: true }),
        notMet,
        notEvaluated: n('notEvaluated', '尚未评估', t.notEvaluated, { ...imp, goalMet: null }),
        notMetList: this.list(period, notMet.drill, notMet.count, (f) => f.result.negativeImpactNote ?? f.result.rollbackReason ?? f.result.implementationNote),
      },
      negative: { count: negative, list: this.list(period, negative.drill, negative.count, (f) => f.result.negativeImpactNote) },
      requests: {
        total: requests,
        bySource: grouped(CHANGE_SOURCES, sourceCount, (v) => ({ ...req, changeSource: v })),
        byOutcome: OUTCOMES.map(([key, label]) => n(key, label, outcomes[key], { ...req, outcomeGroup: key })),
        matrix: CHANGE_SOURCES.map((source) => ({
          source,
          counts: CHANGE_TYPES.map((type) => n(type, type, pairCount(source, type), { ...req, changeSource: source, changeType: type })),
        })),
        reasons: this.list(period, req, requests.count, (f) => [f.part1.changeSource, f.part1.changeType, f.part1.content].filter(Boolean).join('｜')),
      },
      rollbacks: { count: rollbacks, rate: share(rollbacks.count, total.count), list: this.list(period, rollbacks.drill, rollbacks.count, (f) => f.result.rollbackReason) },
      windowOverrides: {
        count: overrides,
        list: this.list(period, overrides.drill, overrides.count, (f) => f.overrides.map((o) => `${o.finding}；理由：${o.reason}（${o.name}）`).join('\n')),
      },
      paperwork: {
        late: lateCount,
        list: this.list(
          period,
          lateCount.drill,
          lateCount.count,
          (f) => {
            const e = f.emergency;
            const parts = [`补单${e?.paperwork ? ` ${e.paperwork.time.slice(0, 10)} 完成` : '未完成'}`];
            if (e?.testedBefore === false) parts.push(`补测${e.retest ? ` ${e.retest.time.slice(0, 10)} 完成` : '未完成'}`);
            return parts.join('，');
          },
          late,
        ),
      },
    };
  }

  /** The list rows behind a number (drill-down), in the order of the report's lists. */
  forms(period: StatsPeriod, drill: Drill, page: number, pageSize: number): { rows: ReturnType<StatsQueries['summaries']>; total: number } {
    const late = drill.paperworkLate !== undefined ? this.lateRowids(period) : undefined;
    return { rows: this.queries.summaries(period, drill, pageSize, (page - 1) * pageSize, late), total: this.queries.count(period, drill, late) };
  }

  /** One row per form implemented or requested in the period (§26), for a spreadsheet. */
  csv(period: StatsPeriod): string {
    const late = new Set(this.lateRowids(period));
    const seen = new Set<string>();
    const header = ['变更单编号', '变更名称', '申请部门', '申请日期', '实施日期', '变更类型', '变更来源', '急迫性', '紧急变更', '状态', '实施结果', '回退原因', '是否达到预期目标', '是否存在负面影响', '负面影响说明', '越权排期（第17条(2)）', '补单/补测逾期'];
    const lines = [header];
    const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? '是' : '否');
    for (const set of ['implemented', 'requested'] as const) {
      const drill: Drill = { set };
      const total = this.queries.count(period, drill);
      for (let offset = 0; offset < total; offset += 1000) {
        for (const { state: f, summary: s, rowid } of this.queries.forms(period, drill, 1000, offset)) {
          if (seen.has(f.formId)) continue;
          seen.add(f.formId);
          lines.push([
            f.formNo,
            s.title,
            s.applicantUnitName ?? s.applicantUnit,
            f.part1.appliedOn ?? '',
            (f.result.actualStart ?? f.emergency?.implementedAt ?? '').slice(0, 10),
            f.part1.changeType ?? '',
            f.part1.changeSource ?? '',
            f.part1.urgency ?? '',
            f.emergency ? '是' : '否',
            s.stateLabel,
            f.result.outcome ?? '',
            f.result.rollbackReason ?? '',
            yesNo(f.result.goalMet),
            yesNo(f.result.negativeImpact),
            f.result.negativeImpactNote ?? '',
            f.overrides.length ? '是' : '否',
            late.has(rowid) ? '是' : '否',
          ]);
        }
      }
    }
    // Excel opens UTF-8 with the byte-order mark as Chinese; fields quoted where needed (RFC 4180).
    const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    return `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
  }

  /** `66.7%` for the report's text. */
  static rate(n: number, d: number): string {
    return percentText(share(n, d));
  }
}

export const statsEngine = perCore((core) => new StatsEngine(core));


export function statsHandlers(ctx: ServiceContext): AreaHandlers<'stats'> {
  const core = coreOf(ctx);
  const stats = statsEngine(core);
  return {
    'stats:report': (input, call) => stats.report(scopedPeriod(requireRole(ctx, call, STATS_ROLES), input)),
    'stats:forms': (input, call) => stats.forms(scopedPeriod(requireRole(ctx, call, STATS_ROLES), input.period), input.drill, input.page, input.pageSize),
    'stats:csv': (input, call) => {
      const period = scopedPeriod(requireRole(ctx, call, STATS_ROLES), input);
      return { csv: stats.csv(period), fileName: `变更统计-${period.from}-${period.to}${period.unit ? `-${period.unit}` : ''}.csv` };
    },
    'stats:reportPdf': async (input, call) => {
      const report = stats.report(scopedPeriod(requireRole(ctx, call, STATS_ROLES), input));
      return printDocument(await documentForStatsReport(report), documentContext(core));
    },
  };
}
