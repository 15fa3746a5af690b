import { useEffect } from 'react';
import { selectNotices } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from './storeContext';

/** Errors stay until dismissed (role=alert); info messages fade after a few seconds. */
export function Notices() {
  const notices = useAppStore(selectNotices);
  const api = useAppStoreApi();
  useEffect(() => {
    // A notice with an action (Restore) stays longer: the user needs time to reach it.
    const timers = notices.filter((n) => n.kind === 'info').map((n) => setTimeout(() => api.getState().dismissNotice(n.id), n.action ? 20000 : 6000));
    return () => timers.forEach(clearTimeout);
  }, [notices, api]);
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          {n.action && (
            <button
              type="button"
              className="notice-action"
              onClick={() => {
                n.action!.run();
                api.getState().dismissNotice(n.id);
              }}
            >
              {n.action.label}
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => api.getState().dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
