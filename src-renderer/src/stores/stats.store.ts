import type { Drill, StatsFormsResult, StatsPeriod, StatsReport } from '@shared/schemas/stats';
import type { CompletenessResult, InspectionRecord, RemindersResult, WeekStatus } from '@shared/schemas/supervision';
import { create } from 'zustand';
import { call, errorMessage } from '../api/client';

/** The forms behind one number of the report (drill-down). */
export interface DrillView {
  title: string;
  drill: Drill;
  page: number;
  result?: StatsFormsResult;
}

interface StatsState {
  period: StatsPeriod;
  report?: StatsReport;
  loading: boolean;
  error?: string;
  drillView?: DrillView;
  weeks?: WeekStatus[];
  inspections?: InspectionRecord[];
  completeness?: CompletenessResult;
  reminders?: RemindersResult;
  setPeriod(p: StatsPeriod): void;
  load(): Promise<void>;
  openDrill(title: string, drill: Drill, page?: number): Promise<void>;
  closeDrill(): void;
  loadSupervision(from: string, to: string): Promise<void>;
  loadReminders(): Promise<void>;
}

/** 统计 (§26) and 检查监督 (§36): the services compute and check roles; the screen shows and asks. */
export const useStatsStore = create<StatsState>((set, get) => ({
  period: { from: '2026-01-01', to: '2026-12-31' },
  loading: false,
  setPeriod: (period) => set({ period }),
  async load() {
    set({ loading: true, error: undefined });
    try {
      set({ report: await call('stats:report', get().period), loading: false });
    } catch (e) {
      set({ error: errorMessage(e), loading: false, report: undefined });
    }
  },
  async openDrill(title, drill, page = 1) {
    set({ drillView: { title, drill, page } });
    try {
      const result = await call('stats:forms', { period: get().period, drill, page, pageSize: 20 });
      set({ drillView: { title, drill, page, result } });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
  closeDrill: () => set({ drillView: undefined }),
  async loadSupervision(from, to) {
    try {
      const [weeks, inspections, completeness] = await Promise.all([
        call('supervision:weeks', { from, to }),
        call('supervision:inspections', { from, to }),
        call('supervision:completeness', { from, to }),
      ]);
      set({ weeks, inspections, completeness });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
  async loadReminders() {
    try {
      set({ reminders: await call('supervision:reminders', {}) });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
}));
