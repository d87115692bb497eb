import { PDFDocument } from 'pdf-lib';
import { parseQrPayload, type QrPayload } from '../qr-payload';
import { decodeJpeg, decodePng, pdfPageImages, readQrTexts, sniffFormat } from './scan-image';

export interface ScanReading {
  /** ChangeDesk payloads read, one per page where a code was found, in page order. */
  payloads: QrPayload[];
  /** Other QR texts seen (not ours). */
  foreign: string[];
  /** Why nothing could be read, when nothing was. */
  problem?: string;
}

function fromTexts(texts: string[], into: ScanReading): void {
  for (const t of texts) {
    const p = parseQrPayload(t);
    if (p) into.payloads.push(p);
    else into.foreign.push(t);
  }
}

/**
 * Reads the QR codes of a scan: a PNG or JPEG page, or a PDF of page images. A PDF with no page
 * image is the printed file itself: its QR code is vector art, so its payload is read from the
 * document information ChangeDesk writes (Keywords holds the sha256) instead.
 */
export async function readScan(bytes: Uint8Array): Promise<ScanReading> {
  const out: ScanReading = { payloads: [], foreign: [] };
  const format = sniffFormat(bytes);
  if (format === 'png') fromTexts(readQrTexts(decodePng(bytes)), out);
  else if (format === 'jpg') fromTexts(readQrTexts(decodeJpeg(bytes)), out);
  else if (format === 'pdf') {
    const { images, skipped } = await pdfPageImages(bytes);
    for (const img of images) fromTexts(readQrTexts(img), out);
    if (images.length === 0) {
      const own = await ownPdfPayload(bytes);
      if (own) out.payloads.push(own);
      else out.problem = skipped.length ? `PDF 中的扫描图像编码不受支持：${skipped.join('、')}` : 'PDF 中没有扫描图像，也不是 ChangeDesk 打印的文件';
    }
  } else {
    out.problem = '文件不是 PNG、JPEG 或 PDF';
  }
  if (!out.problem && out.payloads.length === 0) out.problem = out.foreign.length ? '读到的二维码不是 ChangeDesk 打印件的二维码' : '未能识别二维码：请以 150 dpi 以上扫描，并保证页面右上角二维码完整清晰';
  return out;
}

/** The payload of page 1 of a PDF that ChangeDesk itself wrote (Subject: kind, number, version; Keywords: sha256). */
async function ownPdfPayload(bytes: Uint8Array): Promise<QrPayload | undefined> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  if (pdf.getCreator() !== 'ChangeDesk') return undefined;
  const subject = /^(\S+) (\S+) 第(\d+)版$/.exec(pdf.getSubject() ?? '');
  const sha = /sha256:([0-9a-f]{64})/.exec(pdf.getKeywords() ?? '');
  if (!subject || !sha) return undefined;
  const pages = pdf.getPageCount();
  return parseQrPayload(`CDP1|${subject[1]}|${subject[2]}|${subject[3]}|1/${pages}|${sha[1]}`);
}
