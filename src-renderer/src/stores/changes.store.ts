import type { AttachmentKind, ChangeAction, ChangeCommandName, ChangeSummary } from '@shared/schemas/change-form';
import { bytesBase64 } from '../features/print/pdf-blob';
import { create } from 'zustand';
import { call, errorMessage } from '../api/client';
import type { ApiInput, CallName } from '@shared/api';
import type { ChangeListInput, ChangeView } from '../api/types';

export const DEFAULT_LIST: ChangeListInput = { filter: {}, sort: { by: 'updatedAt', dir: 'desc' }, page: 1, pageSize: 20 };

interface ChangesState {
  /** The 变更 list: the query and the page of rows the service answered. */
  list: ChangeListInput;
  rows: ChangeSummary[];
  total: number;
  /** More forms match than were counted (the service stops counting at a cap): shown as 「1000+」. */
  capped: boolean;
  listLoading: boolean;
  listError: string | undefined;
  setQuery(patch: Partial<ChangeListInput>): Promise<void>;
  loadList(): Promise<void>;

  /** The open change form. */
  view: ChangeView | undefined;
  viewError: string | undefined;
  open(formId: string): Promise<void>;
  /** Creates a form from part 一 (a draft); resolves with its view. */
  create(input: ApiInput<'change:create'>): Promise<ChangeView>;
  /** Runs a verb on the open form; rejects with the service's refusal (Chinese, with its article). */
  run(verb: Exclude<ChangeCommandName, 'create'>, input: object): Promise<ChangeView>;

  /** Whether this user may create a form, as the service says (the 新建 button). */
  createAction: ChangeAction | undefined;
  loadCreateAction(): Promise<void>;
  /** Uploads a file and names it on the open form (issue 6); rejects with the refusal in words. */
  attach(file: { name: string; bytes: Uint8Array; mediaType: string }, kind: AttachmentKind, note?: string): Promise<ChangeView>;
}

let listRequest = 0;

export const useChangesStore = create<ChangesState>((set, get) => ({
  list: DEFAULT_LIST,
  rows: [],
  total: 0,
  capped: false,
  listLoading: false,
  listError: undefined,
  async setQuery(patch) {
    set({ list: { ...get().list, ...patch } });
    await get().loadList();
  },
  async loadList() {
    // Typing in the search box sends many queries: only the newest answer is shown.
    const mine = ++listRequest;
    set({ listLoading: true });
    try {
      const r = await call('change:list', get().list);
      const capped = (r as { capped?: boolean }).capped === true;
      if (mine === listRequest) set({ rows: r.rows, total: r.total, capped, listError: undefined, listLoading: false });
    } catch (e) {
      if (mine === listRequest) set({ listError: errorMessage(e), listLoading: false });
    }
  },

  view: undefined,
  viewError: undefined,
  async open(formId) {
    if (get().view?.state.formId !== formId) set({ view: undefined });
    try {
      set({ view: await call('change:get', { formId }), viewError: undefined });
    } catch (e) {
      set({ viewError: errorMessage(e) });
    }
  },
  async create(input) {
    const view = await call('change:create', input);
    set({ view, viewError: undefined });
    return view;
  },
  async run(verb, input) {
    const formId = get().view?.state.formId;
    if (!formId) throw new Error('没有打开的变更单。');
    const name = `change:${verb}` as CallName;
    const view = (await call(name, { ...input, formId } as never)) as ChangeView;
    set({ view });
    return view;
  },

  createAction: undefined,
  async loadCreateAction() {
    try {
      const [create] = await call('change:actions', {});
      set({ createAction: create });
    } catch (e) {
      set({ createAction: { name: 'create', label: '新建变更申请', allowed: false, reason: errorMessage(e) } });
    }
  },
  async attach(file, kind, note) {
    const formId = get().view?.state.formId;
    if (!formId) throw new Error('没有打开的变更单。');
    const up = await call('attachment:upload', { formId, name: file.name, dataBase64: bytesBase64(file.bytes) });
    return get().run('addAttachment', { sha256: up.sha256, size: up.size, name: file.name, mediaType: file.mediaType || 'application/octet-stream', kind, ...(note ? { note } : {}) });
  },
}));
