import { describe, expect, it } from 'vitest';
import { latePaperwork, percentText, previousQuarter, quarterlyInspectionReminders, share, systemCheckReminder, weekReviewStatus } from '../../../src-main/domain';
import { DEFAULT_POLICY_SETTINGS } from '../../../src-main/shared/schemas/calendar';
import { periodLabel, periodRange } from '../../../src-main/shared/schemas/stats';
import { quarterRange } from '../../../src-main/shared/schemas/supervision';

describe('what is due (提醒) and the pure parts of the statistics', () => {
  it('§17(1): a week with changes is due until its Monday, overdue after; reviewed or empty weeks owe nothing', () => {
    expect(weekReviewStatus(3, false, '2026-11-30', '2026-11-27')).toBe('due');
    expect(weekReviewStatus(3, false, '2026-11-30', '2026-11-30')).toBe('due');
    expect(weekReviewStatus(3, false, '2026-11-30', '2026-12-01')).toBe('overdue');
    expect(weekReviewStatus(3, true, '2026-11-30', '2026-12-01')).toBe('reviewed');
    expect(weekReviewStatus(0, false, '2026-11-30', '2026-12-01')).toBe('none');
  });

  it('§36(3)–(4): due while the quarter runs, overdue for a quarter that ended without one (not before the program was in use)', () => {
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(quarterRange('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    const r = quarterlyInspectionReminders('security', '2026-Q1', 0, 0, '2025-06-01');
    expect(r.map((x) => [x.severity, x.title, x.due])).toEqual([
      ['overdue', '2025-Q4 未进行安全检查', '2025-12-31'],
      ['due', '2026-Q1 尚未进行安全检查', '2026-03-31'],
    ]);
    expect(quarterlyInspectionReminders('security', '2026-Q1', 0, 0, '2026-02-01').map((x) => x.severity)).toEqual(['due']);
    expect(quarterlyInspectionReminders('documents', '2026-Q1', 1, 1)).toEqual([]);
  });

  it('§36(2): a system check shows a week ahead of go-live, overdue once the day has passed', () => {
    const f = { formId: 'x', formNo: 'BG-OPS-2026-0001', title: '配置', plannedStart: '2026-12-10T22:00+08:00' };
    expect(systemCheckReminder(f, '2026-12-01')).toBeUndefined();
    expect(systemCheckReminder(f, '2026-12-03')?.severity).toBe('due');
    expect(systemCheckReminder(f, '2026-12-11')?.severity).toBe('overdue');
  });

  it('§23–§24: paperwork is late when done, or still open, after 3 working days (holidays skipped)', () => {
    const settings = DEFAULT_POLICY_SETTINGS;
    // Implemented Wed 2026-09-30: the next working days are 10-08, 10-09, 10-10 (a 调休 Saturday) → deadline 10-10.
    const rows = [
      { rowid: 1, implementedOn: '2026-09-30', testedBefore: 1, paperworkOn: '2026-10-10', retestOn: null },
      { rowid: 2, implementedOn: '2026-09-30', testedBefore: 1, paperworkOn: '2026-10-11', retestOn: null },
      { rowid: 3, implementedOn: '2026-09-30', testedBefore: 0, paperworkOn: '2026-10-09', retestOn: '2026-10-12' },
      { rowid: 4, implementedOn: '2026-09-30', testedBefore: 0, paperworkOn: '2026-10-09', retestOn: null },
      { rowid: 5, implementedOn: '2026-10-09', testedBefore: 1, paperworkOn: null, retestOn: null },
    ];
    expect(latePaperwork(rows, '2026-10-13', settings)).toEqual([2, 3, 4]);
    expect(latePaperwork(rows, '2026-10-20', settings)).toEqual([2, 3, 4, 5]);
  });

  it('rates and periods', () => {
    expect([share(1, 7), share(0, 0)]).toEqual([1 / 7, 0]);
    expect(percentText(1 / 7)).toBe('14.3%');
    expect(periodRange('quarter', '2026-11-28')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('year', '2026-02-10')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect([periodLabel('2026-10-01', '2026-12-31'), periodLabel('2026-02-01', '2026-02-28'), periodLabel('2026-01-01', '2026-12-31'), periodLabel('2026-01-05', '2026-03-31')]).toEqual([
      '2026年第4季度',
      '2026年2月',
      '2026年',
      '2026-01-05 至 2026-03-31',
    ]);
  });
});
