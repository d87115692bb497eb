import { Alert, Button, Card, Checkbox, Form, Input, List, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import type { ApiOutput } from '@shared/api';
import { useExchangeStore } from '../../stores/exchange.store';
import { importWords } from './import-words';
import { BundleDrop, RunProgress, useRun } from './JobProgress';
import { downloadUrl, downloadsExports } from './transfer-client';

type ImportItem = ApiOutput<'exchange:import'>[number];

function confirmOtherAddressee(lines: string[]): Promise<boolean> {
  return new Promise<boolean>((resolve) =>
    Modal.confirm({
      title: '数据包并非发给本单位',
      content: `${lines.join('；')}。仍要导入吗？`,
      okText: '仍然导入',
      cancelText: '取消',
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    }),
  );
}

/** Results in words, each under the name the person knows the file by. */
function wordsOf(items: ImportItem[], names: readonly string[]): string[] {
  return items.map((item, i) => importWords({ ...item, file: names[i] ?? item.file }));
}

/** 导出与导入: a bundle for a peer (or everything), and bundles from peers, with progress and the result in words. */
export function TransferTab() {
  const { peers, verifyBundle, load } = useExchangeStore();
  const [exportRun, , startExport] = useRun();
  const [importRun, importFilesRun, startImport] = useRun();
  const [exportResult, setExportResult] = useState<{ text: string; download?: string }>();
  const [importResult, setImportResult] = useState<string[]>();
  const [error, setError] = useState<string>();

  async function doExport(v: { to?: string; full?: boolean; path?: string }): Promise<void> {
    setError(undefined);
    setExportResult(undefined);
    const path = v.path?.trim();
    const job = await startExport({ kind: 'export', ...(v.full ? { full: true } : {}), ...(v.to ? { to: v.to } : {}), ...(path ? { path } : {}) });
    const r = job?.result;
    if (r?.kind !== 'export') return;
    const s = r.summary;
    const what = s.scope === 'full' ? '全部数据' : `自上次交换后的新增数据，发往 ${s.to}`;
    setExportResult({
      text: `已导出 ${s.eventCount} 条记录、${s.attachmentCount} 个附件${r.downloadName ? `，数据包 ${r.downloadName} 已开始下载` : `至 ${s.path}`}（${what}）。`,
      ...(r.downloadName ? { download: downloadUrl(job!.id) } : {}),
    });
    if (r.downloadName) window.location.assign(downloadUrl(job!.id));
    await load();
  }

  /** Typed paths: checked first (signature, producer, addressee), then imported as a job. */
  async function doImportPaths(v: { paths: string }): Promise<void> {
    const paths = v.paths.split('\n').map((p) => p.trim()).filter(Boolean);
    setError(undefined);
    try {
      const checks = await Promise.all(paths.map((p) => verifyBundle(p).then((c) => ({ p, c }))));
      const other = checks.filter(({ c }) => c.addressee && c.addressee !== useExchangeStore.getState().ownKey?.unit);
      if (other.length && !(await confirmOtherAddressee(other.map(({ p, c }) => `${p}：发往 ${c.addressee}`)))) return;
      const job = await startImport({ kind: 'import', paths, ...(other.length ? { confirmOtherAddressee: true } : {}) });
      if (job?.result?.kind === 'import') setImportResult(wordsOf(job.result.items, paths));
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  /** Dropped files: uploaded (browser) or by path (desktop), imported as a job; those addressed elsewhere are asked about. */
  async function doImportFiles(files: File[]): Promise<void> {
    setError(undefined);
    setImportResult(undefined);
    const job = await importFilesRun(files, (paths) => ({ kind: 'import', paths }));
    if (job?.result?.kind !== 'import') return;
    const items = job.result.items;
    const elsewhere = items.flatMap((it, i) => (!it.ok && it.code === 'BUNDLE_WRONG_ADDRESSEE' ? [i] : []));
    let words = wordsOf(items, files.map((f) => f.name));
    if (elsewhere.length && (await confirmOtherAddressee(elsewhere.map((i) => `${files[i]!.name}：${(items[i] as { message: string }).message.split('。')[0]}`)))) {
      const again = elsewhere.map((i) => files[i]!);
      const second = await importFilesRun(again, (paths) => ({ kind: 'import', paths, confirmOtherAddressee: true }));
      if (second?.result?.kind === 'import') {
        const redone = wordsOf(second.result.items, again.map((f) => f.name));
        words = words.map((w, i) => (elsewhere.includes(i) ? redone[elsewhere.indexOf(i)]! : w));
      }
    }
    setImportResult(words);
    await load();
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 900 }}>
      {(error ?? exportRun.error ?? importRun.error) && <Alert type="error" showIcon message={error ?? exportRun.error ?? importRun.error} role="alert" />}
      <Card size="small" title="导入数据包">
        <BundleDrop onFiles={(f) => void doImportFiles(f)} disabled={importRun.busy} hint="可一次拖入多个；导入前逐一核验签名，任何一处不符则该包整包不导入。" />
        <div style={{ marginTop: 12 }}>
          <RunProgress run={importRun} />
        </div>
        {importResult && <List size="small" style={{ marginTop: 12 }} dataSource={importResult} renderItem={(t) => <List.Item data-testid="import-result">{t}</List.Item>} />}
        <Form name="import" layout="horizontal" labelCol={{ flex: '110px' }} onFinish={(v: { paths: string }) => void doImportPaths(v)} aria-label="导入数据包" style={{ marginTop: 16 }}>
          <Form.Item name="paths" label="数据包文件" rules={[{ required: true, message: '请填写数据包路径' }]} extra="或填写本机路径，每行一个。">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={importRun.busy} style={{ marginLeft: 110 }}>
            核验并导入
          </Button>
        </Form>
      </Card>
      <Card size="small" title="导出数据包">
        <Form name="export" layout="horizontal" labelCol={{ flex: '110px' }} onFinish={(v: { to?: string; full?: boolean; path?: string }) => void doExport(v)} aria-label="导出数据包">
          <Form.Item name="to" label="接收单位">
            <Select allowClear options={peers.filter((p) => !p.revokedAt).map((p) => ({ value: p.unit, label: `${p.name}（${p.unit}）` }))} placeholder="选择交换单位" />
          </Form.Item>
          <Form.Item name="full" valuePropName="checked" label="全部导出">
            <Checkbox>导出全部数据（如交 IT综合科 归档）</Checkbox>
          </Form.Item>
          <Form.Item
            name="path"
            label="保存到"
            rules={downloadsExports ? [] : [{ required: true, message: '请填写数据包的保存路径' }]}
            extra={downloadsExports ? '留空则由浏览器下载；也可填写本机路径，例如 /media/usb/OPS-to-YWB.cdbundle' : '本机路径，例如 /media/usb/OPS-to-YWB.cdbundle'}
          >
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={exportRun.busy} style={{ marginLeft: 110 }}>
            导出
          </Button>
        </Form>
        <div style={{ marginTop: 12 }}>
          <RunProgress run={exportRun} />
        </div>
        {exportResult && (
          <Alert
            type="success"
            showIcon
            message={exportResult.text}
            action={exportResult.download && <a href={exportResult.download}>再次下载</a>}
            style={{ marginTop: 12 }}
            data-testid="export-result"
          />
        )}
      </Card>
    </Space>
  );
}
