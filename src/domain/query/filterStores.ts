import { codeMask, textAt, toMarket, type Market, type StoreSource, type TextColumn } from '../market';
import type { Channel, GeocodePrecision, PersonId, StoreStatus, Territory, TerritoryId } from '../types';

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
 *
 * Reads the market's columns, never a store object: the categorical tests are one lookup
 * in a per-code mask, and the text search scans each packed text column once (lower-cased
 * as a whole, hits mapped back to stores by their ends), so a keystroke over a million
 * stores costs tens of milliseconds.
 */
export function filterStores(
  source: StoreSource,
  assignment: Int32Array,
  territories: readonly Territory[],
  filter: StoreFilter,
): Int32Array {
  const m = toMarket(source);
  const text = filter.text.trim().toLowerCase();
  let territoryIndex = -2; // -2 = any
  if (filter.territory === 'unassigned') territoryIndex = -1;
  else if (filter.territory !== 'all') {
    territoryIndex = territories.findIndex((t) => t.id === filter.territory);
    if (territoryIndex < 0) return new Int32Array(0); // a territory that no longer exists holds nothing
  }
  const statuses = filter.statuses.length ? codeMask(m.status, (v) => filter.statuses.includes(v)) : null;
  const channels = filter.channels.length ? codeMask(m.channel, (v) => filter.channels.includes(v)) : null;
  const wantedManager = filter.accountManager;
  const managers = wantedManager === 'all' ? null : codeMask(m.accountManagerId, (v) => (wantedManager === 'none' ? v === null : v === wantedManager));
  const precision = filter.precision === 'all' ? null : codeMask(m.geocodePrecision, (v) => v === filter.precision);
  const key = filter.keyAccount === 'all' ? -1 : filter.keyAccount === 'yes' ? 1 : 0;
  const hits = text ? textHits(m, text) : null;
  const out = new Int32Array(m.length);
  let n = 0;
  for (let i = 0; i < m.length; i++) {
    if (statuses && !statuses[m.status.codes[i]!]) continue;
    if (channels && !channels[m.channel.codes[i]!]) continue;
    if (territoryIndex !== -2) {
      const t = i < assignment.length ? assignment[i]! : -1;
      if (t !== territoryIndex) continue;
    }
    if (managers && !managers[m.accountManagerId.codes[i]!]) continue;
    if (key !== -1 && m.keyAccount[i] !== key) continue;
    if (precision && !precision[m.geocodePrecision.codes[i]!]) continue;
    if (hits && !hits[i]) continue;
    out[n++] = i;
  }
  return out.slice(0, n);
}

/** 1 for each store whose name, city, store id or external id contains `q` (lower case). */
function textHits(m: Market, q: string): Uint8Array {
  const hits = new Uint8Array(m.length);
  const cities = codeMask(m.city, (v) => v.toLowerCase().includes(q));
  for (let i = 0; i < m.length; i++) if (cities[m.city.codes[i]!]) hits[i] = 1;
  for (const col of [m.name, m.id, m.externalId]) markHits(col, q, hits);
  return hits;
}

function markHits(col: TextColumn, q: string, hits: Uint8Array): void {
  const lower = col.text.toLowerCase();
  const n = col.ends.length;
  if (lower.length !== col.text.length) {
    // a character whose lower case has another length (e.g. 'İ'): offsets would drift, go value by value
    for (let i = 0; i < n; i++) if (!hits[i] && textAt(col, i).toLowerCase().includes(q) && !(col.nulls && col.nulls[i])) hits[i] = 1;
    return;
  }
  let at = lower.indexOf(q);
  let i = 0;
  while (at !== -1) {
    // the store whose value contains position `at`: ends ascend, hits come in order
    while (i < n && col.ends[i]! <= at) i++;
    if (i >= n) break;
    if (at + q.length <= col.ends[i]!) {
      if (!(col.nulls && col.nulls[i])) hits[i] = 1;
      // next search from the next value: this store is settled
      at = lower.indexOf(q, col.ends[i]!);
    } else {
      at = lower.indexOf(q, at + 1); // the hit runs over the end of value i
    }
  }
}
