import { describe, expect, it } from 'vitest';
import { applyPins, assignPlan, storeFinder } from '../../src/domain/assignment';
import type { StoreId, StorePin, TerritoryId } from '../../src/domain/types';
import { squareTerritory, store } from '../fixtures/market';

const pin = (storeId: string, territoryId: string): StorePin => ({ storeId: storeId as StoreId, territoryId: territoryId as TerritoryId });

describe('applyPins', () => {
  const territories = [squareTerritory('A', 0, 0, 10, 0), squareTerritory('B', 20, 0, 10, 1)];
  const stores = [store('S1', 5, 5), store('S2', 25, 5), store('S3', 50, 50)];
  const lngs = Float64Array.from(stores, (s) => s.lng);
  const lats = Float64Array.from(stores, (s) => s.lat);

  it('without pins the assignment is point in polygon', () => {
    expect(Array.from(assignPlan(stores, lngs, lats, territories, undefined))).toEqual([0, 1, -1]);
    expect(Array.from(assignPlan(stores, lngs, lats, territories, []))).toEqual([0, 1, -1]);
  });

  it('a pinned store belongs to its territory wherever it lies, also outside every territory', () => {
    const a = assignPlan(stores, lngs, lats, territories, [pin('S1', 'B'), pin('S3', 'A')]);
    expect(Array.from(a)).toEqual([1, 1, 0]);
  });

  it('skips pins to a territory or a store that is not there, and counts what it applied', () => {
    const a = Int32Array.from([0, 1, -1]);
    expect(applyPins(a, stores, territories, [pin('S1', 'gone'), pin('nobody', 'A'), pin('S2', 'A')])).toBe(1);
    expect(Array.from(a)).toEqual([0, 0, -1]);
  });

  it('finds stores by id in sorted and in unsorted markets', () => {
    const sorted = ['a', 'b', 'd', 'x'];
    const f = storeFinder(sorted.length, (i) => sorted[i]!);
    expect([f('a'), f('d'), f('x'), f('c'), f('')]).toEqual([0, 2, 3, -1, -1]);
    const unsorted = ['x', 'a', 'd', 'a'];
    const g = storeFinder(unsorted.length, (i) => unsorted[i]!);
    expect([g('x'), g('a'), g('d'), g('q')]).toEqual([0, 1, 2, -1]);
    expect(storeFinder(0, () => '')('a')).toBe(-1);
  });
});
