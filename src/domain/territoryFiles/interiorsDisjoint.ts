/**
 * A fast proof that two outlines do not overlap (internal to findOverlaps), so that the
 * polygon clipper only runs for pairs that may overlap. Neighbours in a boundary file
 * (districts, counties) share borders: their boxes overlap, but their interiors do not,
 * and proving that here takes a sweep instead of a full clip.
 *
 * Reasoning: for valid outlines A and B, the interiors overlap only if (1) an edge of A
 * properly crosses an edge of B, or (2) some stretch of A's boundary runs through B's
 * interior (or B's through A's), or (3) a whole part of A coincides with a part of B
 * (then every stretch of its outline lies on B's boundary). So:
 * - all edge pairs with overlapping boxes are tested (sort-and-sweep on x); a proper
 *   crossing answers "maybe"; every point where an edge touches the other outline cuts
 *   that edge, and collinear stretches are marked as on the other outline;
 * - between cuts an edge stretch is wholly inside, outside or on the other outline, so
 *   one point-in-polygon test per run of stretches (re-done after each cut) classifies it;
 *   a stretch inside answers "maybe";
 * - a ring lying entirely on the other outline answers "maybe".
 * Only "true" is a proof; "false" means "let the clipper decide". Floating point can only
 * misjudge stretches within rounding distance of the other outline, i.e. slivers far below
 * the overlap threshold.
 */
import type { Position } from 'geojson';
import { pointInPolygons } from '../editing/geometryBasics';

interface Edge {
  ax: number; ay: number; bx: number; by: number;
  minX: number; maxX: number; minY: number; maxY: number;
  owner: 0 | 1;
  /** Ring number within its owner (for the "ring entirely on the other outline" test). */
  ring: number;
  /** Cut positions along the edge's main axis, and stretches lying on the other outline. */
  cuts: number[];
  on: [number, number][];
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number =>
  (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

const useX = (e: Edge): boolean => Math.abs(e.bx - e.ax) >= Math.abs(e.by - e.ay);
const axis = (e: Edge, x: number, y: number): number => (useX(e) ? x : y);
const contains = (e: Edge, x: number, y: number): boolean => x >= e.minX && x <= e.maxX && y >= e.minY && y <= e.maxY;

function edgesOf(polygons: readonly (readonly Position[][])[], owner: 0 | 1, out: Edge[]): number {
  let ring = 0;
  for (const polygon of polygons) {
    for (const r of polygon) {
      for (let i = 0; i + 1 < r.length; i++) {
        const ax = r[i]![0]!, ay = r[i]![1]!, bx = r[i + 1]![0]!, by = r[i + 1]![1]!;
        if (ax === bx && ay === by) continue;
        out.push({
          ax, ay, bx, by, owner, ring, cuts: [], on: [],
          minX: Math.min(ax, bx), maxX: Math.max(ax, bx), minY: Math.min(ay, by), maxY: Math.max(ay, by),
        });
      }
      ring++;
    }
  }
  return ring;
}

/** Records how e and f meet; false for a proper crossing. */
function meet(e: Edge, f: Edge): boolean {
  const d1 = orient(f.ax, f.ay, f.bx, f.by, e.ax, e.ay);
  const d2 = orient(f.ax, f.ay, f.bx, f.by, e.bx, e.by);
  const d3 = orient(e.ax, e.ay, e.bx, e.by, f.ax, f.ay);
  const d4 = orient(e.ax, e.ay, e.bx, e.by, f.bx, f.by);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return false;
  const points: [number, number, boolean, boolean][] = [
    [e.ax, e.ay, d1 === 0, true], [e.bx, e.by, d2 === 0, true],
    [f.ax, f.ay, d3 === 0, false], [f.bx, f.by, d4 === 0, false],
  ];
  const touching: [number, number][] = [];
  for (const [x, y, onLine, ofE] of points) {
    if (onLine && contains(ofE ? f : e, x, y)) touching.push([x, y]);
  }
  for (const [x, y] of touching) {
    e.cuts.push(axis(e, x, y));
    f.cuts.push(axis(f, x, y));
  }
  if (((d1 === 0 && d2 === 0) || (d3 === 0 && d4 === 0)) && touching.length >= 2) {
    for (const g of [e, f]) {
      const ts = touching.map(([x, y]) => axis(g, x, y));
      g.on.push([Math.min(...ts), Math.max(...ts)]);
    }
  }
  return true;
}

/** Classifies the stretches of one owner's edges; false when one lies inside the other outline. */
function stretchesOutside(edges: readonly Edge[], rings: number, other: readonly (readonly Position[][])[]): boolean {
  const allOn = new Array<boolean>(rings).fill(true);
  let known = 0; // status of the previous stretch: 1 inside, -1 outside, 0 unknown/on
  let ring = -1;
  for (const e of edges) {
    if (e.ring !== ring) {
      ring = e.ring;
      known = 0;
    }
    const start = axis(e, e.ax, e.ay);
    const end = axis(e, e.bx, e.by);
    const sign = end >= start ? 1 : -1;
    const cuts = [...new Set([start, end, ...e.cuts])].sort((p, q) => sign * (p - q));
    for (let k = 0; k + 1 < cuts.length; k++) {
      const u = cuts[k]!;
      const v = cuts[k + 1]!;
      const lo = Math.min(u, v), hi = Math.max(u, v);
      if (e.on.some(([s, t]) => s <= lo && hi <= t)) {
        known = 0;
        continue;
      }
      const startsOnOther = e.cuts.includes(u);
      if (known === 0 || startsOnOther) {
        const m = (u + v) / 2;
        const f = (m - start) / (end - start);
        const x = useX(e) ? m : e.ax + f * (e.bx - e.ax);
        const y = useX(e) ? e.ay + f * (e.by - e.ay) : m;
        known = pointInPolygons(x, y, other);
      }
      if (known > 0) return false;
      if (known < 0) allOn[e.ring] = false;
    }
  }
  return !allOn.some(Boolean);
}

/** True when the interiors of `a` and `b` provably do not overlap (see the module comment). */
export function interiorsDisjoint(a: readonly (readonly Position[][])[], b: readonly (readonly Position[][])[]): boolean {
  const edges: Edge[] = [];
  const ringsA = edgesOf(a, 0, edges);
  const countA = edges.length;
  const ringsB = edgesOf(b, 1, edges);
  const sorted = edges.slice().sort((p, q) => p.minX - q.minX);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const f = sorted[j]!;
      if (f.minX > e.maxX) break;
      if (f.owner === e.owner || f.minY > e.maxY || e.minY > f.maxY) continue;
      if (!meet(e, f)) return false;
    }
  }
  return stretchesOutside(edges.slice(0, countA), ringsA, b) && stretchesOutside(edges.slice(countA), ringsB, a);
}
