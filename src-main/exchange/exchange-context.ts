import type { KeyObject } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { SignedEvent } from '../shared/schemas/event';
import { keyFingerprint } from '../store/event-codec';
import type { EarlyFolder } from './early-fold';
import type { ExchangeStore } from './exchange-store';
import { keyringOf, type Keyring, type KnownKey } from './keyring';

/**
 * Writes the projections of events an import adds (directory, forms), inside the import's
 * transaction. `project` may keep state in memory; `flush` writes it (after each page of
 * events and at the end). An event that is part of a conflict is stored but not folded into
 * the form until a person chooses. Throwing refuses the whole bundle (the transaction rolls back).
 */
export interface ImportProjector {
  project(e: SignedEvent, info: { conflict: boolean }): void;
  flush(): void;
  /** For one import: folds during the verification what it can (early-fold.ts). */
  early?(): EarlyFolder;
}

/** Everything the exchange needs of the terminal it runs on. */
export interface ExchangeContext {
  db: Database;
  dataDir: string;
  self: { unit: string; name: string; kind: string | null; publicKeyPem: string; privateKey: KeyObject };
  /** ISO time with +08:00. */
  now(): string;
  projector: ImportProjector;
  store: ExchangeStore;
}

/** This terminal's own key and every peer's: what bundles and their events are checked against. */
export function terminalKeyring(ctx: ExchangeContext): Keyring {
  const own: KnownKey = {
    unit: ctx.self.unit,
    name: ctx.self.name,
    publicKeyPem: ctx.self.publicKeyPem,
    fingerprint: keyFingerprint(ctx.self.publicKeyPem),
    revoked: false,
  };
  return keyringOf(
    [...ctx.store.peerKeys().filter((k) => k.unit !== own.unit), own],
    ctx.store.keyHistory().filter((k) => k.unit !== own.unit),
  );
}
