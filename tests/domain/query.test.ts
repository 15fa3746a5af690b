import { describe, expect, it } from 'vitest';
import { marketFromStores } from '../../src/domain/market';
import { EMPTY_STORE_FILTER, filterStores, isEmptyFilter, sortStoreIndices } from '../../src/domain/query';
import type { PersonId, StoreId, TerritoryId } from '../../src/domain/types';
import { baseStore, squareTerritory } from '../fixtures/market';

const AM = 'P-AM-01' as PersonId;
const stores = [
  baseStore({ id: 'S1' as StoreId, name: 'Happy Paws', city: 'Austin', status: 'customer', channel: 'groomer', revenue: 300, keyAccount: true, accountManagerId: AM }),
  baseStore({ id: 'S2' as StoreId, name: 'Vet Corner', city: 'Dallas', status: 'prospect', channel: 'vet-clinic', revenue: 0, externalId: 'CRM-77', geocodePrecision: 'zip-centroid' }),
  baseStore({ id: 'S3' as StoreId, name: 'feed & seed', city: 'austin', status: 'lost', channel: 'farm-feed', revenue: 100 }),
  baseStore({ id: 'S4' as StoreId, name: 'Zoo Mart', city: '', status: 'customer', channel: 'grocery', revenue: 300 }),
];
const territories = [squareTerritory('A', 0, 0, 1, 0), squareTerritory('B', 1, 0, 1, 1)];
const assignment = Int32Array.from([0, 1, -1, 0]);
const f = (over: Partial<typeof EMPTY_STORE_FILTER>) => Array.from(filterStores(stores, assignment, territories, { ...EMPTY_STORE_FILTER, ...over }));

describe('filterStores', () => {
  it('passes everything with the empty filter', () => {
    expect(isEmptyFilter(EMPTY_STORE_FILTER)).toBe(true);
    expect(f({})).toEqual([0, 1, 2, 3]);
  });
  it('searches name, city and ids case-insensitively', () => {
    expect(f({ text: 'AUSTIN' })).toEqual([0, 2]);
    expect(f({ text: 'crm-77' })).toEqual([1]);
    expect(f({ text: 's4' })).toEqual([3]);
    expect(f({ text: '  paws ' })).toEqual([0]);
  });
  it('filters by status, channel, territory, unassigned, manager, key account and precision', () => {
    expect(f({ statuses: ['customer', 'lost'] })).toEqual([0, 2, 3]);
    expect(f({ channels: ['vet-clinic'] })).toEqual([1]);
    expect(f({ territory: 'A' as TerritoryId })).toEqual([0, 3]);
    expect(f({ territory: 'unassigned' })).toEqual([2]);
    expect(f({ territory: 'GONE' as TerritoryId })).toEqual([]);
    expect(f({ accountManager: AM })).toEqual([0]);
    expect(f({ accountManager: 'none' })).toEqual([1, 2, 3]);
    expect(f({ keyAccount: 'yes' })).toEqual([0]);
    expect(f({ keyAccount: 'no' })).toEqual([1, 2, 3]);
    expect(f({ precision: 'zip-centroid' })).toEqual([1]);
  });
  it('combines constraints with AND', () => {
    expect(f({ statuses: ['customer'], territory: 'A' as TerritoryId, keyAccount: 'no' })).toEqual([3]);
  });
  it('search over the packed text columns: a match never spans two stores, null external ids never match, odd case mappings still work', () => {
    const many = [
      baseStore({ id: 'A1' as StoreId, name: 'ab', externalId: null }),
      baseStore({ id: 'A2' as StoreId, name: 'cd', externalId: 'null' }),
      baseStore({ id: 'A3' as StoreId, name: '', externalId: '' }),
      baseStore({ id: 'A4' as StoreId, name: 'xabcdx' }),
      baseStore({ id: 'A5' as StoreId, name: 'İstanbul Pets' }), // 'İ'.toLowerCase() is two code units
      baseStore({ id: 'A6' as StoreId, name: 'abab abab' }),
    ];
    const g = (text: string) => Array.from(filterStores(marketFromStores(many), new Int32Array(6).fill(-1), territories, { ...EMPTY_STORE_FILTER, text }));
    expect(g('bc')).toEqual([3]); // 'ab'+'cd' end to end must not match store A1 or A2
    expect(g('null')).toEqual([1]);
    expect(g('pets')).toEqual([4]);
    expect(g('i̇stanbul')).toEqual([4]);
    expect(g('abab')).toEqual([5]);
    expect(g('a')).toEqual([0, 1, 2, 3, 4, 5]); // every store id starts with A
    expect(g('zz')).toEqual([]);
  });
  it('gives the same answer for columns and for objects, on random filters', () => {
    const market = marketFromStores(stores);
    for (const over of [{}, { text: 'a' }, { text: 'austin', statuses: ['customer' as const] }, { accountManager: 'none' as const, keyAccount: 'no' as const }]) {
      const filter = { ...EMPTY_STORE_FILTER, ...over };
      expect(Array.from(filterStores(market, assignment, territories, filter))).toEqual(Array.from(filterStores(stores, assignment, territories, filter)));
      const expected = stores.map((_, i) => i).filter((i) => {
        const st = stores[i]!;
        const q = filter.text.trim().toLowerCase();
        const text = !q || [st.name, st.city, st.id, st.externalId ?? ''].some((v) => v.toLowerCase().includes(q));
        return text && (filter.statuses.length === 0 || filter.statuses.includes(st.status as never)) &&
          (filter.accountManager !== 'none' || st.accountManagerId === null) && (filter.keyAccount !== 'no' || !st.keyAccount);
      });
      expect(Array.from(filterStores(market, assignment, territories, filter))).toEqual(expected);
    }
  });
  it('handles an empty market', () => {
    expect(Array.from(filterStores([], new Int32Array(0), territories, EMPTY_STORE_FILTER))).toEqual([]);
  });
});

describe('sortStoreIndices', () => {
  const resolve = { territoryName: (i: number) => (assignment[i]! >= 0 ? territories[assignment[i]!]!.name : ''), managerName: (i: number) => (stores[i]!.accountManagerId ? 'Ann' : '') };
  const all = Int32Array.from([0, 1, 2, 3]);
  it('sorts numbers and keeps ties in store order (stable)', () => {
    expect(Array.from(sortStoreIndices(all, stores, 'revenue', 'descending', resolve))).toEqual([0, 3, 2, 1]);
    expect(Array.from(sortStoreIndices(all, stores, 'revenue', 'ascending', resolve))).toEqual([1, 2, 0, 3]);
  });
  it('sorts text case-insensitively with empty values last both ways', () => {
    expect(Array.from(sortStoreIndices(all, stores, 'name', 'ascending', resolve))).toEqual([2, 0, 1, 3]);
    expect(Array.from(sortStoreIndices(all, stores, 'city', 'ascending', resolve))).toEqual([0, 2, 1, 3]);
    expect(Array.from(sortStoreIndices(all, stores, 'city', 'descending', resolve))).toEqual([1, 0, 2, 3]);
    expect(Array.from(sortStoreIndices(all, stores, 'territory', 'ascending', resolve))).toEqual([0, 3, 1, 2]);
  });
});
