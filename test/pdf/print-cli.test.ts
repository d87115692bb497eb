import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src-main/cli';
import { isoWeekOf } from '../../src-main/pdf';
import { coreOf } from '../../src-main/services';
import { DEMO_PASSWORD, loadDemoData } from '../../src-main/services/demo/demo-data';
import { useTempDirs } from '../helpers/temp-dir';
import { makeFixture, setUpTerminal, TestClock } from '../services/fixtures';
import { pdfPagePngs, pdfTextCompact } from './pdf-tools';

const tempDir = useTempDirs();

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), env: { CHANGEDESK_PASSWORD: DEMO_PASSWORD }, isTty: false };
  return { code: await runCli(argv, io), out, err };
}

/** A data folder with the demo's units, people and forms. */
async function demoFolder(): Promise<{ dir: string; formNo: string; week: string }> {
  const dir = tempDir();
  const f = makeFixture(dir, new TestClock('2026-11-28T19:00:00+08:00'));
  await setUpTerminal(f);
  await loadDemoData(f.ctx, coreOf(f.ctx).dir.usersNamed('admin')[0]!);
  const rows = (await f.ok('change:list', { filter: {}, page: 1, pageSize: 200 })).rows;
  const planned = rows.find((r) => r.plannedStart && r.state === 'scheduled') ?? rows.find((r) => r.plannedStart)!;
  f.db.close();
  return { dir, formNo: planned.formNo, week: isoWeekOf(planned.plannedStart!.slice(0, 10)) };
}

describe('changedesk pdf, weekly-plan and verify-print', () => {
  it('prints a form and a weekly plan to files, and verify-print reads a scanned page back', async () => {
    const { dir, formNo, week } = await demoFolder();
    const out = join(dir, 'form.pdf');
    const printed = await cli(['pdf', formNo, '-o', out, '--user', 'wangwu', '--data-dir', dir]);
    expect(printed.err).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.out).toContain(`已写入 ${out}`);
    expect(pdfTextCompact(readFileSync(out))).toContain(formNo);

    const plan = join(dir, 'plan.pdf');
    const weekly = await cli(['weekly-plan', '--week', week, '-o', plan, '--user', 'zhaoliu', '--data-dir', dir]);
    expect(weekly.code).toBe(0);
    expect(pdfTextCompact(readFileSync(plan))).toContain(formNo);

    const scan = join(dir, 'scan.png');
    writeFileSync(scan, pdfPagePngs(readFileSync(out), 150, { first: 2, last: 2 })[0]!);
    const verified = await cli(['verify-print', scan, '--user', 'wangwu', '--data-dir', dir]);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain(formNo);
    expect(verified.out).toContain('是当前版本');
    expect(verified.out).toContain('第 2 页');
  });

  it('needs a user, an output file and a known form', async () => {
    const { dir, formNo } = await demoFolder();
    expect((await cli(['pdf', formNo, '--user', 'wangwu', '--data-dir', dir])).code).toBe(2);
    expect((await cli(['pdf', formNo, '-o', join(dir, 'x.pdf'), '--data-dir', dir])).code).toBe(2);
    const unknown = await cli(['pdf', 'BG-NONE-2026-9999', '-o', join(dir, 'x.pdf'), '--user', 'wangwu', '--data-dir', dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('找不到变更单');
    expect((await cli(['weekly-plan', '--week', '2026-49', '-o', join(dir, 'p.pdf'), '--user', 'wangwu', '--data-dir', dir])).code).toBe(1);
  });
});
