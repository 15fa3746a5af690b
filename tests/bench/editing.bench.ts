/**
 * Editing benchmark (issue 4): painting one county into a territory of ~200 counties with
 * 100k stores — time from stroke end to updated stats — against recomputing everything
 * from scratch in the same run. Target: ≤ 16 ms (one frame) for the incremental path.
 *
 * Setup: the contiguous-US counties of us-atlas in Hilbert order of their bbox centres, the
 * first 2,000 cut into 10 territories of 200 consecutive (so adjacent) counties; 100k
 * seeded stores, 95% uniform in the bbox of a uniformly picked territory county, 5% anywhere
 * in the contiguous US. Each stroke paints one county adjacent to a territory into it
 * (taking it from its neighbour territory when it has one), the way a brush stroke ends.
 *
 * Per stroke, from the same starting plan:
 * - from scratch: unionOfUnits for the changed territories + buildTerritoryIndex over all
 *   10 + assignPoints(100k) + computeTerritoryStats (what derivedSlice does today);
 * - incremental, the app's path: unionOfUnits for the changed territories +
 *   updatePlanEngine (stores in the changed boxes only, re-sum of the affected rows), what
 *   derivedSlice runs after a paint stroke. (The unit path of the former incrementalStats.ts,
 *   which reassigned a painted county's stores without geometry, was never run by the app
 *   and was removed with issue 13.);
 * - display outline: unionOfUnits of the painted territory alone (needed to redraw the map,
 *   off the stats' critical path — done after the stats, or in a worker).
 * Both stats results are checked equal (rows field by field) on every stroke.
 */
import { assignPoints, buildTerritoryIndex } from '../../src/domain/assignment';
import { buildUnitIndex } from '../../src/domain/baseUnits';
import { computeTerritoryStats, createPlanEngine, updatePlanEngine, type TerritoryStats } from '../../src/domain/stats';
import type { PlanId, Store, Territory, TerritoryId } from '../../src/domain/types';
import { fmtInt, fmtMs, median, mulberry32, printTable, syntheticStore } from './benchUtils';
import { loadCountiesInHilbertOrder, unionOf } from './countyPlans';

export const name = 'editing: paint one county into a 200-county territory, 100k stores';

const SEED = 20250615;
const STORES = 100_000;
const TERRITORIES = 10;
const COUNTIES_PER_TERRITORY = 200;
const WARMUP_STROKES = 3;
const STROKES = 25;
const TARGET_MS = 16;
const REF = new Date(2025, 5, 15);

const sameTable = (a: TerritoryStats, b: TerritoryStats): boolean =>
  JSON.stringify([a.rows, a.unassigned, a.totals]) === JSON.stringify([b.rows, b.unassigned, b.totals]);

export function run(): void {
  // ---- data
  const { ordered, loadedCount, loadMs } = loadCountiesInHilbertOrder();
  let t0: number;

  // adjacency from shared topology arcs
  const byArc = new Map<number, number[]>();
  ordered.forEach((u, i) => {
    for (const a of (JSON.stringify(u.topologyRef!.object.arcs).match(/-?\d+/g) ?? []).map(Number)) {
      const arc = a < 0 ? ~a : a;
      const list = byArc.get(arc);
      if (list) list.push(i);
      else byArc.set(arc, [i]);
    }
  });
  const neighbours: Set<number>[] = ordered.map(() => new Set());
  for (const list of byArc.values()) for (const i of list) for (const j of list) if (i !== j) neighbours[i]!.add(j);

  // ---- plan: 10 territories of 200 consecutive counties
  const owner = new Int32Array(ordered.length).fill(-1);
  for (let i = 0; i < TERRITORIES * COUNTIES_PER_TERRITORY; i++) owner[i] = Math.floor(i / COUNTIES_PER_TERRITORY);
  const unitsOf = (t: number) => ordered.filter((_, i) => owner[i] === t);
  t0 = performance.now();
  let territories: Territory[] = Array.from({ length: TERRITORIES }, (_, t) => ({
    id: `T${t}` as TerritoryId,
    planId: 'bench' as PlanId,
    name: `Territory ${t + 1}`,
    color: '#1f77b4',
    geometry: unionOf(unitsOf(t)),
    managerId: null,
    regionId: null,
    locked: false,
    rank: t,
  }));
  const unionAllMs = performance.now() - t0;
  let edges = 0;
  for (const t of territories) {
    const polys = t.geometry.type === 'Polygon' ? [t.geometry.coordinates] : t.geometry.coordinates;
    for (const p of polys) for (const r of p) edges += r.length - 1;
  }

  // ---- stores
  const random = mulberry32(SEED);
  const painted = ordered.slice(0, TERRITORIES * COUNTIES_PER_TERRITORY);
  const stores: Store[] = new Array(STORES);
  for (let i = 0; i < STORES; i++) {
    let lng: number;
    let lat: number;
    if (random() < 0.95) {
      const [minX, minY, maxX, maxY] = painted[Math.floor(random() * painted.length)]!.bbox;
      lng = minX + random() * (maxX - minX);
      lat = minY + random() * (maxY - minY);
    } else {
      lng = -124 + random() * 57;
      lat = 25 + random() * 24;
    }
    stores[i] = syntheticStore(i, lng, lat, random);
  }
  const lngs = Float64Array.from(stores, (s) => s.lng);
  const lats = Float64Array.from(stores, (s) => s.lat);

  // ---- one-off setup of the incremental states (not part of a stroke)
  t0 = performance.now();
  const unitIndex = buildUnitIndex(ordered);
  const unitIndexMs = performance.now() - t0;
  t0 = performance.now();
  const storeUnit = assignPoints(unitIndex.index, lngs, lats);
  const storeUnitMs = performance.now() - t0;
  void storeUnit;
  t0 = performance.now();
  let engine = createPlanEngine(stores, territories, undefined, { referenceDate: REF });
  const engineMs = performance.now() - t0;

  // ---- strokes
  const scratchMs: number[] = [];
  const scratchParts = { union: [] as number[], index: [] as number[], assign: [] as number[], stats: [] as number[] };
  const geoMs: number[] = [];
  const geoUnionMs: number[] = [];
  const displayMs: number[] = [];
  const storesMoved: number[] = [];
  let disagreements = 0;
  for (let stroke = 0; stroke < WARMUP_STROKES + STROKES; stroke++) {
    // a county next to territory t that t does not own
    const t = Math.floor(random() * TERRITORIES);
    const frontier: number[] = [];
    owner.forEach((o, i) => {
      if (o !== t) return;
      for (const j of neighbours[i]!) if (owner[j] !== t) frontier.push(j);
    });
    const u = frontier[Math.floor(random() * frontier.length)]!;
    const from = owner[u]!;
    const unitId = ordered[u]!.id;
    const nextOwner = owner.slice();
    nextOwner[u] = t;
    const changed = [t, ...(from >= 0 ? [from] : [])];
    const unitsAfter = (k: number) => ordered.filter((_, i) => nextOwner[i] === k);

    // (a) from scratch
    const a0 = performance.now();
    const scratchGeometry = new Map(changed.map((k) => [k, unionOf(unitsAfter(k))]));
    const scratchTerritories = territories.map((x, k) => (scratchGeometry.has(k) ? { ...x, geometry: scratchGeometry.get(k)! } : x));
    const a1 = performance.now();
    const index = buildTerritoryIndex(scratchTerritories);
    const a2 = performance.now();
    const assignment = assignPoints(index, lngs, lats);
    const a3 = performance.now();
    const scratch = computeTerritoryStats(stores, assignment, scratchTerritories, { referenceDate: REF });
    const a4 = performance.now();

    void unitId;
    // (c) incremental, the plan engine
    const c0 = performance.now();
    const geometries = new Map(changed.map((k) => [k, unionOf(unitsAfter(k))] as const));
    const c1 = performance.now();
    const nextEngine = updatePlanEngine(engine, stores, territories.map((x, k) => (geometries.has(k) ? { ...x, geometry: geometries.get(k)! } : x)), undefined, { referenceDate: REF });
    const c2 = performance.now();

    // (d) display outline of the painted territory, after the stats
    const d0 = performance.now();
    unionOf(unitsAfter(t));
    const d1 = performance.now();

    if (!sameTable(nextEngine.stats, scratch)) disagreements++;
    let moved = 0;
    for (let i = 0; i < assignment.length; i++) if (assignment[i] !== engine.assignment[i]) moved++;

    if (stroke >= WARMUP_STROKES) {
      scratchMs.push(a4 - a0);
      scratchParts.union.push(a1 - a0);
      scratchParts.index.push(a2 - a1);
      scratchParts.assign.push(a3 - a2);
      scratchParts.stats.push(a4 - a3);
      geoMs.push(c2 - c0);
      geoUnionMs.push(c1 - c0);
      displayMs.push(d1 - d0);
      storesMoved.push(moved);
    }
    // commit the stroke everywhere
    owner.set(nextOwner);
    territories = scratchTerritories;
    engine = nextEngine;
  }

  // ---- report
  console.log(
    `plan: ${TERRITORIES} territories × ${COUNTIES_PER_TERRITORY} adjacent counties (Hilbert order), ${fmtInt(edges)} outline edges; ` +
      `${fmtInt(STORES)} seeded stores (mulberry32 ${SEED}); ${STROKES} strokes after ${WARMUP_STROKES} warm-up`,
  );
  console.log(
    `setup (once): load ${fmtInt(loadedCount)} counties ${fmtMs(loadMs)} ms; 10 territory unions ${fmtMs(unionAllMs)} ms; ` +
      `county index ${fmtMs(unitIndexMs)} ms; stores → counties ${fmtMs(storeUnitMs)} ms; ` +
      `plan engine ${fmtMs(engineMs)} ms`,
  );
  console.log(`stores changing territory per stroke: median ${fmtInt(median(storesMoved))} (min ${fmtInt(Math.min(...storesMoved))}, max ${fmtInt(Math.max(...storesMoved))})`);
  console.log('');
  const row = (label: string, values: number[], detail = ''): string[] => [
    label,
    `${fmtMs(median(values))} ms`,
    `${fmtMs(Math.min(...values))}`,
    `${fmtMs(Math.max(...values))}`,
    detail,
  ];
  const scratchMedian = median(scratchMs);
  const geoMedian = median(geoMs);
  printTable(
    [
      ['stroke end → updated stats', 'median', 'min', 'max', 'detail'],
      row('from scratch (total)', scratchMs, 'union of changed territories + index + assign 100k + stats'),
      row('  unionOfUnits (changed)', scratchParts.union, '1–2 territories of ~200 counties'),
      row('  buildTerritoryIndex', scratchParts.index, 'all 10 territories'),
      row('  assignPoints 100k', scratchParts.assign, ''),
      row('  computeTerritoryStats', scratchParts.stats, ''),
      row('incremental, plan engine', geoMs, 'unionOfUnits + updatePlanEngine'),
      row('  of which unionOfUnits', geoUnionMs, ''),
      row('display outline (after stats)', displayMs, 'unionOfUnits of the painted territory, off the critical path'),
    ],
    'lrrrl',
  );
  console.log('');
  console.log(`speed-up from scratch / plan engine: ${(scratchMedian / geoMedian).toFixed(1)}×`);
  console.log(`results equal to from-scratch computeTerritoryStats (rows field by field): ${disagreements === 0 ? `yes, all ${WARMUP_STROKES + STROKES} strokes` : `NO, ${disagreements} strokes differ`}`);
  console.log(
    `target: incremental stroke → stats ≤ ${TARGET_MS} ms → plan engine ${fmtMs(geoMedian)} ms: ${geoMedian <= TARGET_MS ? 'PASS' : 'FAIL'}` +
      `; from scratch ${fmtMs(scratchMedian)} ms: ${scratchMedian <= TARGET_MS ? 'PASS' : 'FAIL'}`,
  );
  if (disagreements > 0) throw new Error(`${disagreements} strokes disagree with the from-scratch stats`);
}
