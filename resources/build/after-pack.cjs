// electron-builder `afterPack` hook: flips Electron's fuses in the packed executable, before it
// is signed and wrapped into an installer (issue #7). Fuses are bits compiled into the binary
// that turn features off for good, whatever the command line or environment says.
'use strict';
const { copyFileSync, existsSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { addonPath, electronAbi, electronVersion } = require('./native-electron.cjs');

/** Every fuse of the V1 wire, set explicitly (names as in @electron/fuses' FuseV1Options). */
const FUSES = {
  // `ELECTRON_RUN_AS_NODE=1 ChangeDesk.exe script.js` would run any script with our binary.
  RunAsNode: false,
  // Cookies (none are used, but the session store) are encrypted with the OS key store.
  EnableCookieEncryption: true,
  // NODE_OPTIONS could inject --require of any file into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk would open a debugger port into the main process.
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the hash embedded at packaging (Windows and macOS).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded: a loose `resources/app` folder put beside it is ignored.
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The program serves its pages from app://, so file:// needs none of its old privileges.
  GrantFileProtocolExtraPrivileges: false,
  WasmTrapHandlers: true,
};

/** The packed Electron executable for the platform being built. */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'win32') return join(appOutDir, `${product}.exe`);
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${product}.app`);
  return join(appOutDir, packager.executableName || product);
}

/** The packed program's resources folder (process.resourcesPath at run time). */
function resourcesDir(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${packager.appInfo.productFilename}.app`, 'Contents', 'Resources');
  return join(appOutDir, 'resources');
}

/** electron-builder's Arch enum (ia32, x64, armv7l, arm64, universal) as Node names it. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * better-sqlite3 built for Electron's ABI and the target platform (npm run native:electron,
 * which the dist scripts run first) goes to resources/native/, where the main process loads it
 * as `nativeBinding`. node_modules' own build (for Node) is neither rebuilt nor packed.
 */
function copyNativeAddon(context) {
  const arch = typeof context.arch === 'number' ? ARCH_NAMES[context.arch] : context.arch;
  const platform = context.electronPlatformName;
  const from = addonPath(electronAbi(electronVersion()), platform, arch);
  if (!existsSync(from)) {
    throw new Error(
      `better-sqlite3 for Electron (${platform}-${arch}) is missing at ${from}: run \`npm run native:electron -- --platform ${platform} --arch ${arch} --strict\` first (needs internet).`,
    );
  }
  const to = join(resourcesDir(context), 'native', 'better_sqlite3.node');
  mkdirSync(join(resourcesDir(context), 'native'), { recursive: true });
  copyFileSync(from, to);
  return to;
}

async function applyFuses(electronPath, platform) {
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature: platform === 'darwin' };
  for (const [name, value] of Object.entries(FUSES)) {
    if (!(name in FuseV1Options)) throw new Error(`unknown fuse ${name}`);
    config[FuseV1Options[name]] = value;
  }
  await flipFuses(electronPath, config);
}

async function afterPack(context) {
  const addon = copyNativeAddon(context);
  console.log(`  • better-sqlite3 for Electron copied to ${addon}`);
  const exe = executablePath(context);
  await applyFuses(exe, context.electronPlatformName);
  console.log(`  • fuses set on ${exe}: ${Object.entries(FUSES).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(', ')}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.executablePath = executablePath;
module.exports.applyFuses = applyFuses;
module.exports.copyNativeAddon = copyNativeAddon;
