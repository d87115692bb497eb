import type { Migration } from '../migrate';

// The text indexes (form_fts, form_gram) brought up to date in batches (issue 3, a transition in
// ≤ 2 ms). Re-indexing a form's whole text in every commit cost a full-text flush and merge per
// transaction (about 1 ms of CPU, growing with the index); in batches of dozens of forms it
// costs a small fraction of that per form.
//
// form_text_pending  the forms whose text changed since the indexes last took it, each with the
//                    text form_fts holds for it (NULL: none yet), which its 'delete' needs.
//                    Written in the same transaction as the form row; FormProjection (TextIndex)
//                    empties it into the indexes when it holds a batch, and before any search
//                    reads them, so a search never sees an index that lags behind the forms.
// The triggers that re-indexed on every write are replaced by that queue.
export const m0009TextIndexQueue: Migration = {
  version: 9,
  name: '0009_text_index_queue',
  up(db) {
    db.exec(`
      CREATE TABLE form_text_pending (
        rowid   INTEGER PRIMARY KEY,
        indexed TEXT
      ) STRICT;
      DROP TRIGGER form_fts_insert;
      DROP TRIGGER form_fts_update;
      DROP TRIGGER form_fts_delete;
    `);
  },
};
