/**
 * Cheap, exact repair of the ring defects that dissolving base units produces (internal).
 *
 * Why: merging units along shared topology arcs (topojson `merge`) and the 1:10m
 * simplification of the Census outlines leave rings that no polygon clipper has touched:
 * zero-width spikes (an arc that goes out and straight back), rings pinched at a vertex
 * where four units meet checkerboard-wise, and rings of one or two distinct points. The
 * area is right, but `validateTerritoryGeometry` rightly refuses such rings. This repair
 * fixes exactly those defects without moving any coordinate, which keeps the union
 * bit-identical to the units' borders (no slivers against the neighbours):
 *
 * 1. consecutive duplicates and zero-area spikes (A → B → back along the same line) are
 *    removed (exact float collinearity, as the validator tests it);
 * 2. a ring that passes twice through the same vertex is split there into simple rings;
 * 3. all rings are re-nested by even–odd depth: a ring inside an even number of other
 *    rings is an outer ring, inside an odd number a hole of its smallest container.
 *
 * Anything else (proper crossings) is left for the polygon clipper (see `cleanWithClipper`).
 */
import type { Position } from 'geojson';
import { ringSignedArea } from '../geometry/ringSignedArea';
import { pointInRing } from '../geometry/pointInRing';
import { positionKey } from './geometryBasics';

const same = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];

/** b is the tip of a spike a → b → c: c lies on the line ab, back towards a. */
function isSpike(a: Position, b: Position, c: Position): boolean {
  const abx = b[0]! - a[0]!;
  const aby = b[1]! - a[1]!;
  const bcx = c[0]! - b[0]!;
  const bcy = c[1]! - b[1]!;
  return abx * bcy - aby * bcx === 0 && abx * bcx + aby * bcy < 0;
}

/** Drops duplicates and spikes at the end of the open ring being built. */
function reduceTail(out: Position[]): void {
  for (;;) {
    const n = out.length;
    if (n >= 2 && same(out[n - 1]!, out[n - 2]!)) {
      out.pop();
      continue;
    }
    if (n >= 3 && isSpike(out[n - 3]!, out[n - 2]!, out[n - 1]!)) {
      out.splice(n - 2, 1);
      continue;
    }
    return;
  }
}

/** Open ring (no closing position) without duplicates or spikes, including at the seam. */
function despike(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    out.push([p[0]!, p[1]!]);
    reduceTail(out);
  }
  // The seam: the ring is cyclic, so also look at the triples around the first vertex.
  for (let guard = 0; guard < ring.length + 2 && out.length >= 3; guard++) {
    const n = out.length;
    if (same(out[n - 1]!, out[0]!)) {
      out.pop();
    } else if (isSpike(out[n - 2]!, out[n - 1]!, out[0]!)) {
      out.pop();
    } else if (isSpike(out[n - 1]!, out[0]!, out[1]!)) {
      out.shift();
    } else {
      break;
    }
  }
  return out;
}

/** Splits an open ring at repeated vertices into open sub-rings (each simple at vertices). */
function splitPinches(ring: Position[]): Position[][] {
  const out: Position[][] = [];
  const stack: Position[] = [];
  const at = new Map<string, number>();
  for (const p of ring) {
    const key = positionKey(p[0]!, p[1]!);
    const j = at.get(key);
    if (j === undefined) {
      at.set(key, stack.length);
      stack.push(p);
      continue;
    }
    // stack[j] === p: the loop stack[j..] closes here.
    const loop = stack.slice(j);
    for (let k = j + 1; k < stack.length; k++) at.delete(positionKey(stack[k]![0]!, stack[k]![1]!));
    stack.length = j + 1;
    out.push(loop);
  }
  out.push(stack);
  return out.filter((r) => r.length >= 3);
}

/** Open ring → closed ring. */
function close(ring: Position[]): Position[] {
  return [...ring, [ring[0]![0]!, ring[0]![1]!]];
}

/** A point of ring `a` known not to lie on ring `b`'s boundary, and its side (1 / −1). */
function sideOf(a: readonly Position[], b: readonly Position[]): number {
  for (let i = 0; i + 1 < a.length; i++) {
    const p = a[i]!;
    const q = a[i + 1]!;
    const side = pointInRing((p[0]! + q[0]!) / 2, (p[1]! + q[1]!) / 2, b);
    if (side !== 0) return side;
  }
  return -1; // identical rings: not "inside"
}

interface RingInfo {
  ring: Position[];
  area: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * Repairs spikes, pinches and degenerate rings and re-nests the rings (see the module
 * comment). Input: polygons as coordinate arrays (rings closed or not); output: polygons
 * with closed rings, outer ring first. Coordinates are never changed, only dropped.
 */
export function repairRings(polygons: readonly (readonly (readonly Position[])[])[]): Position[][][] {
  const rings: RingInfo[] = [];
  for (const polygon of polygons) {
    for (const raw of polygon) {
      for (const open of splitPinches(despike(raw))) {
        const area = Math.abs(ringSignedArea(open));
        if (!(area > 0)) continue;
        let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
        for (const p of open) {
          if (p[0]! < minX) minX = p[0]!;
          if (p[0]! > maxX) maxX = p[0]!;
          if (p[1]! < minY) minY = p[1]!;
          if (p[1]! > maxY) maxY = p[1]!;
        }
        rings.push({ ring: close(open), area, minX, minY, maxX, maxY });
      }
    }
  }
  // Largest first: a container always comes before what it contains.
  rings.sort((a, b) => b.area - a.area);
  const depth = new Int32Array(rings.length);
  const parent = new Int32Array(rings.length).fill(-1);
  for (let i = 0; i < rings.length; i++) {
    const r = rings[i]!;
    for (let j = 0; j < i; j++) {
      const c = rings[j]!;
      if (r.minX < c.minX || r.maxX > c.maxX || r.minY < c.minY || r.maxY > c.maxY) continue;
      if (sideOf(r.ring, c.ring) > 0) {
        depth[i]!++;
        parent[i] = j; // the last container found is the smallest one
      }
    }
  }
  const out: Position[][][] = [];
  const polygonOf = new Int32Array(rings.length).fill(-1);
  for (let i = 0; i < rings.length; i++) {
    if (depth[i]! % 2 === 0) {
      polygonOf[i] = out.length;
      out.push([rings[i]!.ring]);
    } else {
      const p = polygonOf[parent[i]!]!;
      if (p >= 0) out[p]!.push(rings[i]!.ring);
    }
  }
  return out;
}
