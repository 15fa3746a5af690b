/**
 * Turns a unit outline from a source file into a validated territory geometry (internal):
 * the 1:10m Census outlines carry simplification artefacts (≈40 of 3.2k counties have a
 * spike, a pinched ring or a collapsed ring; Delaware has a two-point part), repaired
 * exactly by `repairRings`, or, failing that, by one pass of the polygon clipper.
 */
import type { Position } from 'geojson';
import { clipUnion } from '../editing/clipper';
import { geometryFromPolygons, polygonsOf } from '../editing/geometryBasics';
import { repairRings } from '../editing/repairRings';
import { validateTerritoryGeometry } from '../geometry/validatePolygon';
import type { TerritoryGeometry } from '../types';

/** Validated geometry, or null when nothing with an area is left. */
export function cleanUnitGeometry(geometry: TerritoryGeometry): TerritoryGeometry | null {
  const direct = validateTerritoryGeometry(geometry);
  if (direct.ok) return direct.value;
  const repaired = repairRings(polygonsOf(geometry));
  if (repaired.length === 0) return null;
  const again = validateTerritoryGeometry(geometryFromPolygons(repaired));
  if (again.ok) return again.value;
  try {
    const swept: Position[][][] = clipUnion([repaired]);
    const last = validateTerritoryGeometry(geometryFromPolygons(repairRings(swept)));
    return last.ok ? last.value : null;
  } catch {
    return null;
  }
}

/** [minLng, minLat, maxLng, maxLat] of a geometry. */
export function bboxOf(geometry: TerritoryGeometry): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const p of ring) {
        if (p[0]! < minX) minX = p[0]!;
        if (p[0]! > maxX) maxX = p[0]!;
        if (p[1]! < minY) minY = p[1]!;
        if (p[1]! > maxY) maxY = p[1]!;
      }
    }
  }
  return [minX, minY, maxX, maxY];
}
