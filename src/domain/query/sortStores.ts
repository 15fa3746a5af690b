import { lowerBound } from '../sortedSearch';
import { codeAt, nullableTextAt, textAt, toMarket, type StoreSource } from '../market';

export type StoreSortKey = 'name' | 'externalId' | 'city' | 'state' | 'status' | 'channel' | 'territory' | 'accountManager' | 'revenue' | 'potential' | 'geocodePrecision';

/**
 * Sorts store indices (as returned by filterStores) by one column, stable, in place-free
 * fashion (returns a new array). Text compares case-insensitively; empty values sort last
 * in both directions. `territoryName(i)` / `managerName(i)` resolve the derived columns.
 */
const ROW_SPAN = 2 ** 22;


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
  // Every column but the two unique texts sorts by a number per row: the value itself, or
  // the rank of its (lower-cased) text among the distinct texts of the rows, so a million
  // rows sort by a typed-array comparison instead of string comparisons.
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  const empty = new Uint8Array(n);
  if (key === 'name' || key === 'externalId') {
    const keys: string[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const i = indices[k]!;
      const v = key === 'name' ? textAt(m.name, i) : (nullableTextAt(m.externalId, i) ?? '');
      keys[k] = v.toLowerCase();
      if (v === '') empty[k] = 1;
    }
    order.sort((a, b) => {
      if (empty[a] !== empty[b]) return empty[a]! - empty[b]!;
      const va = keys[a]!;
      const vb = keys[b]!;
      return va < vb ? -sign : va > vb ? sign : a - b;
    });
  } else {
    const rank = new Float64Array(n);
    let ranks = 0; // dense ranks 0…ranks−1
    if (key === 'revenue' || key === 'potential') {
      const col = m[key];
      const values: number[] = [];
      for (let k = 0; k < n; k++) {
        const v = col[indices[k]!]!;
        if (Number.isNaN(v)) empty[k] = 1;
        else values.push(v);
      }
      const sortedValues = Float64Array.from(values).sort();
      ranks = sortedValues.length;
      for (let k = 0; k < n; k++) if (!empty[k]) rank[k] = lowerBound(sortedValues, col[indices[k]!]!);
    } else {
      const text = (i: number): string =>
        key === 'territory' ? resolve.territoryName(i)
        : key === 'accountManager' ? resolve.managerName(i)
        : codeAt(m[key], i);
      // distinct texts → their sorted rank
      const id = new Map<string, number>();
      const distinct: string[] = [];
      const textId = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const v = text(indices[k]!).toLowerCase();
        let d = id.get(v);
        if (d === undefined) {
          d = distinct.length;
          distinct.push(v);
          id.set(v, d);
        }
        textId[k] = d;
        if (v === '') empty[k] = 1;
      }
      const sorted = distinct.map((_, d) => d).sort((a, b) => (distinct[a]! < distinct[b]! ? -1 : distinct[a]! > distinct[b]! ? 1 : 0));
      const rankOf = new Float64Array(distinct.length);
      sorted.forEach((d, r) => (rankOf[d] = r));
      ranks = distinct.length;
      for (let k = 0; k < n; k++) rank[k] = rankOf[textId[k]!]!;
    }
    // One number per row, rank then position (stable), sorted natively: no comparator call.
    // Exact while ranks < 2^30 and rows < 2^22 (4M; the market is at most a few million).
    const composite = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const r = empty[k] ? ranks + 1 : sign === 1 ? rank[k]! : ranks - 1 - rank[k]!;
      composite[k] = r * ROW_SPAN + k;
    }
    composite.sort();
    for (let k = 0; k < n; k++) order[k] = composite[k]! % ROW_SPAN;
  }
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = indices[order[k]!]!;
  return out;
}
