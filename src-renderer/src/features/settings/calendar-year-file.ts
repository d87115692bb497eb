import type { UiInput } from '../../api/contract';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a year's holiday file: { year, restDays, workdays } with dates as 2026-10-01.
 * Throws an Error in Chinese saying what is wrong; the service checks again on import.
 */
export function parseCalendarYearFile(text: string): UiInput<'settings:importCalendarYear'> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('文件不是有效的 JSON。');
  }
  const o = data as { year?: unknown; restDays?: unknown; workdays?: unknown };
  const year = typeof o.year === 'number' ? String(o.year) : o.year;
  if (typeof year !== 'string' || !/^\d{4}$/.test(year)) throw new Error('缺少年份（year），例如 "2027"。');
  const list = (v: unknown, name: string): string[] => {
    if (!Array.isArray(v) || !v.every((d) => typeof d === 'string' && DATE.test(d))) throw new Error(`${name} 须为日期列表，格式如 ${year}-01-01。`);
    const outside = v.find((d: string) => !d.startsWith(`${year}-`));
    if (outside) throw new Error(`${name} 中的 ${outside} 不在 ${year} 年内。`);
    return v as string[];
  };
  return { year, restDays: list(o.restDays, '放假日期（restDays）'), workdays: list(o.workdays ?? [], '调休上班日期（workdays）') };
}
