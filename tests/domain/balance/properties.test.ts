/**
 * Property tests of the balancer on random planar unit layers: grids with random cells
 * left out (so some layers fall apart into islands, joined by links) and random weights.
 * Checked from the assignment alone, by code independent of the optimizer's: every unit is
 * in exactly one territory, every territory is one piece on the graph, locked territories
 * and locked units never move.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceTerritories, buildUnitGraph, neighborsOf, type UnitGraph } from '../../../src/domain/balance';
import { grid } from './grids';

const layer = fc
  .record({
    cols: fc.integer({ min: 3, max: 9 }),
    rows: fc.integer({ min: 3, max: 9 }),
    holes: fc.array(fc.nat(80), { maxLength: 15 }),
    weights: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 81, maxLength: 81 }),
    k: fc.integer({ min: 2, max: 6 }),
    seed: fc.integer(),
  })
  .map(({ cols, rows, holes, weights, k, seed }) => {
    const removed = new Set(holes.filter((h) => h < cols * rows));
    if (removed.size >= cols * rows - k) removed.clear();
    const graph = buildUnitGraph(grid(cols, rows, removed));
    return { graph, weights: Float64Array.from(graph.ids, (_, u) => weights[u]!), k, seed };
  });

/** Pieces of territory t, by a breadth-first search written here. */
function pieces(g: UnitGraph, assignment: ArrayLike<number>, t: number): number {
  const seen = new Set<number>();
  let count = 0;
  for (let s = 0; s < g.ids.length; s++) {
    if (assignment[s] !== t || seen.has(s)) continue;
    count++;
    const stack = [s];
    seen.add(s);
    while (stack.length) for (const v of neighborsOf(g, stack.pop()!)) if (assignment[v] === t && !seen.has(v)) seen.add(v), stack.push(v);
  }
  return count;
}

describe('balancer properties on random planar layers', () => {
  it('from scratch: every unit in exactly one territory, every territory one piece', () => {
    fc.assert(
      fc.property(layer, ({ graph, weights, k, seed }) => {
        const r = balanceTerritories({ graph, k, weights, tolerance: 0.05, mode: 'scratch', seed, restarts: 2 });
        expect(r.assignment).toHaveLength(graph.ids.length);
        for (const t of r.assignment) expect(t >= 0 && t < k && Number.isInteger(t)).toBe(true);
        for (let t = 0; t < k; t++) expect(pieces(graph, r.assignment, t)).toBe(1);
      }),
      { numRuns: 60, seed: 20261205 },
    );
  });

  it('rebalance with locks: locked territories and units never move, the rest stays in one piece', () => {
    fc.assert(
      fc.property(layer, fc.integer({ min: 0, max: 5 }), fc.array(fc.nat(80), { maxLength: 4 }), ({ graph, weights, k, seed }, lockPick, unitPicks) => {
        // A contiguous start: a plan built from scratch with other weights.
        const start = balanceTerritories({ graph, k, weights: new Float64Array(graph.ids.length).fill(1), tolerance: 0.2, mode: 'scratch', seed, restarts: 1 }).assignment;
        const locked = lockPick < k ? [lockPick] : [];
        const lockedUnits = unitPicks.filter((u) => u < graph.ids.length);
        const r = balanceTerritories({ graph, k, weights, tolerance: 0.05, mode: 'rebalance', initial: start, lockedTerritories: locked, lockedUnits, seed, compactness: 0.3 });
        for (let u = 0; u < graph.ids.length; u++) {
          if (locked.includes(start[u]!) || lockedUnits.includes(u)) expect(r.assignment[u]).toBe(start[u]);
          if (locked.includes(r.assignment[u]!)) expect(start[u]).toBe(r.assignment[u]);
          expect(r.assignment[u]! >= 0 && r.assignment[u]! < k).toBe(true);
        }
        // A locked unit can pin a piece away from its territory only if the start had it so;
        // from a contiguous start, nothing the search does may split a territory.
        for (let t = 0; t < k; t++) expect(pieces(graph, r.assignment, t)).toBeLessThanOrEqual(Math.max(1, pieces(graph, start, t)));
      }),
      { numRuns: 60, seed: 20261206 },
    );
  });
});
