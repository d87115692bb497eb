import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleError, exportBundle, importBundle, keyringOf, peerKeyFileText, verifyArchive, verifyBundle } from '../../src-main/exchange';
import { coreOf, type ServiceContext } from '../../src-main/services';
import { exchangeContextOf } from '../../src-main/services/exchange-service';
import { generateUnitKeyPair, keyFingerprint } from '../../src-main/store/event-codec';
import { writeUnitKey } from '../../src-main/store/unit-key';
import { useTempDirs } from '../helpers/temp-dir';
import { bundleOf, makeChain, makeUnit } from './fixtures';
import { makeTerminal } from './terminals';

const tempDir = useTempDirs();

describe('a peer whose key was replaced', () => {
  const old = makeUnit('OPS', '运行维护中心');
  const renewed = { ...makeUnit('OPS', '运行维护中心') };
  const before = makeChain(old, 3);
  // The key history as a terminal keeps it: the old key for seq 1–3, the new one from 4 on.
  const keyring = keyringOf(
    [renewed.known],
    [
      { ...old.known, fromSeq: 1, toSeq: 3 },
      { ...renewed.known, fromSeq: 4, toSeq: null },
    ],
  );

  it('has each event checked with the key valid for its place in the chain', async () => {
    const after = makeChain(renewed, 2, { after: before });
    const w = await bundleOf(tempDir(), renewed, [...before, ...after]);
    const v = await verifyBundle(w.path, { keyring });
    expect(v.eventCount).toBe(5);
    // Without the history, the old events no longer verify with the current key alone.
    const err = await verifyBundle(w.path, { keyring: keyringOf([renewed.known]) }).catch((e: unknown) => e);
    expect((err as BundleError).code).toBe('BUNDLE_EVENT_SIGNATURE');
  });

  it('refuses an event after the replacement that is signed with the old key', async () => {
    const stale = makeChain(old, 2, { after: before });
    const w = await bundleOf(tempDir(), renewed, [...before, ...stale]);
    const err = await verifyBundle(w.path, { keyring }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).code).toBe('BUNDLE_EVENT_SIGNATURE');
    expect((err as BundleError).message).toContain('第 4 号事件起须用更换后的密钥');
    // A bundle signed with the replaced key is refused as a whole.
    const byOld = await bundleOf(tempDir(), old, [...before]);
    expect(((await verifyBundle(byOld.path, { keyring }).catch((e: unknown) => e)) as BundleError).code).toBe('BUNDLE_UNKNOWN_SIGNER');
  });

  it('keeps archive verify of the older events green after an administrator replaced the key', async () => {
    const dir = tempDir();
    const a = await makeTerminal(tempDir(), 'DEPA', '需求部门甲');
    const b = await makeTerminal(tempDir(), 'OPS', '运行维护中心', 'ops');
    await a.trust(b, dir);
    await b.trust(a, dir);
    a.formEvent('BG-DEPA-2026-0001', 'note.created', { title: '旧密钥签署' });
    const first = join(dir, 'first.cdbundle');
    await exportBundle(a.x, { to: 'OPS', path: first });
    expect((await importBundle(b.x, first)).outcome).toBe('applied');
    const heldBefore = b.db.prepare(`SELECT max(seq) FROM event WHERE origin = 'DEPA'`).pluck().get() as number;

    // DEPA's terminal gets a new key (e.g. the old one was exposed); its services start afresh with it.
    const keys = generateUnitKeyPair();
    writeUnitKey(a.dataDir, keys.privateKeyPem);
    const ctx2: ServiceContext = { ...a.ctx };
    const core2 = coreOf(ctx2);
    const x2 = exchangeContextOf(ctx2);
    core2.write(() => core2.append({ stream: 'BG-DEPA-2026-0001', type: 'note.draftSaved', author: a.applicantId, role: 'applicant', payload: { title: '新密钥签署' } }));
    const keyFile = join(dir, 'DEPA-new.cdkey');
    const fingerprint = keyFingerprint(keys.publicKeyPem);
    writeFileSync(keyFile, peerKeyFileText({ unit: 'DEPA', name: '需求部门甲', kind: 'business', publicKeyPem: keys.publicKeyPem, fingerprint }));
    const preview = await b.ok('exchange:readPeerKey', { path: keyFile });
    expect(preview.replacesKey).toBe(true);
    await b.ok('exchange:addPeer', { path: keyFile, confirmFingerprint: preview.fingerprint });

    const history = b.x.store.keyHistory().filter((k) => k.unit === 'DEPA');
    expect(history.map((k) => [k.fromSeq, k.toSeq])).toEqual([
      [1, heldBefore],
      [heldBefore + 1, null],
    ]);
    const second = join(dir, 'second.cdbundle');
    await exportBundle(x2, { to: 'OPS', path: second });
    expect((await importBundle(b.x, second)).outcome).toBe('applied');
    const checks = await verifyArchive(b.x);
    expect(checks.find((c) => c.unit === 'DEPA')).toMatchObject({ ok: true, problems: [] });
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('records a replacement only over events already held; re-adding the same key keeps the history', async () => {
    const b = await makeTerminal(tempDir(), 'OPS', '运行维护中心', 'ops');
    const k1 = makeUnit('DEPA', '需求部门甲').known;
    const k2 = makeUnit('DEPA', '需求部门甲').known;
    const save = (k: typeof k1) => b.db.transaction(() => b.x.store.savePeer({ ...k, kind: 'business' }, '2026-11-28T10:00:00+08:00', 'admin'))();
    const ranges = () => b.x.store.keyHistory().map((k) => [k.fingerprint, k.fromSeq, k.toSeq]);
    save(k1);
    save(k1);
    expect(ranges()).toEqual([[k1.fingerprint, 1, null]]);
    // Nothing of DEPA held yet: the first key verified nothing here and leaves no range behind.
    save(k2);
    expect(ranges()).toEqual([[k2.fingerprint, 1, null]]);
    await b.ok('exchange:revokePeer', { unit: 'DEPA' });
    expect(b.x.store.keyHistory()[0]!.revoked).toBe(true);
    save(k2);
    expect(b.x.store.keyHistory()).toMatchObject([{ fingerprint: k2.fingerprint, fromSeq: 1, toSeq: null, revoked: false }]);
  });
});
