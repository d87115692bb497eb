import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BundleError, keyringOf, verifyBundle } from '../../src-main/exchange';
import type { SignedEvent } from '../../src-main/shared/schemas/event';
import { useTempDirs } from '../helpers/temp-dir';
import { attachment, bundleOf, makeChain, makeUnit, readEntries, rewriteBundle, sha256 } from './fixtures';
import { applyMutations, mutations } from './mutations';

const tempDir = useTempDirs();

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
      fc.asyncProperty(mutations(3), async (muts) => {
        writeFileSync(target, applyMutations(original, muts));
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
      fc.asyncProperty(mutations(2), async (muts) => {
        const data = applyMutations(events, muts);
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
