import { area as turfArea } from '@turf/area';
import { validateTerritoryGeometry } from '../geometry/validatePolygon';
import type { Result, TerritoryGeometry } from '../types';
import { clipUnion } from './clipper';
import { finishGeometry, sliverThreshold, vertexKeys } from './finishGeometry';
import { polygonsOf } from './geometryBasics';
import type { MergeReason } from './reasons';

/**
 * Merges two or more territories into one outline (a rep leaves and two territories
 * become one). Shared borders dissolve: two adjacent squares become one Polygon with no
 * sliver along the common edge; disjoint territories give a MultiPolygon; overlapping
 * ones count their overlap once. One geometry is returned validated and unchanged.
 *
 * Uses the polygon clipper (polyclip-ts via turf union), then `finishGeometry` (new vertices
 * rounded to 1e-9°, slivers below max(1 m², 1e-9 × the largest input's area) dropped).
 * For unions of many base units prefer `unionOfUnits`, which dissolves shared topology
 * arcs exactly and is much faster.
 *
 * @returns the union, or 'empty-input' (no geometries), 'invalid-geometry' (one input fails
 *   validation; the message names it by position), 'empty-result', 'invalid-result',
 *   'merge-failed' (the clipper threw).
 */
export function mergeTerritories(geometries: readonly TerritoryGeometry[]): Result<TerritoryGeometry, MergeReason> {
  if (geometries.length === 0) {
    return { ok: false, reason: 'empty-input', message: 'Select at least one territory to merge.' };
  }
  const valid: TerritoryGeometry[] = [];
  for (let i = 0; i < geometries.length; i++) {
    const checked = validateTerritoryGeometry(geometries[i]);
    if (!checked.ok) {
      return { ok: false, reason: 'invalid-geometry', message: `Territory ${i + 1} of the selection: ${checked.message}` };
    }
    valid.push(checked.value);
  }
  if (valid.length === 1) return { ok: true, value: valid[0]! };
  let largest = 0;
  for (const g of valid) largest = Math.max(largest, turfArea(g));
  try {
    const merged = clipUnion(valid.map(polygonsOf));
    const finished = finishGeometry(merged, { keep: vertexKeys(valid), minAreaM2: sliverThreshold(largest) });
    return finished.ok ? finished : { ok: false, reason: finished.reason, message: finished.message };
  } catch (error) {
    return {
      ok: false,
      reason: 'merge-failed',
      message: `The territories could not be merged (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
}
