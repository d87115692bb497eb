import type { ChangeSummary } from '@shared/schemas/change-form';
import { create } from 'zustand';
import { call, errorMessage } from '../api/client';
import type { PolicySettings } from '../api/types';

interface CalendarState {
  /** The first and last day shown, `2026-12-01`. */
  range: { from: string; to: string } | undefined;
  changes: ChangeSummary[];
  /** More scheduled changes than one page holds: the screen says so. */
  truncated: boolean;
  settings: PolicySettings | undefined;
  error: string | undefined;
  load(from: string, to: string): Promise<void>;
}

const PAGE = 500;

/** 日历: changes planned in a range, with the business hours and holiday calendar (§17(1)(2)). */
export const useCalendarStore = create<CalendarState>((set) => ({
  range: undefined,
  changes: [],
  truncated: false,
  settings: undefined,
  error: undefined,
  async load(from, to) {
    set({ range: { from, to } });
    try {
      const [list, settings] = await Promise.all([
        call('change:list', { filter: { from, to, dateOf: 'plannedStart' }, sort: { by: 'plannedStart', dir: 'asc' }, page: 1, pageSize: PAGE }),
        call('settings:get', {}),
      ]);
      set({ changes: list.rows, truncated: list.total > list.rows.length, settings, error: undefined });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
}));
