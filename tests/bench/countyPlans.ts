/**
 * Realistic plans for the benches, made of real county outlines (us-atlas counties-10m):
 * the contiguous-US counties in Hilbert order of their bbox centres (so consecutive
 * counties are neighbours, mostly), cut into territories of consecutive counties and
 * merged with unionOfUnits (shared borders removed, as the app's county painting makes them).
 *
 * `countyPlanPair()` is the realignment scenario of the plan benches: plan A of 200
 * territories (~16 counties each), plan B = plan A duplicated (same territory ids, as
 * duplicatePlan keeps them) with 10 neighbouring pairs reshaped (10 counties handed from
 * one territory to the next), and 100k seeded stores. Built once per process and shared.
 */
import { readFileSync } from 'node:fs';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { loadUsUnits, type BaseUnit } from '../../src/domain/baseUnits';
import { unionOfUnits } from '../../src/domain/editing';
import type { PlanId, Store, Territory, TerritoryGeometry, TerritoryId } from '../../src/domain/types';
import { coordinatesInBoxes, mulberry32, requireDataFile, syntheticStore } from './benchUtils';

/** State FIPS codes outside the contiguous US (AK, HI and the island areas). */
export const NOT_CONTIGUOUS = new Set(['02', '15', '60', '66', '69', '72', '78']);

/** Distance along a Hilbert curve of the cell (x, y) in a 2^order grid. */
export function hilbert(x: number, y: number, order = 16): number {
  let d = 0;
  for (let s = 1 << (order - 1); s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

export interface OrderedCounties {
  /** Contiguous-US counties, Hilbert order of their bbox centres. */
  ordered: BaseUnit[];
  /** Counties in the file (all states and areas). */
  loadedCount: number;
  /** Time to read and convert the topology (loadUsUnits), ms. */
  loadMs: number;
}

/** Reads the us-atlas counties; throws a one-line message when the package is missing. */
export function loadCountiesInHilbertOrder(): OrderedCounties {
  const path = requireDataFile('us-atlas/counties-10m.json', 'run `npm install` (us-atlas is a devDependency)', { package: true });
  const topology = JSON.parse(readFileSync(path, 'utf8')) as Topology<{ counties: GeometryCollection }>;
  const t0 = performance.now();
  const loaded = loadUsUnits(topology, 'counties');
  if (!loaded.ok) throw new Error(loaded.message);
  const loadMs = performance.now() - t0;
  const units = loaded.value.filter((u) => !NOT_CONTIGUOUS.has(u.parentId ?? ''));
  const centre = (u: BaseUnit) => [(u.bbox[0] + u.bbox[2]) / 2, (u.bbox[1] + u.bbox[3]) / 2] as const;
  const ordered = units
    .map((u) => {
      const [x, y] = centre(u);
      return { u, h: hilbert(Math.floor(((x + 125) / 60) * 65535), Math.floor(((y - 24) / 26) * 65535)) };
    })
    .sort((a, b) => a.h - b.h)
    .map((e) => e.u);
  return { ordered, loadedCount: loaded.value.length, loadMs };
}

const EMPTY: TerritoryGeometry = { type: 'MultiPolygon', coordinates: [] };

/** The merged outline of some counties (an empty MultiPolygon for none). */
export function unionOf(units: readonly BaseUnit[]): TerritoryGeometry {
  if (units.length === 0) return EMPTY;
  const r = unionOfUnits(units);
  if (!r.ok) throw new Error(`unionOfUnits: ${r.message}`);
  return r.value;
}

/** Outline vertices (ring positions, closing ones included) of some territories. */
export function vertexCount(territories: readonly { geometry: TerritoryGeometry }[]): number {
  let n = 0;
  for (const t of territories) {
    const polygons = t.geometry.type === 'Polygon' ? [t.geometry.coordinates] : t.geometry.coordinates;
    for (const p of polygons) for (const r of p) n += r.length;
  }
  return n;
}

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export const PLAN_A = 'plan-bench-a' as PlanId;
export const PLAN_B = 'plan-bench-b' as PlanId;
export const PLAN_TERRITORIES = 200;
export const PLAN_STORES = 100_000;
/** Neighbouring pairs (t, t+1) reshaped in plan B, and counties handed over per pair. */
export const RESHAPED_PAIRS = 10;
export const COUNTIES_MOVED_PER_PAIR = 10;
const SEED = 20261205;

export interface CountyPlanPair {
  counties: OrderedCounties;
  /** Plan A, ranked 0…199 (the order assignPlan and comparePlans expect). */
  territoriesA: Territory[];
  /** Plan B: A's territories (same ids, planId B) with the reshaped ones redrawn. */
  territoriesB: Territory[];
  /** Indexes (into both lists) of the territories plan B redrew. */
  reshaped: number[];
  countiesMoved: number;
  stores: Store[];
  lngs: Float64Array;
  lats: Float64Array;
  /** Time to merge the 200 + 20 outlines, ms. */
  unionMs: number;
  buildMs: number;
}

let cache: CountyPlanPair | undefined;

/** The realignment scenario (see the top of the file); built once per process. */
export function countyPlanPair(): CountyPlanPair {
  if (cache) return cache;
  const t0 = performance.now();
  const counties = loadCountiesInHilbertOrder();
  const { ordered } = counties;
  const n = ordered.length;
  // Territory t owns ordered counties [start[t], start[t+1]).
  const start = Array.from({ length: PLAN_TERRITORIES + 1 }, (_, t) => Math.floor((t * n) / PLAN_TERRITORIES));
  const territory = (plan: PlanId, t: number, units: readonly BaseUnit[]): Territory => ({
    id: `T${String(t + 1).padStart(3, '0')}` as TerritoryId,
    planId: plan,
    name: `Territory ${t + 1}`,
    color: PALETTE[t % PALETTE.length]!,
    geometry: unionOf(units),
    managerId: null,
    regionId: null,
    locked: false,
    rank: t,
  });
  const u0 = performance.now();
  const territoriesA = Array.from({ length: PLAN_TERRITORIES }, (_, t) => territory(PLAN_A, t, ordered.slice(start[t], start[t + 1])));
  // Plan B: pairs spread over the country; the first COUNTIES_MOVED_PER_PAIR counties of
  // t+1 go to t (the shared border moves).
  const territoriesB = territoriesA.map((x) => ({ ...x, planId: PLAN_B }));
  const reshaped: number[] = [];
  const step = Math.floor(PLAN_TERRITORIES / RESHAPED_PAIRS);
  for (let p = 0; p < RESHAPED_PAIRS; p++) {
    const t = p * step + Math.floor(step / 2);
    const cut = start[t + 1]! + COUNTIES_MOVED_PER_PAIR;
    if (cut >= start[t + 2]!) throw new Error('a reshaped territory would lose all its counties');
    territoriesB[t] = territory(PLAN_B, t, ordered.slice(start[t], cut));
    territoriesB[t + 1] = territory(PLAN_B, t + 1, ordered.slice(cut, start[t + 2]));
    reshaped.push(t, t + 1);
  }
  const unionMs = performance.now() - u0;
  const random = mulberry32(SEED);
  const { lngs, lats } = coordinatesInBoxes(ordered, PLAN_STORES, random);
  const stores = Array.from({ length: PLAN_STORES }, (_, i) => syntheticStore(i, lngs[i]!, lats[i]!, random));
  cache = {
    counties,
    territoriesA,
    territoriesB,
    reshaped,
    countiesMoved: RESHAPED_PAIRS * COUNTIES_MOVED_PER_PAIR,
    stores,
    lngs,
    lats,
    unionMs,
    buildMs: performance.now() - t0,
  };
  return cache;
}
