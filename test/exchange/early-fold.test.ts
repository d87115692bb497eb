import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle, importBundle, type ExchangeContext, type ImportOptions, type ImportProjector } from '../../src-main/exchange';
import { coreOf } from '../../src-main/services';
import { changeEngine } from '../../src-main/services/change-service';
import { earlyFolder } from '../../src-main/services/import-early-folder';
import { generateSource, openTerminal, setUpTerminal, trust, type Opened } from '../bench/exchange-data';
import { databaseHash } from './terminals';

// The early fold (src-main/exchange/early-fold.ts) folds a bundle's change forms while their
// signatures are being verified; the transaction then writes each form once. Whatever it
// produces must be exactly what the transaction's own fold produces.

let root: string;
let bundle: string;
let emptyTarget: string;
let serial = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'changedesk-early-fold-'));
  const source = join(root, 'source');
  emptyTarget = join(root, 'target');
  bundle = join(root, 'forms.cdbundle');
  // Real workflows driven by the change engine, repeated: 40 forms, each up to its last step.
  await generateSource(source, 40, 2, 256);
  await setUpTerminal(emptyTarget, 'ARCH', 'IT综合科', 'archive');
  trust(source, emptyTarget);
  trust(emptyTarget, source);
  const s = openTerminal(source);
  await exportBundle(s.x, { to: 'ARCH', path: bundle });
  s.close();
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the empty target, its exchange context given the projector `wrap` makes of its own. */
function target(wrap: (own: ImportProjector, t: Opened) => ImportProjector = (own) => own): { t: Opened; x: ExchangeContext } {
  const dir = join(root, `copy-${(serial += 1)}`);
  cpSync(emptyTarget, dir, { recursive: true });
  const t = openTerminal(dir);
  return { t, x: { ...t.x, projector: wrap(t.x.projector, t) } };
}

/** Every table, once the text index's queue is emptied (its batches end wherever the writes did). */
function contentAfter(t: Opened): string {
  changeEngine(coreOf(t.ctx)).forms.text.sync();
  return databaseHash(t.ctx.db);
}

/** The transaction's fold only, counting the events it folds. */
function countingLateOnly(own: ImportProjector, count: { n: number }, early?: () => ReturnType<NonNullable<ImportProjector['early']>>): ImportProjector {
  return {
    project: (e, info) => {
      count.n += 1;
      own.project(e, info);
    },
    flush: () => own.flush(),
    ...(early ? { early } : {}),
  };
}

async function imported(x: ExchangeContext, options: ImportOptions = {}): Promise<number> {
  const r = await importBundle(x, bundle, options);
  expect(r.outcome).toBe('applied');
  return r.newEvents;
}

describe('folding a bundle while it is verified', () => {
  it('gives exactly what the transaction fold gives, the forms held in memory or set aside', async () => {
    const reference = target((own) => countingLateOnly(own, { n: 0 }));
    await imported(reference.x);
    const expected = contentAfter(reference.t);
    reference.t.close();

    const folded = { n: 0 };
    const early = target((own) => countingLateOnly(own, folded, () => own.early!()));
    const newEvents = await imported(early.x);
    // Only the directory's events were left to the transaction.
    expect(folded.n).toBeGreaterThan(0);
    expect(folded.n).toBeLessThan(newEvents / 10);
    expect(contentAfter(early.t)).toBe(expected);
    early.t.close();

    // Three forms in memory at a time: the others wait in the TEMP table and come back.
    const aside = target((own, t) => countingLateOnly(own, { n: 0 }, () => earlyFolder(coreOf(t.ctx), 3)));
    await imported(aside.x);
    expect(contentAfter(aside.t)).toBe(expected);
    aside.t.close();
  });

  it('folds everything in the transaction when the log moved during the verification', async () => {
    const reference = target((own) => countingLateOnly(own, { n: 0 }));
    await imported(reference.x);
    // The local event comes first in the log: the imported forms' rows are numbered one later.
    const formTables = (t: Opened): unknown[] =>
      t.ctx.db.prepare('SELECT form_id, form_no, state, version, state_json, summary_json, search_text FROM form ORDER BY form_id').all();
    const expected = formTables(reference.t);
    reference.t.close();

    const folded = { n: 0 };
    const moved = target((own) => countingLateOnly(own, folded, () => own.early!()));
    let appended = false;
    const newEvents = await imported(moved.x, {
      onProgress: (p) => {
        if (p.phase !== 'events' || p.done !== p.total || appended) return;
        // A local user acts while the signatures are checked.
        const core = coreOf(moved.t.ctx);
        const admin = core.dir.users().find((u) => u.username === 'admin')!;
        core.write(() => core.append({ stream: 'local-note', type: 'note.created', author: admin.id, role: 'admin', payload: {} }));
        appended = true;
      },
    });
    expect(appended).toBe(true);
    expect(folded.n).toBe(newEvents);
    expect(formTables(moved.t)).toEqual(expected);
    expect(expected).toHaveLength(40);
    moved.t.close();
  });
});
