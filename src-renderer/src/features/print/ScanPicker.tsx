import { ScanOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef, type ReactNode } from 'react';
import { HiddenFileInput } from '../common/HiddenFileInput';
import { fileBase64 } from './pdf-blob';

/** A scan as the print calls take it: an image or a PDF, base64. */
export type ScanFile = { imageBase64: string } | { pdfBase64: string };

export async function scanFileOf(file: File): Promise<ScanFile> {
  const b64 = await fileBase64(file);
  return file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf') ? { pdfBase64: b64 } : { imageBase64: b64 };
}

/** A button that opens the file chooser for a scanned page (PNG, JPEG or PDF). */
export function ScanPicker({ onFile, busy, testId, children }: { onFile: (file: File) => void; busy: boolean; testId: string; children: ReactNode }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={<ScanOutlined />} loading={busy} onClick={() => input.current?.click()}>
        {children}
      </Button>
      <HiddenFileInput ref={input} accept="image/png,image/jpeg,application/pdf" testId={testId} onFile={onFile} />
    </>
  );
}
