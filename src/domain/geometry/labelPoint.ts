/**
 * Where to put a territory's or a state's label: the pole of inaccessibility (polylabel)
 * of its largest part, so the label sits well inside the shape even for concave outlines
 * (Florida, Michigan, a U-shaped territory) where a centroid would fall outside.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';

/** Planar ring area (shoelace) in squared degrees; only used to compare parts. */
function ringArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[i]!;
    const q = ring[j]!;
    a += (q[0]! - p[0]!) * (q[1]! + p[1]!);
  }
  return Math.abs(a / 2);
}

/** Returns [lng, lat] inside the largest polygon of `geometry`; [0, 0] for empty input. */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: Position[][] | undefined;
  let bestArea = -1;
  for (const poly of polygons) {
    const outer = poly[0];
    if (!outer || outer.length < 3) continue;
    const area = ringArea(outer);
    if (area > bestArea) {
      bestArea = area;
      best = poly;
    }
  }
  if (!best) return [0, 0];
  // Precision in degrees, scaled to the shape so small territories still get a good point.
  const outer = best[0]!;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of outer as [number, number][]) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const precision = Math.max(1e-6, Math.min(maxX - minX, maxY - minY) / 100);
  const p = polylabel(best as number[][][], precision);
  return [p[0], p[1]];
}
