import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { assignPlan } from '../../src/domain/assignment';
import { changedEdgesBox } from '../../src/domain/stats/planEngine';
import { computeTerritoryStats, createPlanEngine, updatePlanEngine, warmPlanEngine, type PlanEngine } from '../../src/domain/stats';
import type { Store, StoreId, StorePin, StoreStatus, Territory, TerritoryGeometry, TerritoryId } from '../../src/domain/types';
import { mulberry32 } from '../fixtures/random';
import { baseStore, squareTerritory } from '../fixtures/market';

const REF = new Date(2025, 5, 15);

/** The app's old path: everything from scratch. */
function fromScratch(stores: readonly Store[], territories: readonly Territory[], pins: readonly StorePin[] | undefined) {
  const lngs = Float64Array.from(stores, (s) => s.lng);
  const lats = Float64Array.from(stores, (s) => s.lat);
  const assignment = assignPlan(stores, lngs, lats, territories, pins);
  return { assignment, stats: computeTerritoryStats(stores, assignment, territories, { referenceDate: REF }) };
}

function expectSameAsScratch(engine: PlanEngine, stores: readonly Store[], territories: readonly Territory[], pins: readonly StorePin[] | undefined, what: string) {
  const want = fromScratch(stores, territories, pins);
  expect(Array.from(engine.assignment), what).toEqual(Array.from(want.assignment));
  expect(engine.stats.rows, what).toStrictEqual(want.stats.rows);
  expect(engine.stats.unassigned, what).toStrictEqual(want.stats.unassigned);
  expect(engine.stats.totals, what).toStrictEqual(want.stats.totals);
}

/** Stores on a grid of whole and half degrees (so many lie exactly on edges and corners) plus random ones. */
function market(seed: number, randomCount: number): Store[] {
  const random = mulberry32(seed);
  const statuses: StoreStatus[] = ['customer', 'prospect', 'lost'];
  const points: [number, number][] = [];
  for (let x = 0; x <= 20; x += 0.5) for (let y = 0; y <= 20; y += 0.5) points.push([x, y]);
  for (let i = 0; i < randomCount; i++) points.push([random() * 20, random() * 20]);
  points.push([Number.NaN, 3]); // a store that cannot be placed
  return points.map(([lng, lat], i) => {
    const status = statuses[Math.floor(random() * 3)]!;
    return baseStore({
      id: `s${String(i).padStart(5, '0')}` as StoreId,
      lng,
      lat,
      status,
      revenue: status === 'prospect' ? 0 : Math.round(random() * 5_000_000) / 100,
      priorRevenue: Math.round(random() * 4_000_000) / 100,
      potential: Math.round(random() * 9_000_000) / 100,
      customerSince: status === 'customer' ? `202${4 + Math.floor(random() * 2)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}` : null,
    });
  });
}

/** A random outline: a box, a box with a hole, or two boxes (MultiPolygon); corners on the half-degree grid half the time. */
function randomGeometry(random: () => number): TerritoryGeometry {
  const snap = random() < 0.5;
  const v = (x: number) => (snap ? Math.round(x * 2) / 2 : x);
  const box = (): [number, number][] => {
    const x0 = v(random() * 16), y0 = v(random() * 16);
    const w = v(1 + random() * 6), h = v(1 + random() * 6);
    return [[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h], [x0, y0]];
  };
  const kind = random();
  if (kind < 0.5) return { type: 'Polygon', coordinates: [box()] } satisfies Polygon;
  if (kind < 0.75) {
    const outer = box();
    const [x0, y0] = outer[0]!;
    const [x1, y1] = outer[2]!;
    const hole: [number, number][] = [
      [x0 + (x1 - x0) / 4, y0 + (y1 - y0) / 4], [x0 + (x1 - x0) / 4, y0 + (3 * (y1 - y0)) / 4],
      [x0 + (3 * (x1 - x0)) / 4, y0 + (3 * (y1 - y0)) / 4], [x0 + (3 * (x1 - x0)) / 4, y0 + (y1 - y0) / 4], [x0 + (x1 - x0) / 4, y0 + (y1 - y0) / 4],
    ];
    return { type: 'Polygon', coordinates: [outer, hole] } satisfies Polygon;
  }
  return { type: 'MultiPolygon', coordinates: [[box()], [box()]] } satisfies MultiPolygon;
}

/** The outline with one vertex moved (a ring's first vertex moves with its closing copy). */
function dragVertex(g: TerritoryGeometry, random: () => number): TerritoryGeometry {
  const copy = structuredClone(g) as TerritoryGeometry;
  const polygons = copy.type === 'Polygon' ? [copy.coordinates] : copy.coordinates;
  const rings = polygons[Math.floor(random() * polygons.length)]!;
  const ring = rings[Math.floor(random() * rings.length)]!;
  const v = Math.floor(random() * (ring.length - 1));
  const moved: [number, number] = [ring[v]![0]! + (random() - 0.5) * 3, ring[v]![1]! + (random() - 0.5) * 3];
  ring[v] = moved;
  if (v === 0) ring[ring.length - 1] = [...moved];
  return copy;
}

describe('changedEdgesBox', () => {
  const square = (x0: number, y0: number, s: number): [number, number][] => [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]];
  it('is null for the same edges, whatever the ring start or direction', () => {
    const a: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 4)] };
    const rotated: Polygon = { type: 'Polygon', coordinates: [[[4, 0], [4, 4], [0, 4], [0, 0], [4, 0]]] };
    const reversed: Polygon = { type: 'Polygon', coordinates: [[...square(0, 0, 4)].reverse()] };
    expect(changedEdgesBox(a, rotated)).toBeNull();
    expect(changedEdgesBox(a, reversed)).toBeNull();
  });
  it('boxes the edges at a dragged vertex, before and after, and a hole cut or a part added', () => {
    const a: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 4)] };
    const dragged: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [6, 7], [0, 4], [0, 0]]] };
    expect(changedEdgesBox(a, dragged)).toEqual([0, 0, 6, 7]);
    const holed: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 4), [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]] };
    expect(changedEdgesBox(a, holed)).toEqual([1, 1, 2, 2]);
    const more: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 4)], [square(10, 10, 1)]] };
    expect(changedEdgesBox(a, more)).toEqual([10, 10, 11, 11]);
  });
});

describe('plan engine', () => {
  it('equals a full recompute after every random edit: draw, reshape, delete, paint, rename, pins, re-rank, undo', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const random = mulberry32(seed * 7919);
      const stores = market(seed, 1500);
      let nextId = 0;
      const newTerritory = (): Territory =>
        ({ ...squareTerritory(`t${String(nextId++).padStart(3, '0')}`, 0, 0, 1, Math.floor(random() * 1000)), geometry: randomGeometry(random) });
      const sortByRank = (ts: Territory[]) => ts.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      let territories = sortByRank(Array.from({ length: 6 }, newTerritory));
      let pins: StorePin[] | undefined;
      let engine = createPlanEngine(stores, territories, pins, { referenceDate: REF });
      expectSameAsScratch(engine, stores, territories, pins, `seed ${seed} start`);
      const history: { territories: Territory[]; pins: StorePin[] | undefined }[] = [];
      const kinds = { full: 0, incremental: 0, unchanged: 0, reused: 0 };
      for (let step = 0; step < 60; step++) {
        history.push({ territories, pins });
        const r = random();
        let what: string;
        if (r < 0.2 || territories.length === 0) {
          what = 'draw';
          territories = sortByRank([...territories, newTerritory()]);
        } else if (r < 0.4) {
          what = 'reshape';
          const k = Math.floor(random() * territories.length);
          territories = territories.map((t, i) => (i === k ? { ...t, geometry: randomGeometry(random) } : t));
        } else if (r < 0.5) {
          what = 'delete';
          const k = Math.floor(random() * territories.length);
          territories = territories.filter((_, i) => i !== k);
        } else if (r < 0.6) {
          what = 'paint (two territories change at once: one takes area from the other)';
          const a = Math.floor(random() * territories.length);
          const b = Math.floor(random() * territories.length);
          territories = territories.map((t, i) => (i === a || i === b ? { ...t, geometry: randomGeometry(random) } : t));
        } else if (r < 0.68) {
          what = 'rename';
          const k = Math.floor(random() * territories.length);
          territories = territories.map((t, i) => (i === k ? { ...t, name: `${t.name}!` } : t));
        } else if (r < 0.8) {
          what = 'pin';
          const t = territories[Math.floor(random() * territories.length)]!;
          const store = stores[Math.floor(random() * stores.length)]!;
          pins = [...(pins ?? []), { storeId: store.id, territoryId: random() < 0.9 ? t.id : ('gone' as TerritoryId) }];
        } else if (r < 0.85) {
          what = 're-rank';
          const k = Math.floor(random() * territories.length);
          territories = sortByRank(territories.map((t, i) => (i === k ? { ...t, rank: Math.floor(random() * 1000) } : t)));
        } else if (r < 0.87) {
          what = 'drag one vertex of one territory (rank kept)';
          const k = Math.floor(random() * territories.length);
          territories = territories.map((t, i) => (i === k ? { ...t, geometry: dragVertex(t.geometry, random) } : t));
        } else if (r < 0.9) {
          what = 'reshape and re-rank one territory at once';
          const k = Math.floor(random() * territories.length);
          territories = sortByRank(territories.map((t, i) => (i === k ? { ...t, geometry: randomGeometry(random), rank: Math.floor(random() * 1000) } : t)));
        } else {
          what = 'undo';
          history.pop();
          const back = history.pop() ?? { territories, pins };
          territories = back.territories;
          pins = back.pins;
        }
        engine = updatePlanEngine(engine, stores, territories, pins, { referenceDate: REF });
        kinds[engine.lastStep.kind]++;
        expectSameAsScratch(engine, stores, territories, pins, `seed ${seed} step ${step}: ${what}`);
      }
      // the point of the engine: most steps are incremental
      expect(kinds.incremental).toBeGreaterThan(kinds.full);
    }
  });

  it('recomputes only the touched area: a small reshape re-tests the stores in its box, not the market', () => {
    const stores = market(9, 4000);
    const territories = [squareTerritory('a', 0, 0, 10, 1), squareTerritory('b', 10, 0, 10, 2), squareTerritory('c', 15, 15, 2, 3)];
    const engine = createPlanEngine(stores, territories, undefined, { referenceDate: REF });
    const next = territories.map((t) => (t.id === 'c' ? squareTerritory('c', 15, 15, 3, 3) : t));
    const after = updatePlanEngine(engine, stores, next, undefined, { referenceDate: REF });
    expect(after.lastStep.kind).toBe('incremental');
    expect(after.lastStep.touched).toBe(1);
    const inBox = stores.filter((s) => s.lng >= 15 && s.lng <= 18 && s.lat >= 15 && s.lat <= 18).length;
    expect(after.lastStep.tested).toBe(inBox);
    expect(after.lastStep.tested).toBeLessThan(stores.length / 10);
    expectSameAsScratch(after, stores, next, undefined, 'grow c');
  });

  it('returns the same engine when nothing that matters changed, and rebuilds when the stores change', () => {
    const stores = market(4, 100);
    const territories = [squareTerritory('a', 0, 0, 10, 1)];
    const engine = createPlanEngine(stores, territories, undefined, { referenceDate: REF });
    const same = updatePlanEngine(engine, stores, territories, undefined, { referenceDate: REF });
    expect(same.lastStep.kind).toBe('unchanged');
    expect(same.assignment).toBe(engine.assignment);
    const fewer = stores.slice(10);
    const rebuilt = updatePlanEngine(engine, fewer, territories, undefined, { referenceDate: REF });
    expect(rebuilt.lastStep.kind).toBe('full');
    expectSameAsScratch(rebuilt, fewer, territories, undefined, 'fewer stores');
  });

  it('rebuilds in full when the day rolls over (new customers depend on it)', () => {
    const stores = [baseStore({ id: 'x' as StoreId, lng: 1, lat: 1, status: 'customer', customerSince: '2024-06-15' })];
    const territories = [squareTerritory('a', 0, 0, 10, 1)];
    const engine = createPlanEngine(stores, territories, undefined, { referenceDate: REF });
    expect(engine.stats.rows[0]!.newCustomers).toBe(1);
    const later = updatePlanEngine(engine, stores, territories, undefined, { referenceDate: new Date(2025, 5, 16) });
    expect(later.lastStep.kind).toBe('full');
    expect(later.stats.rows[0]!.newCustomers).toBe(0);
  });

  it('handles empty input: no stores, no territories', () => {
    const none = createPlanEngine([], [], undefined, { referenceDate: REF });
    expect(none.stats.rows).toEqual([]);
    expect(none.stats.totals.stores).toBe(0);
    const withOne = updatePlanEngine(none, none.stores, [squareTerritory('a', 0, 0, 1, 1)], undefined, { referenceDate: REF });
    expect(withOne.stats.rows).toHaveLength(1);
    expect(withOne.stats.rows[0]!.stores).toBe(0);
    const stores = market(5, 10);
    const noTerritories = createPlanEngine(stores, [], undefined, { referenceDate: REF });
    expect(noTerritories.stats.unassigned.stores).toBe(stores.length);
  });

  it('deleting a territory hands its stores to the territory under it; undo gives them back', () => {
    const stores = market(6, 500);
    const under = squareTerritory('under', 0, 0, 20, 5);
    const over = squareTerritory('over', 4, 4, 4, 1);
    const plan = [over, under];
    const engine = createPlanEngine(stores, plan, undefined, { referenceDate: REF });
    const deleted = updatePlanEngine(engine, stores, [under], undefined, { referenceDate: REF });
    expect(deleted.lastStep.kind).toBe('incremental');
    expect(deleted.stats.rows[0]!.stores).toBe(engine.stats.rows[0]!.stores + engine.stats.rows[1]!.stores);
    expectSameAsScratch(deleted, stores, [under], undefined, 'delete');
    // undo returns to the very territories of before: the earlier engine is reused
    const undone = updatePlanEngine(deleted, stores, [...plan], undefined, { referenceDate: REF });
    expect(undone.lastStep.kind).toBe('reused');
    expect(undone.stats).toStrictEqual(engine.stats);
    expect(undone.assignment).toBe(engine.assignment);
    expectSameAsScratch(undone, stores, plan, undefined, 'undo');
    // redo: the delete's engine is reused in turn
    const redone = updatePlanEngine(undone, stores, [under], undefined, { referenceDate: REF });
    expect(redone.lastStep.kind).toBe('reused');
    expect(redone.stats).toStrictEqual(deleted.stats);
    // the same territory drawn again (a new outline object, same shape): computed, same figures
    const redrawn = updatePlanEngine(deleted, stores, [{ ...over, geometry: structuredClone(over.geometry) }, under], undefined, { referenceDate: REF });
    expect(redrawn.lastStep.kind).toBe('incremental');
    expect(redrawn.stats).toStrictEqual(engine.stats);
  });

  it('still reuses the engine of before after many unchanged steps and a dragged outline preview', () => {
    const stores = market(5, 400);
    const a = squareTerritory('a', 0, 0, 10, 1);
    const b = squareTerritory('b', 5, 5, 10, 2);
    const before = createPlanEngine(stores, [a, b], undefined, { referenceDate: REF });
    let e = updatePlanEngine(before, stores, [a], undefined, { referenceDate: REF }); // delete b
    for (let k = 0; k < 5; k++) e = updatePlanEngine(e, stores, [a], undefined, { referenceDate: REF });
    // two drag frames of a's outline, not kept
    updatePlanEngine(e, stores, [{ ...a, geometry: squareTerritory('a', 0, 0, 11, 1).geometry }], undefined, { referenceDate: REF });
    updatePlanEngine(e, stores, [{ ...a, geometry: squareTerritory('a', 0, 0, 12, 1).geometry }], undefined, { referenceDate: REF });
    const undone = updatePlanEngine(e, stores, [a, b], undefined, { referenceDate: REF });
    expect(undone.lastStep.kind).toBe('reused');
    expect(undone.assignment).toBe(before.assignment);
  });

  it('reuses an earlier engine only when ids, outlines, ranks and pins all match', () => {
    const stores = market(7, 400);
    const a = squareTerritory('a', 0, 0, 10, 1);
    const b = squareTerritory('b', 5, 5, 10, 2);
    const first = createPlanEngine(stores, [a, b], undefined, { referenceDate: REF });
    const moved = updatePlanEngine(first, stores, [a, { ...b, geometry: squareTerritory('b', 6, 6, 10, 2).geometry }], undefined, { referenceDate: REF });
    // back to b's first outline but a re-ranked: not the same plan
    const reranked = updatePlanEngine(moved, stores, [{ ...a, rank: 3 }, b].sort((x, y) => x.rank - y.rank), undefined, { referenceDate: REF });
    expect(reranked.lastStep.kind).not.toBe('reused');
    expectSameAsScratch(reranked, stores, [b, { ...a, rank: 3 }], undefined, 're-ranked');
    // same territories, other pins: not the same plan
    const pins: StorePin[] = [{ storeId: stores[0]!.id, territoryId: 'b' as TerritoryId }];
    const pinned = updatePlanEngine(moved, stores, [a, b], pins, { referenceDate: REF });
    expect(pinned.lastStep.kind).not.toBe('reused');
    expectSameAsScratch(pinned, stores, [a, b], pins, 'pinned');
    // renamed only: reused, rows by id as before
    const renamed = updatePlanEngine(pinned, stores, [{ ...a, name: 'A!' }, b], undefined, { referenceDate: REF });
    expect(renamed.lastStep.kind).toBe('reused');
    expectSameAsScratch(renamed, stores, [a, b], undefined, 'renamed');
  });

  it('warming the caches changes no figure', () => {
    const stores = market(8, 300);
    const plan = [squareTerritory('a', 0, 0, 8, 1), squareTerritory('b', 6, 6, 8, 2)];
    const cold = createPlanEngine(stores, plan, undefined, { referenceDate: REF });
    const warm = createPlanEngine(stores, plan, undefined, { referenceDate: REF });
    warmPlanEngine(warm);
    const next = [plan[0]!, squareTerritory('b', 5, 5, 9, 2)];
    const a = updatePlanEngine(cold, stores, next, undefined, { referenceDate: REF });
    const b = updatePlanEngine(warm, stores, next, undefined, { referenceDate: REF });
    expect(b.stats).toStrictEqual(a.stats);
    expectSameAsScratch(b, stores, next, undefined, 'warm');
  });
});
