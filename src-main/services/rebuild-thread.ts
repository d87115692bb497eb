import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type WorkerOptions } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { foldFormStreams } from '../store/log-fold';
import { nativeBinding } from '../store/native-binding';
import type { FoldedForms } from '../store/rebuild';
import { rebuildFolders } from './rebuild-folders';
import { SIGNAL, type FoldMessage, type FoldThreadData } from './rebuild-thread-protocol';

const ENTRY = 'rebuild-thread-entry';
/** How long the folding thread may take to start before the rebuild folds on this thread instead. */
const START_MS = 30_000;
/** How long the writer waits for the next batch before it gives up (a batch takes milliseconds). */
const STALL_MS = 120_000;

/**
 * The folding thread's script: the built one beside the program's own (out/main), or the
 * TypeScript source through tsx when running from the repository (tests, benchmarks).
 */
function startWorker(options: WorkerOptions): Worker | undefined {
  for (const dir of [__dirname, join(__dirname, '..')]) {
    const built = join(dir, `${ENTRY}.js`);
    if (existsSync(built)) return new Worker(built, options);
  }
  const source = join(__dirname, `${ENTRY}.ts`);
  if (!existsSync(source)) return undefined;
  const tsx = createRequire(source).resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, { ...options, eval: true });
}

/** The log folded here, on the rebuild's own connection. */
export function foldHere(db: Database): FoldedForms {
  return () => ({
    drain: (emit, progress) => ({ ...foldFormStreams(db, rebuildFolders(), emit, progress), thread: false }),
    stop: () => undefined,
  });
}

/**
 * The log folded on a second thread while this one writes (issue 3: the folding is half of a
 * rebuild's work, and the machines have two cores). The folding thread reads through a
 * connection of its own, which sees the log as last committed: the rebuild's transaction
 * changes projections only. Falls back to folding here when no thread can be started.
 */
export function foldOnThread(db: Database): FoldedForms {
  return () => {
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(8));
    const data: FoldThreadData & { port: typeof port2 } = { file: db.name, binding: nativeBinding(), signal, port: port2 };
    // A larger young generation: folding allocates a state per event, and the default one makes
    // the thread spend a sixth of its time collecting.
    const worker = startWorker({ workerData: data, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    if (!worker) return foldHere(db)();
    // The thread reports its own failures as messages; a script that cannot even load shows as
    // no first message (folded here instead). Its 'error' event comes after the fact: heard, so
    // that it cannot end the process.
    worker.on('error', () => undefined);
    let taken = 0;
    const next = (timeoutMs: number): FoldMessage | undefined => {
      for (const until = Date.now() + timeoutMs; ; ) {
        const m = receiveMessageOnPort(port1);
        if (m) {
          Atomics.store(signal, SIGNAL.taken, ++taken);
          Atomics.notify(signal, SIGNAL.taken);
          return m.message as FoldMessage;
        }
        const left = until - Date.now();
        if (left <= 0) return undefined;
        Atomics.wait(signal, SIGNAL.sent, taken, Math.min(left, 1000));
      }
    };
    const stop = (): void => {
      void worker.terminate();
      port1.close();
    };
    return {
      drain(emit, progress) {
        if (!next(START_MS)) {
          stop();
          return foldHere(db)().drain(emit, progress);
        }
        for (;;) {
          const m = next(STALL_MS);
          if (!m) throw new Error('重建时读取事件日志的线程长时间无响应，重建已取消，原有数据未改动。');
          if ('error' in m) throw new Error(`重建时读取事件日志失败：${m.error}。重建已取消，原有数据未改动。`);
          if ('done' in m) return { ...m.done, thread: true };
          if ('forms' in m) {
            for (const f of m.forms) emit(f);
            progress?.(m.pos, m.end);
          }
        }
      },
      stop,
    };
  };
}
