#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI *beside* the Node build in node_modules, so that
// `npm test` (Node) and `npm start` (Electron) both work on one machine without a rebuild in
// between. The result goes to build/native/electron-abi<ABI>-<platform>-<arch>/better_sqlite3.node,
// the path src-main/electron/native-binding.ts looks for (it passes it as `nativeBinding`).
//
// Order: a prebuilt binary (prebuild-install, from better-sqlite3's releases or its local cache),
// else a compile with node-gyp against Electron's headers (downloaded from Electron's header
// server, or taken from CHANGEDESK_ELECTRON_HEADERS). Where neither can be had — no internet —
// it says so plainly and exits 0: node_modules' Node build is never touched.
//
// Packaging uses the same file: `--platform win32 --arch x64` fetches the prebuilt binary for
// another platform, and after-pack.cjs copies it into the package's resources/native/.
//
// Options: --platform P --arch A  the target (default: this machine); compiling needs P = this one
//          --if-electron  skip (with one line) when no Electron executable is installed
//          --force        rebuild even if the file exists
//          --strict       exit 1 when it cannot build
//          --out DIR      write to DIR instead of build/native/… (tests)
//          --print-target print the target path and exit
//          --dist-url URL / --prebuild-host URL   other header / prebuilt servers (mirrors, tests)
//          --devdir DIR   node-gyp's header cache (default ~/.electron-gyp)
// Environment: CHANGEDESK_ELECTRON_HEADERS  Electron headers already on disk (node-gyp --nodedir)
//              CHANGEDESK_NATIVE_DIR        another folder instead of build/native (tests)
'use strict';
const { spawnSync } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, resolve, sep } = require('node:path');

const root = resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function say(text) {
  process.stdout.write(`[native:electron] ${text}\n`);
}

function electronVersion() {
  const pkg = join(root, 'node_modules', 'electron', 'package.json');
  if (!existsSync(pkg)) return undefined;
  return JSON.parse(readFileSync(pkg, 'utf8')).version;
}

/** Electron's NODE_MODULE_VERSION: the electron package records it; node-abi knows it too. */
function electronAbi(version) {
  const file = join(root, 'node_modules', 'electron', 'abi_version');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  return String(require('node-abi').getAbi(version, 'electron'));
}

/** Where the build for one Electron ABI, platform and arch lives (src-main/electron/native-binding.ts agrees). */
function addonPath(abi, platform, arch) {
  const base = process.env.CHANGEDESK_NATIVE_DIR ? resolve(process.env.CHANGEDESK_NATIVE_DIR) : join(root, 'build', 'native');
  return join(base, `electron-abi${abi}-${platform}-${arch}`, 'better_sqlite3.node');
}

function electronBinaryPresent() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim()));
}

/**
 * npm passes its configuration down as npm_config_*; some of it (nodedir, target, runtime,
 * disturl — Debian's npmrc sets nodedir=/usr) would make node-gyp build for *Node* again.
 */
function childEnv(extra) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|platform|target_platform|devdir|build_from_source)$/i.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}

function run(command, commandArgs, cwd, env) {
  const r = spawnSync(process.execPath, [command, ...commandArgs], { cwd, env: childEnv(env), encoding: 'utf8' });
  const output = `${r.stdout || ''}${r.stderr || ''}`;
  return { ok: r.status === 0, output };
}

/** The last lines that say why a step failed (network errors are the usual reason here). */
function why(output) {
  const lines = output.split('\n').map((l) => l.trim());
  const network = lines.filter((l) => /ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|ECONNRESET|getaddrinfo|network connectivity|404/i.test(l));
  const errors = lines.filter((l) => /error|ERR!/i.test(l) && !/^gyp ERR! (stack|System|command|cwd|node -v|node-gyp -v|not ok)/.test(l));
  return ((network.length ? network : errors).slice(0, 2).join(' | ') || lines.filter(Boolean).slice(-1)[0] || '').slice(0, 400);
}

function main() {
  const version = electronVersion();
  if (!version) {
    say('未安装 electron 依赖包，无需为 Electron 编译 better-sqlite3。');
    return 0;
  }
  const abi = electronAbi(version);
  const platform = option('--platform') || process.platform;
  const arch = option('--arch') || process.arch;
  const target = option('--out') ? join(resolve(option('--out')), 'better_sqlite3.node') : addonPath(abi, platform, arch);
  const outDir = dirname(target);
  if (flag('--print-target')) {
    process.stdout.write(`${target}\n`);
    return 0;
  }
  if (flag('--if-electron') && !electronBinaryPresent()) {
    say('本机没有 Electron 可执行文件，跳过为 Electron 编译 better-sqlite3（测试、浏览器宿主和命令行使用 node_modules 中的 Node 版本）。');
    return 0;
  }
  if (existsSync(target) && !flag('--force')) {
    say(`已有 Electron ${version}（ABI ${abi}）版本：${target}`);
    return 0;
  }

  // Work on a copy of the package so that node_modules' Node build is never overwritten.
  const source = join(root, 'node_modules', 'better-sqlite3');
  const staging = join(mkdtempSync(join(tmpdir(), 'changedesk-native-')), 'better-sqlite3');
  const buildDir = join(source, 'build');
  cpSync(source, staging, { recursive: true, filter: (src) => src !== buildDir && !src.startsWith(`${buildDir}${sep}`) });
  const built = join(staging, 'build', 'Release', 'better_sqlite3.node');
  const failures = [];

  say(`为 Electron ${version}（ABI ${abi}，${platform}-${arch}）准备 better-sqlite3 …`);
  const prebuildHost = option('--prebuild-host');
  const prebuild = run(
    join(root, 'node_modules', 'prebuild-install', 'bin.js'),
    ['--runtime', 'electron', '--target', version, '--arch', arch, '--platform', platform, '--verbose'],
    staging,
    prebuildHost ? { npm_config_better_sqlite3_binary_host: prebuildHost } : {},
  );
  if (!(prebuild.ok && existsSync(built))) {
    failures.push(`预编译文件（prebuild-install）：${why(prebuild.output)}`);
  }
  if (!existsSync(built) && (platform !== process.platform || arch !== process.arch)) {
    failures.push(`用 node-gyp 编译：不能在 ${process.platform}-${process.arch} 上为 ${platform}-${arch} 编译，只能下载预编译文件`);
  } else if (!existsSync(built)) {
    const headers = process.env.CHANGEDESK_ELECTRON_HEADERS;
    const gyp = run(
      join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      [
        'rebuild',
        '--release',
        `--target=${version}`,
        `--arch=${arch}`,
        `--dist-url=${option('--dist-url') || 'https://electronjs.org/headers'}`,
        `--devdir=${option('--devdir') || join(require('node:os').homedir(), '.electron-gyp')}`,
        ...(headers ? [`--nodedir=${resolve(headers)}`] : []),
      ],
      staging,
      {},
    );
    if (!(gyp.ok && existsSync(built))) failures.push(`用 node-gyp 编译（需要 Electron ${version} 的头文件）：${why(gyp.output)}`);
  }

  // An addon declares its ABI in its entry point's name: refuse one built against other headers.
  if (existsSync(built) && !readFileSync(built).includes(`node_register_module_v${abi}`)) {
    failures.push(`编译结果不是 ABI ${abi} 的（头文件不是 Electron ${version} 的？），已丢弃`);
    rmSync(built);
  }

  if (!existsSync(built)) {
    rmSync(dirname(staging), { recursive: true, force: true });
    say(`无法为 Electron ${version} 编译 better-sqlite3：`);
    for (const f of failures) say(`  - ${f}`);
    say('本机无法下载 Electron 的头文件或预编译文件（没有互联网）。node_modules 中为 Node 编译的版本不受影响：npm test、npm run serve 和命令行照常工作。');
    say('要在本机运行桌面程序：在能联网的机器上运行 npm run native:electron，或设置 CHANGEDESK_ELECTRON_HEADERS 指向 Electron 头文件目录后重试。');
    say(`Cannot build better-sqlite3 for Electron ${version}: its headers or prebuilt binary cannot be downloaded here. The Node build is untouched.`);
    return flag('--strict') ? 1 : 0;
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, target);
  rmSync(dirname(staging), { recursive: true, force: true });
  say(`完成：${target}`);
  return 0;
}

module.exports = { addonPath, electronAbi, electronVersion };
if (require.main === module) process.exitCode = main();
