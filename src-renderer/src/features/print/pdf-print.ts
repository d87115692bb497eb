import { getDocument } from 'pdfjs-dist';
import { drawPage } from './PdfViewer';

// Printing without a PDF plugin: every page drawn by pdf.js at 150 dpi into an image, the images
// laid out one per A4 sheet in a container only the print media shows, then the browser's
// print dialog. The desktop program prints the PDF itself (window.desktop) instead.

const PRINT_SCALE = 150 / 72;

export async function printPdfPages(bytes: Uint8Array): Promise<void> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
  const sheets = document.createElement('div');
  sheets.className = 'print-sheets';
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const canvas = document.createElement('canvas');
      await (await drawPage(doc, n, canvas, PRINT_SCALE, 1)).promise;
      const img = document.createElement('img');
      img.src = canvas.toDataURL('image/png');
      img.alt = `第 ${n} 页`;
      sheets.appendChild(img);
    }
  } finally {
    void doc.destroy();
  }
  document.body.appendChild(sheets);
  document.body.classList.add('printing-pdf');
  const done = () => {
    sheets.remove();
    document.body.classList.remove('printing-pdf');
  };
  window.addEventListener('afterprint', done, { once: true });
  window.print();
  // Some browsers return from print() only after the dialog closed, without afterprint.
  setTimeout(() => {
    if (sheets.isConnected) done();
  }, 60_000);
}
