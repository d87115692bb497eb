import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentPath } from '../../src-main/exchange';
import { coreOf } from '../../src-main/services';
import { changeEngine } from '../../src-main/services/change-service';
import { loadDemoData } from '../../src-main/services/demo/demo-data';
import { useTempDirs } from '../helpers/temp-dir';
import { pdfPagePngs } from '../pdf/pdf-tools';
import { makeTerminal } from './terminals';

const tempDir = useTempDirs();

describe('a wet-signature record between terminals (§27)', () => {
  it('travels in a bundle with its scan, and the archive terminal sees the same record and the same bytes', async () => {
    const dir = tempDir();
    const ops = await makeTerminal(tempDir(), 'OPS', '运行维护中心', 'ops');
    const arch = await makeTerminal(tempDir(), 'ITZH', 'IT综合科', 'archive');
    await ops.trust(arch, dir);
    await arch.trust(ops, dir);
    await loadDemoData(ops.ctx, coreOf(ops.ctx).dir.usersNamed('admin')[0]!);
    await ops.ok('auth:login', { username: 'wangwu', password: 'demo-2026' }, 'ww');

    const row = (await ops.ok('change:list', { filter: { state: 'pending_archive' }, page: 1, pageSize: 10 }, 'ww')).rows[0]!;
    const printed = await ops.ok('print:changeForm', { formId: row.formId, part: 'post' }, 'ww');
    const scan = pdfPagePngs(Buffer.from(printed.pdfBase64, 'base64'), 150, { first: 1, last: 1 })[0]!;
    const stored = await ops.ok('print:storeScan', { formId: row.formId, blockId: 'post.implementer', imageBase64: scan.toString('base64') }, 'ww');
    expect(stored.problems).toEqual([]);
    const view = await ops.ok('change:recordWetSignature', { formId: row.formId, blockId: 'post.implementer', signedOn: '2026-11-27', scanSha256: stored.sha256 }, 'ww');

    const file = join(dir, 'ops-to-itzh.cdbundle');
    const summary = await ops.ok('exchange:export', { to: 'ITZH', path: file });
    expect(summary.attachmentCount).toBeGreaterThanOrEqual(1);
    const [item] = await arch.ok('exchange:import', { paths: [file] });
    expect(item).toMatchObject({ ok: true, outcome: 'applied' });

    const there = changeEngine(coreOf(arch.ctx)).queries.form(row.formId)!.state;
    expect(there.wetSignatures).toEqual(view.state.wetSignatures);
    expect(there.wetSignatures?.['post.implementer']).toMatchObject({ signedOn: '2026-11-27', scanSha256: stored.sha256, recordedBy: { name: '王五' } });
    expect(readFileSync(attachmentPath(arch.dataDir, stored.sha256))).toEqual(scan);
  });
});
