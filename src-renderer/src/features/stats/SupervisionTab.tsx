import { INSPECTION_KINDS, type CompletenessRow, type InspectionKind, type InspectionRecord } from '@shared/schemas/supervision';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { call, errorMessage } from '../../api/client';
import { useStatsStore } from '../../stores/stats.store';
import { formPath } from '../common/form-path';

interface InspectionFormValues {
  kind: InspectionKind;
  performedOn: dayjs.Dayjs;
  inspectors: string;
  scope: string;
  findings: string;
  formNo?: string;
  releaseRef?: string;
  followUp?: string;
  owner?: string;
  due?: dayjs.Dayjs;
}

/** §36: the inspections recorded, recording one, and the computed document-completeness check (§36(3)). */
export function SupervisionTab({ from, to }: { from: string; to: string }) {
  const { inspections, completeness, loadSupervision } = useStatsStore();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<InspectionFormValues>();
  useEffect(() => void loadSupervision(from, to), [from, to, loadSupervision]);

  const save = async (v: InspectionFormValues) => {
    try {
      let formId: string | undefined;
      if (v.formNo) {
        // A change form (§36(2)), or a go-live/release form (§36(1)–(2) before it is switched over).
        const changes = await call('change:list', { filter: { text: v.formNo }, page: 1, pageSize: 5 });
        formId = changes.rows.find((r) => r.formNo === v.formNo)?.formId;
        if (!formId) {
          const projects = await call('project:list', { text: v.formNo, pageSize: 5 });
          formId = projects.rows.find((r) => r.formNo === v.formNo && r.kind !== 'access')?.formId;
        }
        if (!formId) throw new Error(`找不到变更单或上线/发布申请 ${v.formNo}`);
      }
      await call('supervision:recordInspection', {
        kind: v.kind,
        performedOn: v.performedOn.format('YYYY-MM-DD'),
        inspectors: v.inspectors,
        scope: v.scope,
        findings: v.findings,
        ...(formId ? { formId } : {}),
        ...(v.releaseRef ? { releaseRef: v.releaseRef } : {}),
        followUps: v.followUp && v.owner && v.due ? [{ action: v.followUp, owner: v.owner, due: v.due.format('YYYY-MM-DD') }] : [],
      });
      message.success('检查记录已登记');
      setOpen(false);
      form.resetFields();
      await loadSupervision(from, to);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        size="small"
        title="检查记录"
        extra={
          <Button type="primary" onClick={() => setOpen(true)}>
            登记检查
          </Button>
        }
      >
        <Table<InspectionRecord>
          size="small"
          rowKey="id"
          dataSource={inspections ?? []}
          locale={{ emptyText: '本期尚无检查记录' }}
          columns={[
            { title: '日期', dataIndex: 'performedOn', width: 100 },
            { title: '类别', dataIndex: 'kind', width: 140, render: (k: InspectionKind) => `${INSPECTION_KINDS[k].label}（${INSPECTION_KINDS[k].article}）` },
            { title: '检查人员', dataIndex: 'inspectors', width: 110 },
            { title: '范围', dataIndex: 'scope', ellipsis: true, render: (s: string, r) => (r.formId ? <><Link to={formPath(r.formKind, r.formId)}>{r.formNo}</Link> {s}</> : s) },
            { title: '发现', dataIndex: 'findings', ellipsis: true },
            { title: '整改', width: 200, render: (_v, r) => r.followUps.map((f) => <Tag key={f.id} color={f.closed ? 'green' : 'orange'}>{f.action}·{f.owner}·{f.closed ? '已完成' : `期限 ${f.due}`}</Tag>) },
          ]}
        />
      </Card>
      <Card size="small" title={`文档完整性检查（第36条(3)）：${from} 至 ${to} 申请的 ${completeness?.checked ?? '…'} 张变更单中，${completeness?.incomplete ?? '…'} 张有缺漏`}>
        <Table<CompletenessRow>
          size="small"
          rowKey="formId"
          dataSource={completeness?.rows ?? []}
          pagination={{ pageSize: 8 }}
          locale={{ emptyText: '没有发现缺漏' }}
          columns={[
            { title: '编号', dataIndex: 'formNo', width: 170, render: (no: string, r) => <Link to={`/changes/${r.formId}`}>{no}</Link> },
            { title: '变更名称', dataIndex: 'title', width: 180, ellipsis: true },
            { title: '状态', dataIndex: 'stateLabel', width: 110 },
            {
              title: '缺少',
              render: (_v, r) => (
                <Space direction="vertical" size={0}>
                  {r.gaps.map((g, i) => (
                    <Typography.Text key={i}>
                      <Tag color={g.kind === 'signature' ? 'volcano' : g.kind === 'wet_signature' ? 'magenta' : g.kind === 'document' ? 'purple' : 'blue'}>{g.kindLabel}</Tag>
                      {g.what}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={open} title="登记检查（第36条）" okText="登记" onOk={() => form.submit()} onCancel={() => setOpen(false)} width={640}>
        <Form<InspectionFormValues> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ performedOn: dayjs() }}>
          <Form.Item name="kind" label="检查类别" rules={[{ required: true, message: '请选择检查类别' }]}>
            <Select options={Object.entries(INSPECTION_KINDS).map(([k, v]) => ({ value: k, label: `${v.label}（${v.article}）` }))} />
          </Form.Item>
          <Space>
            <Form.Item name="performedOn" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="inspectors" label="检查人员" rules={[{ required: true, message: '请填写检查人员' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="formNo" label="所检查的变更单或上线/发布申请编号">
              <Input placeholder="BG-OPS-2026-0012" />
            </Form.Item>
          </Space>
          <Form.Item name="releaseRef" label="所检查的发布（本系统无其申请表时）">
            <Input />
          </Form.Item>
          <Form.Item name="scope" label="检查范围" rules={[{ required: true, message: '请填写检查范围' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="findings" label="检查发现" rules={[{ required: true, message: '请填写检查发现' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Space>
            <Form.Item name="followUp" label="整改事项">
              <Input />
            </Form.Item>
            <Form.Item name="owner" label="责任人">
              <Input />
            </Form.Item>
            <Form.Item name="due" label="整改期限">
              <DatePicker />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Space>
  );
}
