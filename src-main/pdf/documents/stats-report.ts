import { CHANGE_TYPES } from '../../shared/schemas/change-form';
import type { StatCount, StatList, StatsReport } from '../../shared/schemas/stats';
import { reportCharts } from '../../shared/stats-charts';
import { FONT_FAMILY } from '../font-files';
import { fieldTable, listTable, paragraph, partHeading, signatureTable, longText } from '../layout/blocks';
import { CONTENT_WIDTH } from '../layout/page';
import type { Content, ContentNode, PrintedDocument } from '../layout/types';

/**
 * 变更实施定期评估报告 (§26): the five questions of the article for a period — goal met (1),
 * negative impacts (2), counts in total and by type (3), reasons and their type analysis with
 * room for the follow-up measures (4), rollbacks and their reasons (5) — plus the §17(2)
 * overrides and the late §23–§24 paperwork, with charts beside the tables and the signature
 * lines of the review the ops centre organises with the development centre and 安全科.
 */

function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${(Math.round((n / d) * 1000) / 10).toFixed(1)}%`;
}

function countsTable(title: string, counts: StatCount[], total: number): ContentNode {
  const rows: Content[][] = counts.map((c) => [c.label, { text: String(c.count), style: 'cell', alignment: 'right' }, { text: pct(c.count, total), style: 'cell', alignment: 'right' }]);
  rows.push([{ text: '合计', bold: true, style: 'cell' }, { text: String(total), style: 'cell', alignment: 'right', bold: true }, { text: total ? '100.0%' : '—', style: 'cell', alignment: 'right' }]);
  return listTable([title, '数量', '占比'], ['*', 40, 46], rows);
}

/** Rows of each list on paper; the rest is in the 统计 screen's drill-down and the CSV. */
const PRINTED_ROWS = 50;

function formList(list: StatList, noteHead: string, dateHead = '实施日期'): Content[] {
  if (list.total === 0) return [paragraph('本期无。', { fontSize: 9.5, margin: [0, 2, 0, 6] })];
  const shown = list.rows.slice(0, PRINTED_ROWS);
  const rows: Content[][] = shown.map((r, i) => [
    { text: String(i + 1), style: 'cell', alignment: 'center' },
    { text: r.formNo, style: 'cell', noWrap: true },
    r.title,
    r.unit,
    { text: r.date, style: 'cell', noWrap: true },
    { stack: [longText(r.note)], style: 'cell' },
  ]);
  const table = listTable(['序号', '变更单编号', '变更名称', '申请部门', dateHead, noteHead], [22, 96, '*', 54, 50, 130], rows);
  // The header row never stays alone at the foot of a page.
  const out: Content[] = [{ ...table, table: { ...table.table!, keepWithHeaderRows: 1 } }];
  if (list.total > shown.length) out.push(paragraph(`共 ${list.total} 项，以上列出前 ${shown.length} 项；完整清单见系统“统计”页或 CSV 导出。`, { fontSize: 8.5, margin: [0, 2, 0, 6] }));
  return out;
}

function chartPair(svgs: string[], width: number): ContentNode {
  return { columns: svgs.map((svg) => ({ svg, width })), margin: [0, 4, 0, 6], unbreakable: true } as ContentNode;
}

function heading(text: string, note?: string): ContentNode {
  return { ...partHeading(text, note), margin: [0, 10, 0, 4] };
}

/** Async: the charts are drawn by echarts, loaded here on first use (it is no part of starting). */
export async function documentForStatsReport(r: StatsReport): Promise<PrintedDocument> {
  const { chartSvg } = await import('../chart-svg');
  const i = r.implemented;
  const total = i.total.count;
  const half = (CONTENT_WIDTH - 10) / 2;
  const charts = Object.fromEntries(reportCharts(r, FONT_FAMILY).map((c) => [c.id, c]));
  const svg = (id: string, w: number, h: number) => chartSvg(charts[id]!.option, w, h);

  const matrixHead = ['变更来源 \\ 变更类型', ...CHANGE_TYPES, '合计'];
  const matrixRows: Content[][] = r.requests.matrix.map((row) => [
    { text: row.source, style: 'cell' },
    ...row.counts.map((c) => ({ text: c.count ? String(c.count) : '', style: 'cell', alignment: 'right' as const })),
    { text: String(row.counts.reduce((n, c) => n + c.count, 0)), style: 'cell', alignment: 'right' as const, bold: true },
  ]);
  const column = (k: number) => r.requests.matrix.reduce((n, row) => n + (row.counts[k]?.count ?? 0), 0);
  matrixRows.push([
    { text: '合计', style: 'cell', bold: true },
    ...CHANGE_TYPES.map((_t, k) => ({ text: String(column(k)), style: 'cell', alignment: 'right' as const, bold: true })),
    { text: String(CHANGE_TYPES.reduce((n, _t, k) => n + column(k), 0)), style: 'cell', alignment: 'right' as const, bold: true },
  ]);

  const content: Content[] = [
    paragraph(`统计期间：${r.period.from} 至 ${r.period.to}（${r.period.label}）　　范围：${r.unit ? `${r.unit.name}（${r.unit.code}）` : '全部申请部门'}`, { fontSize: 10, margin: [0, 0, 0, 6] }),
    fieldTable(
      [
        { label: '实施变更总数', value: `${total} 项（以实施日期计）` },
        { label: '其中紧急变更', value: `${i.emergency.count} 项，占 ${pct(i.emergency.count, total)}` },
        { label: '达到预期目标', value: `${r.goal.met.count} 项；未达到 ${r.goal.notMet.count} 项；尚未评估 ${r.goal.notEvaluated.count} 项` },
        { label: '存在负面影响', value: `${r.negative.count.count} 项` },
        { label: '回退', value: `${r.rollbacks.count.count} 项，回退率 ${pct(r.rollbacks.count.count, total)}` },
        { label: '越权排期', value: `${r.windowOverrides.count.count} 项（第17条(2)）` },
        { label: '变更申请总数', value: `${r.requests.total.count} 项（以申请日期计）` },
        { label: '补单/补测逾期', value: `${r.paperwork.late.count} 项（第23条、第24条）` },
      ],
      heading('一、概况'),
    ),
    heading('二、变更是否达到预期目标，是否存在负面影响', '第26条(1)(2)'),
    chartPair([svg('goal', half, 190), svg('byUrgency', half, 190)], half),
    paragraph('未达到预期目标的变更：', { bold: true, fontSize: 9.5, margin: [0, 2, 0, 2] }),
    ...formList(r.goal.notMetList, '说明'),
    paragraph('存在负面影响的变更：', { bold: true, fontSize: 9.5, margin: [0, 4, 0, 2] }),
    ...formList(r.negative.list, '负面影响说明'),
    heading('三、实施变更的数量', '第26条(3)'),
    { svg: svg('byType', CONTENT_WIDTH, 200), width: CONTENT_WIDTH, margin: [0, 2, 0, 6] } as ContentNode,
    { columns: [countsTable('变更类型', i.byType, total), countsTable('急迫性', i.byUrgency, total)], columnGap: 10 } as ContentNode,
    heading('四、变更及变更请求的理由清单和类型分析', '第26条(4)'),
    chartPair([svg('bySource', half, 170), svg('requestOutcome', half, 170)], half),
    // Never a header row alone at the foot of a page.
    { ...listTable(matrixHead, [62, ...CHANGE_TYPES.map(() => '*'), 30], matrixRows), unbreakable: true } as ContentNode,
    paragraph('变更申请理由清单：', { bold: true, fontSize: 9.5, margin: [0, 6, 0, 2] }),
    ...formList(r.requests.reasons, '来源｜类型｜变更内容和目的', '申请日期'),
    fieldTable([{ label: '控制变更数量的跟进措施', value: '\n\n\n\n', wide: true }]),
    heading('五、变更回退的数量及其原因', '第26条(5)'),
    paragraph(`本期回退 ${r.rollbacks.count.count} 项，占实施变更 ${pct(r.rollbacks.count.count, total)}。`, { fontSize: 9.5, margin: [0, 0, 0, 2] }),
    ...formList(r.rollbacks.list, '回退原因'),
    heading('六、越权在业务时间排期的变更', '第17条(2)'),
    ...formList(r.windowOverrides.list, '业务时间认定及越权理由'),
    heading('七、紧急变更补单/补测逾期', '第23条、第24条'),
    ...formList(r.paperwork.list, '补单/补测情况'),
    heading('八、软件上线与系统发布', '第28条至第35条'),
    ...projectSection(r),
    heading('九、评估意见'),
    fieldTable([{ label: '评估意见', value: '\n\n\n\n\n', wide: true }]),
    signatureTable([
      { label: '运行维护中心负责人（组织评估）', article: '第26条' },
      { label: '软件开发中心', article: '第26条' },
      { label: '安全科', article: '第26条' },
      { label: '科技信息部负责人', article: '第27条' },
    ]),
  ];
  return {
    kind: 'report',
    annexLabel: '第26条',
    title: '变更实施定期评估报告',
    docNo: `PG-${r.period.from}-${r.period.to}${r.unit ? `-${r.unit.code}` : ''}`,
    version: 1,
    draft: false,
    subtitle: r.period.label,
    content,
  };
}

/** §28–§35: the period's go-lives and releases, a count per line and the forms behind it. */
function projectSection(r: StatsReport): Content[] {
  const rows: Content[][] = r.projects.map((l) => [
    { text: l.label, style: 'cell' },
    { text: String(l.golive.length), style: 'cell', alignment: 'right' as const },
    { text: String(l.release.length), style: 'cell', alignment: 'right' as const },
  ]);
  const forms = r.projects.flatMap((l) => [...l.golive, ...l.release].map((f) => [
    { text: l.label, style: 'cell' },
    { text: f.formNo, style: 'cell' },
    { text: f.title, style: 'cell' },
    { text: f.date, style: 'cell' },
    { text: f.stateLabel, style: 'cell' },
  ]));
  return [
    { ...listTable(['', '软件上线（附件2）', '系统发布（附件4）'], ['*', 100, 100], rows), unbreakable: true } as ContentNode,
    ...(forms.length ? [listTable(['统计项', '编号', '项目名称', '日期', '当前状态'], [90, 110, '*', 62, 70], forms)] : []),
  ];
}
