import jpeg from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { blocks as b, renderPdf, type PrintedDocument } from '../../src-main/pdf';
import { readScan } from '../../src-main/pdf/verify/read-scan';
import { decodePng } from '../../src-main/pdf/verify/scan-image';
import { pdfPagePngs } from './pdf-tools';

const doc: PrintedDocument = {
  kind: 'form-1',
  title: '已投产系统变更流程单',
  docNo: 'BG-OPS-2026-0042',
  version: 7,
  draft: false,
  content: [b.fieldTable([{ label: '变更名称', value: '网上银行证书更新' }])],
};
const ctx = { printedAt: '2026-11-28T10:00:00+08:00', terminal: 't' };

describe('reading a scan', () => {
  it('reads the QR code from PNG, JPEG, a scanner PDF (JPEG or Flate page image) and the printed PDF itself', async () => {
    const r = await renderPdf(doc, ctx);
    const expected = { kind: 'form-1', docNo: 'BG-OPS-2026-0042', version: 7, page: 1, pages: 1, sha256: r.sha256 };
    const png = pdfPagePngs(r.bytes, 150)[0]!;
    expect((await readScan(png)).payloads).toEqual([expected]);

    const rgba = decodePng(png);
    const jpg = jpeg.encode({ data: Buffer.from(rgba.data.buffer), width: rgba.width, height: rgba.height }, 80).data;
    expect((await readScan(jpg)).payloads).toEqual([expected]);

    for (const embed of ['jpg', 'png'] as const) {
      const scanPdf = await PDFDocument.create();
      const img = embed === 'jpg' ? await scanPdf.embedJpg(jpg) : await scanPdf.embedPng(png);
      scanPdf.addPage([595, 842]).drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
      expect((await readScan(await scanPdf.save())).payloads, embed).toEqual([expected]);
    }

    expect((await readScan(r.bytes)).payloads).toEqual([expected]);
  });

  it('says why when there is no code to read', async () => {
    const blank = await PDFDocument.create();
    blank.addPage();
    expect((await readScan(await blank.save())).problem).toContain('没有扫描图像');
    expect((await readScan(Buffer.from('hello'))).problem).toContain('不是 PNG、JPEG 或 PDF');
    const white = jpeg.encode({ data: Buffer.alloc(200 * 200 * 4, 255), width: 200, height: 200 }, 90).data;
    expect((await readScan(white)).problem).toContain('未能识别二维码');
  });
});
