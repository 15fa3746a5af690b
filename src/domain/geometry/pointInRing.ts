/** One ring's point-in-polygon test, shared by geometry validation and the editing operations. */
import type { Position } from 'geojson';

/**
 * Even–odd ray cast against one ring (closed or not): 1 inside, −1 outside, 0 exactly on
 * an edge (zero cross product within the edge's extent).
 */
export function pointInRing(x: number, y: number, ring: readonly Position[]): number {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    const ax = a[0]!, ay = a[1]!, bx = b[0]!, by = b[1]!;
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (
      cross === 0 &&
      x >= Math.min(ax, bx) && x <= Math.max(ax, bx) &&
      y >= Math.min(ay, by) && y <= Math.max(ay, by)
    ) {
      return 0;
    }
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside ? 1 : -1;
}
