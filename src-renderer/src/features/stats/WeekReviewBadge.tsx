import type { WeekStatus } from '@shared/schemas/supervision';
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';

const LOOK: Record<WeekStatus['status'], { color: string; text: string }> = {
  reviewed: { color: 'green', text: '本周计划已审阅' },
  due: { color: 'orange', text: '本周计划待审阅' },
  overdue: { color: 'red', text: '本周计划逾期未审阅' },
  none: { color: 'default', text: '本周无计划变更' },
};

/**
 * §17(1) on the calendar: whether the ops head reviewed the shown week's plan (overdue after its
 * Monday). Only for those the review concerns (the service answers them alone); others see nothing.
 */
export function WeekReviewBadge({ week: isoWeek }: { week: string }) {
  const [week, setWeek] = useState<WeekStatus>();
  useEffect(() => {
    let live = true;
    call('supervision:weekToReview', { week: isoWeek })
      .then((w) => live && setWeek(w))
      .catch(() => live && setWeek(undefined));
    return () => {
      live = false;
    };
  }, [isoWeek]);
  if (!week) return null;
  const look = LOOK[week.status];
  const tag = (
    <Tag color={look.color} data-testid="week-review">
      {look.text}（第17条(1)）
    </Tag>
  );
  return week.review ? <Tooltip title={`${week.review.name} ${week.review.time.slice(0, 16).replace('T', ' ')}：${week.review.opinion}`}>{tag}</Tooltip> : tag;
}
