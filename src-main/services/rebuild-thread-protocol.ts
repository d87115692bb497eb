import type { FoldCount, FoldedForm } from '../store/log-fold';

// What the rebuild's writing thread and its folding thread say to each other. The writer blocks
// on `signal` (Atomics.wait) and takes messages with receiveMessageOnPort: the rebuild stays one
// synchronous transaction, and nothing else can run on the database connection meanwhile.

export interface FoldThreadData {
  /** The database file, opened read-only by the folding thread. */
  file: string;
  /** better-sqlite3's addon as the process loads it (Electron's build in the desktop program). */
  binding: string | undefined;
  /** [messages sent, messages taken]. */
  signal: Int32Array;
}

export const SIGNAL = { sent: 0, taken: 1 } as const;

/** `pos`/`end`: how far the folding thread has read the log (FoldProgress). */
export type FoldMessage = { ready: true } | { forms: FoldedForm[]; pos: number; end: number } | { done: FoldCount } | { error: string };

/** Forms per message: large enough that a message costs little per form, small enough to keep memory flat. */
export const FORMS_PER_MESSAGE = 200;
/**
 * How far the folding thread may run ahead of the writer, in messages: enough to keep folding
 * while the writer indexes a batch of texts (5,000 forms at a time, rebuild.ts), at most about
 * 100 MB of rows.
 */
export const MESSAGES_AHEAD = 48;
