import { area as turfArea } from '@turf/area';
import { cellsToMultiPolygon } from 'h3-js';
import type { Position } from 'geojson';
import { merge } from 'topojson-client';
import type { MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import type { UnitShape } from '../baseUnits/types';
import { validateTerritoryGeometry } from '../geometry/validatePolygon';
import type { Result, TerritoryGeometry } from '../types';
import { clipUnion } from './clipper';
import { finishGeometry, sliverThreshold } from './finishGeometry';
import { polygonsOf, positionKey } from './geometryBasics';
import type { UnionOfUnitsReason } from './reasons';

type Polys = Position[][][];

/**
 * The geometry of a territory built from base units: the union of its units plus any
 * freehand parts (issue 4, "Building from base units"). Called after a paint stroke to get
 * the outline to draw and store.
 *
 * How, fastest first:
 * - units of one TopoJSON topology (states, counties: `topologyRef`) → topojson `merge`:
 *   shared arcs are dropped and the remaining arcs stitched, so borders dissolve exactly,
 *   with the units' own coordinates and no slivers; 200 counties take a few ms;
 * - H3 cells (`h3Cell`) → h3 `cellsToMultiPolygon`, exact on the cell graph (cells split at
 *   the antimeridian fall back to the clipper);
 * - anything else, and the combination of several groups or freehand `extraParts` → the
 *   polygon clipper (turf union), which is robust but costs ~5 ms per county-sized unit.
 * The result goes through the exact ring repair (spikes and pinched rings that stitching
 * leaves where four units meet at a point), sliver removal (< 1 m² or 1e-9 of the total)
 * and validation.
 *
 * @returns the union, or 'empty-input' (no units and no extra part), 'invalid-part' (the
 *   extra part fails validation), 'empty-result', 'invalid-result', 'union-failed'.
 */
export function unionOfUnits(
  units: readonly UnitShape[],
  extraParts?: TerritoryGeometry | null,
): Result<TerritoryGeometry, UnionOfUnitsReason> {
  let extra: TerritoryGeometry | null = null;
  if (extraParts) {
    const checked = validateTerritoryGeometry(extraParts);
    if (!checked.ok) return { ok: false, reason: 'invalid-part', message: `The freehand part: ${checked.message}` };
    extra = checked.value;
  }
  if (units.length === 0 && !extra) {
    return { ok: false, reason: 'empty-input', message: 'The territory has no units and no drawn parts.' };
  }

  const byTopology = new Map<Topology, (TopoPolygon | TopoMultiPolygon)[]>();
  const cells: string[] = [];
  const loose: Polys[] = [];
  for (const unit of units) {
    if (unit.topologyRef) {
      const list = byTopology.get(unit.topologyRef.topology);
      if (list) list.push(unit.topologyRef.object);
      else byTopology.set(unit.topologyRef.topology, [unit.topologyRef.object]);
    } else if (unit.h3Cell && unit.geometry.type === 'Polygon') {
      cells.push(unit.h3Cell);
    } else {
      loose.push(polygonsOf(unit.geometry));
    }
  }

  try {
    const groups: Polys[] = [];
    // A unit listed twice would make its own arcs look shared (and vanish): dedupe.
    for (const [topology, objects] of byTopology) groups.push(merge(topology, [...new Set(objects)]).coordinates);
    if (cells.length > 0) groups.push(cellsToMultiPolygon([...new Set(cells)], true));
    if (loose.length === 1) groups.push(loose[0]!);
    else if (loose.length > 1) groups.push(clipUnion(loose));
    if (extra) groups.push(polygonsOf(extra));

    const nonEmpty = groups.filter((g) => g.length > 0);
    if (nonEmpty.length === 0) {
      return { ok: false, reason: 'empty-result', message: 'The units have no area.' };
    }
    const total = nonEmpty.reduce((sum, g) => sum + turfArea({ type: 'MultiPolygon', coordinates: g }), 0);
    const minAreaM2 = sliverThreshold(total);
    if (nonEmpty.length === 1) {
      // One exact group: no new vertices, nothing to round.
      const finished = finishGeometry(nonEmpty[0]!, { keep: null, minAreaM2 });
      return finished.ok ? finished : { ok: false, reason: finished.reason, message: finished.message };
    }
    const keep = new Set<string>();
    for (const g of nonEmpty) for (const poly of g) for (const ring of poly) for (const p of ring) keep.add(positionKey(p[0]!, p[1]!));
    const finished = finishGeometry(clipUnion(nonEmpty), { keep, minAreaM2 });
    return finished.ok ? finished : { ok: false, reason: finished.reason, message: finished.message };
  } catch (error) {
    return {
      ok: false,
      reason: 'union-failed',
      message: `The units could not be combined (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
}
