import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { electronAddonPath, installedElectronAbi } from '../../electron/native-binding';
import { type Command } from '../command';
import { findElectronBinary, projectRoot } from '../locate';
import { hostOptions, runBrowserHost } from './serve';

/** `npm start`: the desktop program, or the browser host where no Electron binary can be had. */
export const startCommand: Command = {
  name: 'start',
  summary: '启动桌面程序；本机没有 Electron 时改为启动浏览器宿主',
  usage: '[--data-dir 目录] [--port 端口]',
  options: hostOptions,
  async run(args, io) {
    const electron = findElectronBinary(io.env);
    const abi = installedElectronAbi(projectRoot());
    // Electron cannot open the database with node_modules' build of better-sqlite3 (made for Node).
    if ('path' in electron && !(abi && existsSync(electronAddonPath(projectRoot(), abi)))) {
      io.stdout('better-sqlite3 尚未为 Electron 编译（请在能联网时运行 npm run native:electron），因此改为启动浏览器宿主：界面和功能与桌面程序相同。\n');
      return runBrowserHost(args, io);
    }
    if ('path' in electron) {
      const dataDir = args.values['data-dir'];
      const child = spawn(electron.path, [projectRoot(), ...(typeof dataDir === 'string' ? ['--data-dir', dataDir] : [])], {
        stdio: 'inherit',
      });
      return new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
    }
    io.stdout(`${electron.missing}，因此改为启动浏览器宿主：界面和功能与桌面程序相同，请在本机浏览器中打开下面的地址。\n`);
    return runBrowserHost(args, io);
  },
};
