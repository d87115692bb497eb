import type { KeyObject } from 'node:crypto';
import { publicKeyFromPem } from '../store/event-codec';

/** A unit's public key as this terminal knows it (its own, or a peer's confirmed by an administrator). */
export interface KnownKey {
  unit: string;
  /** The unit's name, for messages people read. */
  name: string;
  publicKeyPem: string;
  fingerprint: string;
  revoked: boolean;
}

/** The keys a bundle's signer and its events' origins are checked against. */
export interface Keyring {
  key(unit: string): KnownKey | undefined;
}

export function keyringOf(keys: Iterable<KnownKey>): Keyring {
  const map = new Map<string, KnownKey>();
  for (const k of keys) map.set(k.unit, k);
  return { key: (unit) => map.get(unit) };
}

/** `单位名（代码）` for messages. */
export function unitLabel(keyring: Keyring, unit: string): string {
  const k = keyring.key(unit);
  return k && k.name !== unit ? `「${k.name}」（${unit}）` : `「${unit}」`;
}

/** KeyObjects parsed once per unit: an archive import checks hundreds of thousands of signatures. */
export class KeyCache {
  private readonly cache = new Map<string, KeyObject>();

  get(k: KnownKey): KeyObject {
    let key = this.cache.get(k.unit);
    if (!key) {
      key = publicKeyFromPem(k.publicKeyPem);
      this.cache.set(k.unit, key);
    }
    return key;
  }
}
