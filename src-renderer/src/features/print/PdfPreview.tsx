import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { usePrintStore } from '../../stores/print.store';
import { pdfUrl } from './pdf-blob';

/** The PDF inside the program: preview, print (the system dialog), save under the service's file name. */
export function PdfPreview() {
  const { result, title, busy, error, close } = usePrintStore();
  const frame = useRef<HTMLIFrameElement>(null);
  const url = useMemo(() => (result ? pdfUrl(result.pdfBase64) : undefined), [result]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  if (!busy && !result && !error) return null;

  return (
    <Modal
      open
      title={title}
      width={1000}
      onCancel={close}
      styles={{ body: { height: 560 } }}
      footer={
        result && (
          <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
            <Typography.Text type="secondary">
              共 {result.pages} 页 · 第 {result.qr.version} 版 · 二维码校验值 {result.qr.sha256.slice(0, 12)}…
            </Typography.Text>
            <Space>
              <Button icon={<DownloadOutlined />} href={url} download={result.fileName}>
                保存 PDF
              </Button>
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => frame.current?.contentWindow?.print()}>
                打印
              </Button>
            </Space>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon message={error} />}
      {busy && <Spin style={{ display: 'block', marginTop: 200 }} tip="正在生成 PDF…" />}
      {url && <iframe ref={frame} src={url} title="PDF 预览" data-testid="pdf-preview" style={{ width: '100%', height: '100%', border: '1px solid #f0f0f0' }} />}
    </Modal>
  );
}
