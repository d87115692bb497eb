import { z } from 'zod';

// Exchange between terminals and the archive (issue 5; domain.md, Between terminals).
// Paths are files on the machine that runs the main process (chosen in a file dialog).

const path = z.string().trim().min(1, '请选择文件').max(4096);
const unit = z.string().trim().min(1).max(64);

export const Empty = z.object({}).strict();
export const PathInput = z.object({ path }).strict();
export const AddPeerInput = z
  .object({
    path,
    /** The fingerprint the administrator compared with the other unit; must match the file's key. */
    confirmFingerprint: z.string().trim().min(1, '请核对并填写指纹'),
  })
  .strict();
export const UnitInput = z.object({ unit }).strict();
export const ExportInput = z
  .object({ to: unit.optional(), full: z.boolean().optional(), path })
  .strict()
  .refine((v) => v.full === true || v.to !== undefined, { message: '请选择接收单位，或选择全部导出', path: ['to'] });
export const ImportInput = z.object({ paths: z.array(path).min(1).max(1000), confirmOtherAddressee: z.boolean().optional() }).strict();
export const FolderInput = z.object({ dir: path }).strict();
/** A conflict by its number (交换 page) or the form that shows it (the form's page); the chosen branch by any of its events. */
export const ResolveConflictInput = z
  .object({ conflictId: z.number().int().min(1).optional(), formId: z.string().min(1).max(200).optional(), chosenEventId: z.string().regex(/^[0-9a-f]{64}$/) })
  .strict()
  .refine((v) => v.conflictId !== undefined || v.formId !== undefined, { message: '请指明冲突或变更单', path: ['conflictId'] });

export interface OwnKey {
  unit: string;
  name: string;
  fingerprint: string;
  /** The key file's text, for saving (changedesk key export). */
  keyFileText: string;
}

export interface PeerKeyPreview {
  unit: string;
  name: string;
  kind: string | null;
  /** Eight groups of four hex digits, to read aloud and compare. */
  fingerprint: string;
  /** Already a peer with this very key. */
  alreadyTrusted: boolean;
  /** Already a peer with another key (the new one would replace it). */
  replacesKey: boolean;
}

export interface PeerView {
  unit: string;
  name: string;
  kind: string | null;
  fingerprint: string;
  addedAt: string;
  addedBy: string;
  revokedAt: string | null;
  /** What the peer said it holds, per origin (its version vector). */
  acknowledged: Record<string, number>;
}

export interface ExportSummary {
  path: string;
  to: string | null;
  scope: 'delta' | 'full';
  eventCount: number;
  attachmentCount: number;
  origins: Record<string, { since: number; upTo: number }>;
}

export interface BundleCheck {
  producer: string;
  producerName: string;
  addressee: string | null;
  createdAt: string;
  eventCount: number;
  knownEvents: number;
  newEvents: number;
  attachmentCount: number;
  waitingFor: string[];
}

export type ImportItem = { file: string } & (
  | {
      ok: true;
      outcome: 'applied' | 'unchanged' | 'pending';
      producer: string;
      eventCount: number;
      newEvents: number;
      conflicts: number;
      /** Of those, still waiting for a person's choice after the import (absent: all of them). */
      conflictsOpen?: number;
      waitingFor: string[];
      /** Kept-aside bundles this one completed, applied after it. */
      released: string[];
      /** Whether this import added the bundle to the catalogue of arrived bundles (a replay of the same file does not). */
      recorded: boolean;
    }
  | { ok: false; code: string; message: string }
);

export interface PendingView {
  bundleSha256: string;
  producer: string;
  keptAt: string;
  waitingFor: string[];
}

export interface AlarmView {
  id: number;
  kind: string;
  unit: string;
  raisedAt: string;
  message: string;
}

export interface ConflictView {
  id: number;
  formId: string;
  parentId: string;
  detectedAt: string;
  resolvedBy: string | null;
  /** The competing events, for a person to choose one. */
  events: Array<{ id: string; origin: string; author: string; role: string; time: string; type: string }>;
  /** A change form's number and title. */
  formNo?: string;
  title?: string;
  /** While open: the state both terminals moved the form from, who may choose, and each branch. */
  fromStateLabel?: string;
  resolvers?: string;
  branches?: Array<{ tip: string; label: string; name: string; roleLabel: string; time: string; stateLabel: string; eventCount: number }>;
  /** Once chosen: the form's state now. */
  currentStateLabel?: string;
}

export interface CatalogueEntry {
  id: number;
  fileName: string;
  bundleSha256: string;
  producer: string;
  addressee: string | null;
  scope: string;
  createdAt: string;
  importedAt: string;
  /** 'unchanged': every event was already here (another bundle brought them); no form changed. */
  outcome: 'applied' | 'unchanged' | 'pending' | 'fork';
  eventCount: number;
  newEvents: number;
  origins: Record<string, { since: number; upTo: number }>;
  note: string | null;
}

export interface UnitCompletenessView {
  unit: string;
  name: string;
  headSeq: number;
  claimedSeq: number;
  gaps: Array<{ fromSeq: number; toSeq: number }>;
  pendingBundles: number;
  lastImportAt: string | null;
  forms: number;
  notArchived: string[];
  unrecordedSignatures: string[];
}

export interface ChainCheckView {
  unit: string;
  events: number;
  ok: boolean;
  problems: string[];
}
