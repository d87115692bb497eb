// Exchange between terminals (domain.md, Between terminals): signed bundles written, read and
// verified here; the import into the event log and the peers live beside them.
export * from './bundle-format';
export { BundleError, isBundleError, type BundleErrorCode } from './bundle-error';
export { writeBundle, type AttachmentSource, type BundleProducer, type ExportProgress, type WriteBundleOptions, type WrittenBundle } from './bundle-writer';
export {
  verifyBundle,
  readSignedManifest,
  describePrerequisites,
  type LocalLog,
  type Prerequisite,
  type VerifiedBundle,
  type VerifyOptions,
  type VerifyProgress,
} from './bundle-verifier';
export { keyringOf, unitLabel, type Keyring, type KnownKey, type RangedKey } from './keyring';
export { ZipArchive } from './zip-archive';
export { ExchangeStore, type PeerRow, type ImportRecordRow, type PendingRow, type ConflictRow, type AlarmRow } from './exchange-store';
export { terminalKeyring, type ExchangeContext, type ImportProjector } from './exchange-context';
export { exportBundle, type ExportRequest, type ExportResult } from './exporter';
export { importBundle, retryPending, type ImportOptions, type ImportResult } from './importer';
export { importFolder, importCatalogued, completenessReport, verifyArchive, type FolderImportItem, type UnitCompleteness, type ChainCheck } from './archive';
export { readPeerKeyFile, peerKeyFileText, type PeerKey } from './peer-key-file';
export { AuthorCheck } from './author-check';
export { attachmentsDir, attachmentPath, storeAttachment } from './attachment-files';
