import type { Migration } from '../migrate';

// The terminal's own settings. Forms, events and projections come in later migrations.
export const m0001Terminal: Migration = {
  version: 1,
  name: '0001_terminal',
  up(db) {
    db.exec(`
      CREATE TABLE setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
