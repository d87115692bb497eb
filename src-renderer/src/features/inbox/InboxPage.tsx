import { Alert, Badge, Card, Empty, Space, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { useInboxStore } from '../../stores/inbox.store';
import { SummaryTable } from '../changes/SummaryTable';
import { ProjectInbox } from '../golive/ProjectInbox';
import { RemindersPanel } from '../stats/RemindersPanel';

/**
 * 待办: 提醒 first — everything due or overdue, emergency 补单/补测 (§23–§24) among them, listed
 * once there and nowhere else on the page — then what waits for each of my roles.
 */
export function InboxPage() {
  const { inbox, error, load } = useInboxStore();
  useEffect(() => void load(), [load]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!inbox) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  const total = inbox.groups.reduce((n, g) => n + g.count, 0);

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        待办
      </Typography.Title>
      <RemindersPanel />
      <Space size="middle" wrap style={{ marginBottom: 16 }} aria-label="各类待办数量">
        {inbox.groups.map((g) => (
          <a key={g.kind} href={`#inbox-${g.kind}`} className="inbox-count">
            <Badge count={g.count} showZero overflowCount={999} color={g.count ? '#1f4e8c' : '#bfbfbf'} />
            <span>{g.label}</span>
          </a>
        ))}
      </Space>
      <ProjectInbox />
      {total === 0 && <Empty description="没有等待您处理的变更事项" />}
      {inbox.groups
        .filter((g) => g.count > 0)
        .map((g) => (
          <Card key={g.kind} id={`inbox-${g.kind}`} size="small" title={`${g.label}（${g.count}）`} style={{ marginBottom: 16 }}>
            <SummaryTable rows={g.rows} empty="无" />
          </Card>
        ))}
    </div>
  );
}
