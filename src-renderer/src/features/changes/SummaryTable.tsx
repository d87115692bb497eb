import type { ChangeSummary } from '@shared/schemas/change-form';
import { Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { showTime, StateTag, UrgencyTag } from './change-format';

/** A short list of forms (待办, 日历 details): number as a link, so Tab + Enter opens it. */
export function SummaryTable({ rows, empty }: { rows: ChangeSummary[]; empty: string }) {
  const columns: TableColumnsType<ChangeSummary> = [
    { title: '编号', dataIndex: 'formNo', width: 170, render: (no: string, r) => <Link to={`/changes/${r.formId}`}>{no}</Link> },
    { title: '变更名称', dataIndex: 'title', ellipsis: true, render: (t: string) => t || '（未命名）' },
    { title: '状态', dataIndex: 'state', width: 130, render: (_s, r) => <StateTag state={r.state} label={r.stateLabel} /> },
    { title: '急迫性', dataIndex: 'urgency', width: 76, render: (_u, r) => <UrgencyTag summary={r} /> },
    { title: '申请部门', dataIndex: 'applicantUnitName', width: 150, ellipsis: true, render: (n: string | undefined, r) => n ?? r.applicantUnit },
    { title: '计划上线', dataIndex: 'plannedStart', width: 140, render: (t?: string) => showTime(t) },
    { title: '更新时间', dataIndex: 'updatedAt', width: 140, render: (t: string) => showTime(t) },
  ];
  return <Table<ChangeSummary> rowKey="formId" size="small" columns={columns} dataSource={rows} pagination={rows.length > 10 ? { pageSize: 10 } : false} locale={{ emptyText: empty }} />;
}
