import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { periodLabel, periodRange, type PeriodKind, type ProjectStatLine, type ProjectStatRow, type StatCount, type StatList } from '@shared/schemas/stats';
import { reportCharts } from '@shared/stats-charts';
import { Alert, Button, Card, Col, DatePicker, Drawer, Modal, Row, Segmented, Select, Space, Spin, Statistic, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { call, errorMessage } from '../../api/client';
import { saveFile } from '../../api/desktop-files';
import { usePrintStore } from '../../stores/print.store';
import { useStatsStore } from '../../stores/stats.store';
import { SummaryTable } from '../changes/SummaryTable';
import { formPath } from '../common/form-path';
import { EChart } from './EChart';
import { SupervisionTab } from './SupervisionTab';
import { WeeksTab } from './WeeksTab';

const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)}%` : '—');

/** A number that opens the forms behind it. */
function Figure({ c, title, suffix, danger }: { c: StatCount; title: string; suffix?: string; danger?: boolean }) {
  const openDrill = useStatsStore((s) => s.openDrill);
  return (
    <Card size="small" hoverable onClick={() => void openDrill(title, c.drill)} role="button" aria-label={`${title} ${c.count}，查看变更单`}>
      <Statistic title={title} value={c.count} suffix={suffix} styles={{ content: { color: danger && c.count > 0 ? '#cf1322' : undefined } }} />
    </Card>
  );
}

function CountsTable({ head, counts, total }: { head: string; counts: StatCount[]; total: number }) {
  const openDrill = useStatsStore((s) => s.openDrill);
  return (
    <Table<StatCount>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={counts}
      columns={[
        { title: head, dataIndex: 'label' },
        { title: '数量', dataIndex: 'count', width: 70, align: 'right', render: (n: number, c) => <a onClick={() => void openDrill(`${head}：${c.label}`, c.drill)}>{n}</a> },
        { title: '占比', width: 70, align: 'right', render: (_v, c) => pct(c.count, total) },
      ]}
    />
  );
}

function FormList({ list, note, title }: { list: StatList; note: string; title: string }) {
  const openDrill = useStatsStore((s) => s.openDrill);
  return (
    <Card size="small" title={`${title}（${list.total}）`} extra={list.total > list.rows.length ? <a onClick={() => void openDrill(title, list.drill)}>全部</a> : undefined}>
      <Table
        size="small"
        rowKey="formId"
        pagination={list.rows.length > 5 ? { pageSize: 5 } : false}
        dataSource={list.rows}
        locale={{ emptyText: '本期无' }}
        columns={[
          { title: '编号', dataIndex: 'formNo', width: 170, render: (no: string, r) => <Link to={`/changes/${r.formId}`}>{no}</Link> },
          { title: '变更名称', dataIndex: 'title', ellipsis: true },
          { title: '日期', dataIndex: 'date', width: 100 },
          { title: note, dataIndex: 'note', ellipsis: true },
        ]}
      />
    </Card>
  );
}

/** §28–§35: the period's go-lives and releases; each count opens the forms behind it. */
function ProjectFigures({ lines }: { lines: ProjectStatLine[] }) {
  const [open, setOpen] = useState<{ title: string; rows: ProjectStatRow[] }>();
  const cell = (l: ProjectStatLine, kind: 'golive' | 'release') => {
    const rows = l[kind];
    const title = `${kind === 'golive' ? '软件上线' : '系统发布'}：${l.label}`;
    return (
      <Button type="link" size="small" onClick={() => setOpen({ title, rows })} aria-label={`${title} ${rows.length}，查看申请表`}>
        {rows.length}
      </Button>
    );
  };
  return (
    <Card size="small" title="软件上线与系统发布（第28条至第35条）" data-testid="project-stats">
      <Table<ProjectStatLine>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={lines}
        columns={[
          { title: '统计项', dataIndex: 'label' },
          { title: '软件上线（附件2）', width: 140, align: 'right', render: (_v, l) => cell(l, 'golive') },
          { title: '系统发布（附件4）', width: 140, align: 'right', render: (_v, l) => cell(l, 'release') },
        ]}
      />
      <Modal open={open !== undefined} title={open ? `${open.title}（${open.rows.length}）` : ''} footer={null} width={820} onCancel={() => setOpen(undefined)}>
        <Table<ProjectStatRow>
          size="small"
          rowKey="formId"
          pagination={false}
          dataSource={open?.rows ?? []}
          locale={{ emptyText: '本期无' }}
          columns={[
            { title: '编号', dataIndex: 'formNo', width: 170, render: (no: string, r) => <Link to={formPath(r.kind, r.formId)}>{no}</Link> },
            { title: '项目名称', dataIndex: 'title' },
            { title: '项目组', dataIndex: 'unit', width: 170 },
            { title: '日期', dataIndex: 'date', width: 100 },
            { title: '状态', dataIndex: 'stateLabel', width: 100 },
          ]}
        />
      </Modal>
    </Card>
  );
}

function PeriodBar() {
  const { period, setPeriod, load } = useStatsStore();
  const [kind, setKind] = useState<PeriodKind | 'range'>('year');
  const [units, setUnits] = useState<Array<{ value: string; label: string }>>([]);
  useEffect(() => {
    call('directory:units', {})
      .then((us) => setUnits(us.filter((u) => u.kind === 'business').map((u) => ({ value: u.code, label: u.name }))))
      .catch(() => setUnits([]));
  }, []);
  const apply = (p: typeof period) => {
    setPeriod(p);
    void load();
  };
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Segmented<PeriodKind | 'range'>
        value={kind}
        options={[
          { label: '月', value: 'month' },
          { label: '季度', value: 'quarter' },
          { label: '年', value: 'year' },
          { label: '起止日期', value: 'range' },
        ]}
        onChange={(k) => {
          setKind(k);
          if (k !== 'range') apply({ ...period, ...periodRange(k, period.from) });
        }}
      />
      {kind === 'range' ? (
        <DatePicker.RangePicker
          aria-label="统计期间"
          value={[dayjs(period.from), dayjs(period.to)]}
          onChange={(v) => v?.[0] && v[1] && apply({ ...period, from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
        />
      ) : (
        <DatePicker
          aria-label="统计期间"
          picker={kind}
          value={dayjs(period.from)}
          format={(d) => periodLabel(periodRange(kind, d.format('YYYY-MM-DD')).from, periodRange(kind, d.format('YYYY-MM-DD')).to)}
          onChange={(d) => d && apply({ ...period, ...periodRange(kind, d.format('YYYY-MM-DD')) })}
        />
      )}
      <Select
        aria-label="申请部门"
        style={{ width: 160 }}
        allowClear
        placeholder="全部申请部门"
        value={period.unit}
        options={units}
        onChange={(u?: string) => apply({ from: period.from, to: period.to, ...(u ? { unit: u } : {}) })}
      />
    </Space>
  );
}

function Evaluation() {
  const { report, loading, error, load, period, openDrill } = useStatsStore();
  const showPdf = usePrintStore((s) => s.show);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!report) void load();
  }, [report, load]);
  const pick = useCallback((c: StatCount) => void openDrill(c.label, c.drill), [openDrill]);
  const charts = useMemo(() => (report ? Object.fromEntries(reportCharts(report).map((c) => [c.id, c])) : undefined), [report]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!report || !charts) return <Spin style={{ display: 'block', marginTop: 60 }} />;
  const i = report.implemented;
  const total = i.total.count;
  const print = async () => {
    setBusy(true);
    try {
      showPdf(`${report.period.label} 变更实施定期评估报告`, await call('stats:reportPdf', period));
    } finally {
      setBusy(false);
    }
  };
  const csv = async () => {
    const r = await call('stats:csv', period);
    await saveFile('csv', r.fileName, new TextEncoder().encode(r.csv));
  };
  return (
    <Spin spinning={loading}>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {report.period.from} 至 {report.period.to}（{report.period.label}），{report.unit ? report.unit.name : '全部申请部门'}；实施变更以实施日期计，变更申请以申请日期计。点击任一数字或图形查看对应的变更单。
        </Typography.Text>
        <Button icon={<PrinterOutlined />} loading={busy} onClick={() => void print().catch((e) => alert(errorMessage(e)))}>
          打印评估报告
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void csv().catch((e) => alert(errorMessage(e)))}>
          导出 CSV
        </Button>
      </Space>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col span={4}><Figure c={i.total} title="实施变更" /></Col>
        <Col span={4}><Figure c={i.emergency} title={`紧急变更（${pct(i.emergency.count, total)}）`} /></Col>
        <Col span={4}><Figure c={report.goal.notMet} title="未达到预期目标" danger /></Col>
        <Col span={4}><Figure c={report.negative.count} title="存在负面影响" danger /></Col>
        <Col span={4}><Figure c={report.rollbacks.count} title={`回退（${pct(report.rollbacks.count.count, total)}）`} danger /></Col>
        <Col span={4}><Figure c={report.windowOverrides.count} title="越权在业务时间排期" danger /></Col>
        <Col span={4}><Figure c={report.paperwork.late} title="补单/补测逾期" danger /></Col>
        <Col span={4}><Figure c={report.requests.total} title="变更申请" /></Col>
        <Col span={4}><Figure c={report.goal.met} title="达到预期目标" /></Col>
        <Col span={4}><Figure c={report.goal.notEvaluated} title="尚未评估" /></Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col span={14}>
          <Card size="small" title="实施变更按变更类型（第26条(3)）">
            <Row gutter={12}>
              <Col span={14}><EChart label="实施变更按变更类型" option={charts.byType!.option} counts={charts.byType!.counts} onPick={pick} /></Col>
              <Col span={10}><CountsTable head="变更类型" counts={i.byType} total={total} /></Col>
            </Row>
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title="急迫性与目标达成（第26条(1)）">
            <Row gutter={8}>
              <Col span={12}><EChart label="实施变更按急迫性" option={charts.byUrgency!.option} counts={charts.byUrgency!.counts} onPick={pick} /></Col>
              <Col span={12}><EChart label="是否达到预期目标" option={charts.goal!.option} counts={charts.goal!.counts} onPick={pick} /></Col>
            </Row>
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="变更申请的理由：来源与类型分析（第26条(4)）">
            <EChart label="变更申请按来源" option={charts.bySource!.option} counts={charts.bySource!.counts} onPick={pick} height={200} />
            <Table
              size="small"
              rowKey="source"
              pagination={false}
              dataSource={report.requests.matrix}
              scroll={{ x: true }}
              columns={[
                { title: '来源 \\ 类型', dataIndex: 'source', width: 110 },
                ...report.requests.matrix[0]!.counts.map((c, k) => ({
                  title: c.label,
                  key: c.key,
                  align: 'right' as const,
                  render: (_v: unknown, row: (typeof report.requests.matrix)[number]) => {
                    const cell = row.counts[k]!;
                    return cell.count ? <a onClick={() => void openDrill(`${row.source} × ${cell.label}`, cell.drill)}>{cell.count}</a> : '';
                  },
                })),
              ]}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="变更申请办理结果">
            <EChart label="变更申请办理结果" option={charts.requestOutcome!.option} counts={charts.requestOutcome!.counts} onPick={pick} height={200} />
          </Card>
        </Col>
        <Col span={12}><FormList title="回退（第26条(5)）" note="回退原因" list={report.rollbacks.list} /></Col>
        <Col span={12}><FormList title="未达到预期目标" note="说明" list={report.goal.notMetList} /></Col>
        <Col span={12}><FormList title="存在负面影响（第26条(2)）" note="负面影响说明" list={report.negative.list} /></Col>
        <Col span={12}><FormList title="越权在业务时间排期（第17条(2)）" note="认定与理由" list={report.windowOverrides.list} /></Col>
        <Col span={12}><FormList title="补单/补测逾期（第23条、第24条）" note="情况" list={report.paperwork.list} /></Col>
        <Col span={12}><ProjectFigures lines={report.projects} /></Col>
      </Row>
    </Spin>
  );
}

function DrillDrawer() {
  const { drillView, closeDrill, openDrill } = useStatsStore();
  return (
    <Drawer open={drillView !== undefined} onClose={closeDrill} width={900} title={drillView ? `${drillView.title}（${drillView.result?.total ?? '…'} 张变更单）` : ''}>
      {drillView?.result ? (
        <>
          <SummaryTable rows={drillView.result.rows} empty="没有变更单" />
          {drillView.result.total > 20 && (
            <Space style={{ marginTop: 8 }}>
              <Button disabled={drillView.page <= 1} onClick={() => void openDrill(drillView.title, drillView.drill, drillView.page - 1)}>上一页</Button>
              <span>第 {drillView.page} 页，共 {Math.ceil(drillView.result.total / 20)} 页</span>
              <Button disabled={drillView.page * 20 >= drillView.result.total} onClick={() => void openDrill(drillView.title, drillView.drill, drillView.page + 1)}>下一页</Button>
            </Space>
          )}
        </>
      ) : (
        <Spin />
      )}
    </Drawer>
  );
}

/** 统计: §26 定期评估, §17(1) 周变更计划审阅, §36 检查监督. */
export function StatsPage() {
  const period = useStatsStore((s) => s.period);
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        统计与监督
      </Typography.Title>
      <PeriodBar />
      <Tabs
        items={[
          { key: 'eval', label: '定期评估（第26条）', children: <Evaluation /> },
          { key: 'weeks', label: '周变更计划审阅（第17条(1)）', children: <WeeksTab from={period.from} to={period.to} /> },
          { key: 'inspect', label: '检查监督（第36条）', children: <SupervisionTab from={period.from} to={period.to} /> },
        ]}
      />
      <DrillDrawer />
    </div>
  );
}
