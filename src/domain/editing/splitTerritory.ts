/**
 * Split a territory along a drawn line (a new hire gets the northern half).
 *
 * ## Approach: planar subdivision, no buffer, no far-away half-plane
 *
 * The obvious trick — build a huge polygon on one side of the extended line and intersect —
 * cuts wrongly on concave territories: the extension of the line can run through another
 * arm of a U-shaped territory that the user never crossed. A thin buffer loses area. So
 * this computes exactly the pieces of "territory minus line":
 *
 * 1. node the territory's ring edges and the line's segments at every intersection
 *    (crossings, touches, collinear overlaps; the line's own self-crossings too), using the
 *    same computed point on both sides, so the graph is consistent;
 * 2. keep every ring sub-edge, and the line sub-edges that lie inside the territory
 *    ("chords"; the parts of the line outside it do not cut anything); prune dangling ends;
 * 3. walk the faces of this planar graph (at each vertex turn to the next edge clockwise,
 *    so the face is always on the left), keep the faces inside the territory, attach the
 *    untouched holes to the face that contains them, and repair bridge edges (a chord from
 *    the outline to a hole) with the exact ring repair.
 *
 * ## Sides (how > 2 pieces become two territories)
 * The result is always two geometries: [left, right] of the line as drawn (from its first
 * to its last point). A piece goes to the side its chords put it on: each chord edge
 * bounding the piece votes, weighted by its length, "left" when the piece lies to the left
 * of the line's direction there. A line that weaves out and back in therefore gives each
 * side several pieces (a MultiPolygon), grouped as a user would expect. Parts of a
 * MultiPolygon the line does not touch go to the side of the line they lie on (the side
 * of the line's nearest segment). If every piece ends up on one side (only possible with
 * lines that loop), the piece with the weakest majority moves to the other side.
 *
 * Refusals: 'invalid-geometry', 'invalid-line' (not a LineString of ≥ 2 distinct finite
 * lng/lat positions), 'line-does-not-cross' (an end of the line lies inside the territory,
 * or the line leaves fewer than two pieces above the sliver threshold), 'invalid-result'.
 * Coordinates: existing vertices are kept exactly, intersection points are computed once
 * (shared by both pieces) and rounded to 1e-9° in `finishGeometry`.
 */
import { area as turfArea } from '@turf/area';
import type { LineString, Position } from 'geojson';
import { ringSignedArea } from '../geometry/ringSignedArea';
import { validateTerritoryGeometry } from '../geometry/validatePolygon';
import type { Result, TerritoryGeometry } from '../types';
import { finishGeometry, sliverThreshold, vertexKeys } from './finishGeometry';
import { pointInRing } from '../geometry/pointInRing';
import { pointInPolygons, polygonsOf, positionKey } from './geometryBasics';
import type { SplitReason } from './reasons';
import { repairRings } from './repairRings';

type Fail = { ok: false; reason: SplitReason; message: string };
const fail = (reason: SplitReason, message: string): Fail => ({ ok: false, reason, message });

/** A node on a segment: the point and its position along the segment (for sorting). */
interface SegmentNode {
  x: number;
  y: number;
  s: number;
}

interface Segment {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  nodes: SegmentNode[];
  /** Ring segments: is the territory's interior left of a → b? */
  interiorLeft: boolean;
}

function makeSegment(a: Position, b: Position, interiorLeft: boolean): Segment {
  const ax = a[0]!, ay = a[1]!, bx = b[0]!, by = b[1]!;
  return {
    ax, ay, bx, by,
    minX: Math.min(ax, bx), minY: Math.min(ay, by), maxX: Math.max(ax, bx), maxY: Math.max(ay, by),
    nodes: [],
    interiorLeft,
  };
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function addNode(seg: Segment, x: number, y: number): void {
  if ((x === seg.ax && y === seg.ay) || (x === seg.bx && y === seg.by)) return;
  seg.nodes.push({ x, y, s: (x - seg.ax) * (seg.bx - seg.ax) + (y - seg.ay) * (seg.by - seg.ay) });
}

const within = (seg: Segment, x: number, y: number): boolean =>
  x >= seg.minX && x <= seg.maxX && y >= seg.minY && y <= seg.maxY;

/** Nodes both segments at every point they share (crossing, touching, overlapping). */
function nodePair(p: Segment, q: Segment): void {
  if (p.maxX < q.minX || q.maxX < p.minX || p.maxY < q.minY || q.maxY < p.minY) return;
  const o1 = orient(p.ax, p.ay, p.bx, p.by, q.ax, q.ay);
  const o2 = orient(p.ax, p.ay, p.bx, p.by, q.bx, q.by);
  if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0)) return;
  const o3 = orient(q.ax, q.ay, q.bx, q.by, p.ax, p.ay);
  const o4 = orient(q.ax, q.ay, q.bx, q.by, p.bx, p.by);
  if ((o3 > 0 && o4 > 0) || (o3 < 0 && o4 < 0)) return;
  if (o1 === 0 && o2 === 0) {
    // collinear: each endpoint lying within the other segment becomes a node there
    if (within(p, q.ax, q.ay)) addNode(p, q.ax, q.ay);
    if (within(p, q.bx, q.by)) addNode(p, q.bx, q.by);
    if (within(q, p.ax, p.ay)) addNode(q, p.ax, p.ay);
    if (within(q, p.bx, p.by)) addNode(q, p.bx, p.by);
    return;
  }
  let touched = false;
  if (o1 === 0 && within(p, q.ax, q.ay)) (addNode(p, q.ax, q.ay), (touched = true));
  if (o2 === 0 && within(p, q.bx, q.by)) (addNode(p, q.bx, q.by), (touched = true));
  if (o3 === 0 && within(q, p.ax, p.ay)) (addNode(q, p.ax, p.ay), (touched = true));
  if (o4 === 0 && within(q, p.bx, p.by)) (addNode(q, p.bx, p.by), (touched = true));
  if (touched || o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) return;
  // proper crossing: one computed point, shared by both segments
  const t = o3 / (o3 - o4);
  let x = p.ax + t * (p.bx - p.ax);
  let y = p.ay + t * (p.by - p.ay);
  // keep it inside both segments' boxes despite rounding
  x = Math.min(Math.max(x, Math.max(p.minX, q.minX)), Math.min(p.maxX, q.maxX));
  y = Math.min(Math.max(y, Math.max(p.minY, q.minY)), Math.min(p.maxY, q.maxY));
  addNode(p, x, y);
  addNode(q, x, y);
}

/** The line's positions (consecutive duplicates removed), or a failure. */
function readLine(line: unknown): Position[] | Fail {
  const bad = (why: string): Fail => fail('invalid-line', `The cutting line ${why}. Draw a line across the territory.`);
  if (typeof line !== 'object' || line === null || (line as { type?: unknown }).type !== 'LineString') {
    return bad('is not a line');
  }
  const coords: unknown = (line as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(coords)) return bad('has no points');
  const out: Position[] = [];
  for (const p of coords as unknown[]) {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') return bad('has a point that is not [longitude, latitude]');
    const x = p[0];
    const y = p[1];
    if (!Number.isFinite(x) || !Number.isFinite(y) || x < -180 || x > 180 || y < -90 || y > 90) {
      return bad('has a point outside longitude −180…180 / latitude −90…90');
    }
    const last = out[out.length - 1];
    if (!last || last[0] !== x || last[1] !== y) out.push([x, y]);
  }
  if (out.length < 2) return bad('needs at least two different points');
  return out;
}

/**
 * Splits `geometry` along `line` into the part left and the part right of the line as
 * drawn (see the module comment for the method, the side rule and the refusals). Call it
 * from the Split tool after the user finishes the line; commit both results (the original
 * territory keeps one, a new territory gets the other) as one undoable change.
 */
export function splitTerritory(
  geometry: TerritoryGeometry,
  line: LineString,
): Result<[TerritoryGeometry, TerritoryGeometry], SplitReason> {
  try {
    return splitChecked(geometry, line);
  } catch (error) {
    // Not expected (the graph walk is guarded); reported, never thrown at the UI.
    return fail('invalid-result', `The territory could not be split (${error instanceof Error ? error.message : String(error)}).`);
  }
}

function splitChecked(geometry: TerritoryGeometry, line: LineString): Result<[TerritoryGeometry, TerritoryGeometry], SplitReason> {
  const checked = validateTerritoryGeometry(geometry);
  if (!checked.ok) return fail('invalid-geometry', checked.message);
  const polygons = polygonsOf(checked.value);
  const pts = readLine(line);
  if (!Array.isArray(pts)) return pts;
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  if (pointInPolygons(first[0]!, first[1]!, polygons) > 0 || pointInPolygons(last[0]!, last[1]!, polygons) > 0) {
    return fail(
      'line-does-not-cross',
      'The line must cross the territory completely: start and end it outside the territory.',
    );
  }

  // 1. Segments and nodes.
  const ringSegs: Segment[] = [];
  for (const polygon of polygons) {
    polygon.forEach((ring, r) => {
      const area = ringSignedArea(ring);
      const interiorLeft = r === 0 ? area > 0 : area < 0;
      for (let k = 0; k + 1 < ring.length; k++) ringSegs.push(makeSegment(ring[k]!, ring[k + 1]!, interiorLeft));
    });
  }
  const lineSegs: Segment[] = [];
  for (let k = 0; k + 1 < pts.length; k++) lineSegs.push(makeSegment(pts[k]!, pts[k + 1]!, false));
  for (const ls of lineSegs) for (const rs of ringSegs) nodePair(ls, rs);
  for (let a = 0; a < lineSegs.length; a++) {
    for (let b = a + 2; b < lineSegs.length; b++) nodePair(lineSegs[a]!, lineSegs[b]!);
  }

  // 2. Planar graph: vertices by exact position, undirected edges deduplicated.
  const vx: number[] = [];
  const vy: number[] = [];
  const vertexOf = new Map<string, number>();
  const vertex = (x: number, y: number): number => {
    const key = positionKey(x, y);
    let v = vertexOf.get(key);
    if (v === undefined) {
      v = vx.length;
      vertexOf.set(key, v);
      vx.push(x);
      vy.push(y);
    }
    return v;
  };
  const eu: number[] = [];
  const ev: number[] = [];
  /** 0 = ring edge; 1 = chord. */
  const kind: number[] = [];
  /** Ring edge: interior left of u → v. Chord: always true (both sides are inside). */
  const leftInside: boolean[] = [];
  const edgeOf = new Map<string, number>();
  const addEdge = (u: number, v: number, k: number, interiorLeft: boolean): void => {
    if (u === v) return;
    const key = u < v ? `${u}:${v}` : `${v}:${u}`;
    if (edgeOf.has(key)) return; // ring edges come first and win over a coinciding chord
    edgeOf.set(key, eu.length);
    eu.push(u);
    ev.push(v);
    kind.push(k);
    leftInside.push(interiorLeft);
  };
  const subEdges = (seg: Segment, emit: (u: number, v: number, ax: number, ay: number, bx: number, by: number) => void): void => {
    seg.nodes.sort((m, n) => m.s - n.s);
    let px = seg.ax;
    let py = seg.ay;
    for (const n of [...seg.nodes, { x: seg.bx, y: seg.by, s: Infinity }]) {
      if (n.x === px && n.y === py) continue;
      emit(vertex(px, py), vertex(n.x, n.y), px, py, n.x, n.y);
      px = n.x;
      py = n.y;
    }
  };
  for (const seg of ringSegs) subEdges(seg, (u, v) => addEdge(u, v, 0, seg.interiorLeft));
  for (const seg of lineSegs) {
    subEdges(seg, (u, v, ax, ay, bx, by) => {
      if (pointInPolygons((ax + bx) / 2, (ay + by) / 2, polygons) > 0) addEdge(u, v, 1, true);
    });
  }

  // Prune dangling chords (an end inside the territory that leads nowhere).
  const edgeCount = eu.length;
  const alive = new Uint8Array(edgeCount).fill(1);
  const degree = new Int32Array(vx.length);
  for (let e = 0; e < edgeCount; e++) (degree[eu[e]!]!++, degree[ev[e]!]!++);
  for (let changed = true; changed; ) {
    changed = false;
    for (let e = 0; e < edgeCount; e++) {
      if (alive[e] && kind[e] === 1 && (degree[eu[e]!] === 1 || degree[ev[e]!] === 1)) {
        alive[e] = 0;
        degree[eu[e]!]!--;
        degree[ev[e]!]!--;
        changed = true;
      }
    }
  }

  // 3. Half-edges 2e (u → v) and 2e + 1 (v → u); outgoing half-edges sorted by angle.
  const from = (h: number): number => (h & 1 ? ev[h >> 1]! : eu[h >> 1]!);
  const to = (h: number): number => (h & 1 ? eu[h >> 1]! : ev[h >> 1]!);
  const outgoing: number[][] = Array.from({ length: vx.length }, () => []);
  const angle = new Float64Array(edgeCount * 2);
  for (let e = 0; e < edgeCount; e++) {
    if (!alive[e]) continue;
    for (const h of [2 * e, 2 * e + 1]) {
      const a = from(h);
      const b = to(h);
      angle[h] = Math.atan2(vy[b]! - vy[a]!, vx[b]! - vx[a]!);
      outgoing[a]!.push(h);
    }
  }
  const slot = new Int32Array(edgeCount * 2);
  for (const list of outgoing) {
    list.sort((m, n) => angle[m]! - angle[n]!);
    list.forEach((h, i) => (slot[h] = i));
  }
  /** Next half-edge of the face on the left: at the head, the first edge clockwise from the twin. */
  const next = (h: number): number => {
    const twin = h ^ 1;
    const list = outgoing[to(h)]!;
    const i = slot[twin]!;
    return list[(i - 1 + list.length) % list.length]!;
  };

  // Faces: cycles of half-edges.
  interface Cycle {
    halfEdges: number[];
    ring: Position[];
    area: number;
    inside: boolean;
    left: number;
    right: number;
  }
  const seen = new Uint8Array(edgeCount * 2);
  const cycles: Cycle[] = [];
  for (let e = 0; e < edgeCount; e++) {
    if (!alive[e]) continue;
    for (const start of [2 * e, 2 * e + 1]) {
      if (seen[start]) continue;
      const halfEdges: number[] = [];
      const ring: Position[] = [];
      let inside = false;
      let left = 0;
      let right = 0;
      let h = start;
      for (let guard = 0; guard <= edgeCount * 2 && !seen[h]; guard++) {
        seen[h] = 1;
        halfEdges.push(h);
        const a = from(h);
        ring.push([vx[a]!, vy[a]!]);
        const edge = h >> 1;
        if (kind[edge] === 1) {
          inside = true;
          const b = to(h);
          const len = Math.hypot(vx[b]! - vx[a]!, vy[b]! - vy[a]!);
          if ((h & 1) === 0) left += len; // traversed as drawn: the face is left of the line
          else right += len;
        } else if (((h & 1) === 0) === leftInside[edge]) {
          inside = true;
        }
        h = next(h);
      }
      ring.push([ring[0]![0]!, ring[0]![1]!]);
      cycles.push({ halfEdges, ring, area: ringSignedArea(ring), inside, left, right });
    }
  }

  // Faces inside the territory: counter-clockwise cycles, plus the clockwise cycles
  // (untouched holes) they contain.
  interface Piece {
    rings: Position[][];
    area: number;
    left: number;
    right: number;
  }
  const pieces: Piece[] = cycles
    .filter((c) => c.inside && c.area > 0)
    .map((c) => ({ rings: [c.ring], area: c.area, left: c.left, right: c.right }))
    .sort((a, b) => a.area - b.area);
  for (const hole of cycles) {
    if (!hole.inside || !(hole.area < 0)) continue;
    const p = hole.ring[0]!;
    const q = hole.ring[1]!;
    const mx = (p[0]! + q[0]!) / 2;
    const my = (p[1]! + q[1]!) / 2;
    const owner = pieces.find((piece) => pointInRing(mx, my, piece.rings[0]!) > 0);
    if (owner) {
      owner.rings.push(hole.ring);
      owner.left += hole.left;
      owner.right += hole.right;
    }
  }

  const minArea = sliverThreshold(turfArea(checked.value));
  const solid = pieces
    .map((piece) => ({ ...piece, polygons: repairRings([piece.rings]) }))
    .filter((piece) => piece.polygons.length > 0)
    .filter((piece) => turfArea({ type: 'MultiPolygon', coordinates: piece.polygons }) >= minArea);
  if (solid.length < 2) {
    return fail(
      'line-does-not-cross',
      'The line does not cut the territory in two: draw it from outside, across the territory, to outside.',
    );
  }

  // Sides: chord votes; pieces without chords go to the side of the nearest line segment.
  const isLeft = solid.map((piece) => {
    if (piece.left + piece.right > 0) return piece.left >= piece.right;
    const [x, y] = piece.polygons[0]![0]![0]! as [number, number];
    let best = Infinity;
    let side = 0;
    for (const seg of lineSegs) {
      const dx = seg.bx - seg.ax;
      const dy = seg.by - seg.ay;
      const len2 = dx * dx + dy * dy;
      const t = Math.max(0, Math.min(1, ((x - seg.ax) * dx + (y - seg.ay) * dy) / len2));
      const d = (seg.ax + t * dx - x) ** 2 + (seg.ay + t * dy - y) ** 2;
      if (d < best) {
        best = d;
        side = orient(seg.ax, seg.ay, seg.bx, seg.by, x, y);
      }
    }
    return side >= 0;
  });
  if (isLeft.every((v) => v) || isLeft.every((v) => !v)) {
    const allLeft = isLeft[0]!;
    let weakest = 0;
    let weakestMargin = Infinity;
    solid.forEach((piece, i) => {
      const total = piece.left + piece.right;
      const margin = total > 0 ? Math.abs(piece.left - piece.right) / total : 1;
      if (margin < weakestMargin) {
        weakestMargin = margin;
        weakest = i;
      }
    });
    isLeft[weakest] = !allLeft;
  }

  const keep = vertexKeys([checked.value]);
  const sides: TerritoryGeometry[] = [];
  for (const wantLeft of [true, false]) {
    const polys = solid.filter((_, i) => isLeft[i] === wantLeft).flatMap((piece) => piece.polygons);
    const finished = finishGeometry(polys, { keep, minAreaM2: minArea });
    if (!finished.ok) {
      return finished.reason === 'empty-result'
        ? fail('line-does-not-cross', 'The line does not cut the territory in two.')
        : fail('invalid-result', finished.message);
    }
    sides.push(finished.value);
  }
  return { ok: true, value: [sides[0]!, sides[1]!] };
}
