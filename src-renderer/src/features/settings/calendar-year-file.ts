import { CalendarYearImportSchema, type CalendarYearImport } from '@shared/schemas/calendar';
import { fieldErrors } from '@shared/zod-setup';

/**
 * Reads a year's holiday file, { "year": 2027, "restDays": [...], "workdays": [...] }, with
 * the same schema the service parses it with; throws an Error saying in Chinese what is wrong.
 */
export function parseCalendarYearFile(text: string): CalendarYearImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('文件不是有效的 JSON。');
  }
  // A year written as "2027" is still a year.
  if (data && typeof data === 'object' && typeof (data as { year?: unknown }).year === 'string') {
    data = { ...data, year: Number((data as { year: string }).year) };
  }
  const parsed = CalendarYearImportSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const [path, message] = Object.entries(fieldErrors(parsed.error))[0] ?? ['', '内容不正确'];
  throw new Error(`日历文件有误：${where(path)}${message}`);
}

const FIELD_WORDS: Record<string, string> = { year: '年份', restDays: '放假日期', workdays: '调休上班日期' };

/** `restDays.0` → `放假日期第1项：`, so a person can find the line in the file. */
function where(path: string): string {
  const [field, index] = path.split('.');
  if (!field || !FIELD_WORDS[field]) return '';
  return `${FIELD_WORDS[field]}${index !== undefined ? `第${Number(index) + 1}项` : ''}：`;
}
