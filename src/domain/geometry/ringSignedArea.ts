import type { Position } from 'geojson';

/**
 * Signed planar area of a ring (shoelace formula) in squared degrees, treating [lng, lat]
 * as plane coordinates. Positive = counter-clockwise, negative = clockwise, which is the
 * orientation RFC 7946 §3.1.6 talks about. Use it for winding decisions; use @turf/area
 * when you need square metres.
 *
 * Works on closed (first === last) and open rings alike: the closing edge is implied.
 * Coordinates are taken relative to the first vertex so that rings far from (0, 0) keep
 * their precision (−97.5 × 32.7 products would otherwise swamp a small ring's area).
 */
export function ringSignedArea(ring: readonly Position[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  const first = ring[0]!;
  const ox = first[0]!;
  const oy = first[1]!;
  let sum = 0;
  let px = 0;
  let py = 0;
  for (let i = 1; i < n; i++) {
    const p = ring[i]!;
    const x = p[0]! - ox;
    const y = p[1]! - oy;
    sum += px * y - x * py;
    px = x;
    py = y;
  }
  // The closing edge back to the first vertex (the origin, 0, 0) adds px*0 - 0*py = 0.
  return sum / 2;
}
