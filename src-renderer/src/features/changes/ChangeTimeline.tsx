import { Empty, Tag, Timeline, Typography } from 'antd';
import type { TimelineEntry } from '../../api/types';
import { showTime } from './change-format';

/** Every event of the form, oldest first: who (in which role), when, what, and their 意见. */
export function ChangeTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <Empty description="尚无记录" />;
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.id,
        // Issue 5: a branch not chosen stays visible, greyed and marked; an open conflict's branches are numbered.
        color: e.superseded ? 'gray' : e.branch !== undefined ? 'orange' : 'blue',
        children: (
          <div className={e.superseded ? 'timeline-superseded' : undefined}>
            <Typography.Text strong delete={e.superseded}>
              {e.label}
            </Typography.Text>
            {e.superseded && <Tag style={{ marginLeft: 6 }}>已被取代</Tag>}
            {e.branch !== undefined && (
              <Tag color="orange" style={{ marginLeft: 6 }}>
                办理结果 {e.branch}
              </Tag>
            )}
            <div>
              <Typography.Text type="secondary">
                {showTime(e.time)} · {e.authorName}（{e.roleLabel}）
              </Typography.Text>
            </div>
            {e.opinion && <div className="pre-wrap">意见：{e.opinion}</div>}
          </div>
        ),
      }))}
    />
  );
}
