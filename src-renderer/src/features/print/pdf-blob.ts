/** Bytes sent as base64 (a PDF, an attachment) as a Uint8Array. */
export function base64Bytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Bytes as base64 (print:verify, attachment:upload). */
export function bytesBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A chosen file as base64 (for print:verify). */
export async function fileBase64(file: File): Promise<string> {
  return bytesBase64(new Uint8Array(await file.arrayBuffer()));
}
