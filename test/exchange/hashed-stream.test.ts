import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ndjsonLines, newTally } from '../../src-main/exchange/hashed-stream';

async function read(chunks: string[], maxLine: number): Promise<{ lines: string[]; error?: string; sha: string }> {
  const t = newTally();
  const lines: string[] = [];
  try {
    for await (const batch of ndjsonLines(Readable.from(chunks.map((c) => Buffer.from(c))), maxLine, t, (n) => new Error(`line ${n} too long`))) {
      for (const { line, lineNo } of batch) lines.push(`${lineNo}:${line.toString()}`);
    }
  } catch (e) {
    return { lines, error: (e as Error).message, sha: t.hash.digest('hex') };
  }
  return { lines, sha: t.hash.digest('hex') };
}

describe('ndjson lines', () => {
  it('gives every line with its number, across chunk boundaries, and hashes every byte', async () => {
    const chunks = ['{"a":1}\n{"b"', ':2}\n', '{"c":3}\n{"d":4}'];
    const r = await read(chunks, 100);
    expect(r.lines).toEqual(['1:{"a":1}', '2:{"b":2}', '3:{"c":3}', '4:{"d":4}']);
    expect(r.error).toBeUndefined();
    expect(r.sha).toBe(createHash('sha256').update(chunks.join('')).digest('hex'));
  });

  it('stops at a line longer than the cap, after the lines before it', async () => {
    expect(await read(['ok\n', 'fine\n0123456789ABC\nnever\n'], 8)).toMatchObject({ lines: ['1:ok', '2:fine'], error: 'line 3 too long' });
    // An endless last line is stopped before its end is read.
    expect(await read(['ok\n01234', '56789', 'never'], 8)).toMatchObject({ lines: ['1:ok'], error: 'line 2 too long' });
  });
});
