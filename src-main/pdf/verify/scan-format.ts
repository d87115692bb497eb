// A file's kind from its first bytes, apart from the decoders (pdf-lib, pngjs, jpeg-js, jsqr),
// so that the CLI can ask it without loading them.

export type ScanFormat = 'png' | 'jpg' | 'pdf';

/** What a file is, from its first bytes (the name may lie). */
export function sniffFormat(bytes: Uint8Array): ScanFormat | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpg';
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return 'pdf';
  return undefined;
}
