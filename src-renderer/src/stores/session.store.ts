import { create } from 'zustand';
import { call, errorMessage, listenForSessionSignals } from '../api/client';
import type { ApiInput } from '@shared/api';
import type { Session, SetupStatus } from '../api/types';

/** Which screen the program is on. */
export type Phase = 'booting' | 'setup' | 'login' | 'locked' | 'in' | 'error';

interface SessionState {
  phase: Phase;
  status: SetupStatus | undefined;
  session: Session | undefined;
  error: string | undefined;
  /** Decides the first screen: set-up wizard, log-in, lock screen or the shell. */
  boot(): Promise<void>;
  /** Runs first-start set-up; resolves with the new key's fingerprint for the wizard to show. */
  initialise(input: ApiInput<'setup:init'>): Promise<string>;
  /** After the wizard: on to log-in. */
  finishSetup(): Promise<void>;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  lock(): Promise<void>;
  unlock(password: string): Promise<void>;
}

function phaseOf(session: Session | null): Phase {
  if (!session) return 'login';
  return session.locked ? 'locked' : 'in';
}

export const useSessionStore = create<SessionState>((set, get) => ({
  phase: 'booting',
  status: undefined,
  session: undefined,
  error: undefined,

  async boot() {
    try {
      // Both at once (one round trip less before the first screen): a terminal not yet set up has no session anyway.
      const [status, session] = await Promise.all([call('setup:status', {}), call('auth:session', {})]);
      if (!status.setUp) return set({ phase: 'setup', status, session: undefined, error: undefined });
      set({ phase: phaseOf(session), status, session: session ?? undefined, error: undefined });
    } catch (e) {
      set({ phase: 'error', error: errorMessage(e) });
    }
  },

  async initialise(input) {
    const result = await call('setup:init', input);
    return result.fingerprint;
  },

  async finishSetup() {
    const status = await call('setup:status', {});
    set({ phase: status.setUp ? 'login' : 'setup', status });
  },

  async login(username, password) {
    const session = await call('auth:login', { username, password });
    set({ phase: phaseOf(session), session });
  },

  async logout() {
    try {
      await call('auth:logout', {});
    } finally {
      set({ phase: 'login', session: undefined });
    }
  },

  async lock() {
    if (get().phase !== 'in') return;
    // Show the lock screen at once; the service locks the session on its side too.
    set({ phase: 'locked' });
    await call('auth:lock', {}).catch(() => undefined);
  },

  async unlock(password) {
    const session = await call('auth:unlock', { password });
    set({ phase: phaseOf(session), session });
  },
}));

// Any call refused for the session sends the user to the matching screen.
listenForSessionSignals((signal) => {
  const { phase } = useSessionStore.getState();
  if (phase !== 'in' && phase !== 'locked') return;
  useSessionStore.setState(signal === 'SESSION_LOCKED' ? { phase: 'locked' } : { phase: 'login', session: undefined });
});
