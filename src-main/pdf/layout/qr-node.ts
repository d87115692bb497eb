import QRCode from 'qrcode';
import type { ContentNode } from './types';

/** Quiet zone around the code, in modules: scanners need a white margin (ISO/IEC 18004 asks 4; 2 reads reliably in our white header). */
const QUIET = 2;

/**
 * The QR code as one vector path (a canvas node), not pdfmake's `qr` node: pdfmake draws one
 * rectangle per dark module with an integer module size, which is both slow (hundreds of
 * vectors per page) and small. Here each row's dark runs become rectangles of one path.
 *
 * pdfmake moves rect/line/polyline vectors to where the node lands but leaves a path's `d`
 * alone, so the path is written in page coordinates: `at` is where the node's top-left corner
 * lands on the page (the header puts it at a fixed place; the QR tests decode it from there).
 */
export function qrCanvas(text: string, size: number, at: { x: number; y: number }): ContentNode {
  // One byte-mode segment and a fixed mask: the library would otherwise search the cheapest
  // segmentation and score all eight masks, several milliseconds per page for a code that is
  // ASCII anyway and reads as well with any mask.
  const qr = QRCode.create([{ data: Buffer.from(text, 'latin1'), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 2 });
  const n = qr.modules.size;
  const m = size / (n + 2 * QUIET);
  const fmt = (v: number) => Number(v.toFixed(2));
  let d = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      const x = at.x + (start + QUIET) * m;
      const y = at.y + (row + QUIET) * m;
      d += `M${fmt(x)} ${fmt(y)}h${fmt((col - start) * m)}v${fmt(m)}h${fmt(-(col - start) * m)}z`;
    }
  }
  return {
    width: size,
    canvas: [
      { type: 'rect', x: 0, y: 0, w: size, h: size, color: '#ffffff', lineWidth: 0 },
      { type: 'path', d, color: '#000000', lineWidth: 0 },
    ],
  };
}
