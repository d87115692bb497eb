import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { PROJECT_KINDS, type AccessFormState, type ProjectAction, type ProjectSummary, type ProjectView } from '@shared/schemas/project-forms';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { call, errorMessage } from '../../api/client';
import { usePrintStore } from '../../stores/print.store';
import { useSessionStore } from '../../stores/session.store';
import { showTime } from '../changes/change-format';
import { ChangeTimeline } from '../changes/ChangeTimeline';
import { useSystemNames } from '../common/system-names';
import { ActionButtons } from './ActionButtons';
import { ProjectActionDialog } from './ProjectActionDialog';

/**
 * 生产系统访问登记 (§17(6)–(7)): a developer's emergency access to production — who approved,
 * the supervising 系统管理员, start and end, what was done, the account disabled afterwards.
 * An access whose account is still enabled after it ended is marked 逾期.
 */
export function AccessPage() {
  const [rows, setRows] = useState<ProjectSummary[]>();
  const [overdue, setOverdue] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<ProjectView>();
  const [acting, setActing] = useState<ProjectAction>();
  const roles = useSessionStore((s) => s.session?.user.roles ?? []);
  const printProject = usePrintStore((s) => s.printProject);
  const load = useCallback(() => {
    call('project:list', { kind: 'access', pageSize: 200 }).then((r) => setRows(r.rows), (e: unknown) => setError(errorMessage(e)));
    call('access:overdue', {}).then((r) => setOverdue(new Set(r.map((x) => x.formId))), () => undefined);
  }, []);
  useEffect(load, [load]);
  const show = useCallback((formId: string) => call('project:get', { formId }).then(setOpen, (e: unknown) => setError(errorMessage(e))), []);
  // 待办 and 提醒 link to one record: /golive/access?form=<id>.
  const [params] = useSearchParams();
  const asked = params.get('form');
  useEffect(() => {
    if (asked) void show(asked);
  }, [asked, show]);
  const f = open?.state as AccessFormState | undefined;
  const systemNames = useSystemNames(f ? [f.request.system] : undefined);
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          生产系统访问登记（第17条(6)、(7)）
        </Typography.Title>
        {(roles.includes('developer') || roles.includes('project_manager')) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setActing({ name: 'create', label: '登记访问申请', allowed: true })}>
            登记访问申请
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<ProjectSummary>
        rowKey="formId"
        size="small"
        loading={!rows && !error}
        dataSource={rows ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => void show(r.formId), style: { cursor: 'pointer' } })}
        columns={[
          { title: '编号', dataIndex: 'formNo' },
          { title: '访问', dataIndex: 'title' },
          { title: '涉及系统', dataIndex: 'systems', render: (codes: string[] | undefined) => systemNames(codes) },
          { title: '申请人', dataIndex: 'applicantName' },
          { title: '状态', render: (_, r) => <Space><Tag color="blue">{r.stateLabel}</Tag>{overdue.has(r.formId) && <Tag color="red">逾期：账号未禁用</Tag>}</Space> },
          { title: '更新时间', dataIndex: 'updatedAt', render: (t: string) => showTime(t) },
        ]}
      />
      {open && f && (
        <Card
          size="small"
          title={`${f.formNo}　${open.summary.title}`}
          extra={
            <Button icon={<PrinterOutlined />} onClick={() => void printProject(f.formId, 'form', `${f.formNo} ${PROJECT_KINDS.access.title}`)}>
              打印登记表
            </Button>
          }
          style={{ marginTop: 16 }}
          data-testid="access-record"
        >
          <ActionButtons actions={open.actions} onAct={setActing} style={{ marginBottom: 12 }} />
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="涉及系统" span={2}>{systemNames([f.request.system])}</Descriptions.Item>
            <Descriptions.Item label="紧急修复任务" span={2}>{f.request.reason}</Descriptions.Item>
            <Descriptions.Item label="使用的账号">{f.request.account}</Descriptions.Item>
            <Descriptions.Item label="计划时间">{showTime(f.request.plannedStart)} 至 {showTime(f.request.plannedEnd)}</Descriptions.Item>
            <Descriptions.Item label="批准">{f.approval ? `${f.approval.name}（${showTime(f.approval.time)}）` : f.closure ? `不批准：${f.closure.reason}` : '待批准'}</Descriptions.Item>
            <Descriptions.Item label="监督的系统管理员">{f.approval?.supervisorName}</Descriptions.Item>
            <Descriptions.Item label="实际访问">{f.startedAt ? `${showTime(f.startedAt)} 至 ${showTime(f.endedAt)}` : ''}</Descriptions.Item>
            <Descriptions.Item label="账号处理">{f.disabled ? `已${f.disabled.action}（${showTime(f.disabled.disabledAt)}，${f.disabled.name}）` : f.endedAt ? <Tag color="red">尚未禁用</Tag> : ''}</Descriptions.Item>
            <Descriptions.Item label="所做的工作" span={2}>{f.workDone}</Descriptions.Item>
          </Descriptions>
          <div style={{ marginTop: 12 }}>
            <ChangeTimeline entries={open.timeline} />
          </div>
        </Card>
      )}
      {acting && (
        <ProjectActionDialog
          kind="access"
          action={acting}
          {...(f && acting.name !== 'create' ? { formId: f.formId } : {})}
          onDone={(v) => {
            setActing(undefined);
            setOpen(v);
            load();
          }}
          onClose={() => setActing(undefined)}
        />
      )}
    </div>
  );
}
