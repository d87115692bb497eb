import type { Database } from 'better-sqlite3';
import { verifyLog, type AuditResult } from '../store/audit';
import { DirectoryStore } from '../store/directory';
import { rebuildProjections, type RebuildResult } from '../store/rebuild';
import { readUnitKey } from '../store/unit-key';
import { changeReducer } from './change-domain';
import { ProjectProjection } from '../store/project-projection';
import { projectReducer } from './project-domain';

/**
 * `audit verify`: every event's hash, signature, chain link and parents. This terminal's own
 * events are checked against the key derived from its private key file, not against the
 * directory table, so that an edited table cannot vouch for edited events.
 */
export function auditLog(db: Database, dataDir: string): AuditResult {
  const self = db.prepare(`SELECT value FROM setting WHERE key = 'terminal.unit'`).pluck().get() as string | undefined;
  const selfCode = self ? (JSON.parse(self) as { code: string }).code : undefined;
  const ownKey = selfCode ? readUnitKey(dataDir).publicKeyPem : undefined;
  const dir = new DirectoryStore(db);
  return verifyLog(db, (origin) => (origin === selfCode ? ownKey : dir.publicKey(origin)));
}

/** `rebuild`: every projection from the log, with the domain's reducers (change forms and project forms). */
export function rebuildAll(db: Database): RebuildResult {
  return rebuildProjections(db, changeReducer, [new ProjectProjection(db, projectReducer)]);
}
