import { DeleteOutlined, DownloadOutlined, EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { formatBytes } from '@shared/schemas/attachment';
import { ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES, type AttachmentKind, type AttachmentRecord } from '@shared/schemas/change-form';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense, useRef, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { saveFile } from '../../api/desktop-files';
import type { ChangeView } from '../../api/types';
import { useChangesStore } from '../../stores/changes.store';
import { HiddenFileInput } from '../common/HiddenFileInput';
import { base64Bytes } from '../print/pdf-blob';
import { showTime } from './change-format';

const PdfViewer = lazy(() => import('../print/PdfViewer'));
const LIMIT_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;

/** A file the person chose, read in the renderer (a browser has File objects, not paths), or why it cannot be attached. */
export async function readChosenFile(file: File): Promise<{ name: string; bytes: Uint8Array; mediaType: string }> {
  if (file.size > ATTACHMENT_MAX_BYTES) throw new Error(`文件「${file.name}」大小为 ${formatBytes(file.size)}，超过附件上限 ${LIMIT_MB} MB，不能上传。`);
  if (file.size === 0) throw new Error(`文件「${file.name}」是空文件，不能作为附件。`);
  try {
    return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), mediaType: file.type };
  } catch {
    throw new Error(`无法读取文件「${file.name}」：文件可能已被移动、删除，或正被其他程序占用。`);
  }
}

type Opened = { record: AttachmentRecord; bytes: Uint8Array };
const isPdf = (a: AttachmentRecord) => a.mediaType === 'application/pdf' || a.name.toLowerCase().endsWith('.pdf');
const isImage = (a: AttachmentRecord) => a.mediaType.startsWith('image/') || /\.(png|jpe?g|gif|webp|bmp)$/i.test(a.name);

function AddAttachment() {
  const attach = useChangesStore((s) => s.attach);
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<AttachmentKind>('其他');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const { message } = App.useApp();
  const onFile = async (file: File) => {
    setBusy(true);
    setError(undefined);
    try {
      const chosen = await readChosenFile(file);
      await attach(chosen, kind, note.trim() || undefined);
      setNote('');
      void message.success(`已添加附件「${chosen.name}」`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="inline" aria-label="添加附件" style={{ marginBottom: 12, rowGap: 8 }}>
      <Form.Item label="类别">
        <Select value={kind} onChange={setKind} options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: k }))} style={{ width: 150 }} aria-label="附件类别" />
      </Form.Item>
      <Form.Item label="说明">
        <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="可不填" style={{ width: 220 }} aria-label="附件说明" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" icon={<PaperClipOutlined />} loading={busy} onClick={() => input.current?.click()}>
          选择文件并添加
        </Button>
        <HiddenFileInput ref={input} testId="attachment-file" onFile={(f) => void onFile(f)} />
      </Form.Item>
      <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
        单个文件不超过 {LIMIT_MB} MB
      </Typography.Text>
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ width: '100%', marginTop: 8 }} data-testid="attachment-error" />}
    </Form>
  );
}

function RemoveDialog({ record, onClose }: { record: AttachmentRecord; onClose(): void }) {
  const run = useChangesStore((s) => s.run);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    if (!reason.trim()) return setError('请填写移除原因');
    setBusy(true);
    try {
      await run('removeAttachment', { sha256: record.sha256, reason: reason.trim() });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Modal open title={`移除附件「${record.name}」`} onCancel={onClose} onOk={() => void submit()} okText="移除" okButtonProps={{ danger: true, loading: busy }} cancelText="取消">
      <Typography.Paragraph type="secondary">移除会记入时间线；文件本身仍保留在记录中，可随时查看。</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label="移除原因" required validateStatus={error ? 'error' : undefined} help={error}>
          <Input.TextArea autoFocus value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={3} aria-label="移除原因" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Viewer({ opened, onClose }: { opened: Opened; onClose(): void }) {
  const { record, bytes } = opened;
  const [url] = useState(() => (isImage(record) ? URL.createObjectURL(new Blob([bytes as BlobPart], { type: record.mediaType })) : undefined));
  const close = () => {
    if (url) URL.revokeObjectURL(url);
    onClose();
  };
  return (
    <Modal
      open
      centered
      width={1000}
      title={record.name}
      onCancel={close}
      styles={{ body: { height: 'calc(100vh - 230px)', minHeight: 320, overflow: 'auto' } }}
      footer={
        <Button icon={<DownloadOutlined />} onClick={() => void saveFile('attachment', record.name, bytes)}>
          下载
        </Button>
      }
    >
      {isPdf(record) ? (
        <Suspense fallback={<Spin />}>
          <PdfViewer bytes={bytes} label={record.name} />
        </Suspense>
      ) : (
        <img src={url} alt={record.name} style={{ maxWidth: '100%' }} data-testid="attachment-image" />
      )}
    </Modal>
  );
}

/** The form's attached files: add (if the service allows), open, download, remove by an event. */
export function AttachmentsTab({ view }: { view: ChangeView }) {
  const list = view.state.attachments ?? [];
  const add = view.actions.find((a) => a.name === 'addAttachment');
  const canRemove = view.actions.some((a) => a.name === 'removeAttachment' && a.allowed);
  const [opened, setOpened] = useState<Opened>();
  const [removing, setRemoving] = useState<AttachmentRecord>();
  const [loading, setLoading] = useState<string>();
  const { message } = App.useApp();

  const fetchFile = async (record: AttachmentRecord): Promise<Uint8Array | undefined> => {
    setLoading(record.sha256);
    try {
      const f = await call('attachment:read', { formId: view.state.formId, sha256: record.sha256 });
      return base64Bytes(f.dataBase64);
    } catch (e) {
      void message.error(errorMessage(e));
      return undefined;
    } finally {
      setLoading(undefined);
    }
  };
  const open = async (record: AttachmentRecord) => {
    const bytes = await fetchFile(record);
    if (!bytes) return;
    if (isPdf(record) || isImage(record)) setOpened({ record, bytes });
    else await saveFile('attachment', record.name, bytes);
  };
  const download = async (record: AttachmentRecord) => {
    const bytes = await fetchFile(record);
    if (bytes) await saveFile('attachment', record.name, bytes);
  };

  const columns: TableColumnsType<AttachmentRecord> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space size={4} wrap>
          <Typography.Text delete={!!r.removed}>{name}</Typography.Text>
          {r.removed && <Tag>已移除</Tag>}
        </Space>
      ),
    },
    { title: '类别', dataIndex: 'kind', width: 110 },
    { title: '大小', dataIndex: 'size', width: 76, render: (n: number) => formatBytes(n) },
    { title: '添加', key: 'added', width: 170, render: (_v, r) => `${r.addedBy.name} · ${showTime(r.addedBy.time)}` },
    {
      title: '说明',
      key: 'note',
      render: (_v, r) => (r.removed ? `${r.removed.name} 于 ${showTime(r.removed.time)} 移除：${r.removed.reason}` : (r.note ?? '')),
    },
    {
      title: '操作',
      key: 'ops',
      width: 190,
      render: (_v, r) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EyeOutlined />} loading={loading === r.sha256} onClick={() => void open(r)} aria-label={`打开 ${r.name}`}>
            打开
          </Button>
          <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void download(r)} aria-label={`下载 ${r.name}`}>
            下载
          </Button>
          {canRemove && !r.removed && (
            <Button type="link" size="small" danger icon={<DeleteOutlined />} onClick={() => setRemoving(r)} aria-label={`移除 ${r.name}`}>
              移除
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="attachments">
      {add?.allowed ? (
        <AddAttachment />
      ) : (
        add && add.code !== 'FORBIDDEN_ROLE' && <Alert type="info" showIcon message={`不能添加附件：${add.reason ?? ''}`} style={{ marginBottom: 12 }} />
      )}
      <Table<AttachmentRecord>
        size="small"
        rowKey={(r) => `${r.sha256}@${r.addedBy.time}`}
        columns={columns}
        dataSource={list}
        pagination={false}
        locale={{ emptyText: '尚无附件' }}
        rowClassName={(r) => (r.removed ? 'attachment-removed' : '')}
      />
      {opened && <Viewer opened={opened} onClose={() => setOpened(undefined)} />}
      {removing && <RemoveDialog record={removing} onClose={() => setRemoving(undefined)} />}
    </div>
  );
}
