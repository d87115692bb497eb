import type { Migration } from '../migrate';

// Exchange between terminals (issue 5; domain.md, Between terminals). None of these tables is a
// projection of the event log: they are this terminal's own bookkeeping of whom it trusts and
// what it has exchanged.
//
// peer          the units whose keys an administrator confirmed (fingerprint compared by phone
//               or on paper); a revoked key stays listed so that its old events still verify
//               in the archive but no new bundle of it is accepted.
// peer_ack      the version vector learnt from a peer's bundles: per origin, the highest seq
//               the peer said it holds. Export to that peer sends what lies beyond it.
// import_record every bundle imported (or kept aside, or refused as a fork): the archive's
//               catalogue.
// pending_bundle bundles kept aside because events they build on have not arrived yet; the
//               file is copied into the data folder and retried after every import.
// exchange_alarm a fork (same origin and seq, another hash) names the unit for a person to act.
// form_conflict two events that extend the same form state differently, for a person to choose.
export const m0006Exchange: Migration = {
  version: 6,
  name: '0006_exchange',
  up(db) {
    db.exec(`
      CREATE TABLE peer (
        unit         TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        kind         TEXT,
        public_key   TEXT NOT NULL,
        fingerprint  TEXT NOT NULL,
        added_at     TEXT NOT NULL,
        added_by     TEXT NOT NULL,
        revoked_at   TEXT,
        revoked_by   TEXT
      ) STRICT;

      CREATE TABLE peer_ack (
        peer   TEXT    NOT NULL,
        origin TEXT    NOT NULL,
        seq    INTEGER NOT NULL,
        PRIMARY KEY (peer, origin)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE import_record (
        id            INTEGER PRIMARY KEY,
        bundle_sha256 TEXT    NOT NULL,
        file_name     TEXT    NOT NULL,
        producer      TEXT    NOT NULL,
        addressee     TEXT,
        scope         TEXT    NOT NULL,
        created_at    TEXT    NOT NULL,
        imported_at   TEXT    NOT NULL,
        outcome       TEXT    NOT NULL CHECK (outcome IN ('applied', 'pending', 'fork')),
        event_count   INTEGER NOT NULL,
        new_events    INTEGER NOT NULL,
        origins       TEXT    NOT NULL,
        note          TEXT
      ) STRICT;
      CREATE INDEX import_record_producer ON import_record (producer, imported_at);

      CREATE TABLE pending_bundle (
        bundle_sha256 TEXT PRIMARY KEY,
        file          TEXT NOT NULL,
        producer      TEXT NOT NULL,
        kept_at       TEXT NOT NULL,
        waiting_for   TEXT NOT NULL
      ) STRICT;

      CREATE TABLE exchange_alarm (
        id         INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL,
        unit       TEXT NOT NULL,
        raised_at  TEXT NOT NULL,
        message    TEXT NOT NULL,
        details    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE form_conflict (
        id          INTEGER PRIMARY KEY,
        form_id     TEXT NOT NULL,
        parent_id   TEXT NOT NULL,
        event_ids   TEXT NOT NULL,
        detected_at TEXT NOT NULL,
        resolved_by TEXT,
        UNIQUE (form_id, parent_id)
      ) STRICT;
    `);
  },
};
