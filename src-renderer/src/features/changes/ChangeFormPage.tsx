import { ArrowLeftOutlined } from '@ant-design/icons';
import { EMERGENCY_LABELS, IMPACT_DIMENSIONS, NEW_FUNCTION_RISK_ITEMS, PART1_LABELS, PART2_LABELS, PART3_LABELS, RESULT_LABELS, type ChangeAction, type NoticeRecord } from '@shared/schemas/change-form';
import { roleLabel } from '@shared/schemas/roles';
import { Alert, Button, Card, Descriptions, Empty, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useDeferredValue, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useShallow } from 'zustand/react/shallow';
import type { ChangeView } from '../../api/types';
import { useChangesStore } from '../../stores/changes.store';
import { PrintMenu } from '../print/PrintMenu';
import { VerifyScan } from '../print/VerifyScan';
import { WetSignatures } from '../print/WetSignatures';
import { ActionBar } from './ActionBar';
import { AttachmentsTab } from './AttachmentsTab';
import { showTime, showValue, StateTag, UrgencyTag } from './change-format';
import { ChangeTimeline } from './ChangeTimeline';
import { useSystemNames } from '../common/system-names';
import { ConflictPanel } from '../exchange/ConflictPanel';
import { FieldsView } from './FieldsView';
import { Part1Editor } from './Part1Editor';
import { PartForm } from './PartForm';
import { PART2_FIELDS, PLAN_FIELDS } from './verb-fields';

const IMPACT_LABELS = Object.fromEntries(Object.entries(IMPACT_DIMENSIONS).map(([k, l]) => [k, `不实施对${l}的影响`]));

// Records inside the result and the emergency record, one row per item (§16, §23–§25).
const RESULT_NESTED = { postReview: { opinion: '信息安全上线后审阅意见', agree: '是否达到变更目标', name: '上线后审阅人' } };
const EMERGENCY_NESTED = {
  authorisation: { mode: '授权方式', authorisedAt: '授权时间', authoriserName: '授权人', note: '授权说明', recordedBy: '授权登记' },
  backup: { programBackup: '程序备份情况', dataBackup: '数据备份情况', backupAt: '备份时间', recordedBy: '备份登记' },
  retest: { steps: '补测步骤', result: '补测结果', passed: '补测是否通过', name: '补测人' },
  logReview: { ops: '紧急变更日志：运行维护中心签字', applicant: '紧急变更日志：申请部门签字' },
};

const liveAttachments = (view: ChangeView): number => (view.state.attachments ?? []).filter((a) => !a.removed).length;

const allowed = (actions: ChangeAction[], name: ChangeAction['name']): boolean => actions.some((a) => a.name === name && a.allowed);

const PLAN_LABELS = Object.fromEntries(PLAN_FIELDS.map((f) => [f.name, PART3_LABELS[f.name as keyof typeof PART3_LABELS]]));
const RECORD_LABELS = { itTest: PART3_LABELS.itTest, preReview: PART3_LABELS.preReview, userTest: PART3_LABELS.userTest, notices: '业务影响告知' };

/** §19 notices: a list in newer cores, a single record in older ones. */
function noticesOf(p3: object): NoticeRecord[] {
  const o = p3 as { notices?: NoticeRecord[]; notice?: NoticeRecord };
  return o.notices ?? (o.notice ? [o.notice] : []);
}

/** A signed record (test, review, confirmation) in words. */
function RecordsView({ view }: { view: ChangeView }) {
  const p3 = view.state.part3;
  const rows: Array<[string, React.ReactNode]> = [
    [RECORD_LABELS.itTest, p3.itTest ? `${p3.itTest.passed ? '通过' : '未通过'}；步骤：${p3.itTest.steps}；结果：${p3.itTest.result}；${showValue(p3.itTest)}` : undefined],
    [RECORD_LABELS.preReview, p3.preReview ? `${p3.preReview.agree ? '同意上线' : '不同意上线'}；${p3.preReview.opinion}；${showValue(p3.preReview)}` : undefined],
    [RECORD_LABELS.userTest, p3.userTest ? `${p3.userTest.confirmed ? '确认通过' : '未通过'}；${p3.userTest.result}；${showValue(p3.userTest)}` : undefined],
    [
      RECORD_LABELS.notices,
      noticesOf(p3).length ? noticesOf(p3).map((n) => `${n.noticeDate} 告知${n.units.join('、')}：${n.scope}（${n.period}）`).join('；') : undefined,
    ],
  ];
  return (
    <Descriptions bordered size="small" column={1} styles={{ label: { width: 180 } }} style={{ marginTop: 16 }}>
      {rows.map(([label, v]) => (
        <Descriptions.Item key={label} label={label}>
          {v ?? <span className="muted">未登记</span>}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

function ApprovalsView({ view }: { view: ChangeView }) {
  const { approvals, overrides } = view.state;
  if (approvals.length === 0 && overrides.length === 0) return <Empty description="尚无审批记录" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {overrides.map((o) => (
        <Alert
          key={o.time}
          type="warning"
          showIcon
          message={`越权排期（第17条(2)）：${o.finding}`}
          description={`${o.name}（${roleLabel(o.role)}）于 ${showTime(o.time)} 特批，理由：${o.reason}`}
        />
      ))}
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 220 } }}>
        {approvals.map((a, i) => (
          <Descriptions.Item key={i} label={`${a.name}（${roleLabel(a.role)}）`}>
            <Tag color={a.agree ? 'green' : 'red'}>{a.agree ? '同意' : '不同意'}</Tag>
            {showTime(a.time)} {a.opinion && <span className="pre-wrap">意见：{a.opinion}</span>}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Space>
  );
}

/** The change form: its parts, the verbs of this step, approvals, the timeline of every event. */
export function ChangeFormPage() {
  const { formId } = useParams();
  const navigate = useNavigate();
  const { view, viewError, open } = useChangesStore(useShallow((s) => ({ view: s.view, viewError: s.viewError, open: s.open })));
  // The open tab belongs to the form: another form starts on part 一.
  const [tab, setTab] = useState<{ formId?: string; key: string }>({ key: 'part1' });
  const activeTab = tab.formId === formId ? tab.key : 'part1';
  // The register's names for part 一; loaded once (the list loads them too), not on every form.
  const systemNames = useSystemNames(view?.state.part1.systems);
  useEffect(() => {
    if (formId) void open(formId);
  }, [formId, open]);
  // The timeline (every event of the form) is drawn in a render of its own after the form's first
  // paint: the title, the buttons and part 一 come first when a form is opened from the list.
  const timeline = useDeferredValue(view?.timeline, undefined);

  if (viewError) return <Alert type="error" showIcon message={viewError} />;
  if (!view || view.state.formId !== formId) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  const { state, summary, actions } = view;

  const tabs = [
    {
      key: 'part1',
      label: '一、申请信息',
      children: allowed(actions, 'saveDraft') ? (
        <Part1Editor view={view} />
      ) : (
        <FieldsView value={state.part1} labels={PART1_LABELS} nested={{ impactIfNot: IMPACT_LABELS }} render={{ systems: (v) => systemNames(v as string[] | undefined) }} />
      ),
    },
    {
      key: 'part2',
      label: '二、需求评估',
      children: allowed(actions, 'saveAssessment') ? (
        <PartForm verb="saveAssessment" specs={PART2_FIELDS} stored={state.part2} />
      ) : (
        <FieldsView value={state.part2} labels={PART2_LABELS} nested={{ newFunctionRisks: NEW_FUNCTION_RISK_ITEMS }} />
      ),
    },
    {
      key: 'part3',
      label: '三、计划与测试',
      children: (
        <>
          {allowed(actions, 'savePlan') ? <PartForm verb="savePlan" specs={PLAN_FIELDS} stored={state.part3} /> : <FieldsView value={state.part3} labels={PLAN_LABELS} />}
          <RecordsView view={view} />
        </>
      ),
    },
    { key: 'result', label: '实施与归档', children: <FieldsView value={state.result} labels={RESULT_LABELS} nested={RESULT_NESTED} /> },
    ...(state.emergency ? [{ key: 'emergency', label: '紧急变更', children: <FieldsView value={state.emergency} labels={EMERGENCY_LABELS} nested={EMERGENCY_NESTED} /> }] : []),
    { key: 'approvals', label: '审批记录', children: <ApprovalsView view={view} /> },
    { key: 'attachments', label: `附件${liveAttachments(view) ? `（${liveAttachments(view)}）` : ''}`, children: <AttachmentsTab view={view} /> },
    ...(view.signatureBlocks.length > 0 && state.state !== 'draft' ? [{ key: 'paper', label: '纸质签字', children: <WetSignatures view={view} /> }] : []),
  ];

  return (
    <div className="change-page">
      <Space align="center" style={{ marginBottom: 8 }} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/changes')} aria-label="返回变更列表" />
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="form-title">
          {summary.formNo} {summary.title || '（未命名变更）'}
        </Typography.Title>
        <StateTag state={state.state} label={summary.stateLabel} />
        <UrgencyTag summary={summary} />
        {summary.windowOverride && <Tag color="warning">越权排期</Tag>}
        <PrintMenu formId={state.formId} formNo={summary.formNo} emergency={!!state.emergency} />
        <VerifyScan />
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        申请人：{state.applicant.name} · {summary.applicantUnitName ?? summary.applicantUnit} · 申请日期 {summary.appliedOn ?? '—'}
        {summary.plannedStart && ` · 计划上线 ${showTime(summary.plannedStart)}${summary.plannedEnd ? ` 至 ${showTime(summary.plannedEnd)}` : ''}`}
      </Typography.Paragraph>
      {state.closure && (
        <Alert
          type={state.closure.kind === 'withdrawn' ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={`${summary.stateLabel}：${state.closure.reason ?? state.closure.projectRef ?? ''}`}
          description={`${state.closure.name} · ${showTime(state.closure.time)}`}
        />
      )}
      {state.conflict && <ConflictPanel view={view} />}
      <ActionBar actions={actions} />
      <div className="change-columns">
        <Card size="small" className="change-main">
          <Tabs items={tabs} activeKey={activeTab} onChange={(key) => setTab({ formId, key })} />
        </Card>
        {/* Scrolls on its own: focusable, so the keyboard can scroll it too. */}
        <Card size="small" title="时间线" className="change-timeline" data-testid="timeline" tabIndex={0} role="region" aria-label="时间线">
          {timeline === view.timeline ? <ChangeTimeline entries={view.timeline} /> : <Spin size="small" />}
        </Card>
      </div>
    </div>
  );
}

/** A new form: part 一 only, until its first save makes it a draft. */
export function NewChangePage() {
  const navigate = useNavigate();
  return (
    <div>
      <Space align="center" style={{ marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/changes')} aria-label="返回变更列表" />
        <Typography.Title level={4} style={{ margin: 0 }}>
          新建变更申请（《已投产系统变更流程单》第一部分）
        </Typography.Title>
      </Space>
      <Card size="small">
        <Part1Editor view={undefined} />
      </Card>
    </div>
  );
}
