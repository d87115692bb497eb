import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Typography, message } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import type { PolicySettings } from '../../api/types';
import { useSettingsStore } from '../../stores/settings.store';
import { DAY_KIND_LABELS, type DayKind } from '../calendar/day-kind';
import { parseCalendarYearFile } from './calendar-year-file';
import { YearGrid } from './YearGrid';

type Years = PolicySettings['calendar']['years'];

/** A click moves a day to the next kind: weekdays between 工作日 and 休; weekends 周末 → 班 → 休. */
function nextKind(kind: DayKind, weekend: boolean): DayKind {
  if (!weekend) return kind === 'holiday' ? 'workday' : 'holiday';
  return kind === 'weekend' ? 'makeup_workday' : kind === 'makeup_workday' ? 'holiday' : 'weekend';
}

function withDay(years: Years, date: string, kind: DayKind): Years {
  const y = date.slice(0, 4);
  const cur = years[y] ?? { restDays: [], workdays: [] };
  const restDays = cur.restDays.filter((d) => d !== date);
  const workdays = cur.workdays.filter((d) => d !== date);
  if (kind === 'holiday') restDays.push(date);
  if (kind === 'makeup_workday') workdays.push(date);
  return { ...years, [y]: { restDays: restDays.sort(), workdays: workdays.sort() } };
}

/** §17(2): the rest days and 调休 working days the time window is judged against. */
export function HolidayCalendarTab() {
  const { policy, errors, loadPolicy, savePolicy, importCalendarYear } = useSettingsStore();
  // Edits are kept against the settings they started from; new settings from the service replace them.
  const [edit, setEdit] = useState<{ base: Years; years: Years }>();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => void loadPolicy(), [loadPolicy]);
  const base = policy?.calendar.years;
  const draft = edit && edit.base === base ? edit.years : base;
  const setDraft = (years: Years): void => {
    if (base) setEdit({ base, years });
  };

  const yearOptions = useMemo(() => {
    const now = new Date().getFullYear();
    const set = new Set([...Object.keys(draft ?? {}), String(now), String(now + 1)]);
    return [...set].sort().map((y) => ({ value: y, label: `${y}年` }));
  }, [draft]);

  if (errors.policy) return <Alert type="error" showIcon message={errors.policy} />;
  if (!policy || !draft) return null;
  const dirty = JSON.stringify(draft) !== JSON.stringify(policy.calendar.years);
  const loaded = !!draft[year];
  const calendar = { years: draft };

  async function save(): Promise<void> {
    if (!policy || !draft) return;
    setBusy(true);
    setError(undefined);
    try {
      await savePolicy({ ...policy, calendar: { years: draft } });
      void message.success('日历已保存');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function importFile(file: File): Promise<void> {
    setError(undefined);
    try {
      const parsed = parseCalendarYearFile(await file.text());
      await importCalendarYear(parsed);
      setYear(String(parsed.year));
      void message.success(`已导入${parsed.year}年节假日日历`);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="年份" value={year} onChange={setYear} options={yearOptions} style={{ width: 110 }} />
        <Button type="primary" disabled={!dirty} loading={busy} onClick={() => void save()}>
          保存日历
        </Button>
        <Button disabled={!dirty} onClick={() => setDraft(policy.calendar.years)}>
          放弃修改
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()}>
          导入年度日历（JSON）
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="calendar-import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(f);
          }}
        />
        <Legend />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {!loaded && (
        <Alert
          type="warning"
          showIcon
          message={`${year}年尚未载入节假日日历`}
          description="请导入国务院办公厅公布的该年度放假安排（JSON：{ &quot;year&quot;: &quot;2027&quot;, &quot;restDays&quot;: [&quot;2027-01-01&quot;, …], &quot;workdays&quot;: [调休上班日…] }），或点击日期逐日标注。未载入前，该年度的变更时间窗口仅按周末判断。"
        />
      )}
      <Typography.Text type="secondary">点击日期切换：工作日 ↔ 休；周末 → 班（调休上班）→ 休 → 周末。修改后请保存。</Typography.Text>
      <YearGrid year={Number(year)} calendar={calendar} onToggle={(date, kind, weekend) => setDraft(withDay(draft, date, nextKind(kind, weekend)))} />
    </Space>
  );
}

function Legend() {
  return (
    <Space size="small" aria-label="图例">
      {(['workday', 'weekend', 'holiday', 'makeup_workday'] as const).map((k) => (
        <span key={k} className={`day-chip day-${k}`}>
          {DAY_KIND_LABELS[k]}
        </span>
      ))}
    </Space>
  );
}
