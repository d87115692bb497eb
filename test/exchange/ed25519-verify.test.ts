import { createRequire } from 'node:module';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519Verifier, sodiumEntry } from '../../src-main/exchange/ed25519-verify';

function keyPair(): { pem: string; sign: (b: Buffer) => Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), sign: (b) => sign(null, b, privateKey) };
}

describe('Ed25519 verifier', () => {
  it('finds the libsodium addon installed (the fast path of an import)', () => {
    const entry = sodiumEntry();
    expect(entry).toBeDefined();
    const sodium = createRequire(__filename)(entry!) as { crypto_sign_verify_detached: unknown };
    expect(typeof sodium.crypto_sign_verify_detached).toBe('function');
  });

  it.each([
    ['libsodium', sodiumEntry()],
    ['node:crypto', undefined],
  ])('with %s: accepts a good signature and refuses every altered one', (_name, entry) => {
    const verify = ed25519Verifier(entry);
    const a = keyPair();
    const b = keyPair();
    const body = Buffer.from('{"origin":"OPS","seq":1,"payload":"变更"}');
    const sig = a.sign(body);
    expect(verify(body, sig, a.pem)).toBe(true);
    expect(verify(body, sig, b.pem)).toBe(false);
    expect(verify(Buffer.from(body.toString().replace('1', '2')), sig, a.pem)).toBe(false);
    const flipped = Buffer.from(sig);
    flipped[10]! ^= 1;
    expect(verify(body, flipped, a.pem)).toBe(false);
    expect(verify(body, sig.subarray(0, 63), a.pem)).toBe(false);
    expect(verify(body, Buffer.concat([sig, Buffer.from([0])]), a.pem)).toBe(false);
    expect(verify(body, sig, 'not a key')).toBe(false);
    expect(verify(body, sig, a.pem)).toBe(true);
  });
});
