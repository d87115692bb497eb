import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';

/** A stream read to its end while its bytes are hashed and counted. */
export interface HashedStream {
  readonly hash: Hash;
  bytes: number;
}

/**
 * The lines of a newline-delimited stream, hashing every byte on the way, in batches (those each
 * chunk completes: an archive's hundreds of thousands of lines would otherwise cost a promise
 * round trip each). A line longer than `maxLine` stops the read, after the lines before it (a
 * hostile file could otherwise be one endless line in memory).
 */
export async function* ndjsonLines(
  stream: Readable,
  maxLine: number,
  tally: HashedStream,
  onTooLong: (lineNo: number) => Error,
): AsyncGenerator<Array<{ line: Buffer; lineNo: number }>> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let lineNo = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    tally.hash.update(chunk);
    tally.bytes += chunk.length;
    const batch: Array<{ line: Buffer; lineNo: number }> = [];
    let tooLong: Error | undefined;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) break;
      const piece = chunk.subarray(start, nl);
      const line = pendingLength === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingLength = 0;
      lineNo += 1;
      if (line.length > maxLine) {
        tooLong = onTooLong(lineNo);
        break;
      }
      batch.push({ line, lineNo });
      start = nl + 1;
    }
    if (!tooLong && start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingLength += chunk.length - start;
      if (pendingLength > maxLine) tooLong = onTooLong(lineNo + 1);
    }
    if (batch.length > 0) yield batch;
    if (tooLong) throw tooLong;
  }
  if (pendingLength > 0) {
    lineNo += 1;
    yield [{ line: Buffer.concat(pending), lineNo }];
  }
}

export function newTally(): HashedStream {
  return { hash: createHash('sha256'), bytes: 0 };
}

/** A pass-through stream that hashes and counts what flows through it. */
export function tallyStream(tally: HashedStream): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      tally.hash.update(chunk);
      tally.bytes += chunk.length;
      cb(null, chunk);
    },
  });
}
