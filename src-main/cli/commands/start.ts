import { spawn } from 'node:child_process';
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
