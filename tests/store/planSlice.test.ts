import { describe, expect, it, vi } from 'vitest';
import { assignPlan } from '../../src/domain/assignment';
import { computeTerritoryStats } from '../../src/domain/stats';
import type { TerritoryGeometry, TerritoryId } from '../../src/domain/types';
import { createAppStore } from '../../src/store/appStore';
import { applyToTerritories, invertChange, UNDO_LIMIT } from '../../src/store/planSlice';
import { storesOf, manager, plan, squareTerritory, store, workspace } from '../fixtures/market';

function makeStore() {
  const markDirty = vi.fn();
  const s = createAppStore({ markDirty });
  s.getState().setMarket([store('S1', 5, 5), store('S2', 15, 5), store('S3', 50, 50), store('S4', 1, 1, { status: 'prospect', revenue: 0 })], [manager]);
  s.getState().loadPlan(workspace, { plan, territories: [squareTerritory('A', 0, 0, 10, 0), squareTerritory('B', 10, 0, 10, 1)], regions: [] });
  return { s, markDirty };
}

const square = (x0: number, y0: number, size: number): TerritoryGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]],
});

describe('plan changes', () => {
  it('a market set without recomputing waits for the plan that opens next: one full computation', () => {
    const s = createAppStore({ markDirty: vi.fn() });
    s.getState().setMarket([store('S1', 5, 5), store('S2', 15, 5)], [manager], { recompute: false });
    expect(s.getState().stats).toBeNull();
    expect(s.getState().lastEngineStep).toBeNull();
    s.getState().loadPlan(workspace, { plan, territories: [squareTerritory('A', 0, 0, 10, 0)], regions: [] });
    expect(s.getState().lastEngineStep).toMatchObject({ kind: 'full', reason: 'new engine' });
    expect(s.getState().stats!.rows[0]!.stores).toBe(1);
    expect(s.getState().stats!.unassigned.stores).toBe(1);
  });

  it('derives assignment and stats from stores and territories', () => {
    const { s } = makeStore();
    const st = s.getState();
    // S1, S4 in A (index 0); S2 in B (index 1); S3 outside both.
    expect(Array.from(st.assignment)).toEqual([0, 1, -1, 0]);
    expect(st.stats!.rows.map((r) => r.stores)).toEqual([2, 1]);
    expect(st.stats!.unassigned.stores).toBe(1);
    expect(st.stats!.totals.stores).toBe(4);
  });

  it('creating a territory validates, puts it first, takes its area from the neighbour (a hole), selects it and queues a save', () => {
    const { s, markDirty } = makeStore();
    const t = s.getState().createTerritory('  North  ', square(4, 4, 2))!;
    expect(t.name).toBe('North');
    expect(t.rank).toBe(-1);
    expect(s.getState().territories[0]!.id).toBe(t.id);
    expect(s.getState().selectedTerritoryId).toBe(t.id);
    expect(markDirty).toHaveBeenCalledWith({ territories: expect.arrayContaining([t.id, 'A']), regions: [], plan: false });
    const a = s.getState().territories.find((x) => x.id === 'A')!;
    expect(a.geometry.type === 'Polygon' && a.geometry.coordinates).toHaveLength(2); // outer ring + the new hole
    expect(s.getState().undoStack.at(-1)!.label).toBe('Drew North (took area from Territory A)');
    // S1 at (5,5) lies in both A and the new square: the new one wins.
    expect(s.getState().stats!.rows[0]!.stores).toBe(1);
    expect(s.getState().stats!.rows[1]!.stores).toBe(1); // A keeps S4 only
  });

  it('refuses a self-intersecting outline with a message, and changes nothing', () => {
    const { s, markDirty } = makeStore();
    const before = s.getState().territories;
    const bowtie: TerritoryGeometry = { type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] };
    expect(s.getState().createTerritory('Bad', bowtie)).toBeNull();
    expect(s.getState().territories).toBe(before);
    expect(markDirty).not.toHaveBeenCalled();
    expect(s.getState().notices.at(-1)!.kind).toBe('error');
    expect(s.getState().notices.at(-1)!.text).toMatch(/cross/i);
  });

  it('rename, reshape, recolor, manager and delete each record one undoable step with a label', () => {
    const { s } = makeStore();
    const A = 'A' as TerritoryId;
    s.getState().renameTerritory(A, 'Kansas');
    s.getState().reshapeTerritory(A, square(0, 0, 20), 'allow');
    s.getState().setTerritoryColor(A, '#123456');
    s.getState().setTerritoryManager(A, manager.id);
    s.getState().deleteTerritory('B' as TerritoryId);
    expect(s.getState().undoStack.map((c) => c.label)).toEqual([
      'Renamed Territory A to Kansas',
      'Reshaped Kansas',
      'Recolored Kansas',
      'Assigned Kansas to Dana Whitfield',
      'Deleted Territory B',
    ]);
    // The reshaped A now holds S1, S2, S4.
    expect(s.getState().stats!.rows[0]!.stores).toBe(3);
  });

  it('undo returns the exact previous plan, redo the exact next one', () => {
    const { s } = makeStore();
    const initial = s.getState().territories;
    s.getState().renameTerritory('A' as TerritoryId, 'Kansas');
    s.getState().deleteTerritory('B' as TerritoryId);
    const after = s.getState().territories;
    s.getState().undo();
    s.getState().undo();
    expect(s.getState().territories).toEqual(initial);
    expect(s.getState().undo).toBeTypeOf('function');
    s.getState().redo();
    s.getState().redo();
    expect(s.getState().territories).toEqual(after);
    expect(s.getState().redoStack).toEqual([]);
  });

  it('a new change clears redo; history is capped', () => {
    const { s } = makeStore();
    s.getState().renameTerritory('A' as TerritoryId, 'One');
    s.getState().undo();
    expect(s.getState().redoStack).toHaveLength(1);
    s.getState().renameTerritory('A' as TerritoryId, 'Two');
    expect(s.getState().redoStack).toHaveLength(0);
    for (let i = 0; i < UNDO_LIMIT + 20; i++) s.getState().renameTerritory('A' as TerritoryId, `Name ${i}`);
    expect(s.getState().undoStack).toHaveLength(UNDO_LIMIT);
    expect(UNDO_LIMIT).toBeGreaterThanOrEqual(100);
  });

  it('an invalid reshape keeps the previous outline and says so', () => {
    const { s } = makeStore();
    const before = s.getState().territories[0];
    s.getState().reshapeTerritory('A' as TerritoryId, { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [2, 0], [0, 0]]] });
    expect(s.getState().territories[0]).toBe(before);
    expect(s.getState().notices.at(-1)!.text).toMatch(/previous shape was kept/);
  });
});

describe('overlaps, split and merge', () => {
  it("'yield' clips the new shape instead; 'take' that covers a neighbour replaces it; one undo restores all", () => {
    const { s } = makeStore();
    const y = s.getState().createTerritory('Yielder', square(5, 0, 10), 'yield');
    expect(y).toBeNull(); // lies entirely under A and B: nothing is left
    expect(s.getState().notices.at(-1)!.text).toMatch(/nothing is left/);
    const before = s.getState().territories;
    const big = s.getState().createTerritory('Big', square(-1, -1, 30), 'take')!;
    expect(s.getState().territories.map((t) => t.id)).toEqual([big.id]);
    expect(s.getState().undoStack.at(-1)!.label).toBe('Drew Big (replaced Territory A, Territory B)');
    expect(s.getState().stats!.rows[0]!.stores).toBe(3); // S1, S2, S4
    s.getState().undo();
    expect(s.getState().territories).toEqual(before);
  });

  it('never clips a locked neighbour: the new shape yields to it', () => {
    const { s } = makeStore();
    s.getState().setTerritoryLocked('B' as TerritoryId, true);
    const bLocked = s.getState().territories.find((t) => t.id === 'B')!;
    const t = s.getState().createTerritory('Across', square(8, 2, 4), 'take')!; // spans A and locked B
    expect(s.getState().territories.find((x) => x.id === 'B')!.geometry).toEqual(bLocked.geometry);
    const xs = (t.geometry.type === 'Polygon' ? t.geometry.coordinates[0]! : []).map((p) => p[0]!);
    expect(Math.max(...xs)).toBeCloseTo(10, 9); // cut back to B's edge
  });

  it('split cuts along a line into the original and a new territory, one undoable step', () => {
    const { s } = makeStore();
    s.getState().splitTerritory('A' as TerritoryId, { type: 'LineString', coordinates: [[5, -1], [5, 11]] });
    const ts = s.getState().territories;
    expect(ts).toHaveLength(3);
    const piece = ts.find((t) => t.name === 'Territory A (split)')!;
    expect(piece).toBeDefined();
    expect(s.getState().undoStack.at(-1)!.label).toBe('Split Territory A');
    // S1 (5,5) is on the cut line (counts as inside both; the first in the plan wins), S4 (1,1) left.
    const rowA = s.getState().stats!.rows.find((r) => r.territoryId === 'A')!;
    const rowP = s.getState().stats!.rows.find((r) => r.territoryId === piece.id)!;
    expect(rowA.stores + rowP.stores).toBe(2);
    s.getState().splitTerritory('A' as TerritoryId, { type: 'LineString', coordinates: [[50, 50], [60, 60]] });
    expect(s.getState().notices.at(-1)!.kind).toBe('error');
    s.getState().undo();
    expect(s.getState().territories).toHaveLength(2);
  });

  it('merge unions the selection into the first territory; needs two; refuses locked ones', () => {
    const { s } = makeStore();
    s.getState().mergeTerritories(['A' as TerritoryId]);
    expect(s.getState().notices.at(-1)!.text).toMatch(/at least two/);
    s.getState().mergeTerritories(['A' as TerritoryId, 'B' as TerritoryId]);
    expect(s.getState().territories.map((t) => t.id)).toEqual(['A']);
    expect(s.getState().undoStack.at(-1)!.label).toBe('Merged Territory B into Territory A');
    expect(s.getState().stats!.rows[0]!.stores).toBe(3);
    const g = s.getState().territories[0]!.geometry;
    expect(g.type).toBe('Polygon'); // adjacent squares dissolve into one polygon
    s.getState().undo();
    s.getState().setTerritoryLocked('B' as TerritoryId, true);
    s.getState().mergeTerritories(['A' as TerritoryId, 'B' as TerritoryId]);
    expect(s.getState().notices.at(-1)!.text).toMatch(/locked/);
  });
});

describe('painting base units', () => {
  const unit = (x0: number, y0: number) => ({ geometry: square(x0, y0, 5) });
  it('adds units (taking them from neighbours), removes them, and skips locked territories', () => {
    const { s } = makeStore();
    const A = 'A' as TerritoryId;
    // Paint the unit [10..15]×[0..5] (part of B, where S2 at (15,5) is on its corner) into A.
    s.getState().paintUnits(A, [unit(10, 0)], false, ['county', 'counties']);
    expect(s.getState().undoStack.at(-1)!.label).toBe('Painted 1 county into Territory A (took area from Territory B)');
    expect(s.getState().stats!.rows[0]!.stores).toBe(3); // S1, S4 and S2 on the shared corner (A is first)
    s.getState().paintUnits(A, [unit(10, 0)], true, ['county', 'counties']);
    expect(s.getState().undoStack.at(-1)!.label).toBe('Removed 1 county from Territory A');
    expect(s.getState().stats!.rows[0]!.stores).toBe(2);
    s.getState().paintUnits(A, [unit(0, 0), unit(5, 0), unit(0, 5), unit(5, 5)], true, ['county', 'counties']);
    expect(s.getState().notices.at(-1)!.text).toMatch(/remove all of Territory A/);
    // A locked neighbour keeps its area: painting over it adds nothing of it.
    s.getState().setTerritoryLocked('B' as TerritoryId, true);
    const bBefore = s.getState().territories.find((t) => t.id === 'B')!.geometry;
    s.getState().paintUnits(A, [unit(10, 5)], false, ['county', 'counties']);
    expect(s.getState().territories.find((t) => t.id === 'B')!.geometry).toEqual(bBefore);
  });
});

describe('lock', () => {
  it('a locked territory refuses reshape and delete with a message; locking is undoable', () => {
    const { s } = makeStore();
    const A = 'A' as TerritoryId;
    s.getState().setTerritoryLocked(A, true);
    expect(s.getState().undoStack.at(-1)!.label).toBe('Locked Territory A');
    const before = s.getState().territories[0];
    s.getState().reshapeTerritory(A, square(0, 0, 20));
    expect(s.getState().territories[0]).toBe(before);
    expect(s.getState().notices.at(-1)!.text).toMatch(/locked: unlock it to change its outline/);
    s.getState().deleteTerritory(A);
    expect(s.getState().territories.map((t) => t.id)).toContain('A');
    s.getState().undo();
    expect(s.getState().territories[0]!.locked).toBe(false);
    s.getState().reshapeTerritory(A, square(0, 0, 20), 'allow');
    expect(s.getState().undoStack.at(-1)!.label).toBe('Reshaped Territory A');
  });
});

describe('previewOutline', () => {
  it('shows stats for a dragged outline without committing, saving or recording it', () => {
    const { s, markDirty } = makeStore();
    const before = s.getState().territories;
    s.getState().previewOutline('A' as TerritoryId, square(0, 0, 20));
    expect(s.getState().previewing).toBe(true);
    expect(s.getState().stats!.rows[0]!.stores).toBe(3); // S1, S2 (A wins over B: lower rank), S4
    expect(s.getState().territories).toBe(before);
    expect(s.getState().undoStack).toEqual([]);
    expect(markDirty).not.toHaveBeenCalled();
    s.getState().recompute();
    expect(s.getState().previewing).toBe(false);
    expect(s.getState().stats!.rows[0]!.stores).toBe(2);
  });
});

describe('applyToTerritories / invertChange', () => {
  it('applying a change then its inverse gives back the same list', () => {
    const list = [squareTerritory('A', 0, 0, 1, 0), squareTerritory('B', 1, 0, 1, 1)];
    const change = { label: 'x', before: [list[1]!], after: [{ ...list[1]!, name: 'Bee' }, squareTerritory('C', 5, 5, 1, -1)] };
    const next = applyToTerritories(list, change);
    expect(next.map((t) => t.id)).toEqual(['C', 'A', 'B']);
    expect(applyToTerritories(next, invertChange(change))).toEqual(list);
  });
});

describe('derived state follows edits incrementally', () => {
  const scratch = (st: ReturnType<ReturnType<typeof makeStore>['s']['getState']>) => {
    const lngs = Float64Array.from(storesOf(st), (x) => x.lng);
    const lats = Float64Array.from(storesOf(st), (x) => x.lat);
    const assignment = assignPlan(storesOf(st), lngs, lats, st.territories, st.plan?.pins);
    return { assignment: Array.from(assignment), stats: computeTerritoryStats(storesOf(st), assignment, st.territories) };
  };

  it('draw, reshape, delete and a pin are incremental steps, undo and redo reuse the engine of before, and all equal a full recompute', () => {
    const { s } = makeStore();
    const t = s.getState().createTerritory('North', square(4, 4, 2))!;
    const steps: string[] = [s.getState().lastEngineStep!.kind];
    s.getState().reshapeTerritory(t.id, square(3, 3, 4));
    steps.push(s.getState().lastEngineStep!.kind);
    s.getState().deleteTerritory('B' as TerritoryId);
    steps.push(s.getState().lastEngineStep!.kind);
    expect(s.getState().stats!.unassigned.stores).toBe(2); // S2 lost its territory, S3 never had one
    s.getState().undo();
    steps.push(s.getState().lastEngineStep!.kind);
    s.getState().redo();
    steps.push(s.getState().lastEngineStep!.kind);
    s.getState().pinStore('S3' as never, t.id);
    steps.push(s.getState().lastEngineStep!.kind);
    expect(steps).toEqual(['incremental', 'incremental', 'incremental', 'reused', 'reused', 'incremental']);
    const st = s.getState();
    const want = scratch(st);
    expect(Array.from(st.assignment)).toEqual(want.assignment);
    expect(st.stats).toStrictEqual(want.stats);
  });

  it('a new market is computed in full', () => {
    const { s } = makeStore();
    s.getState().setMarket([...storesOf(s.getState()), store('S5', 2, 2)], [manager]);
    expect(s.getState().lastEngineStep!.kind).toBe('full');
    expect(s.getState().stats!.rows[0]!.stores).toBe(3);
  });

  it('an edit without a territory filter keeps the same visible-stores array (the map and the table are not touched)', () => {
    const { s } = makeStore();
    const before = s.getState().visibleStores;
    s.getState().reshapeTerritory('A' as TerritoryId, square(0, 0, 9));
    expect(s.getState().visibleStores).toBe(before);
    s.getState().setStoreFilter({ territory: 'A' as TerritoryId });
    const filtered = s.getState().visibleStores;
    expect(Array.from(filtered)).toEqual([0, 3]);
    s.getState().reshapeTerritory('A' as TerritoryId, square(0, 0, 3)); // S1 at (5,5) leaves A
    expect(Array.from(s.getState().visibleStores)).toEqual([3]);
  });

  it('a dragged outline previews the stats and a release without commit restores the plan’s', () => {
    const { s } = makeStore();
    const committed = s.getState().stats;
    s.getState().previewOutline('A' as TerritoryId, square(0, 0, 60));
    expect(s.getState().previewing).toBe(true);
    expect(s.getState().stats!.rows[0]!.stores).toBe(4); // A (rank 0) now covers every store and wins over B
    s.getState().recompute();
    expect(s.getState().previewing).toBe(false);
    expect(s.getState().stats).toStrictEqual(committed);
  });
});
