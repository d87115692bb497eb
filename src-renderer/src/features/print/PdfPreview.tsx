import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { printPdf, saveFile } from '../../api/desktop-files';
import { usePrintStore } from '../../stores/print.store';
import { base64Bytes } from './pdf-blob';

// pdf.js is large: it is loaded the first time a preview opens, not with the program.
const PdfViewer = lazy(() => import('./PdfViewer'));

/** The PDF inside the program: preview (pdf.js), print, save under the service's file name. */
export function PdfPreview() {
  const { result, title, busy, error, close } = usePrintStore();
  const bytes = useMemo(() => (result ? base64Bytes(result.pdfBase64) : undefined), [result]);
  const [printing, setPrinting] = useState(false);
  const { message } = App.useApp();
  if (!busy && !result && !error) return null;

  const print = async () => {
    if (!bytes || !result) return;
    setPrinting(true);
    try {
      // The desktop program prints the PDF itself; a browser gets the pages as images.
      if (window.desktop) await printPdf(title ?? result.fileName, bytes);
      else await (await import('./pdf-print')).printPdfPages(bytes);
    } catch (e) {
      void message.error(`打印失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setPrinting(false);
    }
  };
  const save = async () => {
    if (!bytes || !result) return;
    try {
      const r = await saveFile('pdf', result.fileName, bytes);
      if (r?.path) void message.success(`已保存到 ${r.path}`);
    } catch (e) {
      void message.error(`保存失败：${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <Modal
      open
      title={title}
      width={1000}
      centered
      onCancel={close}
      styles={{ body: { height: 'calc(100vh - 230px)', minHeight: 320 } }}
      footer={
        result && (
          <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
            <Typography.Text type="secondary">
              共 {result.pages} 页 · 第 {result.qr.version} 版 · 二维码校验值 {result.qr.sha256.slice(0, 12)}…
            </Typography.Text>
            <Space>
              <Button icon={<DownloadOutlined />} onClick={() => void save()}>
                保存 PDF
              </Button>
              <Button type="primary" icon={<PrinterOutlined />} loading={printing} onClick={() => void print()}>
                打印
              </Button>
            </Space>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon message={error} />}
      {busy && <Spin style={{ display: 'block', marginTop: 200 }} tip="正在生成 PDF…" />}
      {bytes && (
        <Suspense fallback={<Spin style={{ display: 'block', marginTop: 200 }} />}>
          <PdfViewer bytes={bytes} label={title ?? result?.fileName ?? 'PDF'} />
        </Suspense>
      )}
    </Modal>
  );
}
