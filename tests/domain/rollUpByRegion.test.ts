import { describe, expect, it } from 'vitest';
import { rollUpByRegion, type TerritoryStatsRow } from '../../src/domain/stats';
import type { PersonId, Region, RegionId, TerritoryId } from '../../src/domain/types';
import { PLAN, squareTerritory } from '../fixtures/market';

const row = (id: string, over: Partial<TerritoryStatsRow>): TerritoryStatsRow => ({
  territoryId: id as TerritoryId, stores: 0, customers: 0, prospects: 0, lost: 0, penetration: 0, revenue: 0, priorRevenue: 0, revenueGrowth: null,
  potential: 0, shareOfWallet: null, whitespace: 0, newCustomers: 0, balanceDeviation: null, ...over,
});
const region = (id: string, name: string): Region => ({ id: id as RegionId, planId: PLAN, name, color: '#123456', managerId: null as PersonId | null });

describe('rollUpByRegion', () => {
  const regions = [region('R1', 'West'), region('R2', 'East'), region('R3', 'Empty')];
  const territories = [
    squareTerritory('A', 0, 0, 1, 0, { regionId: 'R1' as RegionId }),
    squareTerritory('B', 1, 0, 1, 1, { regionId: 'R1' as RegionId }),
    squareTerritory('C', 2, 0, 1, 2, { regionId: 'R2' as RegionId }),
    squareTerritory('D', 3, 0, 1, 3, { regionId: null }),
    squareTerritory('E', 4, 0, 1, 4, { regionId: 'GONE' as RegionId }),
  ];
  const rows = [
    row('A', { stores: 10, customers: 4, prospects: 6, revenue: 100, priorRevenue: 80, potential: 400, whitespace: 300, newCustomers: 1 }),
    row('B', { stores: 30, customers: 6, prospects: 20, lost: 4, revenue: 300, priorRevenue: 320, potential: 600, whitespace: 310, newCustomers: 2 }),
    row('C', { stores: 5, customers: 5, revenue: 200, priorRevenue: 0, potential: 0 }),
    row('D', { stores: 1, prospects: 1 }),
    row('E', { stores: 2, customers: 1, lost: 1, revenue: 7, priorRevenue: 7, potential: 10, whitespace: 3 }),
  ];
  const out = rollUpByRegion(rows, territories, regions);

  it('sums counts and money per region and recomputes the ratios from the sums', () => {
    const west = out.find((g) => g.regionId === 'R1')!;
    expect(west.territoryIds).toEqual(['A', 'B']);
    expect(west.stats).toMatchObject({ stores: 40, customers: 10, prospects: 26, lost: 4, revenue: 400, priorRevenue: 400, potential: 1000, whitespace: 610, newCustomers: 3 });
    expect(west.stats.penetration).toBe(10 / 40); // not the mean of 0.4 and 0.2
    expect(west.stats.revenueGrowth).toBe(0); // (400 − 400) / 400
    expect(west.stats.shareOfWallet).toBe(400 / 1000);
    const east = out.find((g) => g.regionId === 'R2')!;
    expect(east.stats.revenueGrowth).toBeNull(); // no prior revenue
    expect(east.stats.shareOfWallet).toBeNull(); // no potential
  });

  it('groups territories without a (known) region last; empty regions stay, with zeros', () => {
    expect(out.map((g) => g.regionId)).toEqual(['R1', 'R2', 'R3', null]);
    expect(out.at(-1)!.territoryIds).toEqual(['D', 'E']);
    expect(out.find((g) => g.regionId === 'R3')!.stats.stores).toBe(0);
  });

  it('balance: each non-empty region’s revenue deviation from the average region', () => {
    // West 400, East 200 → ideal 300 → +1/3, −1/3; the empty region and "no region" get none.
    expect(out.find((g) => g.regionId === 'R1')!.stats.balanceDeviation).toBeCloseTo(1 / 3, 12);
    expect(out.find((g) => g.regionId === 'R2')!.stats.balanceDeviation).toBeCloseTo(-1 / 3, 12);
    expect(out.find((g) => g.regionId === 'R3')!.stats.balanceDeviation).toBeNull();
    expect(out.at(-1)!.stats.balanceDeviation).toBeNull();
  });

  it('without regions everything is one "no region" group; no territories → nothing', () => {
    expect(rollUpByRegion(rows, territories, []).map((g) => [g.regionId, g.territoryIds.length])).toEqual([[null, 5]]);
    expect(rollUpByRegion([], [], [])).toEqual([]);
  });
});
