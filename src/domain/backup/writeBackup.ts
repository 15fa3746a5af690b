import { BACKUP_FORMAT, BACKUP_VERSION, STORE_FIELDS, type BackupContent } from './backupFormat';
import { encodeStores } from './storeTable';

export interface WriteBackupOptions {
  /** The app's version, recorded in the file for support questions. */
  appVersion?: string;
}

/**
 * A workspace as a backup file (format in backupFormat.ts): the JSON text to save as
 * `<workspace>.backup.json`. Records are written as stored, stores as a table.
 *
 * Undo/redo entries are written as they are (JSON): whatever the app keeps there must be
 * plain JSON data (no Maps or typed arrays) to survive the round trip.
 */
export function writeBackup(content: BackupContent, opts: WriteBackupOptions = {}): string {
  const createdAt = content.createdAt;
  const doc = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    created_at: Number.isFinite(createdAt) && Math.abs(createdAt) <= 8.64e15 ? new Date(createdAt).toISOString() : null,
    app: { name: 'Territory Planner', version: opts.appVersion ?? null },
    workspace: content.workspace,
    people: content.people,
    store_fields: STORE_FIELDS,
    stores: encodeStores(content.stores),
    plans: content.plans.map((p) => ({
      plan: p.bundle.plan,
      territories: p.bundle.territories,
      regions: p.bundle.regions,
      history: p.history ?? null,
    })),
    settings: content.settings,
  };
  return JSON.stringify(doc);
}
