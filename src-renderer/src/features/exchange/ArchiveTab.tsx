import type { ApiOutput } from '@shared/api';
import { Alert, Button, Card, Form, Input, List, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { call, errorMessage } from '../../api/client';
import { showTime } from '../changes/change-format';
import { importWords } from './import-words';
import { BundleDrop, RunProgress, useRun } from './JobProgress';

type Catalogue = ApiOutput<'archive:catalogue'>;
type Report = ApiOutput<'archive:report'>;
type Checks = ApiOutput<'archive:verify'>;

/** One line per unit: its bundles, events, forms and last import, from the catalogue and the completeness report. */
function perUnit(catalogue: Catalogue, report: Report) {
  return report.map((u) => {
    const bundles = catalogue.filter((b) => b.producer === u.unit);
    return { ...u, bundles: bundles.length, bundleList: bundles };
  });
}

/** A form number to its page: the list finds it by number. */
function FormLinks({ formNos, onOpen }: { formNos: string[]; onOpen: () => void }) {
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  async function open(formNo: string): Promise<void> {
    try {
      const r = await call('change:list', { filter: { text: formNo }, page: 1, pageSize: 5 });
      const row = r.rows.find((x) => x.formNo === formNo);
      if (!row) throw new Error(`找不到变更单 ${formNo}`);
      onOpen();
      navigate(`/changes/${row.formId}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <>
      {error && <Alert type="error" message={error} showIcon />}
      <List
        size="small"
        dataSource={formNos}
        renderItem={(no) => (
          <List.Item>
            <Button type="link" size="small" onClick={() => void open(no)}>
              {no}
            </Button>
          </List.Item>
        )}
        style={{ maxHeight: 420, overflow: 'auto' }}
      />
    </>
  );
}

/**
 * IT综合科's archive (issue 5, §27): import every unit's bundles at once, the catalogue per unit,
 * what is missing per unit with the forms behind each count, and a check of every chain.
 * The 交换 page shows this tab only when the service lets the user read the catalogue.
 */
export function ArchiveTab({ catalogue, report, reload }: { catalogue: Catalogue; report: Report; reload: () => Promise<void> }) {
  const [run, runFiles, runInput] = useRun();
  const [verifyRun, , runVerify] = useRun();
  const [result, setResult] = useState<string[]>();
  const [checks, setChecks] = useState<Checks>();
  const [drilled, setDrilled] = useState<{ title: string; formNos: string[] }>();
  const drill = (title: string, formNos: string[]) => setDrilled({ title, formNos });
  const units = perUnit(catalogue, report);

  async function afterImport(job: Awaited<ReturnType<typeof runInput>>, names?: string[]): Promise<void> {
    if (job?.result?.kind === 'import') setResult(job.result.items.map((it, i) => importWords({ ...it, file: names?.[i] ?? it.file.split(/[\\/]/).pop() ?? it.file }, true)));
    await reload();
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Modal open={drilled !== undefined} title={drilled?.title} footer={null} onCancel={() => setDrilled(undefined)} width={520}>
        {drilled && <FormLinks formNos={drilled.formNos} onOpen={() => setDrilled(undefined)} />}
      </Modal>
      {(run.error ?? verifyRun.error) && <Alert type="error" showIcon role="alert" message={run.error ?? verifyRun.error} />}
      <Card size="small" title="归档导入（各单位的数据包，一次导入）">
        <BundleDrop
          disabled={run.busy}
          onFiles={(files) => void runFiles(files, (paths) => ({ kind: 'archiveImport', paths })).then((j) => afterImport(j, files.map((f) => f.name)))}
          hint="可一次拖入任意多个数据包，无论发给哪个单位；逐个核验后导入，一个有误不影响其他。"
        />
        <Form layout="inline" name="archiveFolder" style={{ marginTop: 12 }} onFinish={(v: { dir: string }) => void runInput({ kind: 'archiveImport', dir: v.dir }).then((j) => afterImport(j))}>
          <Form.Item name="dir" label="或整个文件夹" rules={[{ required: true, message: '请填写文件夹路径' }]}>
            <Input style={{ width: 420 }} placeholder="例如 /media/usb/2026-11" />
          </Form.Item>
          <Button htmlType="submit" loading={run.busy}>
            导入文件夹
          </Button>
        </Form>
        <div style={{ marginTop: 12 }}>
          <RunProgress run={run} />
        </div>
        {result && <List size="small" dataSource={result} renderItem={(t) => <List.Item data-testid="archive-result">{t}</List.Item>} style={{ marginTop: 8, maxHeight: 240, overflow: 'auto' }} />}
      </Card>

      <Card size="small" title="档案目录与完整性（按单位）">
        <Table
          size="small"
          rowKey="unit"
          dataSource={units}
          pagination={false}
          data-testid="archive-units"
          locale={{ emptyText: '尚未导入任何单位的数据包' }}
          expandable={{
            rowExpandable: (u) => u.bundles > 0,
            expandedRowRender: (u) => (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={u.bundleList}
                columns={[
                  { title: '数据包', dataIndex: 'fileName' },
                  { title: '范围', render: (_v, b) => (b.scope === 'full' ? '全部' : `发往 ${b.addressee ?? '—'}`) },
                  { title: '事件', render: (_v, b) => `${b.newEvents}/${b.eventCount}` },
                  { title: '结果', dataIndex: 'outcome', render: (o: string) => (o === 'applied' ? <Tag color="green">已导入</Tag> : o === 'unchanged' ? <Tag title="包中的事件本库都已有（由其他数据包带来），未改变任何表单">无新事件</Tag> : o === 'pending' ? <Tag color="blue">暂存</Tag> : <Tag color="red">分叉</Tag>) },
                  { title: '导入时间', dataIndex: 'importedAt', render: showTime },
                ]}
              />
            ),
          }}
          columns={[
            { title: '单位', render: (_v, u) => `${u.name}（${u.unit}）` },
            { title: '数据包', dataIndex: 'bundles', width: 70 },
            { title: '事件', dataIndex: 'headSeq', width: 80, render: (n: number) => n.toLocaleString('zh-CN') },
            { title: '变更单', dataIndex: 'forms', width: 70 },
            { title: '最近导入', dataIndex: 'lastImportAt', width: 140, render: (t: string | null) => (t ? showTime(t) : '—') },
            {
              title: '序号缺口',
              width: 140,
              render: (_v, u) =>
                u.gaps.length === 0 ? (
                  <Tag color="green">无</Tag>
                ) : (
                  <Tag color="red">{u.gaps.map((g) => `第 ${g.fromSeq}–${g.toSeq} 号`).join('、')}</Tag>
                ),
            },
            {
              title: '纸质签字未登记',
              width: 120,
              render: (_v, u) => (u.unrecordedSignatures.length ? <Button size="small" type="link" onClick={() => drill(`${u.name}：纸质签字未登记的变更单（第27条）`, u.unrecordedSignatures)}>{u.unrecordedSignatures.length} 张</Button> : '0'),
            },
            {
              title: '未归档',
              width: 90,
              render: (_v, u) => (u.notArchived.length ? <Button size="small" type="link" onClick={() => drill(`${u.name}：尚未归档的变更单`, u.notArchived)}>{u.notArchived.length} 张</Button> : '0'),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="档案核验（逐单位核对事件链、哈希与签名）"
        extra={
          <Button onClick={() => void runVerify({ kind: 'archiveVerify' }).then((j) => j?.result?.kind === 'archiveVerify' && setChecks(j.result.checks))} loading={verifyRun.busy}>
            开始核验
          </Button>
        }
      >
        <RunProgress run={verifyRun} />
        {checks && (
          <>
            <Alert
              style={{ margin: '8px 0' }}
              type={checks.every((c) => c.ok) ? 'success' : 'error'}
              showIcon
              data-testid="archive-verify-result"
              message={checks.every((c) => c.ok) ? `全部 ${checks.length} 个单位的事件链完整，共 ${checks.reduce((a, c) => a + c.events, 0).toLocaleString('zh-CN')} 条事件，哈希与签名无误。` : `${checks.filter((c) => !c.ok).length} 个单位的事件链有问题，见下表。`}
            />
            <Table
              size="small"
              rowKey="unit"
              pagination={false}
              dataSource={checks}
              columns={[
                { title: '单位', dataIndex: 'unit', width: 120 },
                { title: '事件', dataIndex: 'events', width: 100, render: (n: number) => n.toLocaleString('zh-CN') },
                { title: '结果', width: 90, render: (_v, c) => (c.ok ? <Tag color="green">完整</Tag> : <Tag color="red">有问题</Tag>) },
                { title: '问题', render: (_v, c) => <Typography.Text type="danger">{c.problems.join('；')}</Typography.Text> },
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
