#!/usr/bin/env node
// The `changedesk` command: runs the built CLI (out/main/cli.js), which `npm run build` makes.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('ChangeDesk 尚未构建：请先在项目目录运行 npm run build（或 npm start）。\n');
  process.exit(2);
}
require(cli);
