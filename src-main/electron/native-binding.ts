import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// better-sqlite3 is compiled twice on a developer's machine: node_modules holds the build for
// Node (tests, host, CLI), `npm run native:electron` (resources/build/native-electron.cjs)
// puts the build for Electron's ABI beside it, in a folder named for that ABI so that a build
// for another Electron version is never picked up. A packaged program carries that same build
// in resources/native/ (resources/build/after-pack.cjs); node_modules is never rebuilt in place.

/** Where the Electron build of the addon lives (the build script writes the same path). */
export function electronAddonPath(
  projectRoot: string,
  abi: string = process.versions.modules,
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  return join(projectRoot, 'build', 'native', `electron-abi${abi}-${platform}-${arch}`, 'better_sqlite3.node');
}

/** The installed Electron's NODE_MODULE_VERSION, as the electron package records it (no Electron needed). */
export function installedElectronAbi(projectRoot: string): string | undefined {
  const file = join(projectRoot, 'node_modules', 'electron', 'abi_version');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

export interface BindingChoice {
  isPackaged: boolean;
  appPath: string;
  /** process.resourcesPath of the packaged program. */
  resourcesPath: string;
  exists: (path: string) => boolean;
}

/** The nativeBinding for openDatabase, or undefined for node_modules' own build. */
export function chooseNativeBinding(choice: BindingChoice): string | undefined {
  if (choice.isPackaged) return join(choice.resourcesPath, 'native', 'better_sqlite3.node');
  const path = electronAddonPath(choice.appPath);
  return choice.exists(path) ? path : undefined;
}

/** A Chinese explanation when the database could not open because the addon is for Node. */
export function explainNativeFailure(message: string): string | undefined {
  if (!/NODE_MODULE_VERSION|compiled against a different Node\.js version|better_sqlite3\.node/.test(message)) return undefined;
  return [
    '数据库组件 better-sqlite3 没有为 Electron 编译（node_modules 中的版本是为 Node 编译的）。',
    '请在项目目录运行：npm run native:electron',
    '该命令需要 Electron 的头文件：本机不能联网时，请设置 CHANGEDESK_ELECTRON_HEADERS 指向已下载的头文件目录，或改用 npm run serve（浏览器宿主）。',
    '',
    `原始错误：${message}`,
  ].join('\n');
}
