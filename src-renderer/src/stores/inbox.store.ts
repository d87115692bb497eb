import { create } from 'zustand';
import { call, errorMessage } from '../api/client';
import type { Inbox } from '../api/types';

interface InboxState {
  inbox: Inbox | undefined;
  error: string | undefined;
  load(): Promise<void>;
}

/** 待办: what waits for the logged-in user's roles (the service decides what they may see). */
export const useInboxStore = create<InboxState>((set) => ({
  inbox: undefined,
  error: undefined,
  async load() {
    try {
      set({ inbox: await call('change:inbox', {}), error: undefined });
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
}));
