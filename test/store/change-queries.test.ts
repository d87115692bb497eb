import { describe, expect, it } from 'vitest';
import { coreOf } from '../../src-main/services';
import { loadDemoData } from '../../src-main/services/demo/demo-data';
import type { ChangeListFilter } from '../../src-main/shared/schemas/query';
import { ChangeQueries } from '../../src-main/store/change-queries';
import { TEXT_INDEX_BATCH } from '../../src-main/store/text-index';
import { useTempDirs } from '../helpers/temp-dir';
import { makeFixture, setUpTerminal } from '../services/fixtures';

const tempDir = useTempDirs();

// Lists under a full-text match check their filters in form_stat and form_system (keyed by the
// match) rather than in the form row, and count only when a page is full: the answers must be
// those of the filter alone intersected with the search alone, whatever the page size.

describe('change list: search combined with filters, paging and totals', () => {
  it('a search with filters returns exactly the forms both return on their own, with the same total on every page', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    await loadDemoData(f.ctx, coreOf(f.ctx).dir.usersNamed('admin')[0]!);
    const q = new ChangeQueries(f.db);
    const ids = (filter: ChangeListFilter, pageSize = 500, page = 1) => q.list({ filter, page, pageSize }).rows.map((r) => r.formId);
    const all = q.list({ filter: {}, page: 1, pageSize: 500 }).rows;
    expect(all.length).toBeGreaterThan(30);

    // Terms taken from the forms themselves: three characters (trigram index) and two (short-term index).
    const titles = [...new Set(all.map((r) => r.title))];
    const terms = [...new Set(titles.flatMap((t) => [[...t].slice(0, 3).join(''), [...t].slice(0, 2).join('')]))].slice(0, 8);
    const first = all[0]!;
    const filters: ChangeListFilter[] = [
      { state: first.state },
      { state: ['archived', 'pending_assessment', 'scheduled'] },
      { system: first.systems[0]! },
      { unit: 'RETAIL' },
      { changeType: first.changeType! },
      { urgency: '特急' },
      { emergency: true },
      { emergency: false, rolledBack: false },
      { rolledBack: true },
      { windowOverride: true },
      { state: 'archived', system: first.systems[0]!, unit: first.applicantUnit },
      { from: '2026-01-01', to: '2026-12-31' },
      { from: '2026-11-01', state: ['archived', 'scheduled', 'pending_archive'] },
      { to: '2026-11-20', dateOf: 'plannedStart', system: first.systems[0]! },
    ];
    let nonEmpty = 0;
    for (const text of terms) {
      const matched = new Set(ids({ text }));
      expect(matched.size).toBeGreaterThan(0);
      for (const filter of filters) {
        // Newest first: by creation for a search, by the date for a date range.
        const byFilter = ids(filter);
        const expected = filter.from || filter.to ? byFilter.filter((id) => matched.has(id)) : ids({ text }).filter((id) => byFilter.includes(id));
        const got = ids({ text, ...filter });
        expect([text, filter, got]).toEqual([text, filter, expected]);
        if (got.length > 1) nonEmpty++;
        // Pages of 2: every page reports the same total, and together they hold the same forms.
        const pages: string[] = [];
        for (let page = 1; page <= Math.ceil(got.length / 2) + 1; page++) {
          const r = q.list({ filter: { text, ...filter }, page, pageSize: 2 });
          expect([text, filter, page, r.total]).toEqual([text, filter, page, got.length]);
          pages.push(...r.rows.map((row) => row.formId));
        }
        expect(pages).toEqual(got);
      }
    }
    // The combinations above are not all empty: the comparison compared something.
    expect(nonEmpty).toBeGreaterThan(10);
  });

  it('the text indexes take writes in batches, yet a search sees every committed text at once', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    await loadDemoData(f.ctx, coreOf(f.ctx).dir.usersNamed('admin')[0]!);
    const q = new ChangeQueries(f.db);
    const queued = () => f.db.prepare('SELECT count(*) FROM form_text_pending').pluck().get() as number;
    const integrity = () => f.db.prepare(`INSERT INTO form_fts (form_fts, rank) VALUES ('integrity-check', 1)`).run();
    // The demo wrote hundreds of events: the queue was emptied each time it held a batch.
    expect(queued()).toBeLessThan(TEXT_INDEX_BATCH);
    q.list({ filter: { text: '变更' }, page: 1, pageSize: 1 });
    expect(queued()).toBe(0);
    integrity();

    // A new word in a form: queued with the write, found by the next search, which empties the queue.
    const form = q.list({ filter: { state: 'pending_assessment' }, page: 1, pageSize: 1 }).rows[0]!;
    await f.ok('auth:login', { username: 'wangwu', password: 'demo-2026' }, 'ww');
    await f.ok('change:saveAssessment', { formId: form.formId, otherMeans: '改用批量脚本调整玛瑙参数' } as never, 'ww');
    expect(queued()).toBe(1);
    expect(q.list({ filter: { text: '玛瑙参数' }, page: 1, pageSize: 50 }).rows.map((r) => r.formId)).toEqual([form.formId]);
    expect(q.list({ filter: { text: '玛瑙' }, page: 1, pageSize: 50 }).rows.map((r) => r.formId)).toEqual([form.formId]);
    expect(queued()).toBe(0);
    integrity();
    // And the word it replaced is no longer found.
    await f.ok('change:saveAssessment', { formId: form.formId, otherMeans: '无其他手段' } as never, 'ww');
    expect(q.list({ filter: { text: '玛瑙参数' }, page: 1, pageSize: 50 }).total).toBe(0);
    integrity();
  });
});
