import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import type { ProjectView } from '@shared/schemas/project-forms';
import { CHECK_ITEMS, DELIVERY_KINDS, PROJECT_KINDS, type ProjectAction, type ProjectSummary, type RolloutFormState, type RolloutKind } from '@shared/schemas/project-forms';
import { roleLabel } from '@shared/schemas/roles';
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { call, errorMessage } from '../../api/client';
import { usePrintStore } from '../../stores/print.store';
import { useSessionStore } from '../../stores/session.store';
import { showTime } from '../changes/change-format';
import { ChangeTimeline } from '../changes/ChangeTimeline';
import { useSystemNames } from '../common/system-names';
import { AccessPage } from './AccessPage';
import { ActionButtons } from './ActionButtons';
import { ProjectActionDialog } from './ProjectActionDialog';

// 上线 (附件2, §28–§31) and 发布 (附件4, §32–§35): list, new application, one form with its
// checklist, trial run and the actions the service offers this user.

export function ProjectSection({ kind }: { kind: RolloutKind }) {
  return (
    <Routes>
      <Route index element={<ProjectListPage kind={kind} />} />
      <Route path="new" element={<NewProjectPage kind={kind} />} />
      {kind === 'golive' && <Route path="access" element={<AccessPage />} />}
      <Route path=":formId" element={<ProjectFormPage kind={kind} />} />
    </Routes>
  );
}

function ProjectListPage({ kind }: { kind: RolloutKind }) {
  const [rows, setRows] = useState<ProjectSummary[]>();
  const [error, setError] = useState<string>();
  const roles = useSessionStore((s) => s.session?.user.roles ?? []);
  const navigate = useNavigate();
  useEffect(() => {
    call('project:list', { kind, pageSize: 200 }).then((r) => setRows(r.rows), (e: unknown) => setError(errorMessage(e)));
  }, [kind]);
  const k = PROJECT_KINDS[kind];
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {k.annex}《{k.title}》
        </Typography.Title>
        <Space>
          {kind === 'golive' && <Button onClick={() => navigate('access')}>生产系统访问登记</Button>}
          {roles.includes('project_manager') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('new')}>
              新建{k.noun}
            </Button>
          )}
        </Space>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<ProjectSummary>
        rowKey="formId"
        loading={!rows && !error}
        dataSource={rows ?? []}
        size="small"
        pagination={false}
        columns={[
          { title: '编号', dataIndex: 'formNo', render: (no: string, r) => <Link to={r.formId}>{no}</Link> },
          { title: '项目名称', dataIndex: 'title' },
          { title: '状态', dataIndex: 'stateLabel', render: (l: string) => <Tag color="blue">{l}</Tag> },
          { title: '项目经理', dataIndex: 'applicantName' },
          { title: '最早验收申请日', dataIndex: 'acceptanceFrom' },
          { title: '更新时间', dataIndex: 'updatedAt', render: (t: string) => showTime(t) },
        ]}
      />
    </div>
  );
}

function NewProjectPage({ kind }: { kind: RolloutKind }) {
  const navigate = useNavigate();
  const action: ProjectAction = { name: 'create', label: `新建${PROJECT_KINDS[kind].noun}`, allowed: true };
  return (
    <ProjectActionDialog
      kind={kind}
      action={action}
      onDone={(view) => navigate(`../${view.state.formId}`, { relative: 'path' })}
      onClose={() => navigate('..', { relative: 'path' })}
    />
  );
}

/** What prints: the button says 打印 + its short name; the preview is titled as the PDF is (pdf/documents/project-forms.ts). */
const PRINTS: Array<{ doc: 'form' | 'plan' | 'version' | 'acceptance'; label: (k: RolloutKind) => string; name: (k: RolloutKind) => string; golive?: boolean }> = [
  { doc: 'form', label: (k) => PROJECT_KINDS[k].annex, name: (k) => `${PROJECT_KINDS[k].annex} ${PROJECT_KINDS[k].title}` },
  { doc: 'plan', label: (k) => (k === 'golive' ? '上线实施计划' : '发布计划'), name: (k) => (k === 'golive' ? '上线实施计划' : '系统发布计划') },
  { doc: 'version', label: () => '附件3', name: () => '附件3 软件版本管理表', golive: true },
  { doc: 'acceptance', label: () => '验收申请报告', name: (k) => (k === 'golive' ? '项目正式上线验收申请报告' : '系统正式验收申请报告') },
];

function ProjectFormPage({ kind }: { kind: RolloutKind }) {
  const { formId = '' } = useParams();
  const navigate = useNavigate();
  const [view, setView] = useState<ProjectView>();
  const [error, setError] = useState<string>();
  const [acting, setActing] = useState<ProjectAction>();
  const [units, setUnits] = useState<Record<string, string>>({});
  const load = useCallback(() => {
    call('project:get', { formId }).then(setView, (e: unknown) => setError(errorMessage(e)));
  }, [formId]);
  useEffect(() => {
    call('directory:units', {}).then((us) => setUnits(Object.fromEntries(us.map((u) => [u.code, u.name]))), () => setUnits({}));
  }, []);
  const systemNames = useSystemNames((view?.state as RolloutFormState | undefined)?.application.systems);
  const unitName = (code: string | undefined) => (code ? (units[code] ?? code) : '');
  useEffect(load, [load]);

  const printProject = usePrintStore((s) => s.printProject);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!view) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  const f = view.state as RolloutFormState;
  const a = f.application;
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('..', { relative: 'path' })}>
          返回列表
        </Button>
        {PRINTS.filter((p) => kind === 'golive' || !p.golive).map((p) => (
          <Button key={p.doc} onClick={() => void printProject(formId, p.doc, `${f.formNo} ${p.name(kind)}`)}>
            打印{p.label(kind)}
          </Button>
        ))}
      </Space>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {f.formNo}　{a.title} <Tag color="blue" data-testid="project-state">{view.summary.stateLabel}</Tag>
      </Typography.Title>
      <Card size="small" title="可办理的操作" style={{ marginBottom: 16 }}>
        <ActionButtons actions={view.actions} onAct={setActing} />
      </Card>
      <Descriptions bordered size="small" column={2} title={`${PROJECT_KINDS[kind].noun}（${kind === 'golive' ? '第28条' : '第32条'}）`} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="涉及系统">{systemNames(a.systems)}</Descriptions.Item>
        <Descriptions.Item label="相关业务部门">{unitName(a.businessUnit)}</Descriptions.Item>
        <Descriptions.Item label="项目经理">{f.applicant.name}</Descriptions.Item>
        <Descriptions.Item label="联系方式">{a.contact}</Descriptions.Item>
        <Descriptions.Item label="内容" span={2}>
          {a.content}
        </Descriptions.Item>
        <Descriptions.Item label="测试验收报告" span={2}>
          {f.testReport ? `${f.testReport.reportTitle}：${f.testReport.conclusion}（${f.testReport.passed ? '通过' : '未通过'}，${f.testReport.name}）` : '未签署'}
        </Descriptions.Item>
        {(['pmo', 'security', 'itHead'] as const).map((r) => (
          <Descriptions.Item key={r} label={{ pmo: '项目管理科', security: '安全科', itHead: '科技信息部负责人' }[r]} span={2}>
            {f.reviews[r] ? `${f.reviews[r].agree ? '同意' : '不同意'}：${f.reviews[r].opinion}（${f.reviews[r].name}，${showTime(f.reviews[r].time)}）` : '未审核'}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={kind === 'golive' ? '实施计划' : '发布计划'} span={2}>
          {f.plan.approved ? `已批准（${f.plan.approved.name}）` : f.plan.submitted ? '待部门负责人审批' : f.plan.steps.length ? '编制中' : '未编制'}
        </Descriptions.Item>
        {f.trial.startedAt && (
          <Descriptions.Item label="试运行" span={2}>
            自 {showTime(f.trial.startedAt)} 起；最早 {view.summary.acceptanceFrom} 可提交正式验收申请（{kind === 'golive' ? '第31条(1)' : '第35条(1)'}）
          </Descriptions.Item>
        )}
      </Descriptions>
      <Preparation f={f} />
      {f.checklist.length > 0 && (
        <Card size="small" title={`${kind === 'golive' ? '上线' : '发布'}检查表（${kind === 'golive' ? '第30条' : '第34条'}）`} style={{ marginBottom: 16 }}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={f.checklist}
            columns={[
              { title: '检查项', render: (_, l) => `${l.label}（${l.article}）` },
              { title: '责任人', render: (_, l) => `${l.assigneeName}（${roleLabel(l.role)}）` },
              { title: '计划时间', render: (_, l) => showTime(l.plannedAt) },
              { title: '完成', render: (_, l) => (l.done ? <Tag color="green">已完成 {showTime(l.done.doneAt)}</Tag> : <Tag>未完成</Tag>) },
            ]}
          />
        </Card>
      )}
      {(f.trial.observations.length > 0 || f.trial.problems.length > 0) && (
        <Card size="small" title="试运行记录" style={{ marginBottom: 16 }}>
          {f.trial.observations.map((o, i) => (
            <div key={`o${i}`}>
              {o.keyDate} {o.date}：{o.observation}（{o.normal ? '正常' : '异常'}，{o.name}）
            </div>
          ))}
          {f.trial.problems.map((p) => (
            <div key={p.id}>
              问题 {p.id}：{p.description}　{p.resolution ? `已处理：${p.resolution.text}` : <Tag color="orange">待项目组处理</Tag>}
            </div>
          ))}
        </Card>
      )}
      {(f.acceptanceRequest || f.acceptance) && (
        <Descriptions bordered size="small" column={1} title={`正式验收（${kind === 'golive' ? '第31条' : '第35条'}）`} style={{ marginBottom: 16 }} data-testid="project-acceptance">
          {f.acceptanceRequest && (
            <Descriptions.Item label="验收申请报告">
              {f.acceptanceRequest.summary}；资料：{f.acceptanceRequest.documents}（{f.acceptanceRequest.name}，{showTime(f.acceptanceRequest.time)}）
            </Descriptions.Item>
          )}
          {f.acceptance && (
            <Descriptions.Item label="科技信息部验收">
              {f.acceptance.passed ? '验收合格，转正式运行' : '验收不合格，继续试运行'}：{f.acceptance.opinion}（{f.acceptance.name}，{f.acceptance.acceptedOn}）
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Card size="small" title="办理记录">
        <ChangeTimeline entries={view.timeline} />
      </Card>
      {acting && (
        <ProjectActionDialog
          kind={kind}
          action={acting}
          form={f}
          onDone={(v) => {
            setView(v);
            setActing(undefined);
          }}
          onClose={() => setActing(undefined)}
        />
      )}
    </div>
  );
}

/** 上线准备 / 发布准备 (§29, §33): the plan's parts and steps, the deliveries, 附件3, the version comparison (§30(2)). */
function Preparation({ f }: { f: RolloutFormState }) {
  const p = f.plan;
  const golive = f.kind === 'golive';
  if (f.state === 'draft' || f.state === 'pending_pmo' || f.state === 'pending_it_review' || (f.state === 'withdrawn' && !p.steps.length)) return null;
  // Nothing drafted yet: the 实施计划 line above says 未编制; no card of empty rows.
  if (!p.steps.length && !p.backup && !p.organisation && !p.rollback && !p.problems && !p.environment) return null;
  const vt = f.versionTable;
  const vc = f.versionComparison;
  return (
    <Card size="small" title={`${golive ? '上线' : '发布'}准备（${golive ? '第29条' : '第33条'}）`} style={{ marginBottom: 16 }} data-testid="project-plan">
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="备份方案">{p.backup}</Descriptions.Item>
        {golive && <Descriptions.Item label="上线环境的搭建">{p.environment}</Descriptions.Item>}
        <Descriptions.Item label="人员组织">{p.organisation}</Descriptions.Item>
        <Descriptions.Item label="回退计划">{p.rollback}</Descriptions.Item>
        <Descriptions.Item label="可能出现的问题及解决方案">{p.problems}</Descriptions.Item>
        <Descriptions.Item label="审批">
          {p.approved ? `已批准：${p.approved.opinion ?? ''}（${p.approved.name}，${showTime(p.approved.time)}）` : p.submitted ? `${p.submitted.name} 已提交，待部门负责人审批` : '编制中'}
        </Descriptions.Item>
        {Object.entries(DELIVERY_KINDS).map(([k, label]) => {
          const d = f.deliveries[k as keyof typeof DELIVERY_KINDS];
          return (
            <Descriptions.Item key={k} label={label}>
              {d ? `${d.documents}；接收：${d.recipients}；培训 ${d.trainingDate}${d.trainingNote ? `（${d.trainingNote}）` : ''}` : '未登记'}
            </Descriptions.Item>
          );
        })}
        {golive && (
          <Descriptions.Item label="附件3《软件版本管理表》">
            {vt ? `${vt.version}：${vt.components.map((c) => c.name).join('、')}；制作人 ${vt.builtBy}；${vt.received ? `${vt.received.name} 已接收` : '待生产系统版本管理员接收'}` : '未提交'}
          </Descriptions.Item>
        )}
        {golive && vc && (
          <Descriptions.Item label="新老版本比对（第30条(2)）">
            {vc.oldVersion} → {vc.newVersion}：{vc.differences}（{vc.consistent ? '与上线内容一致' : '与上线内容不一致'}，{vc.name}）
          </Descriptions.Item>
        )}
      </Descriptions>
      {p.steps.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          style={{ marginTop: 8 }}
          dataSource={p.steps}
          columns={[
            { title: '工作内容', dataIndex: 'task' },
            { title: '检查项', render: (_, s) => CHECK_ITEMS[f.kind][s.item]?.label ?? s.item },
            { title: '责任人', render: (_, s) => `${s.assigneeName}（${roleLabel(s.role)}）` },
            { title: '计划时间', render: (_, s) => showTime(s.plannedAt) },
          ]}
        />
      )}
    </Card>
  );
}
