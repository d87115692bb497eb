import type { ChangeFormState } from '../shared/schemas/change-form';
import type { PrintPart, PrintQr, PrintResult } from '../shared/schemas/print';
import { documentForChangeForm, documentForEmergencyAnnex, documentForImpactNotice, type DocumentContext } from './documents';
import { DOC_KINDS, type PrintedDocument } from './layout/types';
import { encodeQrPayload } from './qr-payload';

/** The document a form prints as for one `part` of the print call. */
export function documentForPart(form: ChangeFormState, part: PrintPart, ctx: DocumentContext): PrintedDocument {
  switch (part) {
    case 'annex':
      return documentForEmergencyAnnex(form, ctx);
    case 'notice':
      return documentForImpactNotice(form, ctx);
    default:
      return documentForChangeForm(form, ctx, part);
  }
}

export function qrOf(doc: PrintedDocument, sha256: string, pages: number, page = 1): PrintQr {
  const p = { kind: doc.kind, docNo: doc.docNo, version: doc.version, page, pages, sha256 };
  return { ...p, kindLabel: DOC_KINDS[doc.kind], text: encodeQrPayload(p) };
}

/** Renders a document into the print call's answer. */
export async function printDocument(doc: PrintedDocument, ctx: DocumentContext): Promise<PrintResult> {
  // Loaded on the first print: pdfmake and fontkit are no part of starting the program.
  const { renderPdf } = await import('./render');
  const r = await renderPdf(doc, ctx);
  const safeNo = doc.docNo.replace(/[^\w.-]+/g, '_');
  return {
    pdfBase64: r.bytes.toString('base64'),
    pages: r.pages,
    qr: qrOf(doc, r.sha256, r.pages),
    fileName: `${safeNo}-${doc.kind}-v${doc.version}.pdf`,
  };
}
