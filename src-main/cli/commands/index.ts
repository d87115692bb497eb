import type { Command } from '../command';
import { apiCommand } from './api';
import { archiveCommand } from './archive';
import { conflictCommand } from './conflict';
import { auditCommand } from './audit';
import { demoCommand } from './demo';
import { rebuildCommand } from './rebuild';
import { initCommand } from './init';
import { backupCommand } from './backup';
import { infoCommand } from './info';
import { restoreCommand } from './restore';
import { serveCommand } from './serve';
import { startCommand } from './start';
import { pdfCommand } from './pdf';
import { reportCommand } from './report';
import { verifyPrintCommand } from './verify-print';
import { weeklyPlanCommand } from './weekly-plan';
import { exportCommand } from './export';
import { importCommand } from './import';
import { keyCommand } from './key';
import { peerCommand } from './peer';
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
  backupCommand,
  restoreCommand,
  pdfCommand,
  weeklyPlanCommand,
  reportCommand,
  verifyPrintCommand,
  keyCommand,
  peerCommand,
  exportCommand,
  importCommand,
  verifyCommand,
  archiveCommand,
  conflictCommand,
];
