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

/**
 * A key of a unit for a range of that unit's chain: a peer whose key was replaced keeps its old
 * key for the events it signed before (from the first seq the new key covers on, only the new key
 * counts).
 */
export interface RangedKey extends KnownKey {
  fromSeq: number;
  /** The last seq this key covers; null while it is the unit's current key. */
  toSeq: number | null;
}

/** The keys a bundle's signer and its events' origins are checked against. */
export interface Keyring {
  /** The unit's current key (bundles are signed with it). */
  key(unit: string): KnownKey | undefined;
  /** The key valid for the unit's event number `seq` (its current key when there is no history). */
  keyFor(unit: string, seq: number): RangedKey | undefined;
}

/** A keyring of current keys, and optionally older ones (`history`, any order) for earlier ranges of a chain. */
export function keyringOf(keys: Iterable<KnownKey>, history: Iterable<RangedKey> = []): Keyring {
  const map = new Map<string, KnownKey>();
  for (const k of keys) map.set(k.unit, k);
  const ranges = new Map<string, RangedKey[]>();
  for (const k of history) {
    let list = ranges.get(k.unit);
    if (!list) ranges.set(k.unit, (list = []));
    list.push(k);
  }
  return {
    key: (unit) => map.get(unit),
    keyFor(unit, seq) {
      const list = ranges.get(unit);
      const hit = list?.find((k) => seq >= k.fromSeq && (k.toSeq === null || seq <= k.toSeq));
      if (hit) return hit;
      const current = map.get(unit);
      if (!current) return undefined;
      // Without history the current key covers the whole chain; with history, only what lies beyond it.
      const from = list ? Math.max(...list.map((k) => (k.toSeq ?? k.fromSeq - 1) + 1)) : 1;
      return seq >= from ? { ...current, fromSeq: from, toSeq: null } : undefined;
    },
  };
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
