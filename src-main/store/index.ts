export { openDatabase, DATABASE_FILE, type OpenOptions } from './database';
export { migrate, schemaVersion, type Migration } from './migrate';
export { migrations } from './migrations';
export { resolveDataDir, platformAppDataDir, APP_FOLDER_NAME } from './data-dir';
export { setNativeBinding, nativeBinding, openConnection } from './native-binding';
export {
  BACKUP_DIR,
  KEEP_AUTOMATIC_BACKUPS,
  automaticBackup,
  backupBeforeUpgrade,
  backupDir,
  createBackup,
  inspectDatabaseFile,
  listBackups,
  pruneAutomaticBackups,
  restoreDatabase,
  writeBackup,
  type RestoreResult,
} from './backup';
export { logError, LOG_DIR } from './error-log';
