import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src-main/cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {}, isTty: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('changedesk CLI', () => {
  it('api app:info prints JSON with the schema version (exit 0)', async () => {
    const dir = tempDir();
    const r = await run(['api', 'app:info', '{}', '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ dataDir: dir, schemaVersion: 1, door: 'cli' });
  });

  it('exits 1 when the program refuses the input, with the message on stderr', async () => {
    const r = await run(['api', 'app:info', '{"x":1}', '--data-dir', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('输入有误');
  });

  it('exits 2 on usage mistakes: unknown command, unknown call, bad JSON, unknown option', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['api', 'no:such', '--data-dir', tempDir()])).code).toBe(2);
    expect((await run(['api', 'app:info', '{', '--data-dir', tempDir()])).code).toBe(2);
    const unknownOption = await run(['info', '--colour']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain('用法：changedesk info');
  });

  it('info describes the data folder in Chinese', async () => {
    const dir = tempDir();
    const r = await run(['info', '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`数据目录：${dir}`);
    expect(r.out).toContain('初始设置：未完成');
  });

  it('exits 1 with a clear message when the database is from a newer program', async () => {
    const dir = tempDir();
    const BetterSqlite3 = (await import('better-sqlite3')).default;
    const { join } = await import('node:path');
    const raw = new BetterSqlite3(join(dir, 'changedesk.db'));
    raw.pragma('user_version = 999');
    raw.close();
    const r = await run(['info', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('请升级本程序');
  });
});
