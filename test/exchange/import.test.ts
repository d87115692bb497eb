import { copyFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleError, exportBundle, importBundle, verifyArchive } from '../../src-main/exchange';
import { useTempDirs } from '../helpers/temp-dir';
import { readEntries, rewriteBundle, sha256 } from './fixtures';
import { databaseHash, eventCount, makeTerminal, type Terminal } from './terminals';

const tempDir = useTempDirs();

async function pair(): Promise<{ a: Terminal; b: Terminal; dir: string }> {
  const dir = tempDir();
  const a = await makeTerminal(tempDir(), 'DEPA', '需求部门甲');
  const b = await makeTerminal(tempDir(), 'OPS', '运行维护中心', 'ops');
  await a.trust(b, dir);
  await b.trust(a, dir);
  return { a, b, dir };
}

/** Runs an import expected to be refused, and checks that the database did not change. */
async function refusedWithoutChange(t: Terminal, file: string, code: string, options = {}): Promise<BundleError> {
  const before = databaseHash(t.db);
  const err = await importBundle(t.x, file, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(BundleError);
  expect((err as BundleError).code, (err as BundleError).message).toBe(code);
  expect((err as BundleError).message).toMatch(/[\u4e00-\u9fff]/);
  expect(databaseHash(t.db)).toBe(before);
  return err as BundleError;
}

describe('peers', () => {
  it('are added from a key file after the fingerprint was compared; a wrong fingerprint is refused', async () => {
    const dir = tempDir();
    const a = await makeTerminal(tempDir(), 'DEPA', '需求部门甲');
    const b = await makeTerminal(tempDir(), 'OPS', '运行维护中心', 'ops');
    const keyFile = await a.keyFile(dir);
    const preview = await b.ok('exchange:readPeerKey', { path: keyFile });
    expect(preview).toMatchObject({ unit: 'DEPA', name: '需求部门甲', alreadyTrusted: false });
    expect(preview.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(await b.refused('exchange:addPeer', { path: keyFile, confirmFingerprint: '0000 0000 0000 0000 0000 0000 0000 0000' })).toBe('FINGERPRINT_MISMATCH');
    expect(await b.ok('exchange:peers', {})).toEqual([]);
    await b.ok('exchange:addPeer', { path: keyFile, confirmFingerprint: preview.fingerprint.toLowerCase() });
    const peers = await b.ok('exchange:peers', {});
    expect(peers.map((p) => [p.unit, p.fingerprint])).toEqual([['DEPA', preview.fingerprint]]);
    // Only an administrator adds peers.
    await b.ok('auth:logout', {});
    await b.ok('auth:login', { username: 'ops-user', password: 'user-pass-123' });
    expect(await b.refused('exchange:addPeer', { path: keyFile, confirmFingerprint: preview.fingerprint })).toBe('FORBIDDEN');
  });
});

describe('export and import between two terminals', () => {
  it('carries what the peer lacks; the peer learns the directory; replaying changes nothing', async () => {
    const { a, b, dir } = await pair();
    a.formEvent('BG-DEPA-2026-0001', 'note.created', { title: '核心系统参数调整' });
    a.formEvent('BG-DEPA-2026-0001', 'note.draftSaved', { title: '核心系统参数调整（修订）' });
    const file = join(dir, 'a-to-ops.cdbundle');
    const summary = await a.ok('exchange:export', { to: 'OPS', path: file });
    expect(summary.eventCount).toBe(eventCount(a.db));
    expect(summary.to).toBe('OPS');

    const [item] = await b.ok('exchange:import', { paths: [file] });
    expect(item).toMatchObject({ ok: true, outcome: 'applied', newEvents: summary.eventCount });
    // The directory of DEPA arrived with its events: its unit and users are known at OPS.
    const units = await b.ok('directory:units', {});
    expect(units.map((u) => u.code).sort()).toEqual(['DEPA', 'OPS']);
    expect((await b.ok('directory:users', {})).some((u) => u.username === 'depa-user')).toBe(true);

    const before = databaseHash(b.db);
    const [again] = await b.ok('exchange:import', { paths: [file] });
    expect(again).toMatchObject({ ok: true, outcome: 'unchanged', newEvents: 0 });
    expect(databaseHash(b.db)).toBe(before);

    // OPS answers: its bundle tells DEPA what OPS holds, so DEPA's next export carries only what is new.
    b.formEvent('BG-DEPA-2026-0001', 'note.accepted', { note: '已受理' });
    const back = join(dir, 'ops-to-a.cdbundle');
    const backSummary = await b.ok('exchange:export', { to: 'DEPA', path: back });
    expect(Object.keys(backSummary.origins)).toEqual(['OPS']);
    await a.ok('exchange:import', { paths: [back] });
    a.formEvent('BG-DEPA-2026-0001', 'note.submitted', {});
    const next = await a.ok('exchange:export', { to: 'OPS', path: join(dir, 'a-to-ops-2.cdbundle') });
    expect(next.eventCount).toBe(1);
    expect(next.origins.DEPA!.since).toBe(next.origins.DEPA!.upTo);
    const [applied] = await b.ok('exchange:import', { paths: [join(dir, 'a-to-ops-2.cdbundle')] });
    expect(applied).toMatchObject({ ok: true, outcome: 'applied', newEvents: 1 });
    expect(eventCount(b.db)).toBe(eventCount(a.db));
    expect((await verifyArchive(b.x)).every((c) => c.ok)).toBe(true);
  });

  it('a replay of the very file applied before reads no event again, yet its signer is checked anew', async () => {
    const { a, b, dir } = await pair();
    a.formEvent('BG-DEPA-2026-0021', 'note.created', {});
    const file = join(dir, 'once.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: file });
    expect((await importBundle(b.x, file)).outcome).toBe('applied');
    const before = databaseHash(b.db);
    const phases: string[] = [];
    const again = await importBundle(b.x, file, { onProgress: (p) => phases.push(p.phase) });
    expect(again).toMatchObject({ outcome: 'unchanged', newEvents: 0 });
    expect(phases).toEqual([]);
    expect(databaseHash(b.db)).toBe(before);
    // The signer revoked since: the replay is refused like any bundle of that key.
    await b.ok('exchange:revokePeer', { unit: 'DEPA' });
    await refusedWithoutChange(b, file, 'BUNDLE_REVOKED_SIGNER');
  });

  it('projects imported change forms: the peer sees the form in the state it reached', async () => {
    const { a, b, dir } = await pair();
    await a.ok('auth:login', { username: 'depa-user', password: 'user-pass-123' }, 'applicant');
    const created = await a.ok(
      'change:create',
      { title: '调整个人存款挂牌利率参数', applicantUnitName: '需求部门甲', contact: '分机 8021', changeType: '业务参数修改', content: '按总行通知调整利率' },
      'applicant',
    );
    const formId = created.state.formId;
    await a.ok('change:saveDraft', { formId, contact: '分机 8022' }, 'applicant');
    const file = join(dir, 'form.cdbundle');
    await a.ok('exchange:export', { to: 'OPS', path: file });
    const [item] = await b.ok('exchange:import', { paths: [file] });
    expect(item).toMatchObject({ ok: true, outcome: 'applied' });
    await b.ok('auth:login', { username: 'ops-user', password: 'user-pass-123' }, 'ops');
    const seen = await b.ok('change:get', { formId }, 'ops');
    expect(seen.state).toMatchObject({ formNo: created.state.formNo, state: 'draft', applicant: { unitCode: 'DEPA' } });
    expect(seen.state.part1.contact).toBe('分机 8022');
    expect(seen.timeline.map((t) => t.authorName)).toEqual(['需求部门甲经办人', '需求部门甲经办人']);
  });

  it('carries attachments by content hash', async () => {
    const { a, b, dir } = await pair();
    const scan = Buffer.from('%PDF-1.4 已签字的纸质流程单扫描件');
    const sha = sha256(scan);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(a.dataDir, 'attachments'), { recursive: true });
    writeFileSync(join(a.dataDir, 'attachments', sha), scan);
    a.formEvent('BG-DEPA-2026-0002', 'note.created', { attachments: [{ name: '扫描件.pdf', sha256: sha }] });
    const file = join(dir, 'with-scan.cdbundle');
    const s = await a.ok('exchange:export', { to: 'OPS', path: file });
    expect(s.attachmentCount).toBe(1);
    expect((await readEntries(file)).some((e) => e.name === `attachments/${sha}`)).toBe(true);
    await b.ok('exchange:import', { paths: [file] });
    expect(readFileSync(join(b.dataDir, 'attachments', sha))).toEqual(scan);
  });

  it('keeps a bundle aside while the events it builds on are missing, says which, and applies it once they arrive', async () => {
    const { a, b, dir } = await pair();
    a.formEvent('BG-DEPA-2026-0003', 'note.created', {});
    const first = join(dir, '1.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: first });
    const firstHead = eventCount(a.db);
    // DEPA believes OPS has the first bundle already (as if OPS had acknowledged it) and sends only the rest.
    a.x.db.transaction(() => a.x.store.learnAcks('OPS', { DEPA: firstHead }))();
    a.formEvent('BG-DEPA-2026-0003', 'note.draftSaved', { n: 2 });
    a.formEvent('BG-DEPA-2026-0003', 'note.submitted', {});
    const second = join(dir, '2.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: second });

    const [kept] = await b.ok('exchange:import', { paths: [second] });
    expect(kept).toMatchObject({ ok: true, outcome: 'pending' });
    expect(kept!.ok && kept!.waitingFor.join()).toContain(`第 1–${firstHead} 号事件`);
    expect(await b.ok('exchange:pending', {})).toHaveLength(1);
    const beforeCount = eventCount(b.db);
    expect(b.db.prepare(`SELECT count(*) FROM event WHERE origin = 'DEPA'`).pluck().get()).toBe(0);

    const [applied] = await b.ok('exchange:import', { paths: [first] });
    expect(applied).toMatchObject({ ok: true, outcome: 'applied' });
    expect(applied!.ok && applied!.released).toHaveLength(1);
    expect(await b.ok('exchange:pending', {})).toEqual([]);
    expect(eventCount(b.db)).toBe(beforeCount + eventCount(a.db));
  });

  it('refuses a fork, raising an alarm that names the unit', async () => {
    const { a, b, dir } = await pair();
    a.formEvent('BG-DEPA-2026-0004', 'note.created', {});
    // A copy of DEPA's data folder goes on signing as if it were the same terminal.
    const cloneDir = tempDir();
    cpSync(a.dataDir, cloneDir, { recursive: true });
    const { makeFixture } = await import('../services/fixtures');
    const { coreOf, PROGRAM_VERSION } = await import('../../src-main/services');
    const { exchangeContextOf } = await import('../../src-main/services/exchange-service');
    a.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(join(a.dataDir, 'changedesk.db'), join(cloneDir, 'changedesk.db'));
    const clone = makeFixture(cloneDir);
    const cloneCtx = { db: clone.db, dataDir: cloneDir, version: PROGRAM_VERSION, clock: clone.clock.now };
    const cloneCore = coreOf(cloneCtx);
    cloneCore.write(() => cloneCore.append({ stream: 'BG-DEPA-2026-0004', type: 'note.draftSaved', author: a.applicantId, role: 'applicant', payload: { by: 'clone' } }));
    a.formEvent('BG-DEPA-2026-0004', 'note.draftSaved', { by: 'original' });

    const original = join(dir, 'original.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: original });
    const forked = join(dir, 'forked.cdbundle');
    await exportBundle(exchangeContextOf(cloneCtx), { to: 'OPS', path: forked });

    await importBundle(b.x, original);
    const before = eventCount(b.db);
    const err = await importBundle(b.x, forked).catch((e: unknown) => e as BundleError);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).code).toBe('BUNDLE_FORK');
    expect((err as BundleError).message).toContain('需求部门甲');
    expect(eventCount(b.db)).toBe(before);
    const alarms = await b.ok('exchange:alarms', {});
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ kind: 'fork', unit: 'DEPA' });
    expect(alarms[0]!.message).toContain('分叉');
  });

  it('records two events that extend one form state differently as a conflict; the choice is an event', async () => {
    const { a, b, dir } = await pair();
    const form = 'BG-DEPA-2026-0005';
    a.formEvent(form, 'note.created', {});
    await exportBundle(a.x, { to: 'OPS', path: join(dir, 'c1.cdbundle') });
    await importBundle(b.x, join(dir, 'c1.cdbundle'));
    // Both sides move the form on from the same state.
    const opsUser = (await b.ok('directory:users', {})).find((u) => u.username === 'ops-user')!;
    const theirs = b.formEvent(form, 'note.accepted', {}, { author: opsUser.id, role: 'ops_coordinator' });
    const mine = a.formEvent(form, 'note.withdrawn', {});
    await exportBundle(a.x, { to: 'OPS', path: join(dir, 'c2.cdbundle') });
    const [item] = await b.ok('exchange:import', { paths: [join(dir, 'c2.cdbundle')] });
    expect(item).toMatchObject({ ok: true, outcome: 'applied', conflicts: 1 });
    const [conflict] = await b.ok('exchange:conflicts', {});
    expect(conflict!.formId).toBe(form);
    expect(conflict!.events.map((e) => e.id).sort()).toEqual([theirs.id, mine.id].sort());

    // The 受理人 chooses; the choice is a signed event extending both.
    await b.ok('auth:logout', {});
    await b.ok('auth:login', { username: 'ops-user', password: 'user-pass-123' });
    const resolved = await b.ok('exchange:resolveConflict', { conflictId: conflict!.id, chosenEventId: theirs.id });
    expect(resolved.resolvedBy).toMatch(/^[0-9a-f]{64}$/);
    const row = b.db.prepare('SELECT body FROM event WHERE id = ?').get(resolved.resolvedBy) as { body: Buffer };
    const body = JSON.parse(row.body.toString('utf8')) as { type: string; parents: string[]; payload: { chosen: string } };
    expect(body.type).toBe('conflict.resolved');
    expect(body.parents.sort()).toEqual([theirs.id, mine.id].sort());
    expect(body.payload.chosen).toBe(theirs.id);
    expect(await b.refused('exchange:resolveConflict', { conflictId: conflict!.id, chosenEventId: theirs.id })).toBe('CONFLICT_RESOLVED');
  });
});

describe('bad input leaves the database unchanged and says what was wrong', () => {
  it('each kind of damaged or untrusted bundle', async () => {
    const { a, b, dir } = await pair();
    a.formEvent('BG-DEPA-2026-0006', 'note.created', { title: '网银系统补丁安装' });
    a.formEvent('BG-DEPA-2026-0006', 'note.draftSaved', { title: '网银系统补丁安装（修订）' });
    const good = join(dir, 'good.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: good });
    const bytes = readFileSync(good);

    const truncated = join(dir, 'truncated.cdbundle');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    await refusedWithoutChange(b, truncated, 'BUNDLE_TRUNCATED');

    const notZip = join(dir, 'note.cdbundle');
    writeFileSync(notZip, '不是交换包');
    await refusedWithoutChange(b, notZip, 'BUNDLE_NOT_ZIP');

    const flipped = join(dir, 'flipped.cdbundle');
    await rewriteBundle(good, flipped, (entries) => {
      const ev = entries.find((e) => e.name === 'events.ndjson')!;
      ev.data = Buffer.from(ev.data.toString('utf8').replace('网银系统', '网银系纟'), 'utf8');
    });
    await refusedWithoutChange(b, flipped, 'BUNDLE_FILE_HASH');

    const unsigned = join(dir, 'unsigned.cdbundle');
    await rewriteBundle(good, unsigned, (entries) => entries.filter((e) => e.name !== 'manifest.sig'));
    await refusedWithoutChange(b, unsigned, 'BUNDLE_SIGNATURE_MISSING');

    const badName = join(dir, 'badname.cdbundle');
    await rewriteBundle(good, badName, (entries) => [...entries, { name: '../../evil.sh', data: Buffer.from('rm -rf /') }]);
    await refusedWithoutChange(b, badName, 'BUNDLE_ENTRY_NAME');

    // An unknown signer: a third unit nobody added.
    const c = await makeTerminal(tempDir(), 'DEPC', '需求部门丙');
    const strangers = join(dir, 'stranger.cdbundle');
    await exportBundle(c.x, { full: true, path: strangers });
    await refusedWithoutChange(b, strangers, 'BUNDLE_UNKNOWN_SIGNER');

    // A revoked peer.
    await b.ok('exchange:revokePeer', { unit: 'DEPA' });
    await refusedWithoutChange(b, good, 'BUNDLE_REVOKED_SIGNER');
    await b.trust(a, dir);

    // Addressed to another unit: refused unless confirmed.
    const elsewhere = join(dir, 'elsewhere.cdbundle');
    await a.trust(c, dir);
    await exportBundle(a.x, { to: 'DEPC', path: elsewhere });
    const wrong = await refusedWithoutChange(b, elsewhere, 'BUNDLE_WRONG_ADDRESSEE');
    expect(wrong.message).toContain('DEPC');
    const [confirmed] = await b.ok('exchange:import', { paths: [elsewhere], confirmOtherAddressee: true });
    expect(confirmed).toMatchObject({ ok: true, outcome: 'applied' });
  });

  it('an author who did not hold the role the event claims', async () => {
    const { a, b, dir } = await pair();
    // The applicant's terminal signs an event claiming the 运行维护中心负责人 role it was never granted.
    a.formEvent('BG-DEPA-2026-0007', 'note.approved', {}, { author: a.applicantId, role: 'ops_head' });
    const file = join(dir, 'role.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: file });
    const err = await refusedWithoutChange(b, file, 'BUNDLE_AUTHOR_ROLE');
    expect(err.message).toContain('运行维护中心负责人');
  });

  it("judges an author's role by the directory when the event was made: a role lost later still counts", async () => {
    const { a, b, dir } = await pair();
    const head = await a.ok('directory:saveUser', { username: 'depa-head', name: '需求部门甲负责人', unitCode: 'DEPA', roles: ['dept_head'], password: 'user-pass-123' });
    a.formEvent('BG-DEPA-2026-0011', 'note.approved', {}, { author: head.id, role: 'dept_head' });
    // Later the person moves on: the role is taken away (and the account disabled).
    await a.ok('directory:saveUser', { id: head.id, username: 'depa-head', name: '需求部门甲负责人', unitCode: 'DEPA', roles: ['applicant'], disabled: true });
    const file = join(dir, 'lost.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: file });
    const r = await importBundle(b.x, file);
    expect(r.outcome).toBe('applied');
    const depa = (t: Terminal) => t.db.prepare(`SELECT count(*) FROM event WHERE origin = 'DEPA'`).pluck().get();
    expect(depa(b)).toBe(depa(a));
  });

  it('refuses an event signed with a role that was granted only later in the chain (no backdating)', async () => {
    const { a, b, dir } = await pair();
    a.formEvent('BG-DEPA-2026-0012', 'note.approved', {}, { author: a.applicantId, role: 'dept_head' });
    // The role is granted after the event: today's directory would let it pass.
    await a.ok('directory:saveUser', { id: a.applicantId, username: 'depa-user', name: '需求部门甲经办人', unitCode: 'DEPA', roles: ['applicant', 'dept_head'] });
    const file = join(dir, 'backdated.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: file });
    const err = await refusedWithoutChange(b, file, 'BUNDLE_AUTHOR_ROLE');
    expect(err.message).toContain('在此事件发生时');
    expect(err.message).toContain('部门负责人');
  });

  it('reordered events under a manifest the producer signed', async () => {
    const { a, b, dir } = await pair();
    a.formEvent('BG-DEPA-2026-0008', 'note.created', {});
    const good = join(dir, 'good.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: good });
    const reordered = join(dir, 'reordered.cdbundle');
    const { privateKeyFromPem } = await import('../../src-main/store/event-codec');
    const key = readFileSync(join(a.dataDir, 'unit-key.pem'), 'utf8');
    await rewriteBundle(
      good,
      reordered,
      (entries, manifest) => {
        const ev = entries.find((e) => e.name === 'events.ndjson')!;
        const ls = ev.data.toString('utf8').trimEnd().split('\n');
        [ls[0], ls[1]] = [ls[1]!, ls[0]!];
        ev.data = Buffer.from(`${ls.join('\n')}\n`);
        const f = (manifest.files as Array<{ path: string; sha256: string; size: number }>)[0]!;
        f.sha256 = sha256(ev.data);
        f.size = ev.data.length;
      },
      { privateKey: privateKeyFromPem(key) },
    );
    await refusedWithoutChange(b, reordered, 'BUNDLE_EVENT_ORDER');
  });
});

describe('archive mode', () => {
  it('imports a folder, catalogues it, reports completeness per unit and verifies every chain', async () => {
    const { a, b, dir } = await pair();
    const archive = await makeTerminal(tempDir(), 'ITZH', 'IT综合科', 'archive');
    await archive.trust(a, dir);
    await archive.trust(b, dir);
    a.formEvent('BG-DEPA-2026-0009', 'note.created', {});
    b.formEvent('BG-OPS-2026-0001', 'note.created', {});
    const folder = tempDir();
    await exportBundle(a.x, { full: true, path: join(folder, '01-DEPA.cdbundle') });
    await exportBundle(b.x, { full: true, path: join(folder, '02-OPS.cdbundle') });
    writeFileSync(join(folder, '03-broken.cdbundle'), 'broken');
    const items = await archive.ok('archive:importFolder', { dir: folder });
    expect(items.map((i) => i.ok)).toEqual([true, true, false]);
    expect(items[2]).toMatchObject({ ok: false, code: 'BUNDLE_NOT_ZIP' });

    const catalogue = await archive.ok('archive:catalogue', {});
    expect(catalogue.map((r) => [r.fileName, r.producer, r.outcome])).toEqual([
      ['01-DEPA.cdbundle', 'DEPA', 'applied'],
      ['02-OPS.cdbundle', 'OPS', 'applied'],
    ]);
    const report = await archive.ok('archive:report', {});
    const depa = report.find((r) => r.unit === 'DEPA')!;
    expect(depa.headSeq).toBe(eventCount(a.db));
    expect(depa.gaps).toEqual([]);
    const checks = await archive.ok('archive:verify', {});
    expect(checks.map((c) => [c.unit, c.ok])).toEqual([
      ['DEPA', true],
      ['ITZH', true],
      ['OPS', true],
    ]);

    // Tampering with a stored event (below the program, with the append-only trigger removed) is found.
    archive.db.exec('DROP TRIGGER event_append_only_update');
    archive.db.prepare(`UPDATE event SET body = CAST(replace(CAST(body AS TEXT), '"seq":2', '"seq":2 ') AS BLOB) WHERE origin = 'DEPA' AND seq = 2`).run();
    const after = await archive.ok('archive:verify', {});
    const bad = after.find((c) => c.unit === 'DEPA')!;
    expect(bad.ok).toBe(false);
    expect(bad.problems.join()).toContain('第 2 号事件');
    // A signature replaced by another of the right length is found too.
    archive.db.prepare(`UPDATE event SET sig = zeroblob(64) WHERE origin = 'OPS' AND seq = 1`).run();
    const opsCheck = (await archive.ok('archive:verify', {})).find((c) => c.unit === 'OPS')!;
    expect(opsCheck.problems).toEqual(['第 1 号事件的签名无效']);
    expect(readdirSync(folder)).toHaveLength(3);
  });

  it("catalogues a unit's bundle whose events another bundle brought first, once, without changing any form", async () => {
    const { a, b, dir } = await pair();
    const archive = await makeTerminal(tempDir(), 'ITZH', 'IT综合科', 'archive');
    await archive.trust(a, dir);
    await archive.trust(b, dir);
    a.formEvent('BG-DEPA-2026-0031', 'note.created', {});
    const fromA = join(dir, 'DEPA-full.cdbundle');
    await exportBundle(a.x, { full: true, path: fromA });
    await b.ok('exchange:import', { paths: [fromA] });
    b.formEvent('BG-OPS-2026-0031', 'note.created', {});
    // OPS's full bundle carries DEPA's events too: imported first, DEPA's own bundle brings nothing new.
    const fromB = join(dir, 'OPS-full.cdbundle');
    await exportBundle(b.x, { full: true, path: fromB });
    expect((await archive.ok('exchange:import', { paths: [fromB] }))[0]).toMatchObject({ ok: true, outcome: 'applied' });
    const forms = databaseHash(archive.db, ['import_record', 'peer_ack']);
    archive.clock.advanceMinutes(1);
    expect((await archive.ok('exchange:import', { paths: [fromA] }))[0]).toMatchObject({ ok: true, outcome: 'unchanged', newEvents: 0 });
    expect(databaseHash(archive.db, ['import_record', 'peer_ack'])).toBe(forms);

    const catalogue = await archive.ok('archive:catalogue', {});
    expect(catalogue.map((r) => [r.fileName, r.producer, r.outcome, r.newEvents])).toEqual([
      ['OPS-full.cdbundle', 'OPS', 'applied', eventCount(b.db)],
      ['DEPA-full.cdbundle', 'DEPA', 'unchanged', 0],
    ]);
    const depa = (await archive.ok('archive:report', {})).find((r) => r.unit === 'DEPA')!;
    expect(depa.lastImportAt).toBe(catalogue[1]!.importedAt);

    // The very same file again: no second line in the catalogue, nothing else changes either.
    const before = databaseHash(archive.db);
    expect((await archive.ok('exchange:import', { paths: [fromA] }))[0]).toMatchObject({ ok: true, outcome: 'unchanged' });
    expect(databaseHash(archive.db)).toBe(before);
    expect(await archive.ok('archive:catalogue', {})).toHaveLength(2);
  });

  it('reports per applicant unit the forms not yet archived and those without a recorded hand signature', async () => {
    const { a, dir } = await pair();
    const archive = await makeTerminal(tempDir(), 'ITZH', 'IT综合科', 'archive');
    await archive.trust(a, dir);
    await a.ok('directory:saveSystem', { code: 'CORE', name: '核心业务系统', class: '生产业务系统', ownerUnit: 'DEPA' });
    await a.ok('directory:saveUser', { username: 'depa-head', name: '部门负责人甲', unitCode: 'DEPA', roles: ['dept_head'], password: 'head-pass-123' });
    await a.ok('auth:login', { username: 'depa-user', password: 'user-pass-123' }, 'applicant');
    await a.ok('auth:login', { username: 'depa-head', password: 'head-pass-123' }, 'head');
    const created = await a.ok(
      'change:create',
      {
        title: '调整个人存款挂牌利率参数',
        applicantUnitName: '需求部门甲',
        contact: '分机 8021',
        systems: ['CORE'],
        changeType: '业务参数修改',
        changeSource: '业务发展',
        content: '按总行通知调整利率',
        otherMeasuresExist: false,
        impactIfNot: { customer: '无', compliance: '无', stakeholders: '无', internalOps: '无', securityControl: '无', availability: '无', dataAccuracy: '无' },
        urgency: '一般',
      },
      'applicant',
    );
    const formId = created.state.formId;
    await a.ok('change:submit', { formId }, 'applicant');
    await a.ok('change:deptApprove', { formId, opinion: '同意' }, 'head');
    await importBundle(archive.x, (await exportBundle(a.x, { full: true, path: join(dir, 'a1.cdbundle') })).path);
    const before = (await archive.ok('archive:report', {})).find((r) => r.unit === 'DEPA')!;
    expect(before).toMatchObject({ forms: 1, notArchived: [created.state.formNo], unrecordedSignatures: [created.state.formNo] });

    // The hand-signed paper copy is recorded; the next bundle brings the record.
    const view = await a.ok('change:get', { formId }, 'head');
    for (const block of view.signatureBlocks.filter((b) => b.applies && b.signed && !b.wet)) {
      await a.ok('change:recordWetSignature', { formId, blockId: block.id }, 'head');
    }
    await importBundle(archive.x, (await exportBundle(a.x, { full: true, path: join(dir, 'a2.cdbundle') })).path);
    const after = (await archive.ok('archive:report', {})).find((r) => r.unit === 'DEPA')!;
    expect(after.unrecordedSignatures).toEqual([]);
    expect(after.notArchived).toEqual([created.state.formNo]);
  });

  it('reports a gap when a bundle said its producer holds events the archive lacks', async () => {
    const { a, b, dir } = await pair();
    a.formEvent('BG-DEPA-2026-0010', 'note.created', {});
    const archive = await makeTerminal(tempDir(), 'ITZH', 'IT综合科', 'archive');
    await archive.trust(a, dir);
    await archive.trust(b, dir);
    await importBundle(b.x, (await exportBundle(a.x, { to: 'OPS', path: join(dir, 'x.cdbundle') })).path);
    // OPS's full bundle carries DEPA's events too; then DEPA writes more that only DEPA holds.
    a.formEvent('BG-DEPA-2026-0010', 'note.submitted', {});
    const { has } = (await exportBundle(a.x, { full: true, path: join(dir, 'a-full.cdbundle') })).manifest;
    const opsFull = await exportBundle(b.x, { full: true, path: join(dir, 'ops-full.cdbundle') });
    await importBundle(archive.x, opsFull.path);
    const depaHead = eventCount(a.db);
    // An OPS bundle learnt from DEPA that DEPA holds more: the archive knows of a gap.
    archive.x.db.transaction(() => archive.x.store.learnAcks('DEPA', has))();
    const report = (await archive.ok('archive:report', {})).find((r) => r.unit === 'DEPA')!;
    expect(report.headSeq).toBe(depaHead - 1);
    expect(report.gaps).toEqual([{ fromSeq: depaHead, toSeq: depaHead }]);
  });
});
