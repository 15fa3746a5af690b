import { describe, expect, it } from 'vitest';
import {
  EMPTY_MARKET, MarketBuilder, codeColumnOf, concatMarkets, idLowerBound, mergeById, textColumnOf, indexOfStore, marketFromStores, marketStores, pickStores, sliceMarket, storeAt, storesOfManager, withAccountManagers,
} from '../../../src/domain/market';
import type { PersonId, Store, StoreId } from '../../../src/domain/types';
import { mulberry32 } from '../../fixtures/random';
import { baseStore, store } from '../../fixtures/market';

const odd: Store[] = [
  store('S-1', -97.5, 38.1, { name: 'Café Ünïcødé 🐾 狗', address: '', city: 'São Paulo', externalId: '' }),
  store('S-2', 180, -90, { externalId: null, satisfaction: null, customerSince: null, renewalDate: '2027-02-28', keyAccount: true }),
  store('S-3', -180, 90, {
    revenue: Number.MAX_VALUE, priorRevenue: -0, potential: Number.MIN_VALUE, satisfaction: 5, accountManagerId: 'P-AM-1' as PersonId,
    status: 'lost', channel: 'grocery', geocodePrecision: 'zip-centroid', zip: '00501', state: 'NY',
  }),
  baseStore({ id: 'S-4' as StoreId, name: '"quoted", with comma\nand newline', externalId: 'CRM-🐶-4' }),
  store('S-5', 0.1 + 0.2, 1e-12, { revenue: 9007199254740993, satisfaction: 3.3 }),
];

function randomStores(n: number, seed: number): Store[] {
  const r = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) =>
    store(`S-${String(i).padStart(6, '0')}`, -125 + r() * 58, 25 + r() * 24, {
      externalId: r() < 0.2 ? null : `X${Math.floor(r() * 1e9)}`,
      name: `Store ${i} ${pick(['Pets', 'Feed & Seed', 'Vet', 'Grooming', 'Ça va'])}`,
      city: pick(['Austin', 'Boise', 'Reno', 'Tulsa']),
      status: pick(['customer', 'prospect', 'lost'] as const),
      revenue: Math.round(r() * 1e6) / 100,
      satisfaction: r() < 0.5 ? null : 1 + Math.floor(r() * 5),
      accountManagerId: r() < 0.5 ? null : (`P-AM-${Math.floor(r() * 300)}` as PersonId),
      customerSince: r() < 0.3 ? null : `20${10 + Math.floor(r() * 15)}-0${1 + Math.floor(r() * 9)}-15`,
    }),
  );
}

describe('market columns', () => {
  it('round-trips every field of every store: unicode, empty and null values, extreme numbers', () => {
    const m = marketFromStores(odd);
    expect(m.length).toBe(odd.length);
    expect(marketStores(m)).toEqual(odd);
    // -0 and the largest/smallest doubles survive bit for bit
    expect(Object.is(storeAt(m, 2).priorRevenue, -0)).toBe(true);
    expect(storeAt(m, 2).revenue).toBe(Number.MAX_VALUE);
    expect(storeAt(m, 2).potential).toBe(Number.MIN_VALUE);
    // '' and null external ids stay different
    expect(storeAt(m, 0).externalId).toBe('');
    expect(storeAt(m, 1).externalId).toBeNull();
  });

  it('keeps fields it does not know, per store (a record written by a newer version)', () => {
    const withExtra = { ...odd[1]!, loyaltyTier: 'gold', notes: { a: 1 } } as Store;
    const m = marketFromStores([odd[0]!, withExtra]);
    expect(storeAt(m, 1)).toEqual(withExtra);
    expect(storeAt(m, 0)).toEqual(odd[0]);
    expect(marketStores(concatMarkets([m, m]))[3]).toEqual(withExtra);
    expect(marketStores(sliceMarket(m, 1, 2))).toEqual([withExtra]);
  });

  it('is plain data: a structured clone reads back the same stores', () => {
    const m = marketFromStores(odd);
    expect(marketStores(structuredClone(m))).toEqual(odd);
  });

  it('an empty market has no stores and every column empty', () => {
    expect(EMPTY_MARKET.length).toBe(0);
    expect(marketStores(EMPTY_MARKET)).toEqual([]);
    expect(marketStores(marketFromStores([]))).toEqual([]);
    expect(concatMarkets([]).length).toBe(0);
    expect(sliceMarket(marketFromStores(odd), 3, 3).length).toBe(0);
    expect(indexOfStore(EMPTY_MARKET, 'S-1')).toBe(-1);
  });

  it('slices and joins back to the same market, whatever the cut points', () => {
    const stores = randomStores(2_000, 7);
    const m = marketFromStores(stores);
    for (const cuts of [[0, 2000], [0, 1, 1999, 2000], [0, 500, 500, 1000, 1377, 2000]]) {
      const parts: ReturnType<typeof sliceMarket>[] = [];
      for (let k = 0; k + 1 < cuts.length; k++) parts.push(sliceMarket(m, cuts[k]!, cuts[k + 1]!));
      expect(parts.reduce((a, p) => a + p.length, 0)).toBe(2000);
      expect(marketStores(concatMarkets(parts))).toEqual(stores);
    }
    // a slice keeps only the dictionary values it uses
    const one = sliceMarket(m, 10, 11);
    expect(one.city.values).toEqual([stores[10]!.city]);
    expect(marketStores(one)).toEqual([stores[10]]);
  });

  it('grows codes from 8 to 16 to 32 bits as the dictionary grows, and joins across widths', () => {
    const mk = (n: number) => Array.from({ length: n }, (_, i) => baseStore({ id: `S-${String(i).padStart(6, '0')}` as StoreId, zip: `z${i}` }));
    const small = marketFromStores(mk(200));
    const mid = marketFromStores(mk(300));
    const big = marketFromStores(mk(70_000));
    expect(small.zip.codes).toBeInstanceOf(Uint8Array);
    expect(mid.zip.codes).toBeInstanceOf(Uint16Array);
    expect(big.zip.codes).toBeInstanceOf(Uint32Array);
    const joined = concatMarkets([small, big]);
    expect(storeAt(joined, 199).zip).toBe('z199');
    expect(storeAt(joined, 200 + 69_999).zip).toBe('z69999');
    expect(joined.zip.values.length).toBe(70_000);
  });

  it('finds a store by id, sorted or not, and says −1 for an unknown id', () => {
    const stores = randomStores(500, 3);
    const shuffled = [...stores].reverse();
    for (const list of [stores, shuffled]) {
      const m = marketFromStores(list);
      for (const i of [0, 1, 250, 499]) expect(indexOfStore(m, list[i]!.id)).toBe(i);
      expect(indexOfStore(m, 'S-nope')).toBe(-1);
      expect(indexOfStore(m, '')).toBe(-1);
    }
  });

  it('picks stores by index, in the order given', () => {
    const stores = randomStores(50, 9);
    const m = marketFromStores(stores);
    expect(marketStores(pickStores(m, [49, 0, 7]))).toEqual([stores[49], stores[0], stores[7]]);
    expect(pickStores(m, []).length).toBe(0);
    expect(marketStores(pickStores(m, []))).toEqual([]);
  });

  it('picks column by column: unicode, nulls and unknown fields follow their store, dictionaries keep only what is used', () => {
    const withExtra = { ...odd[3]!, loyaltyTier: 'gold' } as Store;
    const list = [odd[0]!, odd[1]!, odd[2]!, withExtra, odd[4]!];
    const m = marketFromStores(list);
    const picked = pickStores(m, [3, 1, 1, 0]);
    expect(marketStores(picked)).toEqual([withExtra, list[1], list[1], list[0]]);
    expect(picked.extras?.get(0)).toEqual({ loyaltyTier: 'gold' });
    expect(picked.extras?.has(3)).toBe(false);
    // 'NY' (store 3 of the list, not picked) is gone from the dictionary
    expect(picked.state.values).not.toContain('NY');
    expect(new Set(picked.city.values).size).toBe(picked.city.values.length);
    // all of them in order: the same market, not a copy
    expect(pickStores(m, [0, 1, 2, 3, 4])).toBe(m);
  });

  it('builds text and dictionary columns from values, null kept apart from empty', () => {
    const text = textColumnOf(['a', null, '', 'Ünï 🐾']);
    expect([0, 1, 2, 3].map((i) => (text.nulls?.[i] === 1 ? null : text.text.slice(i === 0 ? 0 : text.ends[i - 1], text.ends[i])))).toEqual(['a', null, '', 'Ünï 🐾']);
    expect(textColumnOf([]).ends.length).toBe(0);
    const codes = codeColumnOf(5, (i) => (i % 2 === 0 ? 'x' : null));
    expect(Array.from(codes.codes, (c) => codes.values[c])).toEqual(['x', null, 'x', null, 'x']);
    expect(codes.values).toHaveLength(2);
  });

  it('finds where an id would go in a market sorted by id', () => {
    const m = marketFromStores(randomStores(100, 4)); // ids S-000000 … S-000099
    expect(idLowerBound(m, 'S-000000')).toBe(0);
    expect(idLowerBound(m, 'S-000050')).toBe(50);
    expect(idLowerBound(m, 'S-0000505')).toBe(51);
    expect(idLowerBound(m, 'A')).toBe(0);
    expect(idLowerBound(m, 'T')).toBe(100);
    expect(idLowerBound(EMPTY_MARKET, 'S')).toBe(0);
  });

  it('merges two markets sorted by id: a block that fits between two stores, or stores interleaved', () => {
    const all = randomStores(60, 8); // sorted by id
    const sorted = (xs: Store[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
    // a block: stores 20…29 into the others
    const block = all.slice(20, 30);
    const rest = [...all.slice(0, 20), ...all.slice(30)];
    expect(marketStores(mergeById(marketFromStores(rest), marketFromStores(block)))).toEqual(all);
    // before all and after all
    expect(marketStores(mergeById(marketFromStores(all.slice(10)), marketFromStores(all.slice(0, 10))))).toEqual(all);
    expect(marketStores(mergeById(marketFromStores(all.slice(0, 50)), marketFromStores(all.slice(50))))).toEqual(all);
    // interleaved: every third store
    const thirds = all.filter((_, i) => i % 3 === 0);
    const others = all.filter((_, i) => i % 3 !== 0);
    expect(marketStores(mergeById(marketFromStores(others), marketFromStores(thirds)))).toEqual(sorted(all));
    // empty sides
    const m = marketFromStores(all);
    expect(mergeById(m, EMPTY_MARKET)).toBe(m);
    expect(mergeById(EMPTY_MARKET, m)).toBe(m);
  });

  it('the builder streams stores without keeping them, and costs far less than objects', () => {
    const b = new MarketBuilder();
    const stores = randomStores(10_000, 11);
    for (const s of stores) b.push(s);
    const m = b.build();
    expect(b.length).toBe(10_000);
    expect(storeAt(m, 9_999)).toEqual(stores[9_999]);
    let bytes = 0;
    for (const v of Object.values(m)) {
      if (ArrayBuffer.isView(v)) bytes += v.byteLength;
      else if (v && typeof v === 'object' && 'text' in v) bytes += (v.text as string).length + (v.ends as Uint32Array).byteLength;
      else if (v && typeof v === 'object' && 'codes' in v) bytes += (v.codes as Uint8Array).byteLength;
    }
    expect(bytes / m.length).toBeLessThan(160);
  });
});

describe('account managers on columns', () => {
  const AM1 = 'P-AM-1' as PersonId;
  const AM2 = 'P-AM-2' as PersonId;
  const stores = [
    store('S-1', 0, 0, { accountManagerId: AM1 }),
    store('S-2', 0, 0, { accountManagerId: null }),
    store('S-3', 0, 0, { accountManagerId: AM1 }),
    store('S-4', 0, 0, { accountManagerId: AM2 }),
  ];
  it('lists a manager’s stores, and the stores without one', () => {
    const m = marketFromStores(stores);
    expect(Array.from(storesOfManager(m, AM1))).toEqual([0, 2]);
    expect(Array.from(storesOfManager(m, null))).toEqual([1]);
    expect(Array.from(storesOfManager(m, 'P-nobody' as PersonId))).toEqual([]);
  });
  it('changes only the given stores’ manager and shares every other column', () => {
    const m = marketFromStores(stores);
    const next = withAccountManagers(m, new Map<string, PersonId | null>([['S-1', AM2], ['S-2', AM1], ['S-nope', AM1]]));
    expect(marketStores(next).map((s) => s.accountManagerId)).toEqual([AM2, AM1, AM1, AM2]);
    expect(marketStores(m).map((s) => s.accountManagerId)).toEqual([AM1, null, AM1, AM2]); // the old market is untouched
    expect(next.name).toBe(m.name);
    expect(withAccountManagers(m, new Map())).toBe(m);
  });
});
