import { create } from 'zustand';
import { call, errorMessage } from '../api/client';
import type { ApiInput, ApiOutput } from '@shared/api';
import type { PolicySettings, SystemEntry, Unit, User } from '../api/types';

type Loadable = 'units' | 'users' | 'systems' | 'policy' | 'backups';

interface SettingsState {
  units: Unit[];
  users: User[];
  systems: SystemEntry[];
  policy: PolicySettings | undefined;
  backups: ApiOutput<'backup:list'> | undefined;
  /** Why a list could not be loaded (the service's words), per list. */
  errors: Partial<Record<Loadable, string>>;
  loadUnits(): Promise<void>;
  loadUsers(): Promise<void>;
  loadSystems(): Promise<void>;
  loadPolicy(): Promise<void>;
  loadBackups(): Promise<void>;
  /** Resolves with what to tell the person. */
  createBackup(): Promise<string>;
  restoreBackup(name: string): Promise<string>;
  saveUnit(input: ApiInput<'directory:saveUnit'>): Promise<void>;
  saveUser(input: ApiInput<'directory:saveUser'>): Promise<void>;
  saveSystem(input: ApiInput<'directory:saveSystem'>): Promise<void>;
  savePolicy(input: PolicySettings): Promise<void>;
  importCalendarYear(input: ApiInput<'settings:importCalendarYear'>): Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set, get) => {
  /** Loads one list, keeping the refusal message (e.g. a role that may not see it) for the screen. */
  async function load<K extends Loadable>(key: K, fetch: () => Promise<SettingsState[K]>): Promise<void> {
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
    backups: undefined,
    errors: {},
    loadUnits: () => load('units', () => call('directory:units', {})),
    loadUsers: () => load('users', () => call('directory:users', {})),
    loadSystems: () => load('systems', () => call('directory:systems', {})),
    loadPolicy: () => load('policy', () => call('settings:get', {})),
    loadBackups: () => load('backups', () => call('backup:list', {})),
    async createBackup() {
      const b = await call('backup:create', {});
      await get().loadBackups();
      return `已备份：${b.name}`;
    },
    async restoreBackup(name) {
      const r = await call('backup:restore', { name });
      await get().loadBackups();
      return `已从 ${r.restoredFrom} 恢复；恢复前的数据已另存为 ${r.before.name}`;
    },
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
