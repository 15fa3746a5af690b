import type { Store } from '../types';

export type StoreSortKey = 'name' | 'externalId' | 'city' | 'state' | 'status' | 'channel' | 'territory' | 'accountManager' | 'revenue' | 'potential' | 'geocodePrecision';

/**
 * Sorts store indices (as returned by filterStores) by one column, stable, in place-free
 * fashion (returns a new array). Text compares case-insensitively; empty values sort last
 * in both directions. `territoryName(i)` / `managerName(i)` resolve the derived columns.
 */
export function sortStoreIndices(
  indices: Int32Array,
  stores: readonly Store[],
  key: StoreSortKey,
  dir: 'ascending' | 'descending',
  resolve: { territoryName: (i: number) => string; managerName: (i: number) => string },
): Int32Array {
  const sign = dir === 'ascending' ? 1 : -1;
  const n = indices.length;
  const numeric = key === 'revenue' || key === 'potential';
  const keys: (string | number)[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    const s = stores[i]!;
    keys[k] =
      key === 'territory' ? resolve.territoryName(i).toLowerCase()
      : key === 'accountManager' ? resolve.managerName(i).toLowerCase()
      : numeric ? (s[key] as number)
      : String(s[key] ?? '').toLowerCase();
  }
  const order = Array.from({ length: n }, (_, k) => k);
  order.sort((a, b) => {
    const va = keys[a]!;
    const vb = keys[b]!;
    const ea = va === '';
    const eb = vb === '';
    if (ea !== eb) return ea ? 1 : -1;
    if (va < vb) return -sign;
    if (va > vb) return sign;
    return a - b;
  });
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = indices[order[k]!]!;
  return out;
}
