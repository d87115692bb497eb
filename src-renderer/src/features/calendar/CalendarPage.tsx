import { PrinterOutlined } from '@ant-design/icons';
import type { ChangeSummary } from '@shared/schemas/change-form';
import { Alert, Button, Calendar, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { PolicySettings } from '../../api/types';
import { useCalendarStore } from '../../stores/calendar.store';
import { usePrintStore } from '../../stores/print.store';
import { showTime } from '../changes/change-format';
import { inBusinessTime } from './business-time';
import { DAY_KIND_LABELS, dayKindOf } from './day-kind';
import { isoWeek } from './iso-week';
import { WeekReviewBadge } from '../stats/WeekReviewBadge';

type Mode = 'week' | 'month';

function rangeOf(mode: Mode, anchor: Dayjs): { from: Dayjs; to: Dayjs } {
  if (mode === 'month') {
    // The month grid shows whole weeks around the month.
    const first = anchor.startOf('month');
    const from = first.subtract((first.day() + 6) % 7, 'day');
    return { from, to: from.add(41, 'day') };
  }
  const from = anchor.subtract((anchor.day() + 6) % 7, 'day');
  return { from, to: from.add(6, 'day') };
}

function ChangeChip({ c, settings }: { c: ChangeSummary; settings: PolicySettings }) {
  const busy = inBusinessTime(c.plannedStart, settings) && !c.emergency;
  return (
    <Tooltip title={`${c.formNo} ${c.title} · ${c.stateLabel}${busy ? ' · 业务时间内上线（第17条(2)）' : ''}${c.windowOverride ? ' · 已越权排期' : ''}`}>
      <Link to={`/changes/${c.formId}`} className={`cal-change${busy ? ' cal-change-busy' : ''}${c.emergency ? ' cal-change-emergency' : ''}`} data-busy={busy || undefined}>
        {showTime(c.plannedStart).slice(11)} {c.title || c.formNo}
      </Link>
    </Tooltip>
  );
}

/** 日历: scheduled changes by week or month, with weekends, holidays, 调休 days and business hours marked. */
export function CalendarPage() {
  const { changes, truncated, settings, error, load } = useCalendarStore();
  // §17(1): the ops head reviews the coming week's plan on paper.
  const printWeek = usePrintStore((s) => s.printWeek);
  const [mode, setMode] = useState<Mode>('week');
  const [anchor, setAnchor] = useState(() => dayjs());
  const { from, to } = rangeOf(mode, anchor);
  const fromText = from.format('YYYY-MM-DD');
  const toText = to.format('YYYY-MM-DD');
  useEffect(() => void load(fromText, toText), [load, fromText, toText]);

  const onDay = (d: Dayjs): ChangeSummary[] => changes.filter((c) => c.plannedStart?.slice(0, 10) === d.format('YYYY-MM-DD'));
  // The month grid's trailing days of the next year do not count: only the years really shown.
  const shownYears = mode === 'month' ? [anchor.year()] : [from.year(), to.year()];
  const missingYear = settings && shownYears.find((y) => !settings.calendar.years[String(y)]);

  return (
    <div>
      <Space style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          日历
        </Typography.Title>
        <Space wrap>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} optionType="button" options={[{ value: 'week', label: '周' }, { value: 'month', label: '月' }]} />
          <Button onClick={() => setAnchor(anchor.subtract(1, mode))}>{mode === 'week' ? '上一周' : '上个月'}</Button>
          <Button onClick={() => setAnchor(dayjs())}>今天</Button>
          <Button onClick={() => setAnchor(anchor.add(1, mode))}>{mode === 'week' ? '下一周' : '下个月'}</Button>
          {mode === 'week' && (
            <Button icon={<PrinterOutlined />} onClick={() => void printWeek(isoWeek(from))}>
              打印周变更计划
            </Button>
          )}
          {mode === 'week' && <WeekReviewBadge week={isoWeek(from)} />}
        </Space>
      </Space>
      {settings && (
        <Space wrap style={{ marginBottom: 12 }} aria-label="图例">
          <Typography.Text type="secondary">
            {mode === 'week' ? `${fromText} 至 ${toText}` : anchor.format('YYYY年M月')} · 业务时间 {settings.businessHours.start}–{settings.businessHours.end}
          </Typography.Text>
          {(['weekend', 'holiday', 'makeup_workday'] as const).map((k) => (
            <span key={k} className={`day-chip day-${k}`}>
              {DAY_KIND_LABELS[k]}
            </span>
          ))}
          <span className="cal-change cal-change-busy">业务时间内上线</span>
        </Space>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {missingYear && <Alert type="warning" showIcon message={`${missingYear}年尚未载入节假日日历，该年度仅按周末判断变更时间窗口（第17条(2)）。`} style={{ marginBottom: 12 }} />}
      {truncated && <Alert type="info" showIcon message="本期间排期的变更较多，仅显示前 500 项。" style={{ marginBottom: 12 }} />}
      {settings &&
        (mode === 'week' ? (
          <div className="cal-week" data-testid="calendar-week">
            {Array.from({ length: 7 }, (_, i) => {
              const d = from.add(i, 'day');
              const date = d.format('YYYY-MM-DD');
              const kind = dayKindOf(date, settings.calendar);
              const list = onDay(d);
              return (
                <section key={date} className={`cal-day day-${kind}`} aria-label={`${date} ${DAY_KIND_LABELS[kind]}`} data-date={date} data-kind={kind}>
                  <header>
                    <strong>{d.format('M月D日')}</strong> 周{'日一二三四五六'[d.day()]}
                    {kind !== 'workday' && <Tag className="cal-kind">{DAY_KIND_LABELS[kind]}</Tag>}
                  </header>
                  <div className="cal-hours">
                    {kind === 'workday' || kind === 'makeup_workday' ? `业务时间 ${settings.businessHours.start}–${settings.businessHours.end}` : '全天非业务时间'}
                  </div>
                  {list.length === 0 ? <div className="muted">无排期</div> : list.map((c) => <ChangeChip key={c.formId} c={c} settings={settings} />)}
                </section>
              );
            })}
          </div>
        ) : (
          <Calendar
            value={anchor}
            onPanelChange={(d) => setAnchor(d)}
            onSelect={(d, info) => {
              if (info.source === 'date') setAnchor(d);
            }}
            headerRender={() => null}
            fullCellRender={(d, info) => {
              if (info.type !== 'date') return info.originNode;
              const date = d.format('YYYY-MM-DD');
              const kind = dayKindOf(date, settings.calendar);
              return (
                <div className={`cal-cell day-${kind}${d.month() !== anchor.month() ? ' cal-other' : ''}`} data-date={date} data-kind={kind}>
                  <div className="cal-cell-date">
                    {d.date()}
                    {kind === 'holiday' && <sup>休</sup>}
                    {kind === 'makeup_workday' && <sup>班</sup>}
                  </div>
                  {onDay(d).map((c) => (
                    <ChangeChip key={c.formId} c={c} settings={settings} />
                  ))}
                </div>
              );
            }}
          />
        ))}
    </div>
  );
}
