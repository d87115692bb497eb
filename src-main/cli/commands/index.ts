import type { Command } from '../command';
import { apiCommand } from './api';
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
import { verifyPrintCommand } from './verify-print';
import { weeklyPlanCommand } from './weekly-plan';

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
  verifyPrintCommand,
];
