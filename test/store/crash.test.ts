import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const writer = join(__dirname, 'fixtures', 'crash-writer.ts');

/** Starts the writer, waits until it has committed `batches` batches, then SIGKILLs it mid-write. */
function runAndKill(dataDir: string, batches: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastCommitted = -1;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^committed (\d+)$/.exec(line);
        if (m) lastCommitted = Number(m[1]);
      }
      if (lastCommitted >= batches && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(lastCommitted);
      else reject(new Error(`writer ended without being killed: ${stderr}`));
    });
  });
}

describe('crash safety', () => {
  it('a process killed (SIGKILL) in the middle of writes leaves a database that opens cleanly with every committed row', async () => {
    const dataDir = tempDir();
    for (const target of [40, 120]) {
      // Twice on one data folder: the second run starts from what the first crash left.
      const reset = openDatabase(dataDir);
      reset.exec('DROP TABLE IF EXISTS crash_probe');
      reset.close();
      const lastCommitted = await runAndKill(dataDir, target);
      expect(lastCommitted).toBeGreaterThanOrEqual(target);

      const db = openDatabase(dataDir); // runs quick_check and refuses a damaged file
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const { n, maxId, batches } = db.prepare('SELECT count(*) AS n, max(id) AS maxId, count(DISTINCT batch) AS batches FROM crash_probe').get() as {
        n: number;
        maxId: number;
        batches: number;
      };
      // Every batch reported committed is there, whole; no batch is there in part.
      expect(batches).toBeGreaterThanOrEqual(lastCommitted + 1);
      expect(n).toBe(batches * 10);
      expect(maxId).toBe(n);
      const partial = db.prepare('SELECT batch FROM crash_probe GROUP BY batch HAVING count(*) <> 10').all();
      expect(partial).toEqual([]);
      db.close();
    }
  });
});
