import type { Command } from '../command';
import { apiCommand } from './api';
import { auditCommand } from './audit';
import { demoCommand } from './demo';
import { rebuildCommand } from './rebuild';
import { infoCommand } from './info';
import { initCommand } from './init';
import { serveCommand } from './serve';
import { startCommand } from './start';

/** Every command of `changedesk`, in the order --help lists them. */
export const commands: readonly Command[] = [startCommand, serveCommand, infoCommand, initCommand, demoCommand, apiCommand, auditCommand, rebuildCommand];
