import type { PolicySettings } from '../../api/types';
import { DAY_KIND_LABELS, dayKindOf, type DayKind } from '../calendar/day-kind';

const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];
const pad = (n: number): string => String(n).padStart(2, '0');

interface YearGridProps {
  year: number;
  calendar: PolicySettings['calendar'];
  onToggle(date: string, kind: DayKind, weekend: boolean): void;
}

/** Twelve small months, each day a button showing its kind (休 / 班) and toggling it. */
export function YearGrid({ year, calendar, onToggle }: YearGridProps) {
  return (
    <div className="year-grid">
      {Array.from({ length: 12 }, (_, m) => {
        const first = new Date(year, m, 1);
        const lead = (first.getDay() + 6) % 7; // Monday first, as Chinese calendars print
        const days = new Date(year, m + 1, 0).getDate();
        return (
          <section key={m} className="month" aria-label={`${year}年${m + 1}月`}>
            <div className="month-title">{m + 1}月</div>
            <div className="month-days">
              {WEEK_HEAD.map((w) => (
                <span key={w} className="week-head">
                  {w}
                </span>
              ))}
              {Array.from({ length: lead }, (_, i) => (
                <span key={`lead${i}`} />
              ))}
              {Array.from({ length: days }, (_, i) => {
                const date = `${year}-${pad(m + 1)}-${pad(i + 1)}`;
                const kind = dayKindOf(date, calendar);
                const weekday = new Date(year, m, i + 1).getDay();
                const weekend = weekday === 0 || weekday === 6;
                return (
                  <button
                    key={date}
                    type="button"
                    className={`day day-${kind}`}
                    title={`${date} ${DAY_KIND_LABELS[kind]}`}
                    aria-label={`${date} ${DAY_KIND_LABELS[kind]}`}
                    data-date={date}
                    data-kind={kind}
                    onClick={() => onToggle(date, kind, weekend)}
                  >
                    {i + 1}
                    {kind === 'holiday' && <sup>休</sup>}
                    {kind === 'makeup_workday' && <sup>班</sup>}
                  </button>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
