import { describe, expect, it } from 'vitest';
import { baseStore } from '../fixtures/market';
import type { Polygon } from 'geojson';
import { computeBalance, computeCompactness, computeTerritoryStats } from '../../src/domain/stats';
import type { PlanId, Store, StoreId, Territory, TerritoryId } from '../../src/domain/types';

let nextStore = 0;
function store(overrides: Partial<Store> = {}): Store {
  nextStore++;
  return baseStore({ id: `s${nextStore}` as StoreId, name: `Store ${nextStore}`, address: '1 Main St', city: 'Fort Worth', zip: '76102', lat: 32.75, lng: -97.33, ...overrides });
}

const square: Polygon = {
  type: 'Polygon',
  coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
};
function territory(id: string, rank = 0): Territory {
  return {
    id: id as TerritoryId,
    planId: 'p1' as PlanId,
    name: id.toUpperCase(),
    color: '#1f77b4',
    geometry: square,
    managerId: null,
    regionId: null,
    locked: false,
    rank,
  };
}

const REF = new Date(2025, 5, 15); // 15 June 2025, local calendar date

describe('computeTerritoryStats', () => {
  it('gives penetration 0 and null ratios for a territory without stores', () => {
    const stats = computeTerritoryStats([], new Int32Array(0), [territory('a')], { referenceDate: REF });
    const row = stats.rows[0]!;
    expect(row.territoryId).toBe('a');
    expect(row.stores).toBe(0);
    expect(row.penetration).toBe(0);
    expect(row.revenueGrowth).toBeNull();
    expect(row.shareOfWallet).toBeNull();
    expect(row.whitespace).toBe(0);
  });

  it('counts by status and computes penetration = customers / stores', () => {
    const stores = [
      store({ status: 'customer' }),
      store({ status: 'customer' }),
      store({ status: 'prospect' }),
      store({ status: 'lost' }),
    ];
    const stats = computeTerritoryStats(stores, Int32Array.from([0, 0, 0, 0]), [territory('a')], {
      referenceDate: REF,
    });
    const row = stats.rows[0]!;
    // 2 customers, 1 prospect, 1 lost out of 4 stores → penetration 2 / 4 = 0.5
    expect([row.stores, row.customers, row.prospects, row.lost]).toEqual([4, 2, 1, 1]);
    expect(row.penetration).toBe(0.5);
  });

  it('gives null revenue growth when prior revenue is 0, else (rev − prior) / prior', () => {
    const stores = [
      store({ status: 'customer', revenue: 100, priorRevenue: 0 }),
      store({ status: 'customer', revenue: 150, priorRevenue: 100 }),
      store({ status: 'customer', revenue: 0, priorRevenue: 100 }),
    ];
    const stats = computeTerritoryStats(stores, Int32Array.from([0, 1, 2]), [
      territory('a'),
      territory('b'),
      territory('c'),
    ], { referenceDate: REF });
    expect(stats.rows[0]!.revenueGrowth).toBeNull(); // prior 0
    expect(stats.rows[1]!.revenueGrowth).toBe(0.5); // (150 − 100) / 100
    expect(stats.rows[2]!.revenueGrowth).toBe(-1); // (0 − 100) / 100
  });

  it('clamps whitespace per store and computes share of wallet', () => {
    const stores = [
      store({ status: 'customer', revenue: 400, potential: 1000 }), // whitespace 600
      store({ status: 'customer', revenue: 500, potential: 200 }), // above potential → 0, not −300
    ];
    const row = computeTerritoryStats(stores, Int32Array.from([0, 0]), [territory('a')], {
      referenceDate: REF,
    }).rows[0]!;
    expect(row.revenue).toBe(900);
    expect(row.potential).toBe(1200);
    // Σ max(0, potential − revenue) = 600 + 0 = 600 (the unclamped 1200 − 900 = 300 is wrong)
    expect(row.whitespace).toBe(600);
    // 900 / 1200 = 0.75
    expect(row.shareOfWallet).toBe(0.75);
  });

  it('counts new customers in the 12 months up to the reference date, both ends inclusive', () => {
    const stores = [
      store({ status: 'customer', customerSince: '2024-06-15' }), // exactly 12 months → new
      store({ status: 'customer', customerSince: '2024-06-14' }), // 12 months + 1 day → not
      store({ status: 'customer', customerSince: '2025-06-15' }), // the reference day → new
      store({ status: 'customer', customerSince: '2025-06-16' }), // future → not
      store({ status: 'customer', customerSince: '2025-01-02T09:30:00Z' }), // datetime → new
      store({ status: 'customer', customerSince: null }), // unknown → not
      store({ status: 'lost', customerSince: '2025-01-01' }), // not a customer any more → not
      store({ status: 'prospect', customerSince: '2025-01-01' }), // not a customer → not
    ];
    const row = computeTerritoryStats(stores, new Int32Array(stores.length), [territory('a')], {
      referenceDate: REF,
    }).rows[0]!;
    expect(row.newCustomers).toBe(3);
  });

  it('uses the last day of the month when the year before has no such day (29 Feb)', () => {
    const stores = [
      store({ status: 'customer', customerSince: '2023-02-28' }), // window starts 2023-02-28 → new
      store({ status: 'customer', customerSince: '2023-02-27' }), // → not
    ];
    const row = computeTerritoryStats(stores, new Int32Array(2), [territory('a')], {
      referenceDate: new Date(2024, 1, 29),
    }).rows[0]!;
    expect(row.newCustomers).toBe(1);
  });

  it('defaults the reference date to now', () => {
    const now = new Date();
    const iso = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const row = computeTerritoryStats(
      [store({ status: 'customer', customerSince: iso })],
      new Int32Array(1),
      [territory('a')],
    ).rows[0]!;
    expect(row.newCustomers).toBe(1);
  });

  it('puts stores outside every territory in the Unassigned row and everything in Totals', () => {
    const stores = [
      store({ status: 'customer', revenue: 300, priorRevenue: 200, potential: 500 }), // a
      store({ status: 'prospect', revenue: 0, priorRevenue: 0, potential: 100 }), // b
      store({ status: 'customer', revenue: 50, priorRevenue: 100, potential: 40 }), // -1
      store({ status: 'lost', revenue: 10, priorRevenue: 20, potential: 30 }), // index 7 (out of range)
      store({ status: 'customer', revenue: 5, priorRevenue: 0, potential: 5 }), // beyond the array
    ];
    const assignment = Int32Array.from([0, 1, -1, 7]); // shorter than stores
    const stats = computeTerritoryStats(stores, assignment, [territory('a'), territory('b')], {
      referenceDate: REF,
    });
    const u = stats.unassigned;
    expect(u.territoryId).toBeNull();
    // unassigned: stores 3, 4, 5 → 3 stores, customers 2 (3rd and 5th), lost 1
    expect([u.stores, u.customers, u.prospects, u.lost]).toEqual([3, 2, 0, 1]);
    expect(u.revenue).toBe(65); // 50 + 10 + 5
    expect(u.priorRevenue).toBe(120); // 100 + 20 + 0
    expect(u.potential).toBe(75); // 40 + 30 + 5
    // whitespace: max(0, 40−50)=0 + max(0, 30−10)=20 + max(0, 5−5)=0 → 20
    expect(u.whitespace).toBe(20);
    expect(u.penetration).toBeCloseTo(2 / 3, 12);
    expect(u.balanceDeviation).toBeNull();

    const t = stats.totals;
    expect(t.territoryId).toBeNull();
    // all 5 stores: customers 3, prospects 1, lost 1
    expect([t.stores, t.customers, t.prospects, t.lost]).toEqual([5, 3, 1, 1]);
    expect(t.revenue).toBe(365); // 300 + 0 + 65
    expect(t.priorRevenue).toBe(320); // 200 + 0 + 120
    expect(t.potential).toBe(675); // 500 + 100 + 75
    // whitespace: 200 (a) + 100 (b) + 20 (unassigned) = 320
    expect(t.whitespace).toBe(320);
    expect(t.penetration).toBe(0.6); // 3 / 5
    expect(t.revenueGrowth).toBeCloseTo((365 - 320) / 320, 12);
    expect(t.shareOfWallet).toBeCloseTo(365 / 675, 12);
    expect(t.balanceDeviation).toBeNull();
  });

  it('gives each territory its revenue deviation from the territories’ average (unassigned excluded)', () => {
    const stores = [
      store({ status: 'customer', revenue: 300 }),
      store({ status: 'customer', revenue: 100 }),
      store({ status: 'customer', revenue: 200 }),
      store({ status: 'customer', revenue: 1000 }), // unassigned: not part of the ideal
    ];
    const stats = computeTerritoryStats(stores, Int32Array.from([0, 1, 2, -1]), [
      territory('a'),
      territory('b'),
      territory('c'),
      territory('d'), // empty territory still counts in n
    ], { referenceDate: REF });
    // ideal = (300 + 100 + 200 + 0) / 4 = 150
    // deviations: (300−150)/150 = 1, (100−150)/150 = −1/3, (200−150)/150 = 1/3, (0−150)/150 = −1
    const devs = stats.rows.map((r) => r.balanceDeviation!);
    expect(devs[0]).toBeCloseTo(1, 12);
    expect(devs[1]).toBeCloseTo(-1 / 3, 12);
    expect(devs[2]).toBeCloseTo(1 / 3, 12);
    expect(devs[3]).toBeCloseTo(-1, 12);
  });

  it('accepts a Map assignment and gives the same result as the Int32Array form', () => {
    const stores = [
      store({ status: 'customer', revenue: 10, potential: 20 }),
      store({ status: 'prospect', potential: 30 }),
      store({ status: 'customer', revenue: 5 }),
    ];
    const territories = [territory('a'), territory('b')];
    const map = new Map<StoreId, TerritoryId | null>([
      [stores[0]!.id, 'b' as TerritoryId],
      [stores[1]!.id, 'a' as TerritoryId],
      [stores[2]!.id, null],
    ]);
    const fromMap = computeTerritoryStats(stores, map, territories, { referenceDate: REF });
    const fromArray = computeTerritoryStats(stores, Int32Array.from([1, 0, -1]), territories, {
      referenceDate: REF,
    });
    expect(fromMap).toEqual(fromArray);
    expect(fromMap.rows[1]!.revenue).toBe(10);
    expect(fromMap.unassigned.stores).toBe(1);
  });

  it('treats non-finite money as 0 so one bad row does not poison the totals', () => {
    const stores = [
      store({ status: 'customer', revenue: Number.NaN, potential: 100 }),
      store({ status: 'customer', revenue: 50, potential: Number.POSITIVE_INFINITY }),
    ];
    const row = computeTerritoryStats(stores, new Int32Array(2), [territory('a')], {
      referenceDate: REF,
    }).rows[0]!;
    expect(row.revenue).toBe(50); // NaN → 0, + 50
    expect(row.potential).toBe(100); // 100 + (∞ → 0)
    expect(row.whitespace).toBe(100); // max(0, 100 − 0) + max(0, 0 − 50) = 100 + 0
  });
});

describe('computeBalance', () => {
  it('computes ideal, deviations, max |deviation|, CV and balance index', () => {
    const b = computeBalance([100, 200, 300, 400]);
    // total 1000, ideal 1000 / 4 = 250
    expect(b.total).toBe(1000);
    expect(b.ideal).toBe(250);
    // (100−250)/250 = −0.6, (200−250)/250 = −0.2, +0.2, +0.6
    b.deviations.forEach((d, i) => expect(d).toBeCloseTo([-0.6, -0.2, 0.2, 0.6][i]!, 12));
    expect(b.maxAbsDeviation).toBeCloseTo(0.6, 12);
    // population variance = (150² + 50² + 50² + 150²) / 4 = 50000 / 4 = 12500
    // CV = √12500 / 250 = 111.803… / 250 = 0.44721…
    expect(b.coefficientOfVariation).toBeCloseTo(Math.sqrt(12500) / 250, 12);
    expect(b.coefficientOfVariation).toBeCloseTo(0.4472136, 6);
    // mean |deviation| = (0.6 + 0.2 + 0.2 + 0.6) / 4 = 0.4 → index 100 × (1 − 0.4) = 60
    expect(b.balanceIndex).toBeCloseTo(60, 10);
  });

  it('gives 100 for a perfectly even split', () => {
    const b = computeBalance([5, 5, 5]);
    expect(b.deviations).toEqual([0, 0, 0]);
    expect(b.coefficientOfVariation).toBe(0);
    expect(b.balanceIndex).toBe(100);
  });

  it('clamps the balance index at 0 for very uneven splits', () => {
    // ideal 25; deviations −1, −1, −1, +3 → mean |d| = 6 / 4 = 1.5 → 100 × max(0, −0.5) = 0
    const b = computeBalance([0, 0, 0, 100]);
    expect(b.maxAbsDeviation).toBe(3);
    expect(b.balanceIndex).toBe(0);
  });

  it('handles n = 0: ideal 0, no deviations, index 100', () => {
    expect(computeBalance([])).toEqual({
      total: 0,
      ideal: 0,
      deviations: [],
      maxAbsDeviation: 0,
      coefficientOfVariation: 0,
      balanceIndex: 100,
    });
  });

  it('handles ideal 0: every deviation 0', () => {
    const b = computeBalance([0, 0, 0]);
    expect(b.ideal).toBe(0);
    expect(b.deviations).toEqual([0, 0, 0]);
    expect(b.maxAbsDeviation).toBe(0);
    expect(b.coefficientOfVariation).toBe(0);
    expect(b.balanceIndex).toBe(100);
  });

  it('divides by |ideal| so above-average stays positive when the total is negative', () => {
    // ideal (−100 − 300) / 2 = −200; (−100 + 200) / 200 = +0.5, (−300 + 200) / 200 = −0.5
    const b = computeBalance([-100, -300]);
    expect(b.deviations).toEqual([0.5, -0.5]);
  });

  it('accepts typed arrays', () => {
    expect(computeBalance(Float64Array.from([1, 3])).deviations).toEqual([-0.5, 0.5]);
  });
});

/** Regular k-gon around (lng, lat) with a radius in degrees, counter-clockwise, closed. */
function regularPolygon(k: number, lng: number, lat: number, r: number): Polygon {
  const ring: number[][] = [];
  for (let i = 0; i < k; i++) {
    const a = (2 * Math.PI * i) / k;
    ring.push([lng + r * Math.cos(a), lat + r * Math.sin(a)]);
  }
  ring.push(ring[0]!.slice());
  return { type: 'Polygon', coordinates: [ring] };
}

describe('computeCompactness (Polsby–Popper, 0–100)', () => {
  // Small shapes at the equator: the sphere is locally flat, so geodesic ≈ planar.
  const sq = (x: number, y: number, s: number): number[][] => [
    [x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y],
  ];

  it('scores a square ≈ 100 × π / 4 ≈ 78.54', () => {
    // A = s², P = 4s → 4π s² / 16 s² = π / 4
    const v = computeCompactness({ type: 'Polygon', coordinates: [sq(0, 0, 0.01)] });
    expect(v).toBeCloseTo((100 * Math.PI) / 4, 1);
  });

  it('scores a 64-gon close to a circle (≈ 100)', () => {
    // regular k-gon: 4πA / P² = π / (k tan(π / k)) → k = 64: 0.99920 → 99.92
    const expected = (100 * Math.PI) / (64 * Math.tan(Math.PI / 64));
    const v = computeCompactness(regularPolygon(64, 0, 0, 0.01));
    expect(v).toBeCloseTo(expected, 1);
    expect(v).toBeGreaterThan(99.5);
    expect(v).toBeLessThanOrEqual(100);
  });

  it('scores a long thin 10:1 rectangle low (≈ 26)', () => {
    // A = 10 s², P = 22 s → 4π · 10 / 484 = 0.2596 → 25.96
    const v = computeCompactness({
      type: 'Polygon',
      coordinates: [[[0, 0], [0.1, 0], [0.1, 0.01], [0, 0.01], [0, 0]]],
    });
    expect(v).toBeCloseTo((100 * 4 * Math.PI * 10) / 484, 1);
  });

  it('uses total area over total perimeter for a MultiPolygon', () => {
    // two equal squares: A = 2s², P = 8s → 4π · 2 / 64 = π / 8 → 39.27 (half of one square)
    const v = computeCompactness({
      type: 'MultiPolygon',
      coordinates: [[sq(0, 0, 0.01)], [sq(0.05, 0, 0.01)]],
    });
    expect(v).toBeCloseTo((100 * Math.PI) / 8, 1);
  });

  it('subtracts a hole from the area and adds its perimeter', () => {
    // 3×3 square with a 1×1 hole: A = 9 − 1 = 8, P = 12 + 4 = 16 → 4π · 8 / 256 = π / 8 → 39.27
    const u = 0.001;
    const outer = sq(0, 0, 3 * u);
    const hole = sq(u, u, u).reverse();
    const v = computeCompactness({ type: 'Polygon', coordinates: [outer, hole] });
    expect(v).toBeCloseTo((100 * Math.PI) / 8, 1);
  });

  it('gives 0 for an empty geometry', () => {
    expect(computeCompactness({ type: 'MultiPolygon', coordinates: [] })).toBe(0);
  });
});
