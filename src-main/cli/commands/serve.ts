import { startHost } from '../../host';
import { warmUpPrinting } from '../../pdf';
import { cleanStaleUploads, startAutomaticBackups } from '../../services';
import { backupBeforeUpgrade, logError, resolveDataDir } from '../../store';
import { EXIT_OK, UsageError, type CliIo, type Command, type CommandArgs } from '../command';
import { rendererDir } from '../locate';
import { dataDirOption, openData } from '../open-data';

export const READY_PREFIX = 'ChangeDesk 浏览器宿主已启动：';

export async function runBrowserHost(args: CommandArgs, io: CliIo): Promise<number> {
  const portArg = args.values.port;
  const port = typeof portArg === 'string' ? Number(portArg) : 5731;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`端口「${String(portArg)}」无效。`);
  const token = typeof args.values.token === 'string' ? args.values.token : undefined;
  if (token !== undefined && token.length < 16) throw new UsageError('--token 至少 16 个字符。');
  const dataDirArg = args.values['data-dir'];
  await backupBeforeUpgrade(resolveDataDir(typeof dataDirArg === 'string' ? dataDirArg : undefined, io.env), new Date());
  // The browser host alone honours a test clock (CHANGEDESK_TEST_CLOCK_FILE): e2e moves time on.
  const data = openData(dataDirArg, io, { testClock: true });
  // Uploaded copies a person abandoned before the host last stopped (issue 6).
  cleanStaleUploads(data.dataDir, Date.now());
  const host = await startHost(data.services, { port, rendererDir: rendererDir(), ...(token ? { token } : {}) });
  // The line tests and scripts wait for: the readiness marker of the host process.
  io.stdout(`${READY_PREFIX}${host.url}\n`);
  // Where there is no Electron the host is the program: the same daily backups (issue #7),
  // started after the readiness line so that a large database does not delay the page.
  const backups = startAutomaticBackups({
    db: data.db,
    dataDir: data.dataDir,
    onError: (e) => io.stderr(`自动备份失败：${(e as Error)?.message ?? String(e)}（详见 ${logError(data.dataDir, '自动备份失败', e)}）\n`),
  });
  // Parse the fonts once the first page has had time to load, so the first print is quick.
  setTimeout(() => void warmUpPrinting().catch((e: unknown) => logError(data.dataDir, '打印预热失败', e)), 3000).unref();
  io.stdout(`数据目录：${data.dataDir}\n仅监听本机地址 127.0.0.1；请用浏览器打开上面的完整地址。按 Ctrl+C 停止。\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  backups.stop();
  await backups.first;
  await host.close();
  data.close();
  io.stdout('ChangeDesk 浏览器宿主已停止。\n');
  return EXIT_OK;
}

export const hostOptions = {
  ...dataDirOption,
  port: { type: 'string' as const },
  token: { type: 'string' as const },
};

export const serveCommand: Command = {
  name: 'serve',
  summary: '启动浏览器宿主（仅本机 127.0.0.1），在浏览器中使用 ChangeDesk',
  usage: '[--port 端口，默认 5731，0 为任选] [--data-dir 目录] [--token 令牌]',
  options: hostOptions,
  run: runBrowserHost,
};
