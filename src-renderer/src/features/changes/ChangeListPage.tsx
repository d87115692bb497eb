import { PlusOutlined } from '@ant-design/icons';
import { CHANGE_STATES, CHANGE_TYPES, URGENCIES, type ChangeState, type ChangeSummary } from '@shared/schemas/change-form';
import { Alert, Button, DatePicker, Input, Select, Space, Table, Tooltip, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Link, useNavigate } from 'react-router';
import type { ChangeListFilter, ChangeListInput } from '../../api/types';
import { useChangesStore } from '../../stores/changes.store';
import { useSettingsStore } from '../../stores/settings.store';
import { showTime, StateTag, UrgencyTag } from './change-format';

const stateOptions = (Object.entries(CHANGE_STATES) as Array<[ChangeState, string]>).map(([value, label]) => ({ value, label }));
const typeOptions = CHANGE_TYPES.map((t) => ({ value: t, label: t }));
const urgencyOptions = URGENCIES.map((u) => ({ value: u, label: u }));
type SortKey = NonNullable<ChangeListInput['sort']>['by'];

/** 新建变更申请, enabled only when the service says this user may create a form (§8); otherwise disabled with its reason. */
function NewFormButton() {
  const { createAction, loadCreateAction } = useChangesStore();
  const navigate = useNavigate();
  useEffect(() => void loadCreateAction(), [loadCreateAction]);
  const allowed = createAction?.allowed === true;
  const reason = createAction ? createAction.reason : '正在确认权限…';
  return (
    <Tooltip title={allowed ? undefined : reason} trigger={['hover', 'focus']} placement="left">
      {/* A disabled button gets no pointer events or focus: the span carries the tooltip. */}
      <span tabIndex={allowed ? -1 : 0} aria-label={allowed ? undefined : `新建变更申请：${reason ?? ''}`} data-testid="new-form">
        <Button type="primary" icon={<PlusOutlined />} disabled={!allowed} onClick={() => navigate('/changes/new')}>
          新建变更申请
        </Button>
      </span>
    </Tooltip>
  );
}

/** The 变更 list: the service filters, searches, sorts and pages, so it stays fast at 100,000 forms. */
export function ChangeListPage({ visible = true }: { visible?: boolean }) {
  // Only what the list shows: an open form's changes do not re-render it.
  const { list, rows, total, capped, listLoading, listError, setQuery, loadList } = useChangesStore(
    useShallow((s) => ({ list: s.list, rows: s.rows, total: s.total, capped: s.capped, listLoading: s.listLoading, listError: s.listError, setQuery: s.setQuery, loadList: s.loadList })),
  );
  const { systems, units, loadSystems, loadUnits } = useSettingsStore(useShallow((s) => ({ systems: s.systems, units: s.units, loadSystems: s.loadSystems, loadUnits: s.loadUnits })));
  const navigate = useNavigate();
  useEffect(() => {
    void loadSystems();
    void loadUnits();
  }, [loadSystems, loadUnits]);
  // Queried when shown: on the way back from a form the rows show its new state.
  useEffect(() => {
    if (visible) void loadList();
  }, [visible, loadList]);

  const filter = (patch: Partial<ChangeListFilter>): void => void setQuery({ filter: { ...list.filter, ...patch }, page: 1 });
  const sorted = (key: SortKey): 'ascend' | 'descend' | null => (list.sort?.by === key ? (list.sort.dir === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableColumnsType<ChangeSummary> = [
    {
      title: '编号',
      dataIndex: 'formNo',
      key: 'formNo',
      width: 160,
      sorter: true,
      sortOrder: sorted('formNo'),
      render: (no: string, r) => <Link to={`/changes/${r.formId}`}>{no}</Link>,
    },
    { title: '变更名称', dataIndex: 'title', ellipsis: true, render: (t: string) => t || '（未命名）' },
    { title: '状态', dataIndex: 'state', key: 'state', width: 120, sorter: true, sortOrder: sorted('state'), render: (_s, r) => <StateTag state={r.state} label={r.stateLabel} /> },
    { title: '变更类型', dataIndex: 'changeType', width: 124, ellipsis: true },
    { title: '急迫性', dataIndex: 'urgency', width: 76, render: (_u, r) => <UrgencyTag summary={r} /> },
    { title: '涉及系统', dataIndex: 'systems', width: 120, ellipsis: true, render: (codes: string[]) => codes.map((c) => systems.find((s) => s.code === c)?.name ?? c).join('、') },
    { title: '申请部门', dataIndex: 'applicantUnitName', width: 120, ellipsis: true, render: (n: string | undefined, r) => n ?? r.applicantUnit },
    { title: '申请日期', dataIndex: 'appliedOn', key: 'appliedOn', width: 110, sorter: true, sortOrder: sorted('appliedOn') },
    { title: '计划上线', dataIndex: 'plannedStart', key: 'plannedStart', width: 136, sorter: true, sortOrder: sorted('plannedStart'), render: (t?: string) => showTime(t) },
  ];

  const onChange: TableProps<ChangeSummary>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order && s.columnKey ? { by: s.columnKey as SortKey, dir: s.order === 'ascend' ? ('asc' as const) : ('desc' as const) } : { by: 'updatedAt' as const, dir: 'desc' as const };
    void setQuery({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? list.pageSize, sort });
  };

  return (
    <div>
      <Space style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          变更
        </Typography.Title>
        <NewFormButton />
      </Space>
      <Space wrap style={{ marginBottom: 12 }} aria-label="筛选条件">
        <Input.Search
          placeholder="搜索编号、名称、内容"
          allowClear
          style={{ width: 200 }}
          defaultValue={list.filter.text}
          onSearch={(text) => filter({ text: text || undefined })}
          aria-label="全文搜索"
        />
        <Select placeholder="状态" allowClear style={{ width: 130 }} options={stateOptions} value={list.filter.state} onChange={(state) => filter({ state })} aria-label="状态" />
        <Select placeholder="变更类型" allowClear style={{ width: 130 }} options={typeOptions} value={list.filter.changeType} onChange={(changeType) => filter({ changeType })} aria-label="变更类型" />
        <Select placeholder="急迫性" allowClear style={{ width: 96 }} options={urgencyOptions} value={list.filter.urgency} onChange={(urgency) => filter({ urgency })} aria-label="急迫性" />
        <SearchSelect placeholder="涉及系统" options={systems.map((s) => ({ value: s.code, label: s.name }))} value={list.filter.system} onChange={(system) => filter({ system })} />
        <SearchSelect placeholder="申请部门" options={units.map((u) => ({ value: u.code, label: u.name }))} value={list.filter.unit} onChange={(unit) => filter({ unit })} />
        {/* Two pickers, not a RangePicker: its open panel kept Tab in the first field (a keyboard trap). */}
        <DatePicker placeholder="申请日期起" aria-label="申请日期起" format="YYYY-MM-DD" style={{ width: 124 }} onChange={(d: Dayjs | null) => filter({ from: d?.format('YYYY-MM-DD') })} />
        <DatePicker placeholder="申请日期止" aria-label="申请日期止" format="YYYY-MM-DD" style={{ width: 124 }} onChange={(d: Dayjs | null) => filter({ to: d?.format('YYYY-MM-DD') })} />
      </Space>
      {listError && <Alert type="error" showIcon message={listError} style={{ marginBottom: 12 }} />}
      <Table<ChangeSummary>
        rowKey="formId"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={listLoading}
        onChange={onChange}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/changes/${r.formId}`), style: { cursor: 'pointer' } })}
        pagination={{ current: list.page, pageSize: list.pageSize, total, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (t) => (capped ? `超过 ${t} 条，请用筛选缩小范围` : `共 ${t} 条`) }}
        locale={{ emptyText: '没有符合条件的变更单' }}
        scroll={{ x: 1100 }}
      />
    </div>
  );
}

/** A searchable filter over a directory list (systems, units). */
function SearchSelect(props: { placeholder: string; options: Array<{ value: string; label: string }>; value: string | undefined; onChange(v: string | undefined): void }) {
  return <Select allowClear showSearch optionFilterProp="label" style={{ width: 130 }} aria-label={props.placeholder} {...props} />;
}
