import type { Channel, GeocodePrecision, PersonId, Store, StoreStatus, Territory, TerritoryId } from '../types';

/** What the stores table and the map show. Empty lists / 'all' mean "no constraint". */
export interface StoreFilter {
  /** Matched case-insensitively against name, external id, store id and city. */
  text: string;
  statuses: readonly StoreStatus[];
  channels: readonly Channel[];
  territory: 'all' | 'unassigned' | TerritoryId;
  accountManager: 'all' | 'none' | PersonId;
  keyAccount: 'all' | 'yes' | 'no';
  precision: 'all' | GeocodePrecision;
}

export const EMPTY_STORE_FILTER: StoreFilter = {
  text: '',
  statuses: [],
  channels: [],
  territory: 'all',
  accountManager: 'all',
  keyAccount: 'all',
  precision: 'all',
};

/** True when the filter lets every store through (the map can skip filtering). */
export function isEmptyFilter(f: StoreFilter): boolean {
  return (
    f.text.trim() === '' && f.statuses.length === 0 && f.channels.length === 0 && f.territory === 'all' &&
    f.accountManager === 'all' && f.keyAccount === 'all' && f.precision === 'all'
  );
}

/**
 * Indices of the stores that pass `filter`, in store order. `assignment[i]` is the index in
 * `territories` of store i's territory (−1 = unassigned), as the assignment engine returns.
 * One pass without per-store allocation, so it can run on every keystroke at 100k stores.
 */
export function filterStores(
  stores: readonly Store[],
  assignment: Int32Array,
  territories: readonly Territory[],
  filter: StoreFilter,
): Int32Array {
  const text = filter.text.trim().toLowerCase();
  const statuses = filter.statuses.length ? new Set<string>(filter.statuses) : null;
  const channels = filter.channels.length ? new Set<string>(filter.channels) : null;
  let territoryIndex = -2; // -2 = any
  if (filter.territory === 'unassigned') territoryIndex = -1;
  else if (filter.territory !== 'all') {
    territoryIndex = territories.findIndex((t) => t.id === filter.territory);
    if (territoryIndex < 0) return new Int32Array(0); // a territory that no longer exists holds nothing
  }
  const out = new Int32Array(stores.length);
  let n = 0;
  for (let i = 0; i < stores.length; i++) {
    const s = stores[i]!;
    if (statuses && !statuses.has(s.status)) continue;
    if (channels && !channels.has(s.channel)) continue;
    if (territoryIndex !== -2) {
      const t = i < assignment.length ? assignment[i]! : -1;
      if (t !== territoryIndex) continue;
    }
    if (filter.accountManager === 'none' ? s.accountManagerId !== null : filter.accountManager !== 'all' && s.accountManagerId !== filter.accountManager) continue;
    if (filter.keyAccount !== 'all' && s.keyAccount !== (filter.keyAccount === 'yes')) continue;
    if (filter.precision !== 'all' && s.geocodePrecision !== filter.precision) continue;
    if (text && !matchesText(s, text)) continue;
    out[n++] = i;
  }
  return out.slice(0, n);
}

function matchesText(s: Store, q: string): boolean {
  return (
    s.name.toLowerCase().includes(q) ||
    s.city.toLowerCase().includes(q) ||
    s.id.toLowerCase().includes(q) ||
    (s.externalId !== null && s.externalId.toLowerCase().includes(q))
  );
}
