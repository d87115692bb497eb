import { AppError } from '../shared/errors';
import { attachmentSource, referencedAttachments, storedAttachments } from './attachment-files';
import type { BundleManifest } from './bundle-format';
import { writeBundle, type AttachmentSource, type EncodedEvent, type ExportProgress } from './bundle-writer';
import { encodeStoredEvent } from './event-line';
import type { ExchangeContext } from './exchange-context';

export interface ExportRequest {
  /** The peer to send what it has not acknowledged; absent for a full export. */
  to?: string;
  full?: boolean;
  path: string;
  onProgress?: (p: ExportProgress) => void;
}

export interface ExportResult {
  path: string;
  manifest: BundleManifest;
  eventCount: number;
  attachmentCount: number;
}

/**
 * Exports to a file: to a peer, every event beyond what that peer acknowledged in its own
 * bundles (its version vector); in full, every event (e.g. for the archive of IT综合科, §27).
 */
export async function exportBundle(ctx: ExchangeContext, req: ExportRequest): Promise<ExportResult> {
  if (!req.full && !req.to) throw new AppError('EXPORT_TARGET', '请指定接收单位（--to），或选择全部导出（--full）。');
  let acks: Record<string, number> = {};
  if (req.to && !req.full) {
    const peer = ctx.store.peer(req.to);
    if (!peer) throw new AppError('PEER_UNKNOWN', `单位「${req.to}」不是已添加的交换单位，请先添加其公钥。`);
    if (peer.revokedAt) throw new AppError('PEER_REVOKED', `单位「${peer.name}」（${peer.unit}）的密钥已吊销，不能向其导出。`);
    acks = ctx.store.acks(req.to);
  }
  const referenced = new Set<string>();
  const { dataDir } = ctx;
  const stored = storedAttachments(dataDir);
  function* events(): Generator<EncodedEvent> {
    for (const row of ctx.store.rowsInLogOrder(acks)) {
      const e = encodeStoredEvent(row);
      referencedAttachments(e.line, stored, referenced);
      yield e;
    }
  }
  function* attachments(): Generator<AttachmentSource> {
    for (const sha of [...referenced].sort()) yield attachmentSource(dataDir, sha);
  }
  const written = await writeBundle(req.path, {
    producer: { unit: ctx.self.unit, privateKey: ctx.self.privateKey, publicKeyPem: ctx.self.publicKeyPem },
    addressee: req.full ? (req.to ?? null) : req.to!,
    scope: req.full ? 'full' : 'delta',
    has: ctx.store.vector(),
    events: events(),
    attachments: { [Symbol.iterator]: attachments },
    createdAt: ctx.now(),
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
  });
  return { path: written.path, manifest: written.manifest, eventCount: written.manifest.eventCount, attachmentCount: referenced.size };
}
