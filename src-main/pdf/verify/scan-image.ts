import { inflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { PNG } from 'pngjs';

/**
 * Reading the QR code of a scanned page (issue 4: `verify-print <png|jpg|pdf>`). Scans arrive as
 * PNG, JPEG, or a PDF from the office scanner holding one image per page. Everything is pure
 * JavaScript: Windows terminals have no poppler.
 */

export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export { sniffFormat, type ScanFormat } from './scan-format';


export function decodePng(bytes: Uint8Array): Rgba {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

export function decodeJpeg(bytes: Uint8Array): Rgba {
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024, maxResolutionInMP: 200 });
  return { width: img.width, height: img.height, data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength) };
}

/** Finds QR codes in an image: whole image first, then each quarter (the code sits in the header's corner). */
export function readQrTexts(img: Rgba): string[] {
  const found = new Set<string>();
  const first = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
  if (first) found.add(first.data);
  if (found.size === 0) {
    const hw = Math.floor(img.width / 2);
    const hh = Math.floor(img.height / 2);
    for (const [x, y] of [
      [hw, 0],
      [0, 0],
      [0, hh],
      [hw, hh],
    ] as const) {
      const part = crop(img, x, y, img.width - x > hw ? img.width - x : hw, img.height - y > hh ? img.height - y : hh);
      const r = jsQR(part.data, part.width, part.height, { inversionAttempts: 'attemptBoth' });
      if (r) found.add(r.data);
    }
  }
  return [...found];
}

function crop(img: Rgba, x0: number, y0: number, w: number, h: number): Rgba {
  const width = Math.min(w, img.width - x0);
  const height = Math.min(h, img.height - y0);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * img.width + x0) * 4;
    data.set(img.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data };
}

/**
 * The page images of a scanned PDF, in page order. Handles what scanners write: JPEG
 * (DCTDecode) and Flate-compressed grey, RGB or 1-bit images. Other encodings (JBIG2, CCITT)
 * are reported, not guessed at.
 */
export async function pdfPageImages(bytes: Uint8Array): Promise<{ images: Rgba[]; skipped: string[] }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const images: Rgba[] = [];
  const skipped: string[] = [];
  for (const page of pdf.getPages()) {
    const resources = page.node.Resources();
    const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    if (!xobjects) continue;
    for (const key of xobjects.keys()) {
      const obj = xobjects.lookup(key);
      if (!(obj instanceof PDFRawStream) || obj.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
      try {
        const img = decodePdfImage(obj);
        if (img) images.push(img);
        else skipped.push(filterName(obj.dict) ?? '未知编码');
      } catch (e) {
        skipped.push(`${filterName(obj.dict) ?? '图像'}：${(e as Error).message}`);
      }
    }
  }
  return { images, skipped };
}

function filterName(dict: PDFDict): string | undefined {
  const f = dict.lookup(PDFName.of('Filter'));
  if (f instanceof PDFName) return f.decodeText();
  if (f instanceof PDFArray) return f.asArray().map((x) => (x instanceof PDFName ? x.decodeText() : '?')).join('+');
  return undefined;
}

function num(dict: PDFDict, key: string): number | undefined {
  const v = dict.lookup(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : undefined;
}

function decodePdfImage(stream: PDFRawStream): Rgba | undefined {
  const filter = filterName(stream.dict);
  const bytes = stream.getContents();
  if (filter === 'DCTDecode') return decodeJpeg(bytes);
  if (filter !== 'FlateDecode' && filter !== undefined) return undefined;
  const width = num(stream.dict, 'Width');
  const height = num(stream.dict, 'Height');
  const bpc = num(stream.dict, 'BitsPerComponent') ?? 8;
  if (!width || !height) return undefined;
  const raw = filter === 'FlateDecode' ? inflateSync(bytes) : Buffer.from(bytes);
  const cs = stream.dict.lookup(PDFName.of('ColorSpace'));
  const channels = cs instanceof PDFName && cs.decodeText() === 'DeviceRGB' ? 3 : cs instanceof PDFName && cs.decodeText() === 'DeviceGray' ? 1 : bpc === 1 ? 1 : undefined;
  if (!channels) return undefined;
  const predictor = (() => {
    const parms = stream.dict.lookup(PDFName.of('DecodeParms'));
    return parms instanceof PDFDict ? num(parms, 'Predictor') : undefined;
  })();
  const rowBytes = Math.ceil((width * channels * bpc) / 8);
  const rows = predictor && predictor >= 10 ? unpredictPng(raw, rowBytes, Math.ceil((channels * bpc) / 8), height) : raw;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r: number, g: number, b: number;
      if (bpc === 1) {
        const bit = ((rows[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
        r = g = b = bit ? 255 : 0;
      } else if (channels === 1) {
        r = g = b = rows[y * rowBytes + x] ?? 0;
      } else {
        const o = y * rowBytes + x * 3;
        r = rows[o] ?? 0;
        g = rows[o + 1] ?? 0;
        b = rows[o + 2] ?? 0;
      }
      const o = (y * width + x) * 4;
      data[o] = r;
      data[o + 1] = g;
      data[o + 2] = b;
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

/** PNG predictors (PDF /Predictor ≥ 10): each row starts with its filter byte. */
function unpredictPng(raw: Uint8Array, rowBytes: number, bpp: number, height: number): Uint8Array {
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (rowBytes + 1)] ?? 0;
    const src = y * (rowBytes + 1) + 1;
    const dst = y * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= bpp ? (out[dst + i - bpp] ?? 0) : 0;
      const up = y > 0 ? (out[dst - rowBytes + i] ?? 0) : 0;
      const upLeft = y > 0 && i >= bpp ? (out[dst - rowBytes + i - bpp] ?? 0) : 0;
      const x = raw[src + i] ?? 0;
      let v: number;
      switch (type) {
        case 1:
          v = x + left;
          break;
        case 2:
          v = x + up;
          break;
        case 3:
          v = x + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          v = x;
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}
