/**
 * The exact point-in-territory test used inside grid cells that borders cross.
 *
 * The crossing rule is the one of point-in-polygon-hao (used by turf `booleanPointInPolygon`):
 * coordinates are translated to the query point (u = x_i - x, v = y_i - y, each rounded), a
 * ray goes towards -x, an edge counts when it straddles the point's y half-open
 * ((v1 > 0) !== (v2 > 0)) and the orientation sign puts it on the ray's side; a zero
 * orientation, or a horizontal edge through the point, means "on the boundary". The sign is
 * exact ({@link orientSign}), so for every point not on the boundary the parity is the one turf
 * computes, and "on the boundary" is exact.
 */
import { orientSign } from './orientSign';

/** Result flag of {@link crossEdges}: the point lies on one of the edges. */
export const ON_BOUNDARY = 2;

/**
 * Parity (0/1) of the crossings of a leftward ray from (x, y) with the edges stored at
 * `data[from..to)` (x1, y1, x2, y2 each), or {@link ON_BOUNDARY}.
 */
export function crossEdges(data: Float64Array, from: number, to: number, x: number, y: number): number {
  let inside = 0;
  for (let k = from; k < to; k += 4) {
    const v1 = data[k + 1]! - y;
    const v2 = data[k + 3]! - y;
    if ((v1 > 0 && v2 > 0) || (v1 < 0 && v2 < 0)) continue;
    const u1 = data[k]! - x;
    const u2 = data[k + 2]! - x;
    if (v1 === 0 && v2 === 0) {
      // horizontal edge on the point's line: on it when x is within the edge
      if ((u2 <= 0 && u1 >= 0) || (u1 <= 0 && u2 >= 0)) return ON_BOUNDARY;
      continue;
    }
    if (u1 < 0 && u2 < 0) {
      // wholly on the ray's side: crosses iff it straddles y (half-open); cannot touch
      if (v1 > 0 !== v2 > 0) inside ^= 1;
      continue;
    }
    if (u1 > 0 && u2 > 0) continue; // wholly on the other side: no crossing, no touch
    const f = orientSign(u2, v1, u1, v2); // sign of u2*v1 - u1*v2, as hao's orient2d
    if (f === 0) return ON_BOUNDARY;
    if ((f > 0 && v2 > 0 && v1 <= 0) || (f < 0 && v2 <= 0 && v1 > 0)) inside ^= 1;
  }
  return inside;
}

/**
 * Winner for a point in the sub-cell whose block starts at `o`, or -1. A block is one or
 * more groups `edgeCount, breakCount, candidateCount, baseMask, next, t × candidateCount,
 * (x1, y1, x2, y2, mask) × edgeCount, (y, mask) × breakCount`, candidates in (rank, id)
 * order, bit b of a mask standing for candidate b:
 * - each edge touching the sub-cell is tested once; a crossing flips its candidates' bits,
 *   a boundary hit marks them inside;
 * - edges lying left of the sub-cell in its row are summarised by `baseMask` (those always
 *   crossed) and sorted break points (an edge from ya to yb crosses iff [y >= ya] xor
 *   [y >= yb], so every break y <= the point's y flips its mask);
 * - the winner is the lowest set bit; if none, `next`: the territory covering the rest of
 *   the sub-cell, -1, or -2 when another group (of lower-ranked candidates) follows.
 */
export function resolveBlock(data: Float64Array, o: number, x: number, y: number): number {
  for (;;) {
    const edgesAt = o + 5 + data[o + 2]!;
    const edgesEnd = edgesAt + data[o]! * 5;
    const breaksEnd = edgesEnd + data[o + 1]! * 2;
    let parity = data[o + 3]! | 0;
    let boundary = 0;
    for (let k = edgesAt; k < edgesEnd; k += 5) {
      const v1 = data[k + 1]! - y;
      const v2 = data[k + 3]! - y;
      if ((v1 > 0 && v2 > 0) || (v1 < 0 && v2 < 0)) continue;
      const u1 = data[k]! - x;
      const u2 = data[k + 2]! - x;
      if (v1 === 0 && v2 === 0) {
        if ((u2 <= 0 && u1 >= 0) || (u1 <= 0 && u2 >= 0)) boundary |= data[k + 4]!;
        continue;
      }
      if (u1 < 0 && u2 < 0) {
        if (v1 > 0 !== v2 > 0) parity ^= data[k + 4]!;
        continue;
      }
      if (u1 > 0 && u2 > 0) continue;
      const f = orientSign(u2, v1, u1, v2);
      if (f === 0) boundary |= data[k + 4]!;
      else if ((f > 0 && v2 > 0 && v1 <= 0) || (f < 0 && v2 <= 0 && v1 > 0)) parity ^= data[k + 4]!;
    }
    for (let k = edgesEnd; k < breaksEnd && data[k]! <= y; k += 2) parity ^= data[k + 1]!;
    const hit = parity | boundary;
    if (hit !== 0) return data[o + 5 + 31 - Math.clz32(hit & -hit)]!;
    const next = data[o + 4]!;
    if (next !== -2) return next;
    o = breaksEnd;
  }
}
