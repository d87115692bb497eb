import type { Migration } from '../migrate';

// Projections of the change-form events (issue 3): every table here is derived from `event`
// in the same transaction as the append, and `changedesk rebuild` recreates it from the log.
//
// form          one row per change form: its state (canonical JSON), its list row (summary
//               JSON) and the columns lists filter and sort on. rowid = pos of the form's first
//               event, so that an incremental build and a rebuild number the rows alike.
// form_system   涉及系统 of each form (filter by system).
// form_waiting  the inbox: which role acts next on which form. `owner` narrows a business
//               unit's roles: the applicant's own forms, the department head's own unit.
// form_counter  the last form number used per unit and year (BG-<unit>-<year>-<seq>).
// form_fts      full-text index over form.search_text, FTS5 trigram (works for Chinese without
//               a word list); terms of one or two characters fall back to LIKE.
export const m0003ChangeProjections: Migration = {
  version: 3,
  name: '0003_change_projections',
  up(db) {
    db.exec(`
      CREATE TABLE form (
        rowid           INTEGER PRIMARY KEY,
        form_id         TEXT    NOT NULL UNIQUE,
        form_no         TEXT    NOT NULL,
        state           TEXT    NOT NULL,
        change_type     TEXT,
        urgency         TEXT,
        emergency       INTEGER NOT NULL,
        emergency_open  INTEGER NOT NULL,
        applicant_unit  TEXT    NOT NULL,
        applicant_user  TEXT    NOT NULL,
        applied_on      TEXT,
        planned_start   TEXT,
        planned_end     TEXT,
        risk_level      TEXT,
        window_override INTEGER NOT NULL,
        rolled_back     INTEGER NOT NULL,
        updated_at      TEXT    NOT NULL,
        version         INTEGER NOT NULL,
        state_json      TEXT    NOT NULL,
        summary_json    TEXT    NOT NULL,
        search_text     TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX form_updated ON form (updated_at);
      CREATE INDEX form_state ON form (state, updated_at);
      CREATE INDEX form_unit ON form (applicant_unit, updated_at);
      CREATE INDEX form_type ON form (change_type, updated_at);
      CREATE INDEX form_urgency ON form (urgency, updated_at);
      CREATE INDEX form_applied ON form (applied_on);
      CREATE INDEX form_planned ON form (planned_start);
      CREATE INDEX form_no ON form (form_no);
      CREATE INDEX form_emergency_open ON form (updated_at) WHERE emergency_open = 1;

      CREATE TABLE form_system (
        system    TEXT    NOT NULL,
        form_rowid INTEGER NOT NULL,
        PRIMARY KEY (system, form_rowid)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX form_system_form ON form_system (form_rowid);

      CREATE TABLE form_waiting (
        role       TEXT    NOT NULL,
        owner      TEXT    NOT NULL,
        updated_at TEXT    NOT NULL,
        form_rowid INTEGER NOT NULL,
        PRIMARY KEY (role, owner, updated_at, form_rowid)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX form_waiting_form ON form_waiting (form_rowid);

      CREATE TABLE form_counter (
        unit TEXT    NOT NULL,
        year TEXT    NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (unit, year)
      ) STRICT, WITHOUT ROWID;

      CREATE VIRTUAL TABLE form_fts USING fts5 (search_text, content = 'form', content_rowid = 'rowid', tokenize = 'trigram');
      CREATE TRIGGER form_fts_insert AFTER INSERT ON form BEGIN
        INSERT INTO form_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
      END;
      CREATE TRIGGER form_fts_delete AFTER DELETE ON form BEGIN
        INSERT INTO form_fts (form_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
      END;
      CREATE TRIGGER form_fts_update AFTER UPDATE OF search_text ON form WHEN old.search_text IS NOT new.search_text BEGIN
        INSERT INTO form_fts (form_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
        INSERT INTO form_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
      END;
    `);
  },
};
