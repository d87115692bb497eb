import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

// Files the browser host received for a call (issue 6: a bundle dropped on the page, a peer's key
// file chosen with 选择文件…) wait in <data>/uploads until the call that uses them. They are copies
// of a person's files, so none should outlive its use: an import job removes its bundles, adding a
// peer removes the key file, and what a person left half-way (a dialog closed) goes after a day.

const UPLOADS = 'uploads';
/** An upload not used within this long was abandoned. */
export const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

export function uploadsDir(dataDir: string): string {
  return join(dataDir, UPLOADS);
}

/** True when `path` lies inside `dir` (after resolving `..`). */
export function inside(dir: string, path: string): boolean {
  return resolve(path).startsWith(resolve(dir) + sep);
}

/** Removes `path` when it is an uploaded copy; a person's own file (the desktop program) stays. */
export function discardUpload(dataDir: string, path: string): void {
  if (inside(uploadsDir(dataDir), path)) rmSync(path, { force: true });
}

/** Removes the uploads older than `maxAgeMs` (at host start, and as new ones arrive); returns how many. */
export function cleanStaleUploads(dataDir: string, nowMs: number, maxAgeMs = STALE_UPLOAD_MS): number {
  const dir = uploadsDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(dir, name);
    try {
      const s = statSync(path);
      if (s.isFile() && nowMs - s.mtimeMs > maxAgeMs) {
        rmSync(path, { force: true });
        removed += 1;
      }
    } catch {
      // Removed meanwhile by the job that used it.
    }
  }
  return removed;
}
