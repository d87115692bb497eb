#!/usr/bin/env node
// `npm run test:packaging` (part of `npm test`, after the build): runs electron-builder with
// electron-builder.yml as it is, for an unpacked Linux program, on a stand-in Electron
// distribution (the real one cannot be downloaded here: an "executable" carrying Electron's
// fuse wire) and a stand-in native module, then checks what was packed: the program, no
// renderer libraries, no Node build of better-sqlite3, the Electron build in resources/native,
// the fonts unpacked, and the fuses flipped in the executable.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..', '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULTS = '101100011';
const EXPECTED_FUSES = '010011001'; // RunAsNode off, cookies encrypted, NODE_OPTIONS off, inspect off, integrity on, asar only, snapshot off, file:// off, wasm on

const work = mkdtempSync(join(tmpdir(), 'changedesk-pack-'));
const results = [];
function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`);
}

try {
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) throw new Error('out/ is missing: run npm run build first');
  const abi = readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
  const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

  const dist = join(work, 'electron-dist');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from(ELECTRON_DEFAULTS), Buffer.alloc(4096, 7)]), { mode: 0o755 });
  writeFileSync(join(dist, 'version'), version);
  writeFileSync(join(dist, 'LICENSE'), 'stand-in');
  writeFileSync(join(dist, 'LICENSES.chromium.html'), 'stand-in');
  const native = join(work, 'native');
  mkdirSync(join(native, `electron-abi${abi}-linux-x64`), { recursive: true });
  writeFileSync(join(native, `electron-abi${abi}-linux-x64`, 'better_sqlite3.node'), 'stand-in electron addon');
  const output = join(work, 'dist');

  const builder = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const r = spawnSync(
    process.execPath,
    [builder, '--config', 'electron-builder.yml', '--linux', 'dir', '--x64', `-c.electronDist=${dist}`, `-c.directories.output=${output}`],
    { cwd: root, env: { ...process.env, CHANGEDESK_NATIVE_DIR: native }, encoding: 'utf8', timeout: 300_000 },
  );
  check('electron-builder packs with electron-builder.yml', r.status === 0, r.status === 0 ? '' : `${r.stdout}${r.stderr}`.slice(-2000));
  const app = join(output, 'linux-unpacked');

  // The asar reader electron-builder itself packs with.
  const builderLib = require.resolve('app-builder-lib/package.json', { paths: [root] });
  const asar = require(require.resolve('@electron/asar', { paths: [builderLib] }));
  const files = asar.listPackage(join(app, 'resources', 'app.asar'), { isPack: false });
  for (const f of ['/out/main/index.js', '/out/main/rebuild-thread-entry.js', '/out/preload/index.js', '/out/renderer/index.html', '/package.json', '/node_modules/better-sqlite3/lib/index.js']) {
    check(`app.asar holds ${f}`, files.includes(f));
  }
  const nodeBuild = files.filter((f) => f.endsWith('.node') && !f.startsWith('/node_modules/sodium-native/'));
  check('no Node build of better-sqlite3 is packed', nodeBuild.length === 0, nodeBuild.join(', '));
  // sodium-native is a Node-API addon: the same build loads in Node and in Electron.
  check(
    "sodium-native's addon for the target is unpacked where it loads",
    existsSync(join(app, 'resources', 'app.asar.unpacked', 'node_modules', 'sodium-native', 'prebuilds', 'linux-x64', 'sodium-native.node')),
  );
  const mobile = files.filter((f) => /^\/node_modules\/sodium-native\/prebuilds\/(android|ios)-/.test(f) || f.endsWith('.bare'));
  check('no mobile builds of sodium-native nor Bare addons are packed', mobile.length === 0, mobile.slice(0, 3).join(', '));
  const rendererLibs = files.filter((f) => /^\/node_modules\/(antd|react|react-dom|@rc-component|pdfjs-dist)\//.test(f));
  check('the renderer libraries (bundled by Vite) are not packed again', rendererLibs.length === 0, rendererLibs.slice(0, 3).join(', '));
  check(
    'the Electron build of better-sqlite3 is in resources/native',
    readFileSync(join(app, 'resources', 'native', 'better_sqlite3.node'), 'utf8') === 'stand-in electron addon',
  );
  const fonts = existsSync(join(root, 'resources', 'fonts')) ? readdirSync(join(root, 'resources', 'fonts')).filter((f) => /\.(otf|ttf)$/i.test(f)) : [];
  check(
    'fonts are unpacked where pdfmake reads them',
    fonts.every((f) => existsSync(join(app, 'resources', 'app.asar.unpacked', 'resources', 'fonts', f))),
    fonts.length ? fonts.join(', ') : 'no fonts in resources/fonts yet',
  );
  const exe = readFileSync(join(app, 'changedesk'));
  const at = exe.indexOf(SENTINEL) + SENTINEL.length + 2;
  const wire = exe.subarray(at, at + 9).toString('latin1');
  check('the fuses are flipped in the packed executable', wire === EXPECTED_FUSES, `wire ${wire}`);
} catch (e) {
  check('packaging check ran', false, String(e && e.stack ? e.stack : e));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const failed = results.filter((ok) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
