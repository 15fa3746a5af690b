import { useEffect, useRef, useState } from 'react';
import { selectDraftGeometry, selectTerritories } from '../store/selectors';
import { useAppStore, useAppStoreApi } from './storeContext';

/** Asks for the name of a territory the user has just drawn. Escape discards the outline. */
export function NameDialog() {
  const draft = useAppStore(selectDraftGeometry);
  const count = useAppStore(selectTerritories).length;
  const api = useAppStoreApi();
  const [name, setName] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (draft) {
      setName(`Territory ${count + 1}`);
      requestAnimationFrame(() => input.current?.select());
    }
    // Only when a new draft arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);
  if (!draft) return null;
  const close = () => {
    api.getState().setDraftGeometry(null);
    api.getState().setMode('browse');
  };
  const save = () => {
    const s = api.getState();
    const created = s.createTerritory(name, draft);
    close();
    if (created) s.notify('info', `Created ${created.name}.`);
  };
  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="name-dialog-title"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <h2 id="name-dialog-title">Name the new territory</h2>
        <label>
          Territory name
          <input ref={input} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoFocus required />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Discard
          </button>
          <button type="submit" className="primary">
            Create territory
          </button>
        </div>
      </form>
    </div>
  );
}
