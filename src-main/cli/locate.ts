import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project folder: where package.json is, found upwards from this file (built or source). */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src-renderer'))) return dir;
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'out', 'main'))) return dir;
    const up = dirname(dir);
    if (up === dir) return join(from, '..', '..');
    dir = up;
  }
}

/** The built renderer the browser host serves. */
export function rendererDir(): string {
  return join(projectRoot(), 'out', 'renderer');
}

/**
 * The Electron executable, or why there is none. Reads what the `electron` package recorded
 * instead of requiring it, because requiring it tries to download the binary.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): { path: string } | { missing: string } {
  const root = projectRoot();
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(pkgDir)) return { missing: '未安装 electron 依赖包（node_modules/electron 不存在）' };
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  const pathFile = join(pkgDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const candidates = rel ? [join(distDir, rel)] : [join(distDir, 'electron'), join(distDir, 'electron.exe')];
  const found = candidates.find((p) => existsSync(p));
  if (found) return { path: found };
  return { missing: `未找到 Electron 可执行文件（${candidates[0]}）：本机无法下载 Electron 二进制文件` };
}
