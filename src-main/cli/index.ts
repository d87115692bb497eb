export { runCli } from './run';
export { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, type CliIo, type Command } from './command';
export { READY_PREFIX } from './commands/serve';
