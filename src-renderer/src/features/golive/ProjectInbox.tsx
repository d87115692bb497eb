import { PROJECT_KINDS, type ProjectInbox as Inbox, type ProjectSummary } from '@shared/schemas/project-forms';
import { Card, List, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../api/client';
import { formPath } from '../common/form-path';

function Row({ r }: { r: ProjectSummary }) {
  const k = PROJECT_KINDS[r.kind];
  const no = <Link to={formPath(r.kind, r.formId)}>{r.formNo}</Link>;
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
 * its 责任人 only. Trial runs due for acceptance (§31(1), §35(1)) and accounts not disabled
 * (§17(7)) are in 提醒 above, the one list of what is due (issue 9).
 */
export function ProjectInbox() {
  const [inbox, setInbox] = useState<Inbox>();
  useEffect(() => {
    call('project:inbox', {}).then(setInbox, () => setInbox(undefined));
  }, []);
  if (!inbox) return null;
  return (
    <div data-testid="project-inbox">
      {inbox.groups.map((g) => (
        <Card key={g.kind} size="small" title={`上线·发布·访问登记：${g.label}（${g.count}）`} style={{ marginBottom: 16 }}>
          <List size="small" dataSource={g.rows} renderItem={(r) => <Row r={r} />} />
        </Card>
      ))}
    </div>
  );
}
