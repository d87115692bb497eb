import fc from 'fast-check';

// Byte-level damage to a file, for the fuzz tests: flips, cuts, overwrites, insertions, deletions.

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'overwrite'; at: number; bytes: number[] }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number };

// A position anywhere in the file, uniformly (fast-check biases small integers, so spread them).
const position = fc.nat({ max: 1_000_000 }).map((n) => n / 1_000_001);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('overwrite' as const), at: position, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
);

/** The bytes after the mutations, each applied at its relative position. */
export function applyMutations(bytes: Buffer, muts: readonly Mutation[]): Buffer {
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

/** One to `max` mutations. */
export function mutations(max: number): fc.Arbitrary<Mutation[]> {
  return fc.array(mutation, { minLength: 1, maxLength: max });
}
