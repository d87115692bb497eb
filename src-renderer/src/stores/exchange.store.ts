import type { ApiInput, ApiOutput } from '@shared/api';
import { create } from 'zustand';
import { call, errorMessage } from '../api/client';

type Peers = ApiOutput<'exchange:peers'>;
type Conflicts = ApiOutput<'exchange:conflicts'>;

interface ExchangeState {
  ownKey: ApiOutput<'exchange:ownKey'> | undefined;
  peers: Peers;
  conflicts: Conflicts;
  pending: ApiOutput<'exchange:pending'>;
  alarms: ApiOutput<'exchange:alarms'>;
  error: string | undefined;
  /** IT综合科's catalogue and report; undefined while the service refuses them to this user's roles. */
  archive: { catalogue: ApiOutput<'archive:catalogue'>; report: ApiOutput<'archive:report'> } | undefined;
  load(): Promise<void>;
  loadArchive(): Promise<void>;
  readPeerKey(path: string): Promise<ApiOutput<'exchange:readPeerKey'>>;
  addPeer(input: ApiInput<'exchange:addPeer'>): Promise<void>;
  revokePeer(unit: string): Promise<void>;
  exportBundle(input: ApiInput<'exchange:export'>): Promise<ApiOutput<'exchange:export'>>;
  verifyBundle(path: string): Promise<ApiOutput<'exchange:verify'>>;
  importBundles(input: ApiInput<'exchange:import'>): Promise<ApiOutput<'exchange:import'>>;
  resolve(conflictId: number, chosenEventId: string): Promise<void>;
}

/** 交换: bundles to and from peers on files (paths on this terminal); the services verify and apply. */
export const useExchangeStore = create<ExchangeState>((set, get) => ({
  ownKey: undefined,
  peers: [],
  conflicts: [],
  pending: [],
  alarms: [],
  error: undefined,
  archive: undefined,
  async loadArchive() {
    try {
      const [catalogue, report] = await Promise.all([call('archive:catalogue', {}), call('archive:report', {})]);
      set({ archive: { catalogue, report } });
    } catch {
      // FORBIDDEN: the archive is not among this user's roles (the service decides).
      set({ archive: undefined });
    }
  },
  async load() {
    try {
      const [ownKey, peers, conflicts, pending, alarms] = await Promise.all([
        call('exchange:ownKey', {}),
        call('exchange:peers', {}),
        call('exchange:conflicts', {}),
        call('exchange:pending', {}),
        call('exchange:alarms', {}),
      ]);
      set({ ownKey, peers, conflicts, pending, alarms, error: undefined });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
  readPeerKey: (path) => call('exchange:readPeerKey', { path }),
  async addPeer(input) {
    await call('exchange:addPeer', input);
    await get().load();
  },
  async revokePeer(unit) {
    await call('exchange:revokePeer', { unit });
    await get().load();
  },
  async exportBundle(input) {
    const r = await call('exchange:export', input);
    await get().load();
    return r;
  },
  verifyBundle: (path) => call('exchange:verify', { path }),
  async importBundles(input) {
    const r = await call('exchange:import', input);
    await get().load();
    return r;
  },
  async resolve(conflictId, chosenEventId) {
    await call('exchange:resolveConflict', { conflictId, chosenEventId });
    await get().load();
  },
}));
