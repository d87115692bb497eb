import { createRequire } from 'node:module';

// Ed25519 verification is most of an import's work: an archive import checks every one of
// hundreds of thousands of signatures. libsodium (the sodium-native addon, prebuilt in its
// package for every platform the program ships on) verifies one in about 40 µs, OpenSSL through
// node:crypto in about 90 µs on the same CPU. Both verify by RFC 8032; libsodium also refuses
// small-order and non-canonical points, which no honest signer produces. Where the addon cannot
// be loaded (an unusual platform, a damaged install), node:crypto checks the very same
// signatures: slower, never skipped.

export type Ed25519Verify = (body: Uint8Array, sig: Uint8Array, publicKeyPem: string) => boolean;

/**
 * JavaScript source defining `ed25519Verifier(entry)`: a verifier that is true only for a valid
 * signature of `body` by the key (an SPKI PEM), false for anything else, a malformed signature or
 * key included. Source, because worker threads start from it (the bundled program needs no
 * separate worker file); this thread runs the same source (ed25519Verifier below).
 */
export const ED25519_VERIFIER_SOURCE = `
function ed25519Verifier(entry) {
  const { createPublicKey, verify } = require('node:crypto');
  let sodium;
  try { if (entry) sodium = require(entry); } catch { sodium = undefined; }
  const keys = new Map();
  return (body, sig, publicKeyPem) => {
    try {
      let k = keys.get(publicKeyPem);
      if (!k) {
        const key = createPublicKey(publicKeyPem);
        // libsodium takes the raw 32-byte key.
        k = { key, raw: Buffer.from(key.export({ format: 'jwk' }).x, 'base64url') };
        keys.set(publicKeyPem, k);
      }
      if (sodium) return sig.length === 64 && sodium.crypto_sign_verify_detached(sig, body, k.raw);
      return verify(null, body, k.key, sig);
    } catch {
      return false;
    }
  };
}
`;

/** The addon's entry file, for worker threads to load; undefined when it is not installed. */
export function sodiumEntry(): string | undefined {
  try {
    return createRequire(__filename).resolve('sodium-native');
  } catch {
    return undefined;
  }
}

/** A verifier for this thread (see ED25519_VERIFIER_SOURCE); `entry` undefined: node:crypto only. */
export function ed25519Verifier(entry: string | undefined = sodiumEntry()): Ed25519Verify {
  // The workers' own source, run here too: one implementation.
  const make = new Function('require', `${ED25519_VERIFIER_SOURCE}\nreturn ed25519Verifier;`) as (req: NodeJS.Require) => (entry: string | undefined) => Ed25519Verify;
  return make(createRequire(__filename))(entry);
}
