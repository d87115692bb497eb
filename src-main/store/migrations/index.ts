import type { Migration } from '../migrate';
import { m0001Terminal } from './0001_terminal';
import { m0002EventLogAndDirectory } from './0002_event_log_and_directory';
import { m0003ChangeProjections } from './0003_change_projections';
import { m0004EmergencySince } from './0004_emergency_since';
import { m0005ShortTermIndex } from './0005_short_term_index';
import { m0006Exchange } from './0006_exchange';
import { m0007Supervision } from './0007_supervision';
import { m0008ProjectForms } from './0008_project_forms';
import { m0009TextIndexQueue } from './0009_text_index_queue';
import { m0010PeerKeyHistory } from './0010_peer_key_history';

/** Every migration in order; append, never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  m0001Terminal,
  m0002EventLogAndDirectory,
  m0003ChangeProjections,
  m0004EmergencySince,
  m0005ShortTermIndex,
  m0006Exchange,
  m0007Supervision,
  m0008ProjectForms,
  m0009TextIndexQueue,
  m0010PeerKeyHistory,
];
