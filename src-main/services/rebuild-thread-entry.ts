import { workerData, type MessagePort } from 'node:worker_threads';
import type { FoldedForm } from '../store/log-fold';
import { foldFormStreams } from '../store/log-fold';
import { openConnection } from '../store/native-binding';
import { rebuildFolders } from './rebuild-folders';
import { FORMS_PER_MESSAGE, MESSAGES_AHEAD, SIGNAL, type FoldMessage, type FoldThreadData } from './rebuild-thread-protocol';

// The folding thread of a rebuild (started by rebuild-thread.ts): reads the log through a
// read-only connection of its own and posts each form's rows to the writing thread, a batch at
// a time, never more than MESSAGES_AHEAD batches ahead of it.

const { file, binding, port, signal } = workerData as FoldThreadData & { port: MessagePort };

function send(message: FoldMessage): void {
  port.postMessage(message);
  Atomics.add(signal, SIGNAL.sent, 1);
  Atomics.notify(signal, SIGNAL.sent);
}

function waitForWriter(): void {
  for (;;) {
    const taken = Atomics.load(signal, SIGNAL.taken);
    if (Atomics.load(signal, SIGNAL.sent) - taken <= MESSAGES_AHEAD) return;
    Atomics.wait(signal, SIGNAL.taken, taken, 1000);
  }
}

try {
  send({ ready: true });
  const db = openConnection(file, { readonly: true, fileMustExist: true }, binding);
  let batch: FoldedForm[] = [];
  let read = { pos: 0, end: 0 };
  const count = foldFormStreams(
    db,
    rebuildFolders(),
    (form) => {
      batch.push(form);
      if (batch.length < FORMS_PER_MESSAGE) return;
      send({ forms: batch, ...read });
      batch = [];
      waitForWriter();
    },
    (pos, end) => (read = { pos, end }),
  );
  send({ forms: batch, ...read });
  db.close();
  send({ done: count });
} catch (e) {
  send({ error: e instanceof Error ? e.message : String(e) });
}
