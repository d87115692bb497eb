import type { Migration } from '../migrate';

// Projections of the project forms (issue 8): 附件2 go-live, 附件4 release and 生产系统访问登记
// (§17(6)–(7)). Like `form` for the change form, every table here is derived from `event` in
// the same transaction as the append, and `changedesk rebuild` recreates it from the log.
//
// project_form     one row per form: kind (golive / release / access), state, its state and list
//                  row as canonical JSON; `since` is when the trial run began (go-live/release)
//                  or when the account should have been disabled by (access), `acceptance_from`
//                  the first day of the §31(1)/§35(1) acceptance request. rowid = pos of the
//                  form's first event, so an incremental build and a rebuild number rows alike.
// business_unit: the 相关业务部门 whose head signs the test report; its people see the form too.
// project_waiting  the inbox: which role acts next, owner '' (anyone with the role), `u:<id>`
//                  (one person: a checklist line's 责任人, the supervising 系统管理员) or
//                  `unit:<code>` (a department head of that unit).
// project_counter  the last number used per prefix, unit and year (SX-/FB-/FW-<unit>-<year>-<seq>).
export const m0008ProjectForms: Migration = {
  version: 8,
  name: '0008_project_forms',
  up(db) {
    db.exec(`
      CREATE TABLE project_form (
        rowid           INTEGER PRIMARY KEY,
        form_id         TEXT    NOT NULL UNIQUE,
        kind            TEXT    NOT NULL,
        form_no         TEXT    NOT NULL,
        state           TEXT    NOT NULL,
        applicant_unit  TEXT    NOT NULL,
        applicant_user  TEXT    NOT NULL,
        business_unit   TEXT,
        updated_at      TEXT    NOT NULL,
        version         INTEGER NOT NULL,
        since           TEXT,
        acceptance_from TEXT,
        state_json      TEXT    NOT NULL,
        summary_json    TEXT    NOT NULL,
        search_text     TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX project_form_kind ON project_form (kind, updated_at);
      CREATE INDEX project_form_state ON project_form (kind, state, since);

      CREATE TABLE project_waiting (
        role       TEXT    NOT NULL,
        owner      TEXT    NOT NULL,
        updated_at TEXT    NOT NULL,
        form_rowid INTEGER NOT NULL,
        PRIMARY KEY (role, owner, updated_at, form_rowid)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX project_waiting_form ON project_waiting (form_rowid);

      CREATE TABLE project_counter (
        prefix TEXT    NOT NULL,
        unit   TEXT    NOT NULL,
        year   TEXT    NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (prefix, unit, year)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
