// The print area (issue 4): documents as plain data, rendered to PDF in the main process.
export type { RenderedPdf } from './render';
export { fontDir, FONT_FAMILY } from './font-files';
export { encodeQrPayload, parseQrPayload, contentHash, type QrPayload } from './qr-payload';
export type { Content, PrintedDocument, PrintContext, DocKind } from './layout/types';
export { DOC_KINDS } from './layout/types';
export * as blocks from './layout/blocks';
export * from './documents';
export { documentForPart, printDocument, qrOf } from './print-job';
export type { ScanReading } from './verify/read-scan';
export { sniffFormat } from './verify/scan-format';
export { renderPdf, warmUpPrinting, readScan } from './lazy';
