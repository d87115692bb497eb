import type { Command } from '../command';
import { apiCommand } from './api';
import { backupCommand } from './backup';
import { infoCommand } from './info';
import { restoreCommand } from './restore';
import { serveCommand } from './serve';
import { startCommand } from './start';

/** Every command of `changedesk`, in the order --help lists them. */
export const commands: readonly Command[] = [startCommand, serveCommand, infoCommand, apiCommand, backupCommand, restoreCommand];
