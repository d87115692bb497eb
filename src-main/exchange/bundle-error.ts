import { AppError } from '../shared/errors';

/**
 * Why a bundle was refused. Every refusal happens before anything is written, carries a stable
 * code for programs and a Chinese message that says what was wrong with the file.
 */
export type BundleErrorCode =
  | 'BUNDLE_NOT_FOUND'
  | 'BUNDLE_NOT_ZIP'
  | 'BUNDLE_TRUNCATED'
  | 'BUNDLE_ZIP_CORRUPT'
  | 'BUNDLE_TOO_MANY_ENTRIES'
  | 'BUNDLE_ENTRY_TOO_LARGE'
  | 'BUNDLE_TOO_LARGE'
  | 'BUNDLE_COMPRESSION_RATIO'
  | 'BUNDLE_ENTRY_NAME'
  | 'BUNDLE_SYMLINK'
  | 'BUNDLE_DUPLICATE_ENTRY'
  | 'BUNDLE_UNEXPECTED_ENTRY'
  | 'BUNDLE_MISSING_ENTRY'
  | 'BUNDLE_MANIFEST_INVALID'
  | 'BUNDLE_FORMAT_TOO_NEW'
  | 'BUNDLE_SIGNATURE_MISSING'
  | 'BUNDLE_SIGNATURE_INVALID'
  | 'BUNDLE_UNKNOWN_SIGNER'
  | 'BUNDLE_REVOKED_SIGNER'
  | 'BUNDLE_FILE_SIZE'
  | 'BUNDLE_FILE_HASH'
  | 'BUNDLE_EVENT_INVALID'
  | 'BUNDLE_EVENT_HASH'
  | 'BUNDLE_EVENT_SIGNATURE'
  | 'BUNDLE_EVENT_UNKNOWN_ORIGIN'
  | 'BUNDLE_CHAIN_BROKEN'
  | 'BUNDLE_EVENT_ORDER'
  | 'BUNDLE_RANGE_MISMATCH'
  | 'BUNDLE_FORK'
  | 'BUNDLE_AUTHOR_ROLE'
  | 'BUNDLE_WRONG_ADDRESSEE'
  | 'BUNDLE_WRITE_FAILED';

export class BundleError extends AppError {
  declare readonly code: BundleErrorCode;
  /** Machine-readable particulars (the unit of a fork, the entry name …). */
  readonly details: Record<string, unknown>;

  constructor(code: BundleErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message);
    this.name = 'BundleError';
    this.details = details;
  }
}

export function isBundleError(e: unknown): e is BundleError {
  return e instanceof BundleError;
}
