import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Input, List, Modal, Select, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useExchangeStore } from '../../stores/exchange.store';
import { showTime } from '../changes/change-format';
import { importWords } from './import-words';

/** 导出与导入: a bundle for a peer (or everything), and bundles from peers, with the result in words. */
function TransferTab() {
  const { peers, exportBundle, verifyBundle, importBundles } = useExchangeStore();
  const [exportResult, setExportResult] = useState<string>();
  const [importResult, setImportResult] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();

  async function doExport(v: { to?: string; full?: boolean; path: string }): Promise<void> {
    setBusy('export');
    setError(undefined);
    try {
      const r = await exportBundle({ path: v.path, ...(v.full ? { full: true } : { to: v.to }) });
      setExportResult(`已导出 ${r.eventCount} 条记录、${r.attachmentCount} 个附件至 ${r.path}（${r.scope === 'full' ? '全部数据' : `自上次交换后的新增数据，发往 ${r.to}`}）。`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  }

  async function doImport(v: { paths: string }): Promise<void> {
    const paths = v.paths.split('\n').map((p) => p.trim()).filter(Boolean);
    setBusy('import');
    setError(undefined);
    try {
      // Check first (signature, producer, how many new): a person sees what will happen.
      const checks = await Promise.all(paths.map((p) => verifyBundle(p).then((c) => ({ p, c }))));
      const other = checks.filter(({ c }) => c.addressee && c.addressee !== useExchangeStore.getState().ownKey?.unit);
      const confirmOther =
        other.length === 0 ||
        (await new Promise<boolean>((resolve) =>
          Modal.confirm({
            title: '数据包并非发给本单位',
            content: other.map(({ p, c }) => `${p}：发往 ${c.addressee}`).join('；') + '。仍要导入吗？',
            okText: '仍然导入',
            cancelText: '取消',
            onOk: () => resolve(true),
            onCancel: () => resolve(false),
          }),
        ));
      if (!confirmOther) return;
      setImportResult((await importBundles({ paths, ...(other.length ? { confirmOtherAddressee: true } : {}) })).map(importWords));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 900 }}>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Card size="small" title="导出数据包">
        <Form name="export" layout="horizontal" labelCol={{ flex: '110px' }} onFinish={(v: { to?: string; full?: boolean; path: string }) => void doExport(v)} aria-label="导出数据包">
          <Form.Item name="to" label="接收单位">
            <Select allowClear options={peers.filter((p) => !p.revokedAt).map((p) => ({ value: p.unit, label: `${p.name}（${p.unit}）` }))} placeholder="选择交换单位" />
          </Form.Item>
          <Form.Item name="full" valuePropName="checked" label="全部导出">
            <Checkbox>导出全部数据（如交 IT综合科 归档）</Checkbox>
          </Form.Item>
          <Form.Item name="path" label="保存到" rules={[{ required: true, message: '请填写数据包的保存路径' }]} extra="本机路径，例如 /media/usb/OPS-to-YWB.cdx">
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy === 'export'} style={{ marginLeft: 110 }}>
            导出
          </Button>
        </Form>
        {exportResult && <Alert type="success" showIcon message={exportResult} style={{ marginTop: 12 }} data-testid="export-result" />}
      </Card>
      <Card size="small" title="导入数据包">
        <Form name="import" layout="horizontal" labelCol={{ flex: '110px' }} onFinish={(v: { paths: string }) => void doImport(v)} aria-label="导入数据包">
          <Form.Item name="paths" label="数据包文件" rules={[{ required: true, message: '请填写数据包路径' }]} extra="每行一个本机路径；导入前逐一核验签名，任何一处不符则整包不导入。">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy === 'import'} style={{ marginLeft: 110 }}>
            核验并导入
          </Button>
        </Form>
        {importResult && (
          <List size="small" style={{ marginTop: 12 }} dataSource={importResult} renderItem={(t) => <List.Item data-testid="import-result">{t}</List.Item>} />
        )}
      </Card>
    </Space>
  );
}

/** 交换单位: whose bundles are trusted, by key fingerprint compared in person or by phone. */
function PeersTab() {
  const { ownKey, peers, readPeerKey, addPeer, revokePeer } = useExchangeStore();
  const [preview, setPreview] = useState<{ path: string; fingerprint: string; name: string; unit: string; replacesKey: boolean }>();
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{ path: string; confirm: string }>();

  async function read(v: { path: string }): Promise<void> {
    setError(undefined);
    try {
      const p = await readPeerKey(v.path);
      setPreview({ path: v.path, ...p });
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  async function add(v: { confirm: string }): Promise<void> {
    if (!preview) return;
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
                <Button type="link" danger size="small" onClick={() => void revokePeer(p.unit).catch((e: unknown) => setError(errorMessage(e)))}>
                  撤销
                </Button>
              ),
          },
        ]}
      />
      <Card size="small" title="添加交换单位">
        <Form name="peer" form={form} layout="inline" onFinish={(v: { path: string }) => void read(v)}>
          <Form.Item name="path" label="对方密钥文件" rules={[{ required: true, message: '请填写密钥文件路径' }]}>
            <Input style={{ width: 360 }} />
          </Form.Item>
          <Button htmlType="submit">读取</Button>
        </Form>
        {preview && (
          <Form name="peerConfirm" layout="vertical" style={{ marginTop: 16 }} onFinish={(v: { confirm: string }) => void add(v)}>
            <Alert
              type={preview.replacesKey ? 'warning' : 'info'}
              showIcon
              message={`${preview.name}（${preview.unit}）的密钥指纹：${preview.fingerprint}`}
              description={`请与对方当面或电话逐组核对，并在下面再输入一遍。${preview.replacesKey ? '该单位已有另一把密钥，添加后将替换。' : ''}`}
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

/** 冲突: two edits of one form made apart; a person chooses which one stands (itself an event). */
function ConflictsTab() {
  const { conflicts, resolve } = useExchangeStore();
  const [error, setError] = useState<string>();
  const open = conflicts.filter((c) => !c.resolvedBy);
  if (open.length === 0) return <Empty description="没有待处理的冲突" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      {open.map((c) => (
        <Card key={c.id} size="small" title={<Link to={`/changes/${c.formId}`}>变更单冲突（发现于 {showTime(c.detectedAt)}）</Link>}>
          <List
            dataSource={c.events}
            renderItem={(e) => (
              <List.Item
                actions={[
                  <Button key="choose" size="small" onClick={() => void resolve(c.id, e.id).catch((x: unknown) => setError(errorMessage(x)))}>
                    以此为准
                  </Button>,
                ]}
              >
                {showTime(e.time)} · {e.origin} · {e.author}（{e.role}） · {e.type}
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Space>
  );
}

export function ExchangePage() {
  const { error, pending, alarms, conflicts, load } = useExchangeStore();
  useEffect(() => void load(), [load]);
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
        ]}
      />
    </div>
  );
}
