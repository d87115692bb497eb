import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignaturePool, type SignatureJob } from '../../src-main/exchange/signature-pool';

function jobs(n: number, bad: number[]): SignatureJob[] {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519').privateKey;
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return Array.from({ length: n }, (_, tag) => {
    const body = Buffer.from(`{"seq":${tag},"payload":"变更 ${tag}"}`);
    return { body, sig: sign(null, body, bad.includes(tag) ? other : privateKey), publicKeyPem, tag };
  });
}

describe('signature pool', () => {
  it.each([0, 1, 2])('finds exactly the bad signatures among 1,500 with %i worker threads', async (threads) => {
    const pool = new SignaturePool(threads);
    for (const j of jobs(1500, [3, 700, 1499])) pool.add(j);
    expect(await pool.failures()).toEqual([3, 700, 1499]);
  });

  it('reports a signature that is not even 64 bytes as bad, without failing', async () => {
    const pool = new SignaturePool(1);
    const list = jobs(600, []);
    list[550]!.sig = Buffer.from('short');
    for (const j of list) pool.add(j);
    expect(await pool.failures()).toEqual([550]);
  });
});
