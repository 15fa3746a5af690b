import { latLngToCell, gridDisk } from 'h3-js';
import { describe, expect, it } from 'vitest';
import {
  buildUnitGraph,
  evaluatePlan,
  hexSetParts,
  indexGraph,
  measureTotals,
  storeMeasure,
  storeMeasureValues,
  storeWeights,
  territoryShape,
  totalsFromStats,
  unitSetParts,
} from '../../../src/domain/balance';
import { marketFromStores } from '../../../src/domain/market';
import { computeCompactness } from '../../../src/domain/stats';
import type { TerritoryStatsRow } from '../../../src/domain/stats';
import { store } from '../../fixtures/market';
import { grid } from './grids';

const stores = [
  store('a', 0, 0, { status: 'customer', channel: 'grocery', revenue: 100, potential: 300 }),
  store('b', 0, 0, { status: 'prospect', channel: 'groomer', revenue: 0, potential: 50 }),
  store('c', 0, 0, { status: 'lost', channel: 'farm-feed', revenue: 7, potential: 9 }),
  store('d', 0, 0, { status: 'customer', channel: 'vet-clinic', revenue: 40, potential: 40 }),
];

describe('measures over the market columns', () => {
  it('give per store exactly what storeMeasure gives for the Store object', () => {
    const market = marketFromStores(stores);
    for (const m of ['stores', 'customers', 'revenue', 'potential', 'workload'] as const) {
      expect([...storeMeasureValues(market, m)]).toEqual(stores.map((s) => storeMeasure(s, m)));
    }
  });

  it('mix two measures as shares of their totals', () => {
    const w = storeWeights(stores, { measure: 'stores', secondary: { measure: 'revenue', weight: 0.5 } });
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(w[0]).toBeCloseTo(0.5 * 0.25 + 0.5 * (100 / 147), 12);
  });

  it('sum per territory from the assignment', () => {
    expect([...measureTotals(stores, Int32Array.from([0, 1, -1, 0]), 2, { measure: 'revenue' })]).toEqual([140, 0]);
  });
});

describe('live evaluation', () => {
  it('counts pieces of a unit set on the graph, island links included', () => {
    // 4 × 1 strip with the third cell removed: units 0,1 | 2 (the old 4th); linked across the gap.
    const units = grid(4, 1, new Set([2]));
    const g = indexGraph(buildUnitGraph(units));
    expect(unitSetParts(g, [units[0]!.id, units[1]!.id])).toBe(1);
    expect(unitSetParts(g, [units[0]!.id, units[2]!.id])).toBe(2);
    // The island link joins 1 and the lone cell: one piece, as the issue asks.
    expect(unitSetParts(g, [units[1]!.id, units[2]!.id])).toBe(1);
    expect(unitSetParts(g, ['nope'])).toBe(1);
  });

  it('counts pieces of H3 cells by adjacency', () => {
    const c = latLngToCell(40, -100, 5);
    const ring = gridDisk(c, 1);
    expect(hexSetParts(ring)).toBe(1);
    const far = latLngToCell(30, -90, 5);
    expect(hexSetParts([...ring, far])).toBe(2);
  });

  it('judges a drawn territory by its polygon parts and gives Polsby–Popper of its outline', () => {
    const sq = (x: number): number[][][] => [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]];
    const geometry = { type: 'MultiPolygon' as const, coordinates: [sq(0), sq(3)] };
    const shape = territoryShape({ geometry }, null);
    expect(shape).toEqual({ parts: 2, basis: 'polygon', compactness: computeCompactness(geometry) });
    // Unit-built at a level whose graph is not there yet: polygon parts meanwhile.
    expect(territoryShape({ geometry, units: { level: 'counties', ids: ['1'] } }, null).basis).toBe('polygon');
  });

  it('reads simple measures from the stats rows and evaluates the plan', () => {
    const row = (stores: number, revenue: number) => ({ stores, customers: 0, revenue, potential: 0 }) as unknown as TerritoryStatsRow;
    expect([...totalsFromStats([row(10, 5), row(30, 7)], { measure: 'stores' })!]).toEqual([10, 30]);
    expect(totalsFromStats([row(1, 1)], { measure: 'workload' })).toBeNull();
    const e = evaluatePlan([90, 110, 100], [{ parts: 1, basis: 'units', compactness: 50 }, { parts: 3, basis: 'polygon', compactness: 10 }, null], 0.05);
    expect(e.ideal).toBe(100);
    expect(e.deviations).toEqual([-0.1, 0.1, 0]);
    expect(e.maxDeviation).toBeCloseTo(0.1, 12);
    expect(e.outOfTolerance).toBe(2);
    expect(e.nonContiguous).toEqual([1]);
  });
});
