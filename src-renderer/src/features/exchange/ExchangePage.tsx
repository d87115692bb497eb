import { Alert, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Table, Tabs, Tag, Typography, Upload, message } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useExchangeStore } from '../../stores/exchange.store';
import { showTime } from '../changes/change-format';
import { TransferTab } from './TransferTab';
import { pathsOf } from './transfer-client';
import { ConflictsTab } from './ConflictsTab';
import { ArchiveTab } from './ArchiveTab';

/** A fingerprint in numbered groups of four, to read aloud one group at a time. */
function FingerprintGroups({ fingerprint }: { fingerprint: string }) {
  const groups = fingerprint.split(/\s+/).filter(Boolean);
  return (
    <ol className="fingerprint-groups" data-testid="fingerprint-groups" style={{ display: 'grid', gridTemplateColumns: 'repeat(4, max-content)', gap: '4px 24px', padding: 0, margin: '8px 0', listStyle: 'none' }}>
      {groups.map((g, i) => (
        <li key={i}>
          <Typography.Text type="secondary">第{i + 1}组 </Typography.Text>
          <Typography.Text strong className="fingerprint" style={{ fontSize: 16, letterSpacing: 2 }}>
            {g}
          </Typography.Text>
        </li>
      ))}
    </ol>
  );
}

/** 交换单位: whose bundles are trusted, by key fingerprint compared in person or by phone. */
function PeersTab() {
  const { ownKey, peers, readPeerKey, addPeer, revokePeer } = useExchangeStore();
  const [preview, setPreview] = useState<{ path: string; fingerprint: string; name: string; unit: string; replacesKey: boolean }>();
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{ path: string; confirm: string }>();
  // A file chosen with 选择文件…: the field shows the person's file name, not the copy's path in
  // the browser host's data folder (uploads/<random>-name) that the calls take.
  const [chosen, setChosen] = useState<{ label: string; path: string }>();

  async function read(v: { path: string }): Promise<void> {
    setError(undefined);
    const path = chosen && v.path === chosen.label ? chosen.path : v.path;
    try {
      const p = await readPeerKey(path);
      setPreview({ path, ...p });
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  async function add(v: { confirm: string }): Promise<void> {
    if (!preview) return;
    setError(undefined);
    try {
      await addPeer({ path: preview.path, confirmFingerprint: v.confirm });
      void message.success(`已添加交换单位 ${preview.name}`);
      setPreview(undefined);
      form.resetFields();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {ownKey && (
        <Descriptions bordered size="small" column={1} title="本单位签名密钥" styles={{ label: { width: 140 } }}>
          <Descriptions.Item label="单位">
            {ownKey.name}（{ownKey.unit}）
          </Descriptions.Item>
          <Descriptions.Item label="密钥指纹">
            <Typography.Text className="fingerprint" copyable data-testid="own-fingerprint">
              {ownKey.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Table
        size="small"
        rowKey="unit"
        dataSource={peers}
        locale={{ emptyText: '尚未添加交换单位' }}
        pagination={false}
        columns={[
          { title: '单位', render: (_v, p) => `${p.name}（${p.unit}）` },
          { title: '密钥指纹', dataIndex: 'fingerprint', render: (f: string) => <span className="fingerprint">{f}</span> },
          { title: '添加时间', dataIndex: 'addedAt', width: 150, render: showTime },
          { title: '状态', width: 90, render: (_v, p) => (p.revokedAt ? <Tag>已撤销</Tag> : <Tag color="green">有效</Tag>) },
          {
            title: '操作',
            width: 90,
            render: (_v, p) =>
              !p.revokedAt && (
                <Popconfirm
                  title={`撤销 ${p.name} 的密钥？`}
                  description="撤销后，该密钥签名的数据包一律拒绝导入；此前已导入的记录仍然有效。"
                  okText="撤销"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revokePeer(p.unit).catch((e: unknown) => setError(errorMessage(e)))}
                >
                  <Button type="link" danger size="small">
                    撤销
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Card size="small" title="添加交换单位">
        <Form name="peer" form={form} layout="inline" onFinish={(v: { path: string }) => void read(v)}>
          <Form.Item name="path" label="对方密钥文件" rules={[{ required: true, message: '请填写密钥文件路径，或点「选择文件…」' }]}>
            <Input style={{ width: 360 }} />
          </Form.Item>
          <Button htmlType="submit">读取</Button>
          <Upload
            accept=".cdkey,.pem,.txt"
            showUploadList={false}
            beforeUpload={(file) => {
              void pathsOf([file], () => undefined)
                .then(async ([path]) => {
                  setChosen({ label: file.name, path: path! });
                  form.setFieldsValue({ path: file.name });
                  setError(undefined);
                  try {
                    setPreview({ path: path!, ...(await readPeerKey(path!)) });
                  } catch (e) {
                    setError(errorMessage(e));
                  }
                })
                .catch((e: unknown) => setError(errorMessage(e)));
              return Upload.LIST_IGNORE;
            }}
          >
            <Button style={{ marginLeft: 8 }}>选择文件…</Button>
          </Upload>
        </Form>
        {preview && (
          <Form name="peerConfirm" layout="vertical" style={{ marginTop: 16 }} onFinish={(v: { confirm: string }) => void add(v)}>
            <Alert
              type={preview.replacesKey ? 'warning' : 'info'}
              showIcon
              message={`${preview.name}（${preview.unit}）的密钥指纹：${preview.fingerprint}`}
              description={
                <>
                  <FingerprintGroups fingerprint={preview.fingerprint} />
                  {`请与对方当面或电话逐组核对（对方在其「交换单位与密钥」页可见本单位指纹），并在下面再输入一遍。${preview.replacesKey ? '该单位已有另一把密钥，添加后将替换。' : ''}`}
                </>
              }
              style={{ marginBottom: 12 }}
            />
            <Form.Item name="confirm" label="核对后的指纹" rules={[{ required: true, message: '请输入核对后的指纹' }]}>
              <Input style={{ width: 480 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              添加
            </Button>
          </Form>
        )}
      </Card>
    </Space>
  );
}

export function ExchangePage() {
  const { error, pending, alarms, conflicts, load } = useExchangeStore();
  useEffect(() => void load(), [load]);
  const { archive, loadArchive } = useExchangeStore();
  useEffect(() => void loadArchive(), [loadArchive]);
  const openConflicts = conflicts.filter((c) => !c.resolvedBy).length;
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        交换
      </Typography.Title>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {alarms.map((a) => (
        <Alert key={a.id} type="warning" showIcon message={`${showTime(a.raisedAt)} ${a.message}`} style={{ marginBottom: 8 }} />
      ))}
      {pending.length > 0 && <Alert type="info" showIcon message={`${pending.length} 个数据包已暂存，等待更早的数据包：${pending.map((p) => p.waitingFor.join('、')).join('；')}`} style={{ marginBottom: 12 }} />}
      <Tabs
        items={[
          { key: 'transfer', label: '导出与导入', children: <TransferTab /> },
          { key: 'peers', label: '交换单位与密钥', children: <PeersTab /> },
          { key: 'conflicts', label: `冲突${openConflicts ? `（${openConflicts}）` : ''}`, children: <ConflictsTab /> },
          ...(archive ? [{ key: 'archive', label: '归档', children: <ArchiveTab catalogue={archive.catalogue} report={archive.report} reload={loadArchive} /> }] : []),
        ]}
      />
    </div>
  );
}
