import { z } from 'zod';

// The .cdbundle format (architecture.md, Data; domain.md, Between terminals): a zip holding
// manifest.json (signed by manifest.sig), events.ndjson and attachments/<sha256>. Forms travel
// between departments on USB sticks and file shares, so every byte of a bundle is checked
// against the producer's signature before anything is written (§27: IT综合科 archives them).

export const BUNDLE_EXTENSION = '.cdbundle';
export const BUNDLE_FORMAT = 'changedesk-bundle';
/** The newest format this program writes and reads; a bundle of a higher version is refused. */
export const BUNDLE_FORMAT_VERSION = 1;

export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'manifest.sig';
export const EVENTS_ENTRY = 'events.ndjson';
export const ATTACHMENT_PREFIX = 'attachments/';

const SHA256_HEX = /^[0-9a-f]{64}$/;
export function isSha256Hex(s: string): boolean {
  return SHA256_HEX.test(s);
}

export function attachmentEntryName(sha256: string): string {
  return `${ATTACHMENT_PREFIX}${sha256}`;
}

/** Caps that keep a hostile file (zip bomb, giant line) from exhausting memory or disk. */
export interface BundleLimits {
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, checked for entries larger than ratioFloorBytes. */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  maxManifestBytes: number;
  /** One line of events.ndjson. */
  maxEventBytes: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxEntries: 200_003,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxManifestBytes: 64 * 1024 * 1024,
  maxEventBytes: 16 * 1024 * 1024,
};

const unitCode = z.string().min(1).max(64);
const sha256 = z.string().regex(SHA256_HEX);
const seq = z.number().int().min(1);

/** What the bundle holds of one origin's chain: seq `since` … `upTo`, linked to `prev`. */
export const OriginRangeSchema = z.strictObject({
  since: seq,
  upTo: seq,
  /** id of the origin's event `since - 1` (null when since = 1): where this range attaches. */
  prev: sha256.nullable(),
  /** id of event `upTo`. */
  head: sha256,
});
export type OriginRange = z.infer<typeof OriginRangeSchema>;

export const ManifestFileSchema = z.strictObject({
  path: z.string().min(1),
  sha256,
  size: z.number().int().min(0),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export const ManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  producer: z.strictObject({ unit: unitCode, fingerprint: z.string().min(1) }),
  /** The unit the bundle is meant for; null for a full export (e.g. to the archive). */
  addressee: unitCode.nullable(),
  scope: z.enum(['delta', 'full']),
  createdAt: z.string().min(1),
  eventCount: z.number().int().min(0),
  origins: z.record(unitCode, OriginRangeSchema),
  /** The producer's version vector when it wrote the bundle: per origin, the highest seq it holds. */
  has: z.record(unitCode, z.number().int().min(0)),
  files: z.array(ManifestFileSchema),
});
export type BundleManifest = z.infer<typeof ManifestSchema>;
