/**
 * Territory geometry → flat edge list, applying the ring rules of the assignment engine:
 * rings may be closed or not, rings with < 3 distinct positions or a non-finite coordinate
 * are ignored, zero-length edges are dropped (they can neither be crossed nor add boundary
 * that their neighbours do not already have).
 */
import type { TerritoryGeometry } from '../types';
import { GrowF64 } from './growable';

/**
 * Edges of all territories: `edges[4e..4e+3]` = x1, y1, x2, y2; territory t owns edges
 * `[edgeStart[t], edgeStart[t+1])`. `edges` may be longer than `4 * edgeCount`.
 */
export interface PreparedEdges {
  edges: Float64Array;
  edgeStart: Int32Array;
  edgeCount: number;
}

type Positions = readonly (readonly number[] | null | undefined)[];

/** True when the first `len` positions hold at least 3 distinct points. */
function hasThreeDistinct(ring: Positions, len: number): boolean {
  const p0 = ring[0]!;
  let p1: readonly number[] | undefined;
  for (let i = 1; i < len; i++) {
    const p = ring[i]!;
    if (p[0] === p0[0] && p[1] === p0[1]) continue;
    if (p1 === undefined) {
      p1 = p;
      continue;
    }
    if (p[0] === p1[0] && p[1] === p1[1]) continue;
    return true;
  }
  return false;
}

/** Appends the edges of one ring (closed implicitly), skipping zero-length edges. */
function appendRing(ring: Positions | null | undefined, out: GrowF64): void {
  if (!ring) return;
  let len = ring.length;
  if (len < 3) return;
  for (let i = 0; i < len; i++) {
    const p = ring[i];
    if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return;
  }
  const first = ring[0]!;
  const last = ring[len - 1]!;
  if (first[0] === last[0] && first[1] === last[1]) len--;
  if (!hasThreeDistinct(ring, len)) return;
  out.reserve(len * 4);
  for (let i = 0; i < len; i++) {
    const a = ring[i]!;
    const b = ring[i + 1 < len ? i + 1 : 0]!;
    const ax = a[0]!;
    const ay = a[1]!;
    const bx = b[0]!;
    const by = b[1]!;
    if (ax === bx && ay === by) continue;
    out.push(ax);
    out.push(ay);
    out.push(bx);
    out.push(by);
  }
}

/** All edges of all rings of a Polygon or MultiPolygon; missing or unknown geometry → none. */
function appendGeometry(geometry: TerritoryGeometry | null | undefined, out: GrowF64): void {
  if (!geometry) return;
  if (geometry.type === 'Polygon') {
    for (const ring of geometry.coordinates ?? []) appendRing(ring, out);
  } else if (geometry.type === 'MultiPolygon') {
    for (const polygon of geometry.coordinates ?? []) {
      for (const ring of polygon ?? []) appendRing(ring, out);
    }
  }
}

/** Flattens the geometries (in order) into one edge list. */
export function prepareEdges(geometries: readonly (TerritoryGeometry | null | undefined)[]): PreparedEdges {
  const out = new GrowF64(4096);
  const edgeStart = new Int32Array(geometries.length + 1);
  for (let t = 0; t < geometries.length; t++) {
    edgeStart[t] = out.len >> 2;
    appendGeometry(geometries[t], out);
  }
  edgeStart[geometries.length] = out.len >> 2;
  return { edges: out.buf, edgeStart, edgeCount: out.len >> 2 };
}
