/** Backup and restore from the UI: the formats are in src/domain/backup, the work in the store. */
import { readBackup, type ReadBackupValue } from '../../domain/backup';
import type { AppState } from '../../store/types';
import { downloadText } from '../common/download';

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
  if (file.size > MAX_BACKUP_BYTES) {
    st.notify('error', `${file.name} is ${Math.round(file.size / 1048576)} MB, more than a backup can be (${MAX_BACKUP_BYTES / 1048576} MB). Nothing was changed.`);
    return null;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    st.notify('error', `Could not read ${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
  const res = readBackup(text);
  if (!res.ok) {
    st.notify('error', `${file.name} is not a backup this app can restore: ${res.message} Nothing was changed.`);
    return null;
  }
  return res.value;
}
