import type { Database } from 'better-sqlite3';
import { verifyLog, type AuditResult } from '../store/audit';
import { DirectoryStore } from '../store/directory';
import { rebuildProjections, type RebuildResult } from '../store/rebuild';
import { readUnitKey } from '../store/unit-key';
import { changeReducer } from './change-domain';
import { ProjectProjection } from '../store/project-projection';
import { FormProjection } from '../store/change-projection';
import type { FoldProgress } from '../store/log-fold';
import { foldHere, foldOnThread } from './rebuild-thread';
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

/** Logs this long are folded on a second thread; shorter ones here (a thread takes a moment to start). */
const THREAD_MIN_EVENTS = 50_000;

/**
 * `rebuild`: every projection from the log, with the domain's reducers (change forms and
 * project forms). `thread`: fold on a second thread (default: for long logs).
 */
export function rebuildAll(db: Database, options: { thread?: boolean; progress?: FoldProgress } = {}): RebuildResult {
  const events = (db.prepare('SELECT max(pos) FROM event').pluck().get() as number | null) ?? 0;
  const thread = options.thread ?? events >= THREAD_MIN_EVENTS;
  return rebuildProjections(db, new FormProjection(db, changeReducer), thread ? foldOnThread(db) : foldHere(db), [new ProjectProjection(db, projectReducer)], options.progress);
}
