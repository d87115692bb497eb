import BetterSqlite3, { type Database, type Options } from 'better-sqlite3';

// better-sqlite3 loads its compiled addon per connection: without `nativeBinding` it takes the
// one in node_modules, built for Node (tests, host, CLI). The Electron main process sets the
// copy built for Electron's ABI here once at start, so every connection it opens — the main
// one, backups, restore checks — loads the same, matching addon.
let processBinding: string | undefined;

export function setNativeBinding(path: string | undefined): void {
  processBinding = path;
}

export function nativeBinding(): string | undefined {
  return processBinding;
}

/** A plain connection with the process's addon (no pragmas, no migrations). */
export function openConnection(file: string, options: Omit<Options, 'nativeBinding'> = {}, binding = processBinding): Database {
  return new BetterSqlite3(file, binding ? { ...options, nativeBinding: binding } : options);
}
