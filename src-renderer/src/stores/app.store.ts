import type { AppInfo } from '@shared/schemas/app';
import { create } from 'zustand';
import { call } from '../api/client';

interface AppState {
  info: AppInfo | undefined;
  loadError: string | undefined;
  load(): Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  info: undefined,
  loadError: undefined,
  async load() {
    try {
      set({ info: await call('app:info', {}), loadError: undefined });
    } catch (e) {
      set({ loadError: (e as Error).message });
    }
  },
}));
