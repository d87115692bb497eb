import type { PrintStoreScanResult } from '@shared/schemas/print';
import { Alert, Button, DatePicker, Form, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { ChangeView } from '../../api/types';
import { useChangesStore } from '../../stores/changes.store';
import { showTime } from '../changes/change-format';
import { ScanPicker, scanFileOf } from './ScanPicker';

type Block = ChangeView['signatureBlocks'][number];

/**
 * §27 纸质签字: each signature block on the printed paper, whether its hand signature is
 * recorded, and 登记 for the roles that keep the paper. Whether 登记 and 归档 are possible is
 * what change:get's `actions` says; this list only shows the blocks.
 */
export function WetSignatures({ view }: { view: ChangeView }) {
  const [target, setTarget] = useState<Block>();
  const action = view.actions.find((a) => a.name === 'recordWetSignature');
  const archive = view.actions.find((a) => a.name === 'archive');
  const open = view.signatureBlocks.filter((b) => b.applies && !b.byArchiving && !b.wet).length;
  return (
    <div data-testid="wet-signatures">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          纸质流程单上每个签字栏手工签字后在此登记（可附扫描件）；全部登记后方可归档（第27条）。尚未登记：{open} 个。
        </Typography.Text>
        {archive && !archive.allowed && archive.code !== 'FORBIDDEN_ROLE' && <Alert type="warning" showIcon message={archive.reason} data-testid="archive-blocked" />}
        <Table<Block>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={view.signatureBlocks}
          columns={[
            { title: '文书', dataIndex: 'documentLabel', width: 150 },
            { title: '签字栏', render: (_, b) => `${b.label}（${b.article}）` },
            {
              title: '纸质签字',
              width: 300,
              render: (_, b) =>
                b.wet ? (
                  <Space size={4} wrap>
                    <Tag color="success">已登记</Tag>
                    {b.wet.recordedBy.name} · {showTime(b.wet.recordedBy.time)}
                    {b.wet.signedOn && ` · 签于 ${b.wet.signedOn}`}
                    {b.wet.scanSha256 && <Tooltip title={`扫描件 sha256：${b.wet.scanSha256}`}><Tag>附扫描件</Tag></Tooltip>}
                  </Space>
                ) : !b.applies ? (
                  <Tag>无须签字</Tag>
                ) : b.byArchiving ? (
                  <Tag>归档时一并登记</Tag>
                ) : b.signed ? (
                  <Tag color="warning">未登记</Tag>
                ) : (
                  <Tag>步骤未办理</Tag>
                ),
            },
            {
              title: '',
              width: 90,
              render: (_, b) =>
                action && !b.wet && b.applies && b.signed && !b.byArchiving ? (
                  <Tooltip title={action.allowed ? undefined : action.reason}>
                    <Button size="small" disabled={!action.allowed} onClick={() => setTarget(b)} data-block={b.id}>
                      登记
                    </Button>
                  </Tooltip>
                ) : null,
            },
          ]}
        />
      </Space>
      {target && <RecordDialog formId={view.state.formId} block={target} onClose={() => setTarget(undefined)} />}
    </div>
  );
}

function RecordDialog({ formId, block, onClose }: { formId: string; block: Block; onClose: () => void }) {
  const run = useChangesStore((s) => s.run);
  const [signedOn, setSignedOn] = useState<Dayjs | null>(null);
  const [scan, setScan] = useState<PrintStoreScanResult & { fileName: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  /** One call at a time; its refusal is shown in the dialog. */
  async function task(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(undefined);
    await work().catch((e: unknown) => setError(errorMessage(e)));
    setBusy(false);
  }

  const upload = (file: File) =>
    task(async () => {
      const r = await call('print:storeScan', { formId, blockId: block.id, ...(await scanFileOf(file)) });
      setScan({ ...r, fileName: file.name });
    });

  const save = () =>
    task(async () => {
      await run('recordWetSignature', { blockId: block.id, ...(signedOn ? { signedOn: signedOn.format('YYYY-MM-DD') } : {}), ...(scan ? { scanSha256: scan.sha256 } : {}) });
      onClose();
    });

  return (
    <Modal open title={`登记纸质签字：${block.label}`} okText="登记" onOk={() => void save()} confirmLoading={busy} onCancel={onClose} width={600}>
      <Form layout="vertical">
        <Form.Item label="签字日期（可不填）">
          <DatePicker value={signedOn} onChange={setSignedOn} data-testid="wet-signed-on" />
        </Form.Item>
        <Form.Item label="扫描件（可不附；其二维码将与本单核对）">
          <ScanPicker onFile={(f) => void upload(f)} busy={busy} testId="wet-scan-file">
            选择扫描件
          </ScanPicker>
        </Form.Item>
      </Form>
      {scan && (
        <Alert
          data-testid="wet-scan-check"
          type={scan.problems.length ? 'warning' : 'success'}
          showIcon
          message={scan.problems.length ? `扫描件 ${scan.fileName} 已保存，但请核对：` : `扫描件 ${scan.fileName} 已保存：${scan.verify.message}`}
          description={scan.problems.length ? scan.problems.join('；') : undefined}
        />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
