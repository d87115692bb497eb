import type { PrintPart, PrintResult, PrintVerifyResult } from '@shared/schemas/print';
import type { ApiInput } from '@shared/api';
import { create } from 'zustand';
import { call, errorMessage } from '../api/client';

interface PrintState {
  /** The PDF being previewed, with what it is of. */
  result: PrintResult | undefined;
  title: string | undefined;
  busy: boolean;
  error: string | undefined;
  printForm(formId: string, part: PrintPart, title: string): Promise<void>;
  /** 附件2/附件4, their plan, 附件3, the acceptance report, or the access record (issue 8). */
  printProject(formId: string, doc: NonNullable<ApiInput<'print:projectForm'>['doc']>, title: string): Promise<void>;
  printWeek(week: string): Promise<void>;
  verify(file: { imageBase64?: string; pdfBase64?: string }): Promise<PrintVerifyResult>;
  /** Previews a PDF another area rendered (the §26 report). */
  show(title: string, result: PrintResult): void;
  close(): void;
}

/** Print: the service renders the PDF (pdfmake in the main process); the screen previews, prints and saves it. */
export const usePrintStore = create<PrintState>((set) => {
  async function render(title: string, make: () => Promise<PrintResult>): Promise<void> {
    set({ busy: true, error: undefined, title });
    try {
      set({ result: await make(), busy: false });
    } catch (e) {
      set({ error: errorMessage(e), busy: false });
    }
  }
  return {
    result: undefined,
    title: undefined,
    busy: false,
    error: undefined,
    printForm: (formId, part, title) => render(title, () => call('print:changeForm', { formId, part })),
    printProject: (formId, doc, title) => render(title, () => call('print:projectForm', { formId, doc })),
    printWeek: (week) => render(`${week} 周变更计划`, () => call('print:weeklyPlan', { week })),
    verify: (file) => call('print:verify', file),
    show: (title, result) => set({ result, title, error: undefined, busy: false }),
    close: () => set({ result: undefined, error: undefined, title: undefined }),
  };
});
