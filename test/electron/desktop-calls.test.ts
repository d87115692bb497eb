import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';

vi.mock('electron', () => ({}));
const { desktopHandlers } = await import('../../src-main/electron/desktop-calls');
const { AppError } = await import('../../src-main/shared/errors');

const tempDir = useTempDirs();
const event = {} as never;

function setup(answer: { canceled: boolean; filePaths?: string[]; filePath?: string }) {
  const win = { id: 7 };
  const dialog = {
    showOpenDialog: vi.fn(async () => ({ canceled: answer.canceled, filePaths: answer.filePaths ?? [] })),
    showSaveDialog: vi.fn(async () => ({ canceled: answer.canceled, filePath: answer.filePath ?? '' })),
  };
  const shown: { title: string; bytes: Uint8Array }[] = [];
  const logged: string[] = [];
  const handlers = desktopHandlers({
    dialog: dialog as never,
    windowOf: () => win as never,
    documentsDir: '/home/user/Documents',
    showPdf: (_p, title, bytes) => shown.push({ title, bytes }),
    logRendererError: (t) => logged.push(t),
  });
  return { handlers, dialog, win, shown, logged };
}

describe('desktop calls', () => {
  it('openFile returns the chosen file as name and bytes (no path), with the purpose’s filter', async () => {
    const file = join(tempDir(), '交换包-2026-11-28.zip');
    writeFileSync(file, Buffer.from([80, 75, 3, 4]));
    const { handlers, dialog, win } = setup({ canceled: false, filePaths: [file] });
    const r = await handlers['desktop:openFile']({ purpose: 'bundle' }, event);
    expect(r).toEqual({ name: '交换包-2026-11-28.zip', bytes: Buffer.from([80, 75, 3, 4]) });
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(win, expect.objectContaining({ properties: ['openFile'], filters: [{ name: '交换包', extensions: ['zip'] }, { name: '所有文件', extensions: ['*'] }] }));
  });

  it('openFile and saveFile give null when the person cancels', async () => {
    const { handlers } = setup({ canceled: true });
    expect(await handlers['desktop:openFile']({ purpose: 'scan' }, event)).toBeNull();
    expect(await handlers['desktop:saveFile']({ purpose: 'pdf', suggestedName: 'a.pdf', bytes: new Uint8Array(1) }, event)).toBeNull();
  });

  it('saveFile writes the bytes where the person chose, starting in Documents', async () => {
    const target = join(tempDir(), 'out.pdf');
    const { handlers, dialog } = setup({ canceled: false, filePath: target });
    expect(await handlers['desktop:saveFile']({ purpose: 'pdf', suggestedName: '申请表.pdf', bytes: new Uint8Array([37, 80, 68, 70]) }, event)).toEqual({ path: target });
    expect(readFileSync(target).toString()).toBe('%PDF');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ defaultPath: join('/home/user/Documents', '申请表.pdf') }));
  });

  it('saveFile reports a failed write in Chinese', async () => {
    const { handlers } = setup({ canceled: false, filePath: join(tempDir(), 'no', 'such', 'dir', 'x.pdf') });
    await expect(handlers['desktop:saveFile']({ purpose: 'pdf', suggestedName: 'x.pdf', bytes: new Uint8Array(1) }, event)).rejects.toThrow(AppError);
  });

  it('printPdf opens the PDF window; reportError logs', async () => {
    const { handlers, shown, logged } = setup({ canceled: true });
    expect(await handlers['desktop:printPdf']({ title: '变更申请表', bytes: new Uint8Array([1]) }, event)).toEqual({ opened: true });
    expect(shown).toEqual([{ title: '变更申请表', bytes: new Uint8Array([1]) }]);
    await handlers['desktop:reportError']({ message: 'TypeError: x is undefined', source: 'app://changedesk/assets/index.js:1:2' }, event);
    expect(logged[0]).toContain('TypeError: x is undefined');
  });
});
