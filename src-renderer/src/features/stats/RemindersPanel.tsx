import { BellOutlined } from '@ant-design/icons';
import { Card, List, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { useStatsStore } from '../../stores/stats.store';
import { formPath } from '../common/form-path';

/**
 * 提醒: the one list of everything due or overdue for my roles — emergency 补单/补测 (§23–§24),
 * weekly reviews (§17(1)), inspections (§36) and their follow-ups, trial runs reaching three
 * months (§31(1), §35(1)), production access accounts not disabled (§17(7)).
 */
export function RemindersPanel() {
  const { reminders, loadReminders } = useStatsStore();
  useEffect(() => void loadReminders(), [loadReminders]);
  if (!reminders || reminders.items.length === 0) return null;
  const { due, overdue } = reminders.counts;
  return (
    <Card
      size="small"
      data-testid="reminders"
      style={{ marginBottom: 16, borderColor: overdue ? '#ffa39e' : '#ffd591' }}
      title={
        <Space>
          <BellOutlined style={{ color: overdue ? '#cf1322' : '#d46b08' }} />
          提醒：逾期 {overdue} 项，待办 {due} 项
        </Space>
      }
    >
      <List
        size="small"
        dataSource={reminders.items}
        pagination={reminders.items.length > 6 ? { pageSize: 6, size: 'small' } : false}
        renderItem={(r) => (
          <List.Item>
            <Space wrap>
              <Tag color={r.severity === 'overdue' ? 'red' : 'orange'}>{r.severity === 'overdue' ? '逾期' : '待办'}</Tag>
              <Tag>{r.kindLabel}</Tag>
              {r.formId ? <Link to={formPath(r.formKind, r.formId)}>{r.title}</Link> : r.week || r.inspectionKind ? <Link to="/stats">{r.title}</Link> : <span>{r.title}</span>}
              <span style={{ color: '#595959' }}>
                {r.detail}（{r.article}）
              </span>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
