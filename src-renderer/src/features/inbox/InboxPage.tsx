import { WarningOutlined } from '@ant-design/icons';
import { Alert, Badge, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { useInboxStore } from '../../stores/inbox.store';
import { SummaryTable } from '../changes/SummaryTable';
import { ProjectInbox } from '../golive/ProjectInbox';
import { RemindersPanel } from '../stats/RemindersPanel';

/** 待办: overdue emergency 补单/补测 first (§23–§24), then what waits for each of my roles. */
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
      {inbox.overdueEmergency.length > 0 && (
        <Card
          size="small"
          title={
            <Space>
              <WarningOutlined style={{ color: '#cf1322' }} />
              紧急变更待补单/补测（第23条、第24条）
            </Space>
          }
          style={{ marginBottom: 16, borderColor: '#ffa39e' }}
          data-testid="overdue-emergency"
        >
          <List
            size="small"
            dataSource={inbox.overdueEmergency}
            renderItem={(o) => (
              <List.Item>
                <Space wrap>
                  <Link to={`/changes/${o.summary.formId}`}>{o.summary.formNo}</Link>
                  <span>{o.summary.title}</span>
                  {o.items.map((i) => (
                    <Tag key={i.kind} color={i.overdue ? 'red' : 'orange'}>
                      {i.kind}：已开 {i.workingDaysOpen} 个工作日{i.overdue ? `，已逾期（期限 ${i.deadline}）` : `，期限 ${i.deadline}`}
                    </Tag>
                  ))}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Space size="middle" wrap style={{ marginBottom: 16 }} aria-label="各类待办数量">
        {inbox.groups.map((g) => (
          <a key={g.kind} href={`#inbox-${g.kind}`} className="inbox-count">
            <Badge count={g.count} showZero overflowCount={999} color={g.count ? '#1f4e8c' : '#bfbfbf'} />
            <span>{g.label}</span>
          </a>
        ))}
      </Space>
      <ProjectInbox />
      {total === 0 && inbox.overdueEmergency.length === 0 && <Empty description="没有等待您处理的变更事项" />}
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
