import { codeAt, nullableTextAt, textAt, toMarket, type StoreSource } from '../market';

export type StoreSortKey = 'name' | 'externalId' | 'city' | 'state' | 'status' | 'channel' | 'territory' | 'accountManager' | 'revenue' | 'potential' | 'geocodePrecision';

/**
 * Sorts store indices (as returned by filterStores) by one column, stable, in place-free
 * fashion (returns a new array). Text compares case-insensitively; empty values sort last
 * in both directions. `territoryName(i)` / `managerName(i)` resolve the derived columns.
 */
export function sortStoreIndices(
  indices: Int32Array,
  stores: StoreSource,
  key: StoreSortKey,
  dir: 'ascending' | 'descending',
  resolve: { territoryName: (i: number) => string; managerName: (i: number) => string },
): Int32Array {
  const m = toMarket(stores);
  const sign = dir === 'ascending' ? 1 : -1;
  const n = indices.length;
  const numeric = key === 'revenue' || key === 'potential';
  const keys: (string | number)[] = new Array(n);
  // Repeated values are lower-cased once per dictionary entry, not once per store.
  const lowered = new Map<unknown, string[]>();
  const dictKey = (col: 'city' | 'state' | 'status' | 'channel' | 'geocodePrecision', i: number): string => {
    let l = lowered.get(col);
    if (!l) lowered.set(col, (l = m[col].values.map((v) => v.toLowerCase())));
    return l[m[col].codes[i]!]!;
  };
  const textKey = (i: number): string => {
    switch (key) {
      case 'name': return textAt(m.name, i).toLowerCase();
      case 'externalId': return (nullableTextAt(m.externalId, i) ?? '').toLowerCase();
      case 'city': case 'state': case 'status': case 'channel': case 'geocodePrecision': return dictKey(key, i);
      default: return String(codeAt(m.accountManagerId, i) ?? '').toLowerCase();
    }
  };
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    keys[k] =
      key === 'territory' ? resolve.territoryName(i).toLowerCase()
      : key === 'accountManager' ? resolve.managerName(i).toLowerCase()
      : numeric ? m[key][i]!
      : textKey(i);
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
