import type { App, Dialog } from 'electron';
import { logError } from '../store/error-log';

/**
 * Uncaught errors are written to <data>/logs/ and shown to the person in Chinese, never lost
 * silently (issue #7). Returns `report` for the other places that catch errors.
 */
export function installErrorReporting(
  proc: Pick<NodeJS.Process, 'on'>,
  app: Pick<App, 'on'>,
  dialog: Pick<Dialog, 'showErrorBox'>,
  dataDir: () => string,
): (title: string, error: unknown) => void {
  const report = (title: string, error: unknown): void => {
    const file = logError(dataDir(), title, error);
    const message = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox(`ChangeDesk：${title}`, `${message}\n\n详细信息已记录到：\n${file}\n\n如问题反复出现，请将该文件交给系统管理员。`);
  };
  proc.on('uncaughtException', (e) => report('程序发生未预料的错误', e));
  proc.on('unhandledRejection', (e) => report('程序发生未预料的错误', e));
  app.on('render-process-gone', (_event, _wc, details) => {
    if (details.reason !== 'clean-exit') report('界面进程意外终止', new Error(`原因：${details.reason}，退出码 ${details.exitCode}`));
  });
  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') logError(dataDir(), '子进程意外终止', `${details.type}：${details.reason}（${details.exitCode}）`);
  });
  return report;
}
