import { useEffect, useRef, useState } from 'react';
import { selectDraftGeometry, selectOverlapMode, selectTerritories } from '../../store/selectors';
import type { OverlapMode } from '../../store/types';
import { useAppStore, useAppStoreApi } from '../common/storeContext';

/** Asks for the name of a territory the user has just drawn. Escape discards the outline. */
export function NameDialog() {
  const draft = useAppStore(selectDraftGeometry);
  const count = useAppStore(selectTerritories).length;
  const api = useAppStoreApi();
  const overlapMode = useAppStore(selectOverlapMode);
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
    const created = s.createTerritory(name, draft, s.overlapMode);
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
        <fieldset className="overlap-choice">
          <legend>Where it overlaps other territories</legend>
          {(
            [
              ['take', 'Take the area from them'],
              ['yield', 'Yield to them'],
              ['allow', 'Keep the overlap'],
            ] as [OverlapMode, string][]
          ).map(([value, label]) => (
            <label key={value} className="check">
              <input type="radio" name="overlap" value={value} checked={overlapMode === value} onChange={() => api.getState().setOverlapMode(value)} />
              {label}
            </label>
          ))}
        </fieldset>
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
