import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { assignPoints, buildTerritoryIndex } from '../../src/domain/assignment';
import { buildUnitIndex, loadUsUnits, type BaseUnit } from '../../src/domain/baseUnits';
import { unionOfUnits } from '../../src/domain/editing';
import {
  applyTerritoryChange,
  applyUnitPaint,
  commitTerritoryChange,
  commitUnitPaint,
  computeTerritoryStats,
  createStatsState,
  createUnitStatsState,
  previewTerritoryChange,
  previewUnitPaint,
  type StatsRows,
} from '../../src/domain/stats';
import type { Store, StoreId, StoreStatus, Territory, TerritoryGeometry, TerritoryId } from '../../src/domain/types';
import { mulberry32 } from '../bench/benchUtils';
import { baseStore, squareTerritory } from '../fixtures/market';

const REF = new Date(2025, 5, 15);
const EMPTY: MultiPolygon = { type: 'MultiPolygon', coordinates: [] };

function fromScratch(stores: readonly Store[], territories: readonly Territory[]) {
  const lngs = Float64Array.from(stores, (s) => s.lng);
  const lats = Float64Array.from(stores, (s) => s.lat);
  const assignment = assignPoints(buildTerritoryIndex(territories), lngs, lats);
  return { assignment, stats: computeTerritoryStats(stores, assignment, territories, { referenceDate: REF }) };
}

const table = (s: StatsRows) => ({ rows: s.rows, unassigned: s.unassigned, totals: s.totals });

function randomStores(n: number, box: [number, number, number, number], seed: number): Store[] {
  const random = mulberry32(seed);
  const statuses: StoreStatus[] = ['customer', 'prospect', 'lost'];
  return Array.from({ length: n }, (_, i) => {
    const status = statuses[Math.floor(random() * 3)]!;
    const revenue = status === 'prospect' ? 0 : Math.round(random() * 5_000_000) / 100; // cents
    return baseStore({
      id: `s${i}` as StoreId,
      lng: box[0] + random() * (box[2] - box[0]),
      lat: box[1] + random() * (box[3] - box[1]),
      status,
      revenue,
      priorRevenue: Math.round(random() * 4_000_000) / 100,
      potential: Math.round(random() * 9_000_000) / 100,
      customerSince: status === 'customer' ? `202${Math.floor(random() * 6)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}` : null,
    });
  });
}

describe('incremental stats, geometry path', () => {
  // Overlapping squares with ranks; stores on borders, corners and in overlaps.
  const territories: Territory[] = [
    squareTerritory('b', 4, 4, 6, 2),
    squareTerritory('a', 0, 0, 6, 1),
    squareTerritory('c', 10, 0, 4, 2),
  ];
  const points: [number, number][] = [
    [1, 1], [5, 5], [6, 6], [4, 4], [10, 2], [10, 10], [12, 2], [6, 3], [8, 8], [20, 20], [0, 0], [14, 4], [5, 9.999],
  ];
  const stores = points.map(([x, y], i) =>
    baseStore({ id: `p${i}` as StoreId, lng: x, lat: y, status: i % 3 === 0 ? 'customer' : 'prospect', revenue: 100.1 * i, potential: 333.3 * i, customerSince: '2025-01-01' }),
  );

  it('starts equal to computeTerritoryStats', () => {
    const state = createStatsState(stores, territories, { referenceDate: REF });
    const expected = fromScratch(stores, territories);
    expect(table(state)).toEqual(expected.stats);
    expect(state.assignment).toEqual(expected.assignment);
  });

  it('follows every change exactly, border and overlap points included', () => {
    let state = createStatsState(stores, territories, { referenceDate: REF });
    let current = territories.slice();
    const shapes: TerritoryGeometry[] = [
      squareTerritory('x', 2, 2, 8, 0).geometry,
      squareTerritory('x', 5, 5, 1, 0).geometry,
      EMPTY,
      squareTerritory('x', -1, -1, 30, 0).geometry,
      squareTerritory('x', 6, 0, 4, 0).geometry,
    ];
    for (let step = 0; step < 15; step++) {
      const k = step % current.length;
      const geometry = shapes[step % shapes.length]!;
      state = applyTerritoryChange(state, current[k]!.id, geometry);
      current = current.map((t, i) => (i === k ? { ...t, geometry } : t));
      const expected = fromScratch(stores, current);
      expect(state.assignment).toEqual(expected.assignment);
      expect(table(state)).toEqual(expected.stats);
    }
  });

  it('previews without committing; the preview commits to the same state', () => {
    const state = createStatsState(stores, territories, { referenceDate: REF });
    const snapshot = { assignment: state.assignment.slice(), rows: structuredClone(state.rows) };
    const grown = squareTerritory('a', 0, 0, 9, 1).geometry;
    const preview = previewTerritoryChange(state, 'a' as TerritoryId, grown);
    expect(state.assignment).toEqual(snapshot.assignment);
    expect(state.rows).toEqual(snapshot.rows);
    // independent: stores in the grown square (turf, boundary included) and not won by a
    // lower rank → 'a' gains those it did not have
    const aBefore = new Set(stores.filter((s) => booleanPointInPolygon([s.lng, s.lat], territories[1]!.geometry)).map((s) => s.id));
    const aAfter = new Set(stores.filter((s) => booleanPointInPolygon([s.lng, s.lat], grown)).map((s) => s.id));
    const gained = stores.filter((s) => aAfter.has(s.id) && !aBefore.has(s.id));
    expect(preview.gained.stores).toBe(gained.length);
    expect(preview.gained.revenue).toBeCloseTo(gained.reduce((sum, s) => sum + s.revenue, 0), 6);
    expect(preview.lost.stores).toBe(0);
    expect(preview.after.stores - preview.before.stores).toBe(gained.length);
    const committed = commitTerritoryChange(state, preview);
    expect(committed).toBe(preview.internal.next);
    expect(table(committed)).toEqual(table(applyTerritoryChange(state, 'a' as TerritoryId, grown)));
    // a preview of another state is recomputed, not blindly reused
    const other = applyTerritoryChange(state, 'c' as TerritoryId, EMPTY);
    const stale = commitTerritoryChange(other, preview);
    expect(table(stale)).toEqual(fromScratch(stores, [territories[0]!, { ...territories[1]!, geometry: grown }, { ...territories[2]!, geometry: EMPTY }]).stats);
    expect(() => previewTerritoryChange(state, 'nope' as TerritoryId, grown)).toThrow(RangeError);
  });
});

// ---- Real counties: paint and unpaint Kansas counties at random, both paths vs scratch.
const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology<{
  counties: GeometryCollection;
}>;
const loaded = loadUsUnits(topology, 'counties');
if (!loaded.ok) throw new Error(loaded.message);
const kansas = loaded.value.filter((u) => u.parentId === '20');
const unitIndex = buildUnitIndex(kansas);

function geometryOf(units: readonly BaseUnit[]): TerritoryGeometry {
  if (units.length === 0) return EMPTY;
  const r = unionOfUnits(units);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** Independent store count per territory: turf point in polygon, lowest rank wins. */
function turfCounts(stores: readonly Store[], territories: readonly Territory[]): number[] {
  const order = territories.map((_, i) => i).sort((i, j) => territories[i]!.rank - territories[j]!.rank);
  const counts = territories.map(() => 0);
  for (const s of stores) {
    const hit = order.find((k) => {
      const g = territories[k]!.geometry;
      return (g.type === 'Polygon' || (g as MultiPolygon).coordinates.length > 0) && booleanPointInPolygon([s.lng, s.lat], g as Polygon | MultiPolygon);
    });
    if (hit !== undefined) counts[hit]!++;
  }
  return counts;
}

describe('incremental stats on real counties (randomized paint / unpaint)', () => {
  it('geometry path and unit path both equal computeTerritoryStats from scratch, field by field', () => {
    const random = mulberry32(2024);
    const stores = randomStores(4000, [-102.2, 36.9, -94.5, 40.1], 99);
    // 4 territories from contiguous slices of Kansas counties (west to east), one locked
    const sorted = kansas.map((u, i) => ({ u, i })).sort((a, b) => a.u.bbox[0] - b.u.bbox[0]);
    const owner = new Int32Array(kansas.length).fill(-1);
    sorted.forEach(({ i }, k) => {
      if (k < 80) owner[i] = Math.floor(k / 20);
    });
    const unitsOf = (t: number) => kansas.filter((_, i) => owner[i] === t);
    let territories: Territory[] = [0, 1, 2, 3].map((t) => ({
      ...squareTerritory(`t${t}`, 0, 0, 1, t === 2 ? 0 : t + 1),
      geometry: geometryOf(unitsOf(t)),
      locked: t === 3,
    }));

    let geo = createStatsState(stores, territories, { referenceDate: REF });
    const storeUnit = assignPoints(unitIndex.index, Float64Array.from(stores, (s) => s.lng), Float64Array.from(stores, (s) => s.lat));
    let units = createUnitStatsState(stores, territories, { unitIds: kansas.map((u) => u.id), storeUnit, unitOwner: owner.slice() }, { referenceDate: REF });
    expect(table(geo)).toEqual(fromScratch(stores, territories).stats);
    expect(table(units)).toEqual(table(geo));

    let lockedSkips = 0;
    let steals = 0;
    let removals = 0;
    for (let step = 0; step < 30; step++) {
      const t = Math.floor(random() * 3); // never paint into the locked territory
      const u = Math.floor(random() * kansas.length);
      const mode = owner[u] === t ? 'remove' : 'add';
      const from = owner[u]!;
      const preview = previewUnitPaint(units, territories[t]!.id, [kansas[u]!.id], mode);
      if (from === 3) {
        expect(preview.lockedUnits).toEqual([kansas[u]!.id]);
        lockedSkips++;
        continue;
      }
      units = commitUnitPaint(units, preview);
      owner[u] = mode === 'add' ? t : -1;
      if (mode === 'remove') removals++;
      else if (from >= 0) steals++;
      // the geometry path: the painted territory and the one that lost the unit change
      for (const k of new Set([t, from].filter((k) => k >= 0))) {
        const geometry = geometryOf(unitsOf(k));
        geo = applyTerritoryChange(geo, territories[k]!.id, geometry);
        territories = territories.map((x, i) => (i === k ? { ...x, geometry } : x));
      }
      const expected = fromScratch(stores, territories);
      expect(geo.assignment).toEqual(expected.assignment);
      expect(table(geo)).toEqual(expected.stats);
      expect(units.assignment).toEqual(expected.assignment);
      expect(table(units)).toEqual(expected.stats);
      expect(Array.from(units.unitOwner)).toEqual(Array.from(owner));
      if (step % 10 === 9) expect(turfCounts(stores, territories)).toEqual(expected.stats.rows.map((r) => r.stores));
    }
    expect(lockedSkips).toBeGreaterThan(0);
    expect(steals).toBeGreaterThan(0);
    expect(removals).toBeGreaterThan(0);
  });

  it('a unit preview reports gained/lost stores and leaves the state untouched', () => {
    const stores = randomStores(3000, [-102.2, 36.9, -94.5, 40.1], 5);
    const owner = new Int32Array(kansas.length).fill(-1);
    owner[0] = 0;
    owner[1] = 1;
    const territories: Territory[] = [0, 1].map((t) => ({
      ...squareTerritory(`t${t}`, 0, 0, 1, t),
      geometry: geometryOf(kansas.filter((_, i) => owner[i] === t)),
    }));
    const lngs = Float64Array.from(stores, (s) => s.lng);
    const lats = Float64Array.from(stores, (s) => s.lat);
    const storeUnit = assignPoints(unitIndex.index, lngs, lats);
    const state = createUnitStatsState(stores, territories, { unitIds: kansas.map((u) => u.id), storeUnit, unitOwner: owner }, { referenceDate: REF });
    const before = structuredClone(table(state));
    // t0 takes unit 1 from t1
    const preview = previewUnitPaint(state, 't0' as TerritoryId, [kansas[1]!.id, 'unknown'], 'add');
    expect(table(state)).toEqual(before);
    const inUnit1 = stores.filter((s) => booleanPointInPolygon([s.lng, s.lat], kansas[1]!.geometry));
    expect(preview.gained.stores).toBe(inUnit1.length);
    expect(preview.gained.customers).toBe(inUnit1.filter((s) => s.status === 'customer').length);
    expect(preview.lost.stores).toBe(0);
    expect(preview.after.stores).toBe(preview.before.stores + inUnit1.length);
    expect(preview.changedUnits).toEqual([kansas[1]!.id]);
    expect(preview.unknownUnits).toEqual(['unknown']);
    const next = applyUnitPaint(state, 't0' as TerritoryId, [kansas[1]!.id], 'add');
    expect(table(commitUnitPaint(state, preview))).toEqual(table(next));
    expect(next.rows[1]!.stores).toBe(before.rows[1]!.stores - inUnit1.length);
    // removing it again: t0 loses exactly those stores, to nobody
    const back = previewUnitPaint(next, 't0' as TerritoryId, [kansas[1]!.id], 'remove');
    expect(back.lost.stores).toBe(inUnit1.length);
    expect(commitUnitPaint(next, back).unassigned.stores).toBe(next.unassigned.stores + inUnit1.length);
  });
});
