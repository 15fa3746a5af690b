import { indexOfStore, storeAt } from '../../domain/market';
import { useMemo } from 'react';
import type { TerritoryId } from '../../domain/types';
import { selectAccess, selectAssignment, selectPins, selectMarket, selectTerritories } from '../../store/selectors';
import { formatMoney } from '../common/format';
import { useAppStore, useAppStoreApi } from '../common/storeContext';

const BY_LOCATION = '';

/**
 * The store chosen in the stores table or portfolio: where it is, what it is worth, which
 * territory has it — and the per-store exception: pin it to a territory wherever it lies
 * (a key account its rep keeps after a realignment). Pins belong to the plan: a duplicate
 * keeps them, undo takes them back, the compare view counts them.
 */
export function StorePanel() {
  const api = useAppStoreApi();
  const focus = useAppStore((s) => s.storeFocus);
  const market = useAppStore(selectMarket);
  const assignment = useAppStore(selectAssignment);
  const territories = useAppStore(selectTerritories);
  const pins = useAppStore(selectPins);
  const access = useAppStore(selectAccess);
  const index = useMemo(() => (focus ? indexOfStore(market, focus.id) : -1), [focus, market]);
  const store = useMemo(() => (index < 0 ? null : storeAt(market, index)), [market, index]);
  if (!store) return null;
  const pin = pins.find((p) => p.storeId === store.id && territories.some((t) => t.id === p.territoryId));
  const t = assignment[index] !== undefined && assignment[index]! >= 0 ? territories[assignment[index]!] : undefined;
  return (
    <section className="panel store-panel" aria-label="Selected store">
      <h2>
        Store
        <span className="spacer" />
        <button type="button" className="link" aria-label="Close store details" onClick={() => api.getState().clearStoreFocus()}>×</button>
      </h2>
      <p>
        <strong>{store.name}</strong>
        <br />
        {[store.address, store.city].filter(Boolean).join(', ')}
      </p>
      <p>
        <span className={`status status-${store.status}`}>{store.status}</span> · revenue {formatMoney(store.revenue)}
      </p>
      <p>
        Territory: <strong>{t?.name ?? 'unassigned'}</strong>
        {pin && <span className="badge">pinned</span>}
      </p>
      <label>
        Pin to territory
        <select
          aria-label="Pin to territory"
          value={pin?.territoryId ?? BY_LOCATION}
          disabled={access.kind !== 'write'}
          onChange={(e) => api.getState().pinStore(store.id, (e.target.value || null) as TerritoryId | null)}
        >
          <option value={BY_LOCATION}>Not pinned (by location)</option>
          {territories.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <p className="muted small">A pinned store belongs to that territory in this plan wherever it lies.</p>
    </section>
  );
}
