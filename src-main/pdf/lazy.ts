import type { RenderedPdf } from './render';
import type { PrintContext, PrintedDocument } from './layout/types';
import type { ScanReading } from './verify/read-scan';

// The PDF machinery (pdfmake, pdfkit, fontkit; pdf-lib, pngjs, jpeg-js, jsqr for scans) costs
// close to half a second of CPU to load: nothing prints while the program starts, so these doors
// load it on first use (the host's warm-up, 3 s after the readiness line, usually does).

export async function renderPdf(doc: PrintedDocument, ctx: PrintContext): Promise<RenderedPdf> {
  return (await import('./render')).renderPdf(doc, ctx);
}

export async function warmUpPrinting(): Promise<void> {
  return (await import('./render')).warmUpPrinting();
}

export async function readScan(bytes: Uint8Array): Promise<ScanReading> {
  return (await import('./verify/read-scan')).readScan(bytes);
}
