/**
 * The derived slice's shapes (issue 13's live Contiguous and Compactness): computed again
 * only for territories whose outline or units changed, and judged on the unit graph once
 * the graph source delivers it.
 */
import { describe, expect, it, vi } from 'vitest';
import { buildUnitGraph, indexGraph, type IndexedGraph } from '../../src/domain/balance';
import type { Territory } from '../../src/domain/types';
import { createAppStore } from '../../src/store/appStore';
import type { UnitGraphSource } from '../../src/store/derivedSlice';
import { plan, squareTerritory, store, workspace } from '../fixtures/market';
import { grid } from '../domain/balance/grids';

describe('live shapes', () => {
  it('recomputes only the changed territory and switches to unit adjacency when the graph arrives', () => {
    const units = grid(3, 1);
    let graph: IndexedGraph | null = null;
    let ready: (() => void) | null = null;
    const source: UnitGraphSource = {
      get: () => graph,
      request: vi.fn((_level, done: () => void) => {
        ready = done;
      }),
    };
    const s = createAppStore({ markDirty: vi.fn() }, Date.now, { unitGraphs: source });
    s.getState().setMarket([store('S1', 5, 5)], []);
    // B is "made of" units 0 and 2 (not touching) and drawn as one square.
    const b: Territory = { ...squareTerritory('B', 10, 0, 10, 1), units: { level: 'counties', ids: [units[0]!.id, units[2]!.id] } };
    s.getState().loadPlan(workspace, { plan, territories: [squareTerritory('A', 0, 0, 10, 0), b], regions: [] });
    const first = s.getState().shapes;
    expect(first.map((x) => x?.parts)).toEqual([1, 1]);
    expect(first[1]!.basis).toBe('polygon');
    expect(source.request).toHaveBeenCalledTimes(1);

    s.getState().reshapeTerritory('A' as never, { type: 'Polygon', coordinates: [[[0, 0], [5, 0], [5, 5], [0, 5], [0, 0]]] });
    const second = s.getState().shapes;
    expect(second[0]).not.toBe(first[0]);
    expect(second[1]).toBe(first[1]); // B did not change: its figures were kept, not recomputed

    graph = indexGraph(buildUnitGraph(units.filter((_, i) => i !== 1)));
    ready!();
    // Units 0 and 2 of the 3 × 1 strip without the middle: an island link joins them.
    expect(s.getState().shapes[1]).toMatchObject({ basis: 'units', parts: 1 });
  });
});
