import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Statement } from 'better-sqlite3';
import { missingWetSignatures } from '../domain';
import { AppError } from '../shared/errors';
import type { ChangeFormState } from '../shared/schemas/change-form';
import type { ChainCheckView, UnitCompletenessView } from '../shared/schemas/exchange';
import { canonicalEventBytes, sha256Hex } from '../store/event-codec';
import { BUNDLE_EXTENSION } from './bundle-format';
import { terminalKeyring, type ExchangeContext } from './exchange-context';
import { importBundle, type ImportOptions, type ImportResult } from './importer';
import { SignaturePool } from './signature-pool';

const MAX_PROBLEMS = 20;


// Archive mode (IT综合科, §27: the completed forms are handed to IT综合科 for archiving): every
// unit's bundles imported in one go, a catalogue of them, a completeness report per unit and an
// end-to-end check of every chain.

export type FolderImportItem = { file: string } & ({ ok: true; result: ImportResult; recorded: boolean } | { ok: false; code: string; message: string });

/**
 * Imports one bundle and says whether the catalogue gained its line: a bundle whose events all
 * came before in other bundles is still listed as arrived, the very same file again is not.
 */
export async function importCatalogued(ctx: ExchangeContext, path: string, options: ImportOptions = {}): Promise<{ result: ImportResult; recorded: boolean }> {
  const before = ctx.store.lastRecordId();
  const result = await importBundle(ctx, path, options);
  return { result, recorded: ctx.store.lastRecordId() > before };
}

/** Imports every .cdbundle of a folder, oldest name first; one refusal does not stop the others. */
export async function importFolder(ctx: ExchangeContext, dir: string, options: ImportOptions = {}): Promise<FolderImportItem[]> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith(BUNDLE_EXTENSION)).sort();
  } catch (e) {
    throw new AppError('ARCHIVE_FOLDER', `无法读取文件夹「${dir}」：${(e as Error).message}`);
  }
  const out: FolderImportItem[] = [];
  for (const n of names) {
    const file = join(dir, n);
    try {
      // The archive receives every unit's bundles, whoever they were addressed to.
      out.push({ file, ok: true, ...(await importCatalogued(ctx, file, { ...options, confirmOtherAddressee: true })) });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.push({ file, ok: false, code: e.code, message: e.message });
    }
  }
  return out;
}

export type UnitCompleteness = UnitCompletenessView;

function tableExists(ctx: ExchangeContext, name: string): boolean {
  return ctx.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/** The completeness report per unit. */
export function completenessReport(ctx: ExchangeContext): UnitCompleteness[] {
  const { db, store } = ctx;
  const keyring = terminalKeyring(ctx);
  const vector = store.vector();
  const claimed = new Map<string, number>();
  for (const r of db.prepare('SELECT origin, max(seq) AS seq FROM peer_ack GROUP BY origin').all() as Array<{ origin: string; seq: number }>) {
    claimed.set(r.origin, r.seq);
  }
  const haveForms = tableExists(ctx, 'form');
  const units = new Set<string>([...Object.keys(vector), ...claimed.keys(), ...store.peers().map((p) => p.unit)]);
  if (haveForms) for (const u of db.prepare('SELECT DISTINCT applicant_unit FROM form').pluck().all() as string[]) units.add(u);
  const directoryName = db.prepare('SELECT name FROM unit WHERE code = ?').pluck() as Statement<[string], string>;
  const pending = store.pending();
  const records = store.records();
  const formsOf = haveForms
    ? (db.prepare('SELECT form_no, state, state_json FROM form WHERE applicant_unit = ? ORDER BY form_no') as Statement<
        [string],
        { form_no: string; state: string; state_json: string }
      >)
    : undefined;
  return [...units].sort().map((unit) => {
    const headSeq = vector[unit] ?? 0;
    const claimedSeq = Math.max(headSeq, claimed.get(unit) ?? 0);
    const forms = formsOf?.all(unit) ?? [];
    return {
      unit,
      name: keyring.key(unit)?.name ?? directoryName.get(unit) ?? unit,
      headSeq,
      claimedSeq,
      gaps: claimedSeq > headSeq ? [{ fromSeq: headSeq + 1, toSeq: claimedSeq }] : [],
      pendingBundles: pending.filter((p) => p.producer === unit).length,
      lastImportAt: records.filter((r) => r.producer === unit).map((r) => r.importedAt).sort().pop() ?? null,
      forms: forms.length,
      notArchived: forms.filter((f) => f.state !== 'archived' && f.state !== 'withdrawn').map((f) => f.form_no),
      // §27 / domain.md (Paper and signatures): a block signed electronically whose paper copy
      // has not been recorded as signed by hand.
      unrecordedSignatures: forms.filter((f) => missingWetSignatures(JSON.parse(f.state_json) as ChangeFormState).some((b) => b.signed)).map((f) => f.form_no),
    };
  });
}

export type ChainCheck = ChainCheckView;

/**
 * `archive verify`: every origin's chain end to end — seq 1, 2, 3 … each linked to the one
 * before, every stored body re-hashed to its id and its signature checked with the unit's key
 * (a revoked key still proves what it signed before).
 */
export async function verifyArchive(ctx: ExchangeContext, onProgress?: (unit: string, done: number) => void): Promise<ChainCheck[]> {
  const keyring = terminalKeyring(ctx);
  const out: ChainCheck[] = [];
  for (const unit of ctx.store.origins()) {
    const key = keyring.key(unit);
    const problems: string[] = [];
    let missingKeyFrom: number | undefined;
    const signatures = new SignaturePool();
    let expectSeq = 1;
    let prev: string | null = null;
    let events = 0;
    if (!key) problems.push(`单位 ${unit} 的公钥未登记，无法核验签名`);
    try {
      for (const e of ctx.store.originChain(unit)) {
        events += 1;
        if (problems.length >= MAX_PROBLEMS) continue;
        if (e.seq !== expectSeq) problems.push(`缺少第 ${expectSeq} 号事件（下一个是第 ${e.seq} 号）`);
        if (e.prev !== prev) problems.push(`第 ${e.seq} 号事件的前序哈希与第 ${e.seq - 1} 号不符`);
        if (!e.body.equals(canonicalEventBytes(e)) || sha256Hex(e.body) !== e.id) problems.push(`第 ${e.seq} 号事件的内容与其编号（哈希）不符`);
        else if (key) {
          // Each event against the key valid for its place in the chain (a replaced key for the events before the replacement).
          const valid = keyring.keyFor(unit, e.seq);
          if (!valid) missingKeyFrom ??= e.seq;
          else {
            const backlog = signatures.add({ body: e.body, sig: Buffer.from(e.sig, 'base64'), publicKeyPem: valid.publicKeyPem, tag: e.seq });
            if (backlog) await backlog;
          }
        }
        expectSeq = e.seq + 1;
        prev = e.id;
        if (events % 10_000 === 0) onProgress?.(unit, events);
      }
      if (missingKeyFrom !== undefined) problems.push(`第 ${missingKeyFrom} 号事件起没有登记有效的公钥，无法核验签名`);
      for (const seq of await signatures.failures()) {
        if (problems.length < MAX_PROBLEMS) problems.push(`第 ${seq} 号事件的签名无效`);
      }
    } finally {
      await signatures.close();
    }
    out.push({ unit, events, ok: problems.length === 0, problems });
  }
  return out;
}
