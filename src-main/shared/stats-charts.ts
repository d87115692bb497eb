import type { EChartsCoreOption } from 'echarts/core';
import type { StatCount, StatsReport } from './schemas/stats';

// The charts of the §26 report as ECharts options: the 统计 screen draws them in the browser,
// the report PDF renders the same options to SVG in the main process. Plain data, no DOM.

export interface ReportChart {
  id: 'byType' | 'byUrgency' | 'goal' | 'bySource' | 'requestOutcome';
  title: string;
  option: EChartsCoreOption;
  /** The bars or slices in order, for a click to find the forms behind it. */
  counts: StatCount[];
}

const PALETTE = ['#1f4e79', '#c0504d', '#9bbb59', '#8064a2', '#4bacc6', '#f79646', '#7f7f7f'];

// Labels without a halo: the PDF's SVG renderer paints a text's outline over its fill.
const LABEL = { fontSize: 10, textBorderWidth: 0, color: '#222' };

function bars(title: string, counts: StatCount[], font?: string, horizontal = true, compact = false): EChartsCoreOption {
  const labels = counts.map((c) => c.label);
  const values = counts.map((c) => c.count);
  const category = { type: 'category', data: labels, axisLabel: { interval: 0, fontSize: compact ? 10 : 11 }, axisTick: { alignWithLabel: true }, inverse: horizontal };
  const value = { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } };
  return {
    animation: false,
    color: PALETTE,
    ...(font ? { textStyle: { fontFamily: font } } : {}),
    title: { text: title, left: 'center', textStyle: { fontSize: 13, fontWeight: 'bold', ...(font ? { fontFamily: font } : {}) } },
    grid: { left: horizontal ? (compact ? 112 : 150) : 40, right: 36, top: 36, bottom: 24 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [{ type: 'bar', data: values, barMaxWidth: 22, label: { ...LABEL, show: true, position: horizontal ? 'right' : 'top' } }],
  };
}

function pie(title: string, counts: StatCount[], font?: string): EChartsCoreOption {
  // Names in the legend, numbers on the slices: labels stay short enough to fit beside a small pie.
  const shown = counts.filter((c) => c.count > 0);
  return {
    animation: false,
    color: PALETTE,
    ...(font ? { textStyle: { fontFamily: font } } : {}),
    title: { text: title, left: 'center', textStyle: { fontSize: 13, fontWeight: 'bold', ...(font ? { fontFamily: font } : {}) } },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 10, ...(font ? { fontFamily: font } : {}) }, data: shown.map((c) => c.label) },
    series: [
      {
        type: 'pie',
        radius: ['0%', '56%'],
        center: ['50%', '54%'],
        // Empty slices would pile their labels up at one point; the table beside lists them.
        data: shown.map((c) => ({ name: c.label, value: c.count })),
        label: { ...LABEL, position: 'inside', color: '#ffffff', formatter: '{c}\n{d}%', overflow: 'none' },
      },
    ],
  };
}

/** The report's charts; `font` names the print font for the PDF (the screen uses its own). */
export function reportCharts(r: StatsReport, font?: string): ReportChart[] {
  const goal = [r.goal.met, r.goal.notMet, r.goal.notEvaluated];
  const urgency = r.implemented.byUrgency;
  return [
    { id: 'byType', title: '实施变更按变更类型（第26条(3)）', option: bars('实施变更按变更类型', r.implemented.byType, font), counts: r.implemented.byType },
    { id: 'byUrgency', title: '实施变更按急迫性', option: pie('实施变更按急迫性', urgency, font), counts: urgency },
    { id: 'goal', title: '是否达到预期目标（第26条(1)）', option: pie('是否达到预期目标', goal, font), counts: goal },
    { id: 'bySource', title: '变更申请按来源（第26条(4)）', option: bars('变更申请按来源', r.requests.bySource, font, true, true), counts: r.requests.bySource },
    { id: 'requestOutcome', title: '变更申请办理结果', option: bars('变更申请办理结果', r.requests.byOutcome, font, true, true), counts: r.requests.byOutcome },
  ];
}
