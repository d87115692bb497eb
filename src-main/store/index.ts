export { openDatabase, DATABASE_FILE, type OpenOptions } from './database';
export { migrate, schemaVersion, type Migration } from './migrate';
export { migrations } from './migrations';
export { resolveDataDir, platformAppDataDir, APP_FOLDER_NAME } from './data-dir';
