/**
 * The backup file: a whole workspace (market, people, every plan with its history,
 * settings) in one JSON file, written and read back exactly. Pure functions: the db
 * gathers and restores the records, the UI offers the file.
 */
export {
  BACKUP_FORMAT,
  BACKUP_LIMITS,
  BACKUP_REASONS,
  BACKUP_VERSION,
  STORE_FIELDS,
  type BackupContent,
  type BackupPlan,
  type BackupReason,
  type BackupSummary,
} from './backupFormat';
export { writeBackup, type WriteBackupOptions } from './writeBackup';
export { readBackup, type ReadBackupOptions, type ReadBackupValue } from './readBackup';
export { decodeStores, encodeStores } from './storeTable';
