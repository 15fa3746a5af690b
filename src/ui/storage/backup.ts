/** Backup and restore from the UI: the formats are in src/domain/backup, the work in the store. */
import { readBackup, type ReadBackupValue } from '../../domain/backup';
import type { AppState } from '../../store/types';
import { downloadText } from '../common/download';
import { readTextFile } from '../common/readTextFile';

/** Backups larger than this are refused before they are read. */
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

export async function downloadBackup(st: AppState): Promise<boolean> {
  const file = await st.backUpEverything();
  if (!file) return false;
  downloadText(file.fileName, file.text, 'application/json');
  st.notify('info', `Backup downloaded: ${file.fileName}. Keep it somewhere safe; “Restore backup” brings everything back.`);
  return true;
}

/** Reads and checks a backup file; the caller shows what it holds before restoring. */
export async function readBackupFile(st: AppState, file: File): Promise<ReadBackupValue | null> {
  const text = await readTextFile(st, file, MAX_BACKUP_BYTES, 'a backup');
  if (text === null) return null;
  const res = readBackup(text);
  if (!res.ok) {
    st.notify('error', `${file.name} is not a backup this app can restore: ${res.message} Nothing was changed.`);
    return null;
  }
  return res.value;
}
