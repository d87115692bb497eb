import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { EventBody, SignedEvent } from '../shared/schemas/event';

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no white space, no undefined, no
 * non-finite numbers. The same value always gives the same bytes on every terminal, which is
 * what makes a hash or a signature over it meaningful.
 */
export function canonicalJson(value: unknown): string {
  // Sorted copies serialised by the native JSON.stringify: faster than joining strings by hand,
  // and this runs for every event and every stored form state. JS puts integer-like keys
  // ("10", "9") first in numeric order, which is not the canonical order: a value holding such
  // keys is written key by key instead.
  try {
    return JSON.stringify(sortedCopy(value));
  } catch (e) {
    if (e === INTEGER_KEYS) return byHand(value);
    throw e;
  }
}

const INTEGER_KEY = /^(?:0|[1-9]\d*)$/;
const INTEGER_KEYS = new Error('integer-like keys');

function checkedScalar(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return value;
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}

function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return checkedScalar(value);
  if (Array.isArray(value)) return value.map(sortedCopy);
  const obj = value as Record<string, unknown>;
  // A plain object (V8 keeps it in fast mode, which JSON.stringify writes much faster than a
  // prototype-less dictionary); a key "__proto__" (which JSON.parse makes an own property) is
  // defined, not assigned, so that it stays a property.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) {
    if (INTEGER_KEY.test(k)) throw INTEGER_KEYS;
    const v = obj[k];
    if (v === undefined) continue;
    if (k === '__proto__') Object.defineProperty(out, k, { value: sortedCopy(v), enumerable: true, writable: true, configurable: true });
    else out[k] = sortedCopy(v);
  }
  return out;
}

function byHand(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(checkedScalar(value));
  if (Array.isArray(value)) return `[${value.map(byHand).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) if (obj[k] !== undefined) parts.push(`${JSON.stringify(k)}:${byHand(obj[k])}`);
  return `{${parts.join(',')}}`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const BODY_KEYS = ['origin', 'seq', 'prev', 'time', 'author', 'role', 'formId', 'parents', 'type', 'payload'] as const;

/** The body of an event: exactly the signed fields, whatever else the object carries. */
export function eventBody(e: EventBody): EventBody {
  const out = {} as Record<string, unknown>;
  for (const k of BODY_KEYS) out[k] = e[k];
  return out as unknown as EventBody;
}

export function canonicalEventBytes(e: EventBody): Buffer {
  return Buffer.from(canonicalJson(eventBody(e)), 'utf8');
}

export function signEvent(body: EventBody, privateKey: KeyObject): SignedEvent {
  const bytes = canonicalEventBytes(body);
  return { ...eventBody(body), id: sha256Hex(bytes), sig: sign(null, bytes, privateKey).toString('base64') };
}

export type EventCheck = { ok: true } | { ok: false; reason: 'hash' | 'signature' };

/** Re-hashes the body and checks the signature with the origin's public key. */
export function checkEvent(e: SignedEvent, publicKey: KeyObject): EventCheck {
  let bytes: Buffer;
  try {
    bytes = canonicalEventBytes(e);
  } catch {
    return { ok: false, reason: 'hash' };
  }
  if (sha256Hex(bytes) !== e.id) return { ok: false, reason: 'hash' };
  let good = false;
  try {
    good = verify(null, bytes, publicKey, Buffer.from(e.sig, 'base64'));
  } catch {
    good = false;
  }
  return good ? { ok: true } : { ok: false, reason: 'signature' };
}

export interface UnitKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

export function generateUnitKeyPair(): UnitKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}

export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/**
 * A key's fingerprint for two people to compare by phone or on paper: sha256 of the SPKI
 * bytes, the first 32 hex digits in eight groups of four (128 bits).
 */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  const hex = sha256Hex(der).slice(0, 32).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}
