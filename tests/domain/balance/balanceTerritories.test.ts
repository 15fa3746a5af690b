import { describe, expect, it } from 'vitest';
import {
  balanceTerritories,
  buildUnitGraph,
  movedLowerBound,
  territoryParts,
  type BalanceInput,
  type UnitGraph,
} from '../../../src/domain/balance';
import { cell, grid, ones } from './grids';

/** Totals per territory, counted here from the assignment (not read from the result). */
function totals(assignment: ArrayLike<number>, weights: ArrayLike<number>, k: number): number[] {
  const out = new Array<number>(k).fill(0);
  for (let u = 0; u < assignment.length; u++) if (assignment[u]! >= 0) out[assignment[u]!]! += weights[u]!;
  return out;
}

function expectContiguous(g: UnitGraph, assignment: ArrayLike<number>, k: number): void {
  expect([...territoryParts(g, assignment, k)]).toEqual(new Array(k).fill(1));
}

describe('balanceTerritories from scratch', () => {
  it('numbers the new territories after the old ones they overlap most (names and managers follow the ground)', () => {
    const g = buildUnitGraph(grid(8, 8));
    for (const seed of [1, 2, 3, 4]) {
      // the old plan: four quadrants, numbered against reading order
      const initial = Int32Array.from({ length: 64 }, (_, u) => {
        const east = u % 8 >= 4 ? 1 : 0;
        const south = u >= 32 ? 1 : 0;
        return [3, 1, 2, 0][south * 2 + east]!;
      });
      const r = balanceTerritories({ graph: g, k: 4, weights: ones(64), tolerance: 0.05, mode: 'scratch', initial, seed });
      const shared = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
      for (let u = 0; u < 64; u++) shared[r.assignment[u]!]![initial[u]!]! += 1;
      const kept = [0, 1, 2, 3].reduce((a, t) => a + shared[t]![t]!, 0);
      // no other numbering keeps more units with their old territory
      const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
      for (const p of perms([0, 1, 2, 3])) expect(kept).toBeGreaterThanOrEqual([0, 1, 2, 3].reduce((a, t) => a + shared[t]![p[t]!]!, 0) - 8);
      expect(kept).toBeGreaterThan(16);
    }
  });

  it('splits a 6 × 6 grid of equal units into 4 exactly equal, contiguous territories', () => {
    const g = buildUnitGraph(grid(6, 6));
    const weights = ones(36);
    const r = balanceTerritories({ graph: g, k: 4, weights, tolerance: 0.05, mode: 'scratch', seed: 7 });
    expect(r.status).toBe('done');
    expect(totals(r.assignment, weights, 4)).toEqual([9, 9, 9, 9]);
    expect(r.maxDeviation).toBe(0);
    expect(r.withinTolerance).toBe(4);
    expectContiguous(g, r.assignment, 4);
    expect(r.allContiguous).toBe(true);
    expect(r.reasons).toEqual([]);
  });

  it('splits uneven weights on a 10 × 10 grid within 1 %, with reasonably compact shapes', () => {
    const g = buildUnitGraph(grid(10, 10));
    // Weights 1…4 in a fixed pattern; 250 in all, 50 per territory for k = 5.
    const weights = Float64Array.from({ length: 100 }, (_, u) => 1 + ((u * 7) % 4));
    const sum = weights.reduce((a, b) => a + b, 0);
    const r = balanceTerritories({ graph: g, k: 5, weights, tolerance: 0.01, mode: 'scratch', seed: 3, compactness: 1 });
    const t = totals(r.assignment, weights, 5);
    for (const x of t) expect(Math.abs(x - sum / 5)).toBeLessThanOrEqual(0.01 * (sum / 5) + 1e-9);
    expectContiguous(g, r.assignment, 5);
    expect(r.meanCompactness).toBeGreaterThan(35); // a 20-cell blob; a 1 × 20 strip scores 14
  });

  it('keeps an island unit in a contiguous territory through its link', () => {
    // A 4 × 4 grid and an island east of it holding 4 units' worth.
    const units = [...grid(4, 4), cell(6, 1)];
    const g = buildUnitGraph(units);
    const weights = Float64Array.from({ length: 17 }, (_, u) => (u === 16 ? 4 : 1));
    const r = balanceTerritories({ graph: g, k: 2, weights, tolerance: 0.02, mode: 'scratch', seed: 1 });
    expect(totals(r.assignment, weights, 2)).toEqual([10, 10]);
    expectContiguous(g, r.assignment, 2);
    // The island's territory holds the unit it is linked to (c3r1, index 7).
    expect(r.assignment[16]).toBe(r.assignment[7]);
  });

  it('reports a unit heavier than a territory share and still returns a plan quickly', () => {
    const g = buildUnitGraph(grid(5, 5));
    const weights = ones(25);
    weights[12] = 60; // 84 in all, ideal 28 for k = 3: the centre alone is more than twice that
    const t0 = performance.now();
    const r = balanceTerritories({ graph: g, k: 3, weights, tolerance: 0.05, mode: 'scratch', seed: 1, territoryNames: ['North', 'Centre', 'South'] });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(r.status).toBe('done');
    expect(r.assignment.every((t) => t >= 0 && t < 3)).toBe(true);
    const heavy = r.assignment[12]!;
    const reason = r.reasons.find((x) => x.territory === heavy);
    expect(reason?.reason).toBe('unit-too-heavy');
    expect(reason?.message).toContain(['North', 'Centre', 'South'][heavy]!);
    expect(reason?.message).toContain('c2r2');
    // The territory with the heavy unit keeps nothing else it does not need: the others share the rest.
    expect(r.withinTolerance).toBeLessThan(3);
    expectContiguous(g, r.assignment, 3);
  });

  it('reports territories left without units when there are too few units', () => {
    const g = buildUnitGraph(grid(3, 1));
    const r = balanceTerritories({ graph: g, k: 5, weights: ones(3), tolerance: 0.05, mode: 'scratch' });
    expect(new Set(r.assignment).size).toBe(3);
    expect(r.reasons.filter((x) => x.reason === 'too-few-units')).toHaveLength(2);
  });

  it('grows from seed units, each staying in its territory', () => {
    const g = buildUnitGraph(grid(6, 6));
    const seeds = [0, 35, 5]; // three corners
    const r = balanceTerritories({ graph: g, k: 3, weights: ones(36), tolerance: 0.05, mode: 'scratch', seeds, seed: 2 });
    seeds.forEach((u, t) => expect(r.assignment[u]).toBe(t));
    expect(totals(r.assignment, ones(36), 3)).toEqual([12, 12, 12]);
    expectContiguous(g, r.assignment, 3);
  });

  it('never changes a locked territory and balances the rest around what it leaves', () => {
    const g = buildUnitGraph(grid(6, 6));
    const weights = ones(36);
    // Territory 0 (locked) holds the first column: 6 units.
    const initial = Int32Array.from({ length: 36 }, (_, u) => (u % 6 === 0 ? 0 : -1));
    const r = balanceTerritories({ graph: g, k: 4, weights, tolerance: 0.05, mode: 'scratch', initial, lockedTerritories: [0], seed: 5 });
    for (let u = 0; u < 36; u++) expect(r.assignment[u] === 0).toBe(u % 6 === 0);
    expect(totals(r.assignment, weights, 4).slice(1)).toEqual([10, 10, 10]);
    // Ideal 9: the locked one is −33 %, the others +11 % because of it.
    expect(r.reasons.find((x) => x.territory === 0)?.reason).toBe('locked');
    expect(r.reasons.filter((x) => x.reason === 'locks-shift-ideal')).toHaveLength(3);
  });

  it('gives the same plan for the same seed', () => {
    const g = buildUnitGraph(grid(9, 9, new Set([10, 11, 40, 41, 49])));
    const weights = Float64Array.from({ length: g.ids.length }, (_, u) => (u * 13) % 5);
    const input: BalanceInput = { graph: g, k: 6, weights, tolerance: 0.03, mode: 'scratch', seed: 42 };
    const a = balanceTerritories(input);
    const b = balanceTerritories({ ...input });
    expect([...b.assignment]).toEqual([...a.assignment]);
    const others = [1, 2, 3].map((seed) => balanceTerritories({ ...input, seed }).assignment.join());
    expect(others.some((x) => x !== a.assignment.join())).toBe(true);
  });
});

describe('cancel and progress', () => {
  const g = buildUnitGraph(grid(20, 20));
  const weights = Float64Array.from({ length: 400 }, (_, u) => 1 + (u % 3));

  it('stops when asked and says so, with a full assignment', () => {
    let calls = 0;
    const r = balanceTerritories({ graph: g, k: 8, weights, tolerance: 0.01, mode: 'scratch', shouldStop: () => ++calls > 3 });
    expect(r.status).toBe('cancelled');
    expect(r.assignment).toHaveLength(400);
    expect(calls).toBeLessThan(50);
  });

  it('stops on an aborted signal', () => {
    const controller = new AbortController();
    controller.abort();
    const r = balanceTerritories({ graph: g, k: 8, weights, tolerance: 0.01, mode: 'rebalance', initial: new Int32Array(400).map((_, u) => u % 8), signal: controller.signal });
    expect(r.status).toBe('cancelled');
  });

  it('reports progress from 0 to 1, never backwards', () => {
    const seen: number[] = [];
    const r = balanceTerritories({ graph: g, k: 8, weights, tolerance: 0.02, mode: 'scratch', onProgress: (f) => seen.push(f) });
    expect(r.status).toBe('done');
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  });
});

describe('balanceTerritories rebalance', () => {
  it('evens out a lopsided plan moving few stores, never touching locks', () => {
    const g = buildUnitGraph(grid(12, 12));
    const weights = ones(144);
    // The west half (72) borders the north-east (36) and south-east (36) quarters; ideal 48.
    // Only the west half's excess has to move, straight to both neighbours.
    const initial = Int32Array.from({ length: 144 }, (_, u) => (u % 12 < 6 ? 0 : u < 72 ? 1 : 2));
    const lockedUnits = [12 * 5 + 5]; // a unit of the west half on its eastern edge
    const r = balanceTerritories({ graph: g, k: 3, weights, tolerance: 0.05, mode: 'rebalance', initial, lockedUnits, seed: 1 });
    expect(r.withinTolerance).toBe(3);
    expectContiguous(g, r.assignment, 3);
    expect(r.assignment[lockedUnits[0]!]).toBe(0);
    const bound = movedLowerBound(totals(initial, weights, 3), 48, 0.05).bound;
    expect(bound).toBeCloseTo(72 - 48 * 1.05, 9);
    expect(r.storesMovedLowerBound).toBeCloseTo(bound, 9);
    // Moved stores counted independently: units whose territory changed.
    let moved = 0;
    for (let u = 0; u < 144; u++) if (r.assignment[u] !== initial[u]) moved++;
    expect(r.storesMoved).toBe(moved);
    expect(moved).toBeGreaterThanOrEqual(bound);
    expect(moved).toBeLessThanOrEqual(1.5 * bound);
  });

  it('keeps locked territories exactly and leaves unassigned units alone without fill', () => {
    const g = buildUnitGraph(grid(8, 8));
    const weights = ones(64);
    // Rows 0–1 territory 0 (locked), rows 2–3 territory 1, rows 4–7 territory 2, row 7 none.
    const initial = Int32Array.from({ length: 64 }, (_, u) => {
      const row = Math.floor(u / 8);
      return row < 2 ? 0 : row < 4 ? 1 : row < 7 ? 2 : -1;
    });
    const r = balanceTerritories({ graph: g, k: 3, weights, tolerance: 0.1, mode: 'rebalance', initial, lockedTerritories: [0], fill: false });
    for (let u = 0; u < 64; u++) {
      if (initial[u] === 0 || r.assignment[u] === 0) expect(r.assignment[u]).toBe(initial[u]);
      if (initial[u] === -1) expect(r.assignment[u]).toBe(-1);
    }
    expect(totals(r.assignment, weights, 3).slice(1)).toEqual([20, 20]);
    expect(r.unassignedUnits).toBe(8);
  });

  it('hands a light piece cut off from its territory to the neighbour around it, so every territory ends in one piece', () => {
    const g = buildUnitGraph(grid(6, 6));
    // West half territory 0, east half territory 1; the north-east corner unit is 0's too,
    // touching only territory 1 (like Staten Island, which borders only New Jersey counties).
    const initial = Int32Array.from({ length: 36 }, (_, u) => (u % 6 < 3 || u === 5 ? 0 : 1));
    const r = balanceTerritories({ graph: g, k: 2, weights: ones(36), tolerance: 0.1, mode: 'rebalance', initial, seed: 1 });
    expectContiguous(g, r.assignment, 2);
    expect(r.assignment[5]).toBe(1);
    expect(r.withinTolerance).toBe(2);
    expect(r.storesMoved).toBe(1);
  });

  it('leaves a stray piece where it is when it is heavy or cannot move', () => {
    const g = buildUnitGraph(grid(6, 6));
    // A 2×3 block (6 units, over a quarter of the ideal 18) of territory 0 inside territory 1.
    const block = new Set([4, 5, 10, 11, 16, 17]);
    const heavy = Int32Array.from({ length: 36 }, (_, u) => (u % 6 < 2 || block.has(u) ? 0 : 1));
    const r1 = balanceTerritories({ graph: g, k: 2, weights: ones(36), tolerance: 0.1, mode: 'rebalance', initial: heavy, seed: 1 });
    for (const u of block) expect(r1.assignment[u]).toBe(0);
    // A light stray unit that is locked stays too.
    const light = Int32Array.from({ length: 36 }, (_, u) => (u % 6 < 3 || u === 5 ? 0 : 1));
    const r2 = balanceTerritories({ graph: g, k: 2, weights: ones(36), tolerance: 0.1, mode: 'rebalance', initial: light, lockedUnits: [5], seed: 1 });
    expect(r2.assignment[5]).toBe(0);
  });

  it('fills unassigned units from their neighbours when asked', () => {
    const g = buildUnitGraph(grid(6, 6));
    const initial = Int32Array.from({ length: 36 }, (_, u) => (u < 6 ? 0 : u >= 30 ? 1 : -1));
    const r = balanceTerritories({ graph: g, k: 2, weights: ones(36), tolerance: 0.05, mode: 'rebalance', initial, fill: true });
    expect(r.assignment.every((t) => t === 0 || t === 1)).toBe(true);
    expect(totals(r.assignment, ones(36), 2)).toEqual([18, 18]);
    expect(r.storesMoved).toBe(0); // filling is not moving
  });
});
