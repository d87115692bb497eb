import type { Migration } from '../migrate';

// Supervision (issue 9), projections rebuilt from the log like every other:
//
// form_stat          one row per change form with what §26 counts: the dates it was requested
//                    and implemented (Beijing), type, source, urgency, outcome, §26(1)–(2)
//                    evaluation, §17(2) override, §23–§24 paperwork dates. Written with the
//                    form's other rows (FormProjection.write), so a period's report is a few
//                    indexed aggregates instead of parsing every form's state.
// supervision_record the §17(1) weekly reviews and §36 inspections (events of `sup:<unit>`).
// inspection_follow_up the follow-ups of an inspection, open until closed by an event.
export const m0007Supervision: Migration = {
  version: 7,
  name: '0007_supervision',
  up(db) {
    db.exec(`
      CREATE TABLE form_stat (
        form_rowid      INTEGER PRIMARY KEY,
        unit            TEXT    NOT NULL,
        requested_on    TEXT,
        implemented_on  TEXT,
        change_type     TEXT,
        change_source   TEXT,
        urgency         TEXT,
        emergency       INTEGER NOT NULL,
        state           TEXT    NOT NULL,
        closure         TEXT,
        rolled_back     INTEGER NOT NULL,
        goal_met        INTEGER,
        negative_impact INTEGER,
        window_override INTEGER NOT NULL,
        tested_before   INTEGER,
        paperwork_on    TEXT,
        retest_on       TEXT
      ) STRICT;
      CREATE INDEX form_stat_implemented ON form_stat (implemented_on) WHERE implemented_on IS NOT NULL;
      CREATE INDEX form_stat_requested ON form_stat (requested_on) WHERE requested_on IS NOT NULL;

      CREATE TABLE supervision_record (
        id      TEXT PRIMARY KEY,
        kind    TEXT NOT NULL,
        period  TEXT NOT NULL,
        target  TEXT,
        on_date TEXT NOT NULL,
        json    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX supervision_record_period ON supervision_record (kind, period);
      CREATE INDEX supervision_record_target ON supervision_record (target) WHERE target IS NOT NULL;

      CREATE TABLE inspection_follow_up (
        inspection_id TEXT NOT NULL,
        follow_up_id  TEXT NOT NULL,
        due           TEXT NOT NULL,
        closed        INTEGER NOT NULL,
        PRIMARY KEY (inspection_id, follow_up_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX inspection_follow_up_open ON inspection_follow_up (due) WHERE closed = 0;
    `);
  },
};
