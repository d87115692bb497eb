import type { StatCount } from '@shared/schemas/stats';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

/** One chart of the report (the same option the PDF prints); a click on a bar or slice opens its forms. */
export function EChart({ option, counts, onPick, height = 260, label }: { option: echarts.EChartsCoreOption; counts: StatCount[]; onPick: (c: StatCount) => void; height?: number; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.setOption({ ...option, tooltip: { trigger: 'item' } });
    chart.on('click', (p) => {
      const c = counts.find((x) => x.label === p.name);
      if (c) onPick(c);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option, counts, onPick]);
  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height, cursor: 'pointer' }} />;
}
