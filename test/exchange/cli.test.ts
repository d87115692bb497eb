import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src-main/cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), env: { CHANGEDESK_PASSWORD: 'admin-pass-1' }, isTty: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

async function init(dir: string, code: string, name: string, kind: string): Promise<void> {
  const r = await run(['init', '--unit-code', code, '--unit-name', name, '--unit-kind', kind, '--admin', 'admin', '--data-dir', dir]);
  expect(r.code, r.err).toBe(0);
}

describe('changedesk key / peer / export / import / verify / archive', () => {
  it('runs a whole exchange from the command line', async () => {
    const files = tempDir();
    const depa = tempDir();
    const ops = tempDir();
    const arch = tempDir();
    await init(depa, 'DEPA', '需求部门甲', 'business');
    await init(ops, 'OPS', '运行维护中心', 'ops');
    await init(arch, 'ITZH', 'IT综合科', 'archive');

    const key = await run(['key', 'export', '-o', join(files, 'depa.cdkey'), '--data-dir', depa]);
    expect(key.code).toBe(0);
    const fingerprint = /公钥指纹：(.+)/.exec(key.out)![1]!;
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    await run(['key', 'export', '-o', join(files, 'ops.cdkey'), '--data-dir', ops]);

    // Without a terminal to ask on and without --yes, nothing is added.
    const unconfirmed = await run(['peer', 'add', join(files, 'depa.cdkey'), '--data-dir', ops]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.out).toContain(fingerprint);
    expect(unconfirmed.err).toContain('--yes');
    expect((await run(['peer', 'list', '--data-dir', ops])).out).toContain('尚未添加');

    expect((await run(['peer', 'add', join(files, 'depa.cdkey'), '--yes', '--data-dir', ops])).code).toBe(0);
    expect((await run(['peer', 'add', join(files, 'ops.cdkey'), '--yes', '--data-dir', depa])).code).toBe(0);
    for (const f of ['depa.cdkey', 'ops.cdkey']) expect((await run(['peer', 'add', join(files, f), '--yes', '--data-dir', arch])).code).toBe(0);
    expect((await run(['peer', 'list', '--data-dir', ops])).out).toContain(`DEPA\t需求部门甲\t${fingerprint}`);

    const bundle = join(files, 'depa-to-ops.cdbundle');
    const exp = await run(['export', '--to', 'OPS', '-o', bundle, '--data-dir', depa]);
    expect(exp.code, exp.err).toBe(0);
    expect(exp.out).toMatch(/已导出 \d+ 个事件/);

    const verified = await run(['verify', bundle, '--data-dir', ops]);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toContain('签名有效');
    // A terminal that never added DEPA does not accept its signature.
    const stranger = tempDir();
    await init(stranger, 'DEPX', '需求部门戊', 'business');
    const unknown = await run(['verify', bundle, '--data-dir', stranger]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('未登记');

    const imported = await run(['import', bundle, '--data-dir', ops]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/导入 \d+ 个新事件/);
    expect(imported.out).toMatch(/已核验事件|正在写入事件/);
    const again = await run(['import', bundle, '--data-dir', ops]);
    expect(again.out).toContain('未作任何改动');

    const tampered = join(files, 'tampered.cdbundle');
    const bytes = readFileSync(bundle);
    writeFileSync(tampered, bytes.subarray(0, bytes.length - 10));
    const bad = await run(['verify', tampered, '--data-dir', ops]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('截断');
    const badImport = await run(['import', tampered, '--data-dir', ops]);
    expect(badImport.code).toBe(1);

    const folder = tempDir();
    expect((await run(['export', '--full', '-o', join(folder, 'a.cdbundle'), '--data-dir', depa])).code).toBe(0);
    expect((await run(['export', '--full', '-o', join(folder, 'b.cdbundle'), '--data-dir', ops])).code).toBe(0);
    const archImport = await run(['archive', 'import', folder, '--data-dir', arch]);
    expect(archImport.code, archImport.err).toBe(0);
    expect(archImport.out).toContain('成功 2 个，拒绝 0 个');
    // Another file whose events are all here already changes no form, but it did arrive: listed.
    const known = await run(['import', join(folder, 'a.cdbundle'), '--data-dir', ops]);
    expect(known.out).toContain('事件本终端已有，未改变任何表单；已登记收到此交换包。');
    const later = tempDir();
    expect((await run(['export', '--to', 'OPS', '-o', join(later, 'c.cdbundle'), '--data-dir', depa])).code).toBe(0);
    const archKnown = await run(['archive', 'import', later, '--data-dir', arch]);
    expect(archKnown.out).toContain('c.cdbundle（来自 DEPA）：全部');
    expect(archKnown.out).toContain('事件本终端已有，未改变任何表单；已将此交换包记入档案目录。');
    // The very same file again: nothing at all.
    expect((await run(['archive', 'import', later, '--data-dir', arch])).out).toContain('未作任何改动');
    const report = await run(['archive', 'report', '--data-dir', arch]);
    expect(report.out).toContain('■ 需求部门甲（DEPA）');
    expect(report.out).toContain('序号缺口：无');
    const check = await run(['archive', 'verify', '--data-dir', arch]);
    expect(check.code).toBe(0);
    expect(check.out).toContain('✓ DEPA');
    expect((await run(['archive', 'catalogue', '--data-dir', arch])).out).toContain('a.cdbundle');
    // §27: the archive is IT综合科's; the ops centre's terminal refuses it.
    const notArchive = await run(['archive', 'import', folder, '--data-dir', ops]);
    expect(notArchive.code).toBe(1);
    expect(notArchive.err).toContain('第27条');
  }, 60_000);

  it('explains usage mistakes (exit 2)', async () => {
    expect((await run(['export', '-o', 'x.cdbundle', '--data-dir', tempDir()])).code).toBe(2);
    expect((await run(['key', 'show', '--data-dir', tempDir()])).code).toBe(2);
    expect((await run(['import', '--data-dir', tempDir()])).code).toBe(2);
  });
});
