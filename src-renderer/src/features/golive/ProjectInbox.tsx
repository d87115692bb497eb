import { WarningOutlined } from '@ant-design/icons';
import { PROJECT_KINDS, type ProjectInbox as Inbox, type ProjectSummary } from '@shared/schemas/project-forms';
import { Card, List, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../api/client';

function Row({ r }: { r: ProjectSummary }) {
  const k = PROJECT_KINDS[r.kind];
  const no = r.kind === 'access' ? <span>{r.formNo}</span> : <Link to={`/${r.kind}/${r.formId}`}>{r.formNo}</Link>;
  return (
    <List.Item>
      <Space wrap>
        <Tag>{k.label}</Tag>
        {no}
        <span>{r.title}</span>
        <Tag color="blue">{r.stateLabel}</Tag>
        {r.acceptanceFrom && r.state === 'trial_run' && <span className="muted">最早验收申请日 {r.acceptanceFrom}</span>}
      </Space>
    </List.Item>
  );
}

/**
 * 待办 of the project forms (issue 8): what waits for each of my roles — a checklist line for
 * its 责任人 only — the trial runs whose acceptance request is due (§31(1), §35(1)) and the
 * production accounts not disabled after an access (§17(7)).
 */
export function ProjectInbox() {
  const [inbox, setInbox] = useState<Inbox>();
  useEffect(() => {
    call('project:inbox', {}).then(setInbox, () => setInbox(undefined));
  }, []);
  if (!inbox) return null;
  return (
    <div data-testid="project-inbox">
      {inbox.accessOverdue.length > 0 && (
        <Card size="small" title={<Space><WarningOutlined style={{ color: '#cf1322' }} />生产系统访问结束后账号未禁用（第17条(7)）</Space>} style={{ marginBottom: 16, borderColor: '#ffa39e' }}>
          <List size="small" dataSource={inbox.accessOverdue} renderItem={(r) => <Row r={r} />} />
        </Card>
      )}
      {inbox.acceptanceDue.length > 0 && (
        <Card size="small" title="试运行已满3个月，可提交正式验收申请报告（第31条(1)、第35条(1)）" style={{ marginBottom: 16 }}>
          <List size="small" dataSource={inbox.acceptanceDue} renderItem={(r) => <Row r={r} />} />
        </Card>
      )}
      {inbox.groups.map((g) => (
        <Card key={g.kind} size="small" title={`上线·发布·访问登记：${g.label}（${g.count}）`} style={{ marginBottom: 16 }}>
          <List size="small" dataSource={g.rows} renderItem={(r) => <Row r={r} />} />
        </Card>
      ))}
    </div>
  );
}
