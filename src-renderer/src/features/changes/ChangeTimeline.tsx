import { Empty, Timeline, Typography } from 'antd';
import type { TimelineEntry } from '../../api/types';
import { showTime } from './change-format';

/** Every event of the form, oldest first: who (in which role), when, what, and their 意见. */
export function ChangeTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <Empty description="尚无记录" />;
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.id,
        children: (
          <div>
            <Typography.Text strong>{e.label}</Typography.Text>
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
