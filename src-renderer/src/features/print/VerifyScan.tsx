import { ScanOutlined } from '@ant-design/icons';
import type { PrintVerifyResult } from '@shared/schemas/print';
import { Alert, Button, List, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { usePrintStore } from '../../stores/print.store';
import { showTime } from '../changes/change-format';
import { fileBase64 } from './pdf-blob';

/** 核对扫描件: reads the QR code of a scanned page and says which version was signed and what changed since. */
export function VerifyScan() {
  const verify = usePrintStore((s) => s.verify);
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<PrintVerifyResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function check(file: File): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      const b64 = await fileBase64(file);
      setResult(await verify(file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf') ? { pdfBase64: b64 } : { imageBase64: b64 }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button icon={<ScanOutlined />} loading={busy} onClick={() => input.current?.click()}>
        核对扫描件
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        accept="image/png,image/jpeg,application/pdf"
        data-testid="verify-scan-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void check(f);
        }}
      />
      {(result || error) && (
        <Modal open title="扫描件核对结果" footer={null} onCancel={() => (setResult(undefined), setError(undefined))} width={640}>
          {error && <Alert type="error" showIcon message={error} />}
          {result && (
            <>
              <Alert
                type={!result.found ? 'error' : result.isCurrent && result.contentMatches ? 'success' : 'warning'}
                showIcon
                message={result.message}
                data-testid="verify-result"
                style={{ marginBottom: 12 }}
              />
              {result.formId && (
                <Typography.Paragraph>
                  <Link to={`/changes/${result.formId}`}>{result.qr?.docNo}</Link> {result.title} · 打印版本 {result.qr?.version} · 当前版本 {result.currentVersion}
                </Typography.Paragraph>
              )}
              {result.changesSince.length > 0 && (
                <List
                  size="small"
                  header="打印之后的变动"
                  dataSource={result.changesSince}
                  renderItem={(e) => (
                    <List.Item>
                      {showTime(e.time)} {e.label} · {e.authorName}（{e.roleLabel}）
                    </List.Item>
                  )}
                />
              )}
            </>
          )}
        </Modal>
      )}
    </>
  );
}
