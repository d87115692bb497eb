import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { callNames, type AppApi } from '../shared/api';
import { desktopCallNames, type DesktopApi } from '../shared/desktop';

// Exactly one function per contract call (window.api) and per desktop call (window.desktop),
// and nothing else: no ipcRenderer, no Node, no channel named by the page.
const api = Object.fromEntries(callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(name, input)])) as AppApi;
const desktop = Object.fromEntries(desktopCallNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(name, input)])) as DesktopApi;

contextBridge.exposeInMainWorld('api', api);
contextBridge.exposeInMainWorld('desktop', desktop);
// Issue 6: a file dropped on the 交换 page is imported by its path on this machine (the main
// process reads it); the page learns the path and nothing else about the file system.
contextBridge.exposeInMainWorld('filePaths', { pathOf: (file: unknown) => webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]) });

// Errors of the page reach the log in the data folder (issue #7: never silently lost).
const report = (message: string, stack?: string, source?: string): void => {
  void ipcRenderer.invoke('desktop:reportError', {
    message: message.slice(0, 10_000),
    ...(stack ? { stack: stack.slice(0, 50_000) } : {}),
    ...(source ? { source: source.slice(0, 1_000) } : {}),
  });
};
// The preload is type-checked with Node's types only; these are the two DOM events it needs.
interface PageEvents {
  addEventListener(type: 'error', listener: (e: { message: string; error: unknown; filename: string; lineno: number; colno: number }) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (e: { reason: unknown }) => void): void;
}
const page = globalThis as unknown as PageEvents;
page.addEventListener('error', (e) => report(String(e.message), e.error instanceof Error ? e.error.stack : undefined, `${e.filename}:${e.lineno}:${e.colno}`));
page.addEventListener('unhandledrejection', (e) => {
  const reason = e.reason;
  report(reason instanceof Error ? reason.message : String(reason), reason instanceof Error ? reason.stack : undefined, 'unhandledrejection');
});
