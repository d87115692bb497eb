import type { Command } from '../command';
import { apiCommand } from './api';
import { archiveCommand } from './archive';
import { auditCommand } from './audit';
import { demoCommand } from './demo';
import { exportCommand } from './export';
import { importCommand } from './import';
import { infoCommand } from './info';
import { initCommand } from './init';
import { keyCommand } from './key';
import { peerCommand } from './peer';
import { rebuildCommand } from './rebuild';
import { serveCommand } from './serve';
import { startCommand } from './start';
import { verifyCommand } from './verify';

/** Every command of `changedesk`, in the order --help lists them. */
export const commands: readonly Command[] = [
  startCommand,
  serveCommand,
  infoCommand,
  initCommand,
  demoCommand,
  apiCommand,
  auditCommand,
  rebuildCommand,
  keyCommand,
  peerCommand,
  exportCommand,
  importCommand,
  verifyCommand,
  archiveCommand,
];
