import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  checkEvent,
  generateUnitKeyPair,
  keyFingerprint,
  privateKeyFromPem,
  publicKeyFromPem,
  signEvent,
} from '../../src-main/store/event-codec';
import type { EventBody } from '../../src-main/shared/schemas/event';

const keys = generateUnitKeyPair();
const priv = privateKeyFromPem(keys.privateKeyPem);
const pub = publicKeyFromPem(keys.publicKeyPem);

const body: EventBody = {
  origin: 'OPS',
  seq: 1,
  prev: null,
  time: '2026-11-28T09:00:00+08:00',
  author: 'u1',
  role: 'applicant',
  formId: 'BG-OPS-2026-0001',
  parents: [],
  type: 'change.created',
  payload: { title: '核心系统参数调整', n: 3, nested: { b: 1, a: [true, null] } },
};

describe('event codec', () => {
  it('encodes canonically: key order does not matter, undefined is dropped', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined } })).toBe('{"a":{"d":[1,"x"]},"b":1}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
    expect(canonicalJson(JSON.parse('{"b":{"__proto__":0},"a":1}'))).toBe('{"a":1,"b":{"__proto__":0}}');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('signs and verifies; any altered field fails', () => {
    const e = signEvent(body, priv);
    expect(e.id).toMatch(/^[0-9a-f]{64}$/);
    expect(checkEvent(e, pub)).toEqual({ ok: true });
    expect(checkEvent({ ...e, seq: 2 }, pub)).toEqual({ ok: false, reason: 'hash' });
    expect(checkEvent({ ...e, payload: { ...(e.payload as object), n: 4 } }, pub)).toEqual({ ok: false, reason: 'hash' });
    const other = publicKeyFromPem(generateUnitKeyPair().publicKeyPem);
    expect(checkEvent(e, other)).toEqual({ ok: false, reason: 'signature' });
    expect(checkEvent({ ...e, sig: 'AAAA' }, pub)).toEqual({ ok: false, reason: 'signature' });
  });

  it('gives a readable fingerprint of eight groups of four hex digits', () => {
    expect(keyFingerprint(keys.publicKeyPem)).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(keyFingerprint(keys.publicKeyPem)).not.toBe(keyFingerprint(generateUnitKeyPair().publicKeyPem));
  });
});

describe('canonicalJson, fast path and by hand', () => {
  it('sorts integer-like keys as strings too ("10" before "9"), like every other key', async () => {
    const { canonicalJson } = await import('../../src-main/store/event-codec');
    expect(canonicalJson({ b: 1, '9': [true, null], a: { '10': 'x', '9': 'y' } })).toBe('{"9":[true,null],"a":{"10":"x","9":"y"},"b":1}');
    expect(canonicalJson({ z: { y: 1, x: [{ b: 2, a: 1 }] }, u: undefined })).toBe('{"z":{"x":[{"a":1,"b":2}],"y":1}}');
    expect(() => canonicalJson({ a: [undefined] })).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });
});
