import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src-main/cli';
import { migrations } from '../../src-main/store/migrations';
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
    expect(JSON.parse(r.out)).toMatchObject({ dataDir: dir, schemaVersion: migrations.length, door: 'cli' });
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

describe('changedesk init and api --user', () => {
  it('sets a terminal up from the command line and runs calls as a logged-in user', async () => {
    const dir = tempDir();
    const env = { CHANGEDESK_PASSWORD: 'cli-admin-pass' };
    const io = (out: string[], err: string[]): CliIo => ({ stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, isTty: false });
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['init', '--data-dir', dir, '--unit-code', 'OPS', '--unit-name', '运行维护中心', '--admin', 'root'], io(out, err));
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    expect(out.join('')).toContain('单位签名公钥指纹：');

    const anonymous = await run(['api', 'directory:users', '{}', '--data-dir', dir]);
    expect(anonymous.code).toBe(1);
    expect(anonymous.err).toContain('请先登录');

    const users: string[] = [];
    expect(await runCli(['api', 'directory:users', '{}', '--user', 'root', '--data-dir', dir], io(users, []))).toBe(0);
    expect(JSON.parse(users.join(''))).toMatchObject([{ username: 'root', roles: ['admin'], unitCode: 'OPS' }]);

    const wrong = await runCli(['api', 'directory:users', '{}', '--user', 'root', '--data-dir', dir], { ...io([], err), env: { CHANGEDESK_PASSWORD: 'nope-nope' } });
    expect(wrong).toBe(1);
    expect(err.join('')).toContain('登录失败');
  });

  it('asks for the password when CHANGEDESK_PASSWORD is not set and there is no terminal: usage error', async () => {
    const r = await run(['init', '--data-dir', tempDir(), '--unit-code', 'OPS', '--unit-name', 'x', '--admin', 'root']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('CHANGEDESK_PASSWORD');
  });
});

describe('changedesk demo, audit verify and rebuild', () => {
  it('loads the demo into a new data folder, verifies the log, rebuilds, and names a tampered event', async () => {
    const dir = tempDir();
    const demo = await run(['demo', '--data-dir', dir]);
    expect(demo.err).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/已载入 \d+ 张演示变更单/);
    expect(demo.out).toContain('zhaoliu');
    expect(demo.out).toContain('demo-2026');

    const ok = await run(['audit', 'verify', '--data-dir', dir]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('事件日志校验通过');

    const rebuilt = await run(['rebuild', '--data-dir', dir]);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toMatch(/重建完成：重放 \d+ 条事件/);

    const BetterSqlite3 = (await import('better-sqlite3')).default;
    const { join } = await import('node:path');
    const raw = new BetterSqlite3(join(dir, 'changedesk.db'));
    raw.exec('DROP TRIGGER event_append_only_update');
    raw.prepare(`UPDATE event SET body = CAST(replace(CAST(body AS TEXT), '同意', '不同意') AS BLOB) WHERE pos = (SELECT min(pos) FROM event WHERE CAST(body AS TEXT) LIKE '%同意%')`).run();
    const pos = raw.prepare(`SELECT min(pos) FROM event WHERE CAST(body AS TEXT) LIKE '%不同意%'`).pluck().get();
    raw.close();
    const bad = await run(['audit', 'verify', '--data-dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`第 ${pos} 条记录有问题`);
    expect(bad.err).toContain('哈希值与内容不符');
  });
});
