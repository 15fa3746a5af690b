import { useState } from 'react';
import type { PersonId } from '../../domain/types';
import { selectPeople, selectRegions, selectTerritories } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../common/storeContext';

/** The plan's regions: add, rename, recolor, set the regional manager, delete. */
export function RegionsPanel() {
  const regions = useAppStore(selectRegions);
  const territories = useAppStore(selectTerritories);
  const people = useAppStore(selectPeople);
  const api = useAppStoreApi();
  const [name, setName] = useState('');
  return (
    <section className="panel regions-panel" aria-label="Regions">
      <h2>Regions</h2>
      {regions.length === 0 && <p className="empty">No regions yet. Group territories into regions to roll their stats up.</p>}
      <ul className="region-list">
        {regions.map((r) => {
          const n = territories.filter((t) => t.regionId === r.id).length;
          return (
            <li key={r.id}>
              <input type="color" aria-label={`Color of ${r.name}`} value={r.color} onChange={(e) => api.getState().updateRegion(r.id, { color: e.target.value })} />
              <input
                aria-label={`Name of region ${r.name}`}
                defaultValue={r.name}
                onBlur={(e) => api.getState().updateRegion(r.id, { name: e.target.value })}
                onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
              />
              <span className="muted small">{n} {n === 1 ? 'territory' : 'territories'}</span>
              <select aria-label={`Regional manager of ${r.name}`} value={r.managerId ?? ''} onChange={(e) => api.getState().updateRegion(r.id, { managerId: (e.target.value || null) as PersonId | null })}>
                <option value="">No regional manager</option>
                {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
              <button type="button" className="link danger" aria-label={`Delete region ${r.name}`} onClick={() => api.getState().deleteRegion(r.id)}>
                Delete
              </button>
            </li>
          );
        })}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (api.getState().addRegion(name)) setName('');
        }}
      >
        <input aria-label="New region name" placeholder="New region name" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
        <button type="submit" disabled={!name.trim()}>Add region</button>
      </form>
    </section>
  );
}
