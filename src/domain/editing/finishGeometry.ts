/**
 * The last step of every editing operation that produces geometry (internal): turns the
 * clipper's output into a territory geometry that passes `validateTerritoryGeometry`, or
 * a reason.
 *
 * Decisions (documented in the editing index too):
 * - **Precision.** Vertices that exist in an input are kept bit-for-bit (so a border shared
 *   with an untouched neighbour stays exactly shared). Vertices the operation creates
 *   (intersection points) are rounded to {@link COORDINATE_DECIMALS} decimals (1e-9° ≈
 *   0.1 mm): the clipper's decimal arithmetic otherwise leaves tails like
 *   5.000000000000001 that grow with every edit. Rounding is idempotent, so repeated edits
 *   do not accumulate noise. If rounding made a shape invalid (a rounded vertex jumping
 *   over a nearby edge), the unrounded result is used.
 * - **Slivers.** Parts and holes smaller than max({@link SLIVER_MIN_AREA_M2},
 *   {@link SLIVER_RELATIVE_AREA} × the largest input's area) are dropped: at that size
 *   they are floating-point leftovers of a shared border, not territory.
 * - **Repair.** Spikes and pinched rings are repaired exactly (repairRings); a result that
 *   still fails validation is passed once through the clipper (A ∪ A) and validated again;
 *   if that fails too the operation is refused with 'invalid-result'.
 */
import { area as turfArea } from '@turf/area';
import type { Position } from 'geojson';
import { validateTerritoryGeometry } from '../geometry/validatePolygon';
import type { Result, TerritoryGeometry } from '../types';
import { clipUnion } from './clipper';
import { geometryFromPolygons, polygonsOf, positionKey } from './geometryBasics';
import { repairRings } from './repairRings';

/** Decimals kept on vertices created by an operation (1e-9° ≈ 0.1 mm). */
export const COORDINATE_DECIMALS = 9;
/** Parts and holes below this area (m²) are dropped as slivers… */
export const SLIVER_MIN_AREA_M2 = 1;
/** …or below this fraction of the largest input's area, whichever is larger. */
export const SLIVER_RELATIVE_AREA = 1e-9;

const SCALE = 10 ** COORDINATE_DECIMALS;

/** Rounds a coordinate to COORDINATE_DECIMALS decimals (idempotent). */
export function roundCoordinate(v: number): number {
  const r = Math.round(v * SCALE) / SCALE;
  return Object.is(r, -0) ? 0 : r;
}

/** Keys of every vertex of the inputs: these are never rounded. */
export function vertexKeys(geometries: readonly TerritoryGeometry[]): Set<string> {
  const keys = new Set<string>();
  for (const g of geometries) {
    for (const polygon of polygonsOf(g)) {
      for (const ring of polygon) for (const p of ring) keys.add(positionKey(p[0]!, p[1]!));
    }
  }
  return keys;
}

/** Geodesic area (m²) of one ring taken as a polygon. */
export function ringAreaM2(ring: Position[]): number {
  return turfArea({ type: 'Polygon', coordinates: [ring] });
}

/** The sliver threshold for an operation whose largest input has `referenceAreaM2`. */
export function sliverThreshold(referenceAreaM2: number): number {
  return Math.max(SLIVER_MIN_AREA_M2, SLIVER_RELATIVE_AREA * (Number.isFinite(referenceAreaM2) ? referenceAreaM2 : 0));
}

function roundRing(ring: Position[], keep: Set<string> | null): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    let x = p[0]!;
    let y = p[1]!;
    if (keep && !keep.has(positionKey(x, y))) {
      x = roundCoordinate(x);
      y = roundCoordinate(y);
    }
    const last = out[out.length - 1];
    if (last && last[0] === x && last[1] === y) continue;
    out.push([x, y]);
  }
  if (out.length > 0) {
    const first = out[0]!;
    const last = out[out.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0]!, first[1]!]);
  }
  return out;
}

function dropSlivers(polygons: Position[][][], minArea: number): Position[][][] {
  const out: Position[][][] = [];
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer || outer.length < 4 || ringAreaM2(outer) < minArea) continue;
    const rings = [outer];
    for (let r = 1; r < polygon.length; r++) {
      const hole = polygon[r]!;
      if (hole.length >= 4 && ringAreaM2(hole) >= minArea) rings.push(hole);
    }
    out.push(rings);
  }
  return out;
}

export interface FinishOptions {
  /** Input vertices (kept exactly); null = round nothing. */
  keep: Set<string> | null;
  /** Parts and holes below this area (m²) are dropped; see {@link sliverThreshold}. */
  minAreaM2: number;
}

type FinishReason = 'empty-result' | 'invalid-result';

function attempt(polygons: Position[][][], keep: Set<string> | null, minArea: number): Result<TerritoryGeometry, FinishReason> {
  const rounded = polygons.map((polygon) => polygon.map((ring) => roundRing(ring, keep)));
  const kept = dropSlivers(rounded, minArea);
  if (kept.length === 0) {
    return { ok: false, reason: 'empty-result', message: 'Nothing is left of the shape: it has no area after the edit.' };
  }
  const checked = validateTerritoryGeometry(geometryFromPolygons(kept));
  if (checked.ok) return checked;
  const repaired = dropSlivers(repairRings(kept), minArea);
  if (repaired.length === 0) {
    return { ok: false, reason: 'empty-result', message: 'Nothing is left of the shape: it has no area after the edit.' };
  }
  const again = validateTerritoryGeometry(geometryFromPolygons(repaired));
  if (again.ok) return again;
  return { ok: false, reason: 'invalid-result', message: again.message };
}

/**
 * Clipper output (MultiPolygon coordinates) → validated territory geometry, or
 * 'empty-result' / 'invalid-result' (see the module comment for the steps).
 */
export function finishGeometry(polygons: Position[][][], opts: FinishOptions): Result<TerritoryGeometry, FinishReason> {
  const first = attempt(polygons, opts.keep, opts.minAreaM2);
  if (first.ok || first.reason === 'empty-result') return first;
  if (opts.keep) {
    const unrounded = attempt(polygons, null, opts.minAreaM2);
    if (unrounded.ok) return unrounded;
  }
  try {
    const swept = clipUnion([polygons]);
    const last = attempt(swept, opts.keep, opts.minAreaM2);
    if (last.ok) return last;
  } catch {
    // fall through to the first failure, which names the original defect
  }
  return {
    ok: false,
    reason: 'invalid-result',
    message: `The edit produced an outline that is not valid, so it was not applied. ${first.message}`,
  };
}
