import type { Migration } from '../migrate';
import { m0001Terminal } from './0001_terminal';
import { m0002EventLogAndDirectory } from './0002_event_log_and_directory';
import { m0003ChangeProjections } from './0003_change_projections';
import { m0004EmergencySince } from './0004_emergency_since';
import { m0005Exchange } from './0005_exchange';
import { m0007Supervision } from './0007_supervision';

/**
 * 0006 is reserved for the go-live branch; until it is merged this stands in for it (it creates
 * nothing) so that 0007 keeps its number. When merging, replace it by the real 0006.
 */
const reserved = (version: number): Migration => ({ version, name: `000${version}_reserved`, up: () => undefined });

/** Every migration in order; append, never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  m0001Terminal,
  m0002EventLogAndDirectory,
  m0003ChangeProjections,
  m0004EmergencySince,
  m0005Exchange,
  reserved(6),
  m0007Supervision,
];
