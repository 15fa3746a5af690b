import { selectAccess, selectSaveState } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../common/storeContext';
import { downloadBackup } from './backup';

/**
 * The banners that say the user's work is not (or no longer) being saved here: another tab
 * edits (read-only, "Use here"), a newer version upgraded the data (reload), or the browser
 * refuses storage (full, private window): then a backup download is one click away.
 */
export function AccessBanner() {
  const api = useAppStoreApi();
  const access = useAppStore(selectAccess);
  const save = useAppStore(selectSaveState);
  if (access.kind === 'read-only') {
    return (
      <div className="banner info" role="status" aria-label="Read-only">
        <span><strong>Read-only.</strong> {access.reason}</span>
        <button type="button" className="primary" onClick={() => void api.getState().useHere()}>Use here</button>
      </div>
    );
  }
  if (access.kind === 'stale') {
    return (
      <div className="banner error" role="alert">
        <span><strong>This tab stopped saving:</strong> {access.reason}</span>
        <button type="button" onClick={() => void downloadBackup(api.getState())}>Download a backup</button>
        <button type="button" className="primary" onClick={() => window.location.reload()}>Reload</button>
      </div>
    );
  }
  if (save.kind === 'error' || save.kind === 'memory-only') {
    return (
      <div className="banner error" role="alert">
        <span><strong>Your changes are not saved in this browser:</strong> {save.message}</span>
        <button type="button" onClick={() => void downloadBackup(api.getState())}>Download a backup</button>
      </div>
    );
  }
  return null;
}
