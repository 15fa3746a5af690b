import { useState } from 'react';
import type { ReadBackupValue } from '../../domain/backup';
import { selectAccess, selectStorage } from '../../store/selectors';
import { ConfirmDialog, FileButton } from '../common/Dialog';
import { formatCountOf } from '../common/format';
import { useAppStore, useAppStoreApi } from '../common/storeContext';
import { downloadBackup, readBackupFile } from './backup';

function bytes(n: number | null): string {
  if (n === null) return 'unknown';
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

const when = (t: number) => new Date(t).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Where the work is kept and how safe it is: browser storage used and available, whether
 * the browser promised to keep it (persistent storage), the last backup — with a nudge when
 * there is none — and backup / restore of everything.
 */
export function StoragePanel() {
  const api = useAppStoreApi();
  const storage = useAppStore(selectStorage);
  const access = useAppStore(selectAccess);
  const [pending, setPending] = useState<ReadBackupValue | null>(null);
  const memory = storage.kind === 'memory';
  return (
    <section className="panel storage-panel" aria-label="Storage and backups">
      <h2>Storage and backups</h2>
      <dl className="kpis storage-facts">
        <div><dt>Kept in</dt><dd>{memory ? 'this tab only' : 'this browser'}</dd></div>
        <div><dt>Used</dt><dd>{memory ? '—' : `${bytes(storage.usage)} of ${bytes(storage.quota)}`}</dd></div>
        <div>
          <dt>Persistent</dt>
          <dd title="Persistent storage is not cleared by the browser when disk space runs low">
            {memory ? 'no' : storage.persisted === true ? 'yes' : storage.persisted === false ? 'not granted' : 'unknown'}
          </dd>
        </div>
        <div><dt>Last backup</dt><dd>{storage.lastBackupAt ? when(storage.lastBackupAt) : 'never'}</dd></div>
      </dl>
      {!storage.lastBackupAt && (
        <p className="warning nudge">
          No backup yet. Clearing the browser’s site data deletes every plan: back up everything to a file now and then.
        </p>
      )}
      {storage.persisted === false && !memory && (
        <p className="muted small">The browser has not promised to keep this data under storage pressure; a backup is your safety net.</p>
      )}
      <div className="panel-actions">
        <button type="button" onClick={() => void downloadBackup(api.getState())}>Back up everything</button>
        <FileButton
          label="Restore backup"
          accept=".json,application/json"
          title="Replace everything in this browser with a backup file"
          disabled={access.kind !== 'write'}
          onFile={(f) => void readBackupFile(api.getState(), f).then((v) => v && setPending(v))}
        />
      </div>
      {pending && (
        <ConfirmDialog
          title="Restore backup"
          confirm="Replace everything with this backup"
          danger
          onClose={() => setPending(null)}
          onConfirm={() => {
            const content = pending;
            setPending(null);
            void api.getState().restoreBackup(content);
          }}
        >
          <p>This backup of <strong>{pending.summary.workspaceName}</strong> was made {when(pending.summary.createdAt)}. It holds:</p>
          <ul className="summary-list" aria-label="Backup contents">
            <li>{formatCountOf(pending.summary.stores, 'store')} and {formatCountOf(pending.summary.people, 'person', 'people')}</li>
            {pending.summary.plans.map((p, i) => (
              <li key={i} className="indent">Plan “{p.name}”: {formatCountOf(p.territories, 'territory', 'territories')}</li>
            ))}
          </ul>
          <p className="warning">Restoring replaces every plan, store and person in this browser. Back up what is here first if you may need it.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
