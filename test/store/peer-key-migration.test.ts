import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/store';
import { migrations } from '../../src-main/store/migrations';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('migration 0010 (peer key history)', () => {
  it('gives every peer added before it a key history whose one key covers its whole chain', () => {
    const dir = tempDir();
    const upTo8 = migrations.filter((m) => m.version <= 8);
    const old = openDatabase(dir, { migrations: upTo8 });
    old
      .prepare('INSERT INTO peer (unit, name, kind, public_key, fingerprint, added_at, added_by, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run('DEPA', '需求部门甲', 'business', 'PEM-A', 'AAAA', '2026-11-01T09:00:00+08:00', 'admin-id', null);
    old.close();
    const db = openDatabase(dir);
    expect(db.prepare('SELECT unit, fingerprint, public_key, from_seq, to_seq, added_at, added_by FROM peer_key').all()).toEqual([
      { unit: 'DEPA', fingerprint: 'AAAA', public_key: 'PEM-A', from_seq: 1, to_seq: null, added_at: '2026-11-01T09:00:00+08:00', added_by: 'admin-id' },
    ]);
    db.close();
  });
});
