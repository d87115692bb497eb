import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src-main/cli';
import { listBackups, openDatabase } from '../../src-main/store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {}, isTty: false };
  return { code: await runCli(argv, io), out, err };
}

function setValue(dataDir: string, value: string): void {
  const db = openDatabase(dataDir);
  db.prepare(`INSERT INTO setting (key, value) VALUES ('probe', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(value);
  db.close();
}
function getValue(dataDir: string): unknown {
  const db = openDatabase(dataDir);
  const v = db.prepare(`SELECT value FROM setting WHERE key = 'probe'`).pluck().get();
  db.close();
  return v;
}

describe('changedesk backup / restore', () => {
  it('backup -o F then restore F brings the data back, backing up the current data first', async () => {
    const dir = tempDir();
    const file = join(tempDir(), 'copy.db');
    setValue(dir, '第一版');
    const b = await run(['backup', '-o', file, '--data-dir', dir]);
    expect(b).toMatchObject({ code: 0, out: `已备份到 ${file}\n` });

    setValue(dir, '第二版');
    const r = await run(['restore', file, '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`已从 ${file} 恢复数据库`);
    expect(getValue(dir)).toBe('第一版');
    expect(listBackups(dir).map((x) => x.kind)).toEqual(['before-restore']);
  });

  it('backup without -o writes into the data folder; an existing -o file is not overwritten', async () => {
    const dir = tempDir();
    const r = await run(['backup', '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(listBackups(dir).map((x) => x.kind)).toEqual(['manual']);
    const existing = join(tempDir(), 'exists.db');
    writeFileSync(existing, 'keep me');
    const again = await run(['backup', '-o', existing, '--data-dir', dir]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('已存在');
  });

  it('restore refuses a file that is not a ChangeDesk database (exit 1, Chinese) and keeps the data', async () => {
    const dir = tempDir();
    setValue(dir, '原数据');
    const junk = join(tempDir(), 'junk.db');
    writeFileSync(junk, 'hello');
    const r = await run(['restore', junk, '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('不是 ChangeDesk 数据库');
    expect(getValue(dir)).toBe('原数据');
    expect((await run(['restore', '--data-dir', dir])).code).toBe(2);
  });
});
