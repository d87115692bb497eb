import type { Migration } from '../migrate';

// §23–§24: when an emergency change was implemented, so that the inbox can list the open
// 补单/补测 oldest first from an index instead of reading every open form.
export const m0004EmergencySince: Migration = {
  version: 4,
  name: '0004_emergency_since',
  up(db) {
    db.exec(`
      ALTER TABLE form ADD COLUMN emergency_since TEXT;
      DROP INDEX form_emergency_open;
      CREATE INDEX form_emergency_open ON form (emergency_since) WHERE emergency_open = 1;
    `);
  },
};
