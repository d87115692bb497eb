import { displayBeijing } from '@shared/schemas/calendar';
import type { ChangeState, ChangeSummary } from '@shared/schemas/change-form';
import { roleLabel, type RoleCode } from '@shared/schemas/roles';
import { Tag } from 'antd';
import type { ReactNode } from 'react';

// How change-form values read on the screens: dates 2026-11-28, times 24-hour, 是/否.

const STATE_COLORS: Partial<Record<ChangeState, string>> = {
  draft: 'default',
  not_recommended: 'red',
  to_project: 'purple',
  scheduled: 'cyan',
  implemented: 'green',
  rolled_back: 'orange',
  archived: 'default',
  withdrawn: 'default',
};

export function StateTag({ state, label }: { state: ChangeState; label: string }) {
  const color = STATE_COLORS[state] ?? (state.startsWith('emergency') ? 'volcano' : 'blue');
  return <Tag color={color}>{label}</Tag>;
}

export function UrgencyTag({ summary }: { summary: Pick<ChangeSummary, 'urgency' | 'emergency'> }) {
  if (!summary.urgency) return null;
  return <Tag color={summary.emergency || summary.urgency === '特急' ? 'red' : summary.urgency === '紧急' ? 'orange' : 'default'}>{summary.urgency}</Tag>;
}

/** `2026-12-01 22:00` for a stored time; the input unchanged when it is not one. */
export function showTime(iso: string | undefined): string {
  return iso ? displayBeijing(iso) : '';
}

interface Signed {
  name: string;
  role: RoleCode;
  time: string;
}
function isSigned(v: unknown): v is Signed {
  return !!v && typeof v === 'object' && 'name' in v && 'role' in v && 'time' in v;
}

/** Any stored value in words: booleans 是/否, lists joined, signatures as 姓名（角色） 时间. */
export function showValue(v: unknown): ReactNode {
  if (v === undefined || v === null || v === '') return <span className="muted">未填写</span>;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) ? showTime(v) : <span className="pre-wrap">{v}</span>;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('、') : <span className="muted">无</span>;
  if (isSigned(v)) return `${v.name}（${roleLabel(v.role)}） ${showTime(v.time)}`;
  return JSON.stringify(v);
}
