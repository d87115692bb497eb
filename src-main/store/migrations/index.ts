import type { Migration } from '../migrate';
import { m0001Terminal } from './0001_terminal';

/** Every migration in order; append, never edit one that has shipped. */
export const migrations: readonly Migration[] = [m0001Terminal];
