/**
 * Cuts polygons to an axis-aligned rectangle (internal to findOverlaps): Sutherland–Hodgman
 * clipping of every ring against the four sides, in linear time. The result covers exactly
 * polygon ∩ rectangle, but a concave ring may come out with edges running back and forth
 * along the rectangle's sides; the polygon clipper that consumes it handles such
 * degenerate edges, and nothing else may use the output as a territory outline.
 */
import type { Position } from 'geojson';

/** [minX, minY, maxX, maxY]. */
export type Box = readonly [number, number, number, number];

type Inside = (p: Position) => boolean;
type Cross = (a: Position, b: Position) => Position;

function clipRing(ring: readonly Position[], inside: Inside, cross: Cross): Position[] {
  const out: Position[] = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const cur = ring[i]!;
    const prev = ring[(i + n - 1) % n]!;
    const curIn = inside(cur);
    if (curIn !== inside(prev)) out.push(cross(prev, cur));
    if (curIn) out.push(cur);
  }
  return out;
}

const atX = (x: number): Cross => (a, b) => [x, a[1]! + ((b[1]! - a[1]!) * (x - a[0]!)) / (b[0]! - a[0]!)];
const atY = (y: number): Cross => (a, b) => [a[0]! + ((b[0]! - a[0]!) * (y - a[1]!)) / (b[1]! - a[1]!), y];

/** `polygons` ∩ `box`; rings left with fewer than 3 points (and polygons without outline) are dropped. */
export function clipToBox(polygons: readonly (readonly Position[][])[], box: Box): Position[][][] {
  const [x0, y0, x1, y1] = box;
  const sides: [Inside, Cross][] = [
    [(p) => p[0]! >= x0, atX(x0)],
    [(p) => p[0]! <= x1, atX(x1)],
    [(p) => p[1]! >= y0, atY(y0)],
    [(p) => p[1]! <= y1, atY(y1)],
  ];
  const out: Position[][][] = [];
  for (const polygon of polygons) {
    const rings: Position[][] = [];
    for (let r = 0; r < polygon.length; r++) {
      let ring: Position[] = polygon[r]!.slice(0, -1); // open ring: the clipper closes it
      for (const [inside, cross] of sides) {
        if (ring.length === 0) break;
        ring = clipRing(ring, inside, cross);
      }
      if (ring.length >= 3) rings.push([...ring, ring[0]!]);
      else if (r === 0) break;
    }
    if (rings.length > 0) out.push(rings);
  }
  return out;
}
