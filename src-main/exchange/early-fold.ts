import type { SignedEvent } from '../shared/schemas/event';
import { isDirStream } from '../store/directory';
import type { ExchangeStore } from './exchange-store';

// An import spends most of its time waiting for signatures to be verified on worker threads.
// Meanwhile the main thread folds each new event into its form's state as the verifier parses it
// (no second parse later), so that the transaction only copies the events and writes each form
// it touched once. Nothing is written to the database here: the states wait in memory (or, past
// a cap, in a TEMP table of this connection), and a refused bundle simply drops them.
//
// Whatever is unusual goes the way every event went before, folded in the transaction in bundle
// order (importer.ts, applyStaged): the directory and supervision streams, project forms, an
// event that does not extend its form's head (a conflict or a branch, which needs the form's
// earlier events from the log), a conflict's resolution, an event the reducer refuses (the
// transaction refuses it again, with the same message, at the same point of the bundle). And
// if anything was added to the log between the verification and the transaction (a local user
// acting meanwhile), every early state is dropped and the whole bundle is folded there.

/** The projector's part: folds a form's events in memory and writes the result when asked. */
export interface EarlyFolder {
  /** A new directory event, in bundle order: later events' authors are named as it says. */
  directory(e: SignedEvent): void;
  /** Folds a new event of a form stream; false: this stream is folded in the transaction instead. */
  take(e: SignedEvent): boolean;
  /** Forgets what it folded of this stream. */
  drop(stream: string): void;
  /** In the import's transaction, after the events are in the log: writes every form it holds. */
  write(): void;
  /** Forgets everything (a refused bundle, or a fall-back to the transaction's fold). */
  discard(): void;
}

/**
 * Whether `e` builds on its stream's latest event here (undefined: the stream is new here). When
 * it does not, both branches stay in the log and a person chooses (importer.ts, recordConflict).
 */
export function extendsHead(e: SignedEvent, head: string | undefined): boolean {
  return head === undefined || e.parents.includes(head);
}

/** The importer's side of the early fold: which events were folded early and which were not. */
export class EarlyFold {
  /** Each stream's latest event: in the log before the import, then the bundle's. */
  private readonly heads = new Map<string, string | undefined>();
  /** Per stream folded early, the staging numbers of its events (should it be folded late after all). */
  private readonly staged = new Map<string, number[]>();
  /** Staging numbers of the events the transaction folds (directory events, streams handed back). */
  private readonly late: number[] = [];
  private readonly logEnd: number;

  constructor(
    private readonly store: ExchangeStore,
    private readonly folder: EarlyFolder,
  ) {
    this.logEnd = store.lastPos();
  }

  /** One new event, staged as number `n`, in bundle order. */
  take(e: SignedEvent, n: number): void {
    const stream = e.formId;
    if (isDirStream(stream)) {
      this.folder.directory(e);
      this.late.push(n);
      return;
    }
    const mine = this.staged.get(stream);
    const handedBack = mine === undefined && this.heads.has(stream);
    const head = this.heads.has(stream) ? this.heads.get(stream) : this.store.streamHeadAt(stream, this.logEnd);
    this.heads.set(stream, e.id);
    if (handedBack) {
      this.late.push(n);
      return;
    }
    if (extendsHead(e, head) && this.folder.take(e)) {
      if (mine) mine.push(n);
      else this.staged.set(stream, [n]);
      return;
    }
    // Folded in the transaction after all, from its first event in this bundle.
    this.folder.drop(stream);
    this.staged.delete(stream);
    if (mine) this.late.push(...mine);
    this.late.push(n);
  }

  /**
   * In the transaction: the staging numbers of the events still to be folded there, in bundle
   * order, or undefined when every event must be (the log moved since the verification began).
   */
  lateEvents(): number[] | undefined {
    if (this.store.lastPos() !== this.logEnd) {
      this.folder.discard();
      return undefined;
    }
    return this.late.sort((a, b) => a - b);
  }

  /** In the transaction, after the events are copied: the forms folded early, written once each. */
  write(): void {
    this.folder.write();
  }

  discard(): void {
    this.folder.discard();
  }
}
