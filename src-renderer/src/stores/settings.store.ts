import { create } from 'zustand';
import { call, errorMessage } from '../api/client';
import type { ApiInput } from '@shared/api';
import type { PolicySettings, SystemEntry, Unit, User } from '../api/types';

type Loadable = 'units' | 'users' | 'systems' | 'policy';

interface SettingsState {
  units: Unit[];
  users: User[];
  systems: SystemEntry[];
  policy: PolicySettings | undefined;
  /** Why a list could not be loaded (the service's words), per list. */
  errors: Partial<Record<Loadable, string>>;
  loadUnits(): Promise<void>;
  loadUsers(): Promise<void>;
  loadSystems(): Promise<void>;
  loadPolicy(): Promise<void>;
  saveUnit(input: ApiInput<'directory:saveUnit'>): Promise<void>;
  saveUser(input: ApiInput<'directory:saveUser'>): Promise<void>;
  saveSystem(input: ApiInput<'directory:saveSystem'>): Promise<void>;
  savePolicy(input: PolicySettings): Promise<void>;
  importCalendarYear(input: ApiInput<'settings:importCalendarYear'>): Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set, get) => {
  /** Loads one list, keeping the refusal message (e.g. a role that may not see it) for the screen. */
  async function load<K extends Loadable>(key: K, fetch: () => Promise<SettingsState[K extends 'policy' ? 'policy' : K]>): Promise<void> {
    try {
      const value = await fetch();
      set({ [key]: value, errors: { ...get().errors, [key]: undefined } } as Partial<SettingsState>);
    } catch (e) {
      set({ errors: { ...get().errors, [key]: errorMessage(e) } });
    }
  }
  return {
    units: [],
    users: [],
    systems: [],
    policy: undefined,
    errors: {},
    loadUnits: () => load('units', () => call('directory:units', {})),
    loadUsers: () => load('users', () => call('directory:users', {})),
    loadSystems: () => load('systems', () => call('directory:systems', {})),
    loadPolicy: () => load('policy', () => call('settings:get', {})),
    async saveUnit(input) {
      await call('directory:saveUnit', input);
      await get().loadUnits();
    },
    async saveUser(input) {
      await call('directory:saveUser', input);
      await get().loadUsers();
    },
    async saveSystem(input) {
      await call('directory:saveSystem', input);
      await get().loadSystems();
    },
    async savePolicy(input) {
      await call('settings:save', input);
      await get().loadPolicy();
    },
    async importCalendarYear(input) {
      await call('settings:importCalendarYear', input);
      await get().loadPolicy();
    },
  };
});
