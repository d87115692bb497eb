import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ED25519_VERIFIER_SOURCE, ed25519Verifier, sodiumEntry, type Ed25519Verify } from './ed25519-verify';

// Ed25519 verification is the slowest step of an import (about 0.1 ms per event): an archive
// import checks hundreds of thousands of signatures, so they are checked on worker threads
// while the main thread parses, hashes and stages the next events.

export interface SignatureJob {
  /** The exact bytes that were signed (the canonical event body). */
  body: Buffer;
  sig: Buffer;
  publicKeyPem: string;
  /** Carried back with a failure, to say which event it was. */
  tag: number;
}

// A batch travels as one buffer (every body and signature back to back), its offsets, the
// distinct keys and tags, and is transferred, not copied: a small Buffer is a view of Node's
// shared 8 KB pool, and posting it as it is would clone the whole pool for each event.
interface PackedBatch {
  bytes: ArrayBuffer;
  /** Per job: body start, body end (= signature start), signature end. */
  offsets: Uint32Array<ArrayBuffer>;
  keyIndex: Uint16Array<ArrayBuffer>;
  keys: string[];
  tags: number[];
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
${ED25519_VERIFIER_SOURCE}
const verify = ed25519Verifier(workerData.sodium);
parentPort.on('message', (b) => {
  const bad = [];
  const bytes = Buffer.from(b.bytes);
  for (let i = 0; i < b.tags.length; i++) {
    const o = b.offsets;
    if (!verify(bytes.subarray(o[3 * i], o[3 * i + 1]), bytes.subarray(o[3 * i + 1], o[3 * i + 2]), b.keys[b.keyIndex[i]])) bad.push(b.tags[i]);
  }
  // The bytes go back to be reused: a worker's own garbage collector seldom runs, and buffers
  // left to it would pile up (about 0.5 MB per batch) until it does.
  parentPort.postMessage({ bad, bytes: b.bytes }, [b.bytes]);
});
`;

function pack(jobs: readonly SignatureJob[], spare: ArrayBuffer[]): PackedBatch {
  let size = 0;
  for (const j of jobs) size += j.body.length + j.sig.length;
  // Its own ArrayBuffer (never the shared pool), so that it can be transferred; one handed back by a worker when it is large enough.
  const reuse = spare.findIndex((b) => b.byteLength >= size);
  const bytes = reuse === -1 ? new ArrayBuffer(Math.max(size, 1 << 20)) : spare.splice(reuse, 1)[0]!;
  const view = new Uint8Array(bytes);
  const offsets = new Uint32Array(jobs.length * 3);
  const keyIndex = new Uint16Array(jobs.length);
  const keys: string[] = [];
  const keyAt = new Map<string, number>();
  let at = 0;
  jobs.forEach((j, i) => {
    offsets[3 * i] = at;
    view.set(j.body, at);
    at += j.body.length;
    offsets[3 * i + 1] = at;
    view.set(j.sig, at);
    at += j.sig.length;
    offsets[3 * i + 2] = at;
    let k = keyAt.get(j.publicKeyPem);
    if (k === undefined) {
      k = keys.length;
      keys.push(j.publicKeyPem);
      keyAt.set(j.publicKeyPem, k);
    }
    keyIndex[i] = k;
  });
  return { bytes, offsets, keyIndex, keys, tags: jobs.map((j) => j.tag) };
}

const BATCH = 512;
const SPARE_BUFFERS = 8;
const MAX_IN_FLIGHT_PER_THREAD = 3;

/**
 * Collects signature checks and runs them in batches on worker threads (in this thread when
 * there are too few to be worth a worker). `failures()` resolves with the tags that failed.
 */
export class SignaturePool {
  private batch: SignatureJob[] = [];
  /** Batch buffers handed back by the workers, for the next batches. */
  private readonly spare: ArrayBuffer[] = [];
  private workers: Array<{ worker: Worker; busy: Promise<void> }> = [];
  private next = 0;
  private readonly results: Array<Promise<number[]>> = [];
  /** How many of `results` have resolved (they resolve in order per worker, roughly in order overall). */
  private settled = 0;
  /** The addon the workers verify with (see ed25519-verify.ts). */
  private readonly sodium = sodiumEntry();
  private here: Ed25519Verify | undefined;

  constructor(private readonly threads = Math.max(1, Math.min(4, availableParallelism()))) {}

  /**
   * Queues one check. Returns a promise when too many batches are in flight: the caller awaits
   * it before reading on, so that memory stays flat however many events a bundle holds.
   */
  add(job: SignatureJob): Promise<void> | undefined {
    this.batch.push(job);
    if (this.batch.length < BATCH) return undefined;
    this.dispatch();
    const waiting = this.results.length - this.settled;
    if (waiting <= MAX_IN_FLIGHT_PER_THREAD * Math.max(1, this.threads)) return undefined;
    return this.results[this.settled]!.then(() => undefined);
  }

  private dispatch(): void {
    const batch = this.batch;
    this.batch = [];
    if (this.threads === 0) {
      this.results.push(Promise.resolve(this.verifyHere(batch)));
      this.settled += 1;
      return;
    }
    if (this.workers.length < this.threads) {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sodium: this.sodium } });
      this.workers.push({ worker, busy: Promise.resolve() });
    }
    const slot = this.workers[this.next++ % this.workers.length]!;
    // Packed now, so that no closure below keeps the jobs (and the buffers they view) alive.
    const packed = pack(batch, this.spare);
    batch.length = 0;
    const result = slot.busy.then(
      () =>
        new Promise<number[]>((resolve, reject) => {
          const onMessage = ({ bad, bytes }: { bad: number[]; bytes: ArrayBuffer }) => {
            if (this.spare.length < SPARE_BUFFERS) this.spare.push(bytes);
            slot.worker.off('error', reject);
            resolve(bad);
          };
          slot.worker.once('message', onMessage);
          slot.worker.once('error', reject);
          slot.worker.postMessage(packed, [packed.bytes, packed.offsets.buffer, packed.keyIndex.buffer]);
        }),
    );
    slot.busy = result.then(
      () => undefined,
      () => undefined,
    );
    this.results.push(result);
    void result.then(
      () => (this.settled += 1),
      () => (this.settled += 1),
    );
  }

  private verifyHere(jobs: SignatureJob[]): number[] {
    this.here ??= ed25519Verifier(this.sodium);
    const verify = this.here;
    return jobs.filter((j) => !verify(j.body, j.sig, j.publicKeyPem)).map((j) => j.tag);
  }

  /** Every failed tag, in ascending order; the workers are stopped. */
  async failures(): Promise<number[]> {
    const rest = this.verifyHere(this.batch);
    this.batch = [];
    try {
      const all = (await Promise.all(this.results)).flat();
      return [...all, ...rest].sort((a, b) => a - b);
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.worker.terminate()));
  }
}
