// Opening, saving and printing files, the same call in both doors: the desktop program's
// native dialogs (window.desktop, src-main/electron/desktop-calls.ts) where they exist, the
// browser's own means otherwise — a file input, a download, the browser's PDF viewer.
import { FILE_FILTERS, type DesktopApi, type FilePurpose, type OpenedFile } from '@shared/desktop';
import { ApiCallError, type ApiResult } from '@shared/errors';

declare global {
  interface Window {
    /** Present under Electron only: native dialogs, printing, error reports. */
    desktop?: DesktopApi;
  }
}

function unwrap<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value;
}

function acceptOf(purpose: FilePurpose): string {
  return FILE_FILTERS[purpose].extensions.map((e) => `.${e}`).join(',');
}

/** Lets the person choose one file; null when they cancel. */
export async function openFile(purpose: FilePurpose, title?: string): Promise<OpenedFile | null> {
  if (window.desktop) return unwrap(await window.desktop['desktop:openFile']({ purpose, ...(title ? { title } : {}) }));
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = acceptOf(purpose);
  const file = await new Promise<File | null>((resolve) => {
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
  if (!file) return null;
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * Saves bytes under a suggested name. Desktop: a save dialog, and the path it was written to
 * (null when cancelled). Browser: a download into the browser's download folder (path unknown).
 */
export async function saveFile(purpose: FilePurpose, suggestedName: string, bytes: Uint8Array): Promise<{ path: string | null } | null> {
  if (window.desktop) return unwrap(await window.desktop['desktop:saveFile']({ purpose, suggestedName, bytes }));
  const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = suggestedName;
    a.click();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return { path: null };
}

/** Shows a PDF in a viewer whose toolbar prints it (desktop: its own window; browser: a new tab). */
export async function printPdf(title: string, bytes: Uint8Array): Promise<void> {
  if (window.desktop) {
    unwrap(await window.desktop['desktop:printPdf']({ title, bytes }));
    return;
  }
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
}
