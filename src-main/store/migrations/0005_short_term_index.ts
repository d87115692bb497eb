import type { Migration } from '../migrate';

// Full-text search for one- and two-character Chinese terms (issue 3). The trigram index needs
// three characters; scanning every form's text with LIKE costs seconds at 100,000 forms. This
// index holds, per form, each Chinese character and each pair of neighbouring characters as a
// token (detail=none: only which forms contain it). It is contentless: a projection written
// with the form row and rebuilt from the log like every other.
export const m0005ShortTermIndex: Migration = {
  version: 5,
  name: '0005_short_term_index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE form_gram USING fts5 (grams, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61');
    `);
  },
};
