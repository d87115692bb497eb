import type { CliIo } from './command';

/**
 * Progress of a long run: one line rewritten in place on a terminal, plain lines (at most one
 * per tenth of the work) when the output goes to a pipe or a log file.
 */
export interface Progress {
  (label: string, done: number, total?: number): void;
  /** Clears an unfinished progress line before the results are printed. */
  finish(): void;
}

export function progressPrinter(io: CliIo): Progress {
  let lastTenth = -1;
  let lastLabel = '';
  let open = false;
  const progress = (label: string, done: number, total?: number) => {
    const pct = total ? Math.floor((done / Math.max(1, total)) * 100) : undefined;
    const text = `${label}：${done}${total ? ` / ${total}（${pct}%）` : ''}`;
    if (io.isTty) {
      const complete = total !== undefined && done >= total;
      io.stdout(`\r\x1b[2K${text}${complete ? '\n' : ''}`);
      open = !complete;
      return;
    }
    const tenth = pct === undefined ? Math.floor(done / 10_000) : Math.floor(pct / 10);
    if (label !== lastLabel || tenth !== lastTenth) io.stdout(`${text}\n`);
    lastLabel = label;
    lastTenth = tenth;
  };
  progress.finish = () => {
    if (open) io.stdout('\r\x1b[2K');
    open = false;
  };
  return progress;
}
