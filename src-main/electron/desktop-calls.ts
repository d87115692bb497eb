import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BrowserWindow, Dialog, IpcMainInvokeEvent } from 'electron';
import { FILE_FILTERS, MAX_DESKTOP_FILE_BYTES, type FilePurpose } from '../shared/desktop';
import { AppError } from '../shared/errors';
import type { DesktopHandlers } from './ipc';

const OPEN_TITLES: Record<FilePurpose, string> = {
  bundle: '选择要导入的交换包',
  scan: '选择扫描件',
  pdf: '选择 PDF 文件',
  backup: '选择数据库备份',
  csv: '选择 CSV 文件',
  attachment: '选择附件',
};

export interface DesktopDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The window a call came from (dialogs are modal to it). */
  windowOf(event: IpcMainInvokeEvent): BrowserWindow | null;
  /** Where save dialogs start. */
  documentsDir: string;
  showPdf(parent: BrowserWindow, title: string, bytes: Uint8Array): void;
  logRendererError(text: string): void;
}

function filtersFor(purpose: FilePurpose): { name: string; extensions: string[] }[] {
  return [FILE_FILTERS[purpose], { name: '所有文件', extensions: ['*'] }];
}

/** The handlers of `window.desktop`: the renderer gets bytes and names, never a path to read. */
export function desktopHandlers(deps: DesktopDeps): DesktopHandlers {
  const parentOf = (event: IpcMainInvokeEvent): BrowserWindow => {
    const win = deps.windowOf(event);
    if (!win) throw new AppError('NO_WINDOW', '找不到发起调用的窗口。');
    return win;
  };
  return {
    'desktop:openFile': async ({ purpose, title }, event) => {
      const r = await deps.dialog.showOpenDialog(parentOf(event), {
        title: title ?? OPEN_TITLES[purpose],
        properties: ['openFile'],
        filters: filtersFor(purpose),
      });
      const path = r.canceled ? undefined : r.filePaths[0];
      if (!path) return null;
      const size = (await stat(path)).size;
      if (size > MAX_DESKTOP_FILE_BYTES) throw new AppError('FILE_TOO_LARGE', `文件 ${basename(path)} 过大（${Math.ceil(size / 1048576)} MB，上限 512 MB）。`);
      return { name: basename(path), bytes: await readFile(path) };
    },
    'desktop:saveFile': async ({ purpose, suggestedName, bytes, title }, event) => {
      const r = await deps.dialog.showSaveDialog(parentOf(event), {
        title: title ?? '保存文件',
        defaultPath: join(deps.documentsDir, suggestedName),
        filters: filtersFor(purpose),
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      if (r.canceled || !r.filePath) return null;
      try {
        await writeFile(r.filePath, bytes);
      } catch (e) {
        throw new AppError('SAVE_FAILED', `无法保存到 ${r.filePath}：${(e as Error).message}`);
      }
      return { path: r.filePath };
    },
    'desktop:printPdf': ({ title, bytes }, event) => {
      deps.showPdf(parentOf(event), title, bytes);
      return { opened: true };
    },
    'desktop:reportError': ({ message, stack, source }) => {
      deps.logRendererError([message, source ? `（${source}）` : '', stack ? `\n${stack}` : ''].join(''));
      return { logged: true };
    },
  };
}
