import { pointInPolygons, polygonsOf } from '../editing/geometryBasics';
import { METERS_PER_DEGREE } from '../editing/snapPosition';
import type { UnitIndex } from './buildUnitIndex';
import type { BaseUnit } from './types';

/**
 * The units a brush of `radiusMeters` around `center` ([lng, lat]) touches: those that
 * contain the centre or have a border point within the radius, in layer order. This is
 * what a brush stroke paints at each pointer position.
 *
 * Distances are metres in a local equirectangular projection around the centre (exact
 * enough for brush radii up to tens of km). Cost: a bounding-box scan over the layer
 * (≈3k counties: ~0.1 ms) and the edges of the few units near the brush.
 */
export function unitsInCircle(unitIndex: UnitIndex, center: readonly [number, number] | readonly number[], radiusMeters: number): BaseUnit[] {
  const cx = center[0]!;
  const cy = center[1]!;
  if (!Number.isFinite(cx) || !Number.isFinite(cy) || !(radiusMeters >= 0)) return [];
  const ky = METERS_PER_DEGREE;
  const kx = Math.max(1e-9, Math.cos((cy * Math.PI) / 180)) * METERS_PER_DEGREE;
  const dx = radiusMeters / kx;
  const dy = radiusMeters / ky;
  const r2 = radiusMeters * radiusMeters;
  const out: BaseUnit[] = [];
  for (const unit of unitIndex.units) {
    const [minX, minY, maxX, maxY] = unit.bbox;
    if (minX > cx + dx || maxX < cx - dx || minY > cy + dy || maxY < cy - dy) continue;
    const polygons = polygonsOf(unit.geometry);
    if (pointInPolygons(cx, cy, polygons) >= 0) {
      out.push(unit);
      continue;
    }
    let near = false;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (let i = 0; !near && i + 1 < ring.length; i++) {
          const ax = (ring[i]![0]! - cx) * kx, ay = (ring[i]![1]! - cy) * ky;
          const bx = (ring[i + 1]![0]! - cx) * kx, by = (ring[i + 1]![1]! - cy) * ky;
          const ex = bx - ax, ey = by - ay;
          const len2 = ex * ex + ey * ey;
          const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * ex + ay * ey) / len2)) : 0;
          const qx = ax + t * ex, qy = ay + t * ey;
          if (qx * qx + qy * qy <= r2) near = true;
        }
        if (near) break;
      }
      if (near) break;
    }
    if (near) out.push(unit);
  }
  return out;
}
