import type { PrintVerifyResult } from '@shared/schemas/print';
import { Alert, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { usePrintStore } from '../../stores/print.store';
import { showTime } from '../changes/change-format';
import { ScanPicker, scanFileOf } from './ScanPicker';

/** 核对扫描件: reads the QR code of a scanned page and says which version was signed and what changed since. */
export function VerifyScan() {
  const verify = usePrintStore((s) => s.verify);
  const [result, setResult] = useState<PrintVerifyResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function check(file: File): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await verify(await scanFileOf(file)));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ScanPicker onFile={(f) => void check(f)} busy={busy} testId="verify-scan-file">
        核对扫描件
      </ScanPicker>
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
