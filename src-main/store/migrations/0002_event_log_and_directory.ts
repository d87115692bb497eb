import type { Migration } from '../migrate';

// The signed event log (architecture.md, Data) and the directory it projects (domain.md, Who).
// `event` is append-only: triggers refuse UPDATE and DELETE, so not even a bug can rewrite the
// audit trail. `body` holds the canonical bytes that were hashed and signed, byte for byte;
// the other columns repeat fields of the body for indexes and are checked against it by
// `audit verify`. `sig` is the raw 64-byte Ed25519 signature (raw, not base64, so that every
// stored byte is covered by a check).
//
// unit / app_user / system_entry / policy are projections of `dir:<unit>` events and are
// rebuilt from the log. credential (password hashes, lock-out) is local to this terminal and
// never leaves it: no hash travels in an event or a bundle.
export const m0002EventLogAndDirectory: Migration = {
  version: 2,
  name: '0002_event_log_and_directory',
  up(db) {
    db.exec(`
      CREATE TABLE event (
        pos    INTEGER PRIMARY KEY,
        id     TEXT    NOT NULL UNIQUE,
        origin TEXT    NOT NULL,
        seq    INTEGER NOT NULL,
        stream TEXT    NOT NULL,
        type   TEXT    NOT NULL,
        time   TEXT    NOT NULL,
        body   BLOB    NOT NULL,
        sig    BLOB    NOT NULL,
        UNIQUE (origin, seq)
      ) STRICT;
      CREATE INDEX event_stream ON event (stream, pos);

      CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
      BEGIN SELECT RAISE(ABORT, '事件日志只能追加，不能修改'); END;
      CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
      BEGIN SELECT RAISE(ABORT, '事件日志只能追加，不能删除'); END;

      CREATE TABLE unit (
        code       TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        kind       TEXT NOT NULL,
        public_key TEXT
      ) STRICT;

      CREATE TABLE app_user (
        id        TEXT    PRIMARY KEY,
        username  TEXT    NOT NULL COLLATE NOCASE,
        name      TEXT    NOT NULL,
        unit_code TEXT    NOT NULL,
        roles     TEXT    NOT NULL,
        disabled  INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX app_user_username ON app_user (username);

      CREATE TABLE system_entry (
        code       TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        class      TEXT NOT NULL,
        owner_unit TEXT NOT NULL
      ) STRICT;

      CREATE TABLE policy (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        settings TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE credential (
        user_id      TEXT    PRIMARY KEY,
        hash         TEXT    NOT NULL,
        failed_count INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        changed_at   TEXT    NOT NULL
      ) STRICT;
    `);
  },
};
