import type { Migration } from '../migrate';

// A peer's key history (issue 5, key replacement). When an administrator replaces a peer's key,
// the old key stays valid for the part of that unit's chain it signed (seq 1 … the head this
// terminal held at the replacement) so that `archive verify` still proves those events; the new
// key covers every later event, and an event there signed with the old key is refused.
//
// peer_key  one row per key a unit has had: the range of the unit's sequence numbers it covers
//           (to_seq NULL while current), when and by whom it was added and replaced. The
//           `peer` table keeps the current key.
export const m0010PeerKeyHistory: Migration = {
  version: 10,
  name: '0010_peer_key_history',
  up(db) {
    db.exec(`
      CREATE TABLE peer_key (
        id           INTEGER PRIMARY KEY,
        unit         TEXT    NOT NULL,
        fingerprint  TEXT    NOT NULL,
        public_key   TEXT    NOT NULL,
        from_seq     INTEGER NOT NULL,
        to_seq       INTEGER,
        added_at     TEXT    NOT NULL,
        added_by     TEXT    NOT NULL,
        replaced_at  TEXT,
        replaced_by  TEXT
      ) STRICT;
      CREATE INDEX peer_key_unit ON peer_key (unit, from_seq);
      INSERT INTO peer_key (unit, fingerprint, public_key, from_seq, to_seq, added_at, added_by)
        SELECT unit, fingerprint, public_key, 1, NULL, added_at, added_by FROM peer;
    `);
  },
};
