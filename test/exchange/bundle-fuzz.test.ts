import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BundleError, keyringOf, verifyBundle } from '../../src-main/exchange';
import type { SignedEvent } from '../../src-main/shared/schemas/event';
import { useTempDirs } from '../helpers/temp-dir';
import { attachment, bundleOf, makeChain, makeUnit, readEntries, rewriteBundle, sha256 } from './fixtures';

const tempDir = useTempDirs();

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'overwrite'; at: number; bytes: number[] }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number };

// A position anywhere in the file, uniformly (fast-check biases small integers, so spread them).
const position = fc.nat({ max: 1_000_000 }).map((n) => n / 1_000_001);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }) as fc.Arbitrary<never>,
  fc.record({ kind: fc.constant('truncate' as const), at: position }) as fc.Arbitrary<never>,
  fc.record({ kind: fc.constant('overwrite' as const), at: position, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }) as fc.Arbitrary<never>,
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }) as fc.Arbitrary<never>,
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }) as fc.Arbitrary<never>,
);

function apply(bytes: Buffer, muts: Array<Mutation & { at: number }>): Buffer {
  let b = Buffer.from(bytes);
  for (const m of muts) {
    const at = Math.floor(m.at * b.length);
    switch (m.kind) {
      case 'flip':
        b[at] = b[at]! ^ (1 << m.bit);
        break;
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'overwrite':
        Buffer.from(m.bytes).copy(b, at);
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
        break;
    }
    if (b.length === 0) break;
  }
  return b;
}

describe('fuzzing bundles', () => {
  it('1,000 mutated bundles: never a crash, only a clean Chinese refusal or the untouched content', async () => {
    const ops = makeUnit('OPS', '运行维护中心');
    const keyring = keyringOf([ops.known]);
    const dir = tempDir();
    const chain = makeChain(ops, 8, { forms: 2 });
    const w = await bundleOf(dir, ops, chain, { attachments: [attachment('附件一'), attachment(Buffer.alloc(600, 3))] });
    const original = readFileSync(w.path);
    const target = join(dir, 'mutant.cdbundle');
    let refusedCount = 0;
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (muts) => {
        writeFileSync(target, apply(original, muts as Array<Mutation & { at: number }>));
        const seen: SignedEvent[] = [];
        try {
          const v = await verifyBundle(target, { keyring, onEvent: (e) => seen.push(e) });
          // A mutation in bytes nobody signs (a zip timestamp, a comment) may pass: then the
          // content read must be exactly the signed content.
          expect(v.manifest).toEqual(w.manifest);
          expect(seen).toEqual(chain);
        } catch (e) {
          if (!(e instanceof BundleError)) throw e;
          expect(e.message).toMatch(/[\u4e00-\u9fff]/);
          refusedCount += 1;
          codes.add(e.code);
        }
      }),
      { numRuns: 1000 },
    );
    expect(refusedCount).toBeGreaterThan(500);
    // The mutations reach past the zip layer into the signed content.
    expect(codes).toContain('BUNDLE_FILE_HASH');
    expect(codes.size).toBeGreaterThan(5);
  }, 120_000);

  it('300 bundles whose events are mutated under a re-signed manifest: the event checks refuse them all', async () => {
    const ops = makeUnit('OPS', '运行维护中心');
    const keyring = keyringOf([ops.known]);
    const dir = tempDir();
    const chain = makeChain(ops, 6, { forms: 2 });
    const w = await bundleOf(dir, ops, chain);
    const entries = await readEntries(w.path);
    const events = entries.find((e) => e.name === 'events.ndjson')!.data;
    const target = join(dir, 'mutant.cdbundle');
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 2 }), async (muts) => {
        const data = apply(events, muts as Array<Mutation & { at: number }>);
        fc.pre(!data.equals(events));
        await rewriteBundle(
          w.path,
          target,
          (es, manifest) => {
            es.find((e) => e.name === 'events.ndjson')!.data = data;
            const f = (manifest.files as Array<{ path: string; sha256: string; size: number }>)[0]!;
            f.sha256 = sha256(data);
            f.size = data.length;
          },
          ops,
        );
        const seen: SignedEvent[] = [];
        const err = await verifyBundle(target, { keyring, onEvent: (e) => seen.push(e) }).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (err === undefined) {
          // Only a change no signature covers (white space between lines or tokens) may pass,
          // and then the events read are exactly the signed ones.
          expect(seen).toEqual(chain);
          return;
        }
        expect(err).toBeInstanceOf(BundleError);
        expect((err as BundleError).message).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
