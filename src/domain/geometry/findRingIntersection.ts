/**
 * Finds the first place where the rings of a (multi)polygon intersect in a way that makes
 * the shape invalid. Used by `validateTerritoryGeometry` before a drawn or imported outline
 * is accepted, because a self-crossing outline gives wrong areas, wrong point-in-polygon
 * assignment and confusing map rendering.
 *
 * What counts as invalid (the OGC Simple Features rules, slightly relaxed between parts):
 * - within one ring: any two NON-adjacent edges that meet at all (cross, touch at a point,
 *   or overlap), i.e. the ring crosses or touches itself; two ADJACENT edges only when they
 *   fold back over each other (a spike: A → B → back towards A);
 * - between two rings of the same polygon (outer/hole, hole/hole): a proper crossing or a
 *   shared stretch of boundary; touching at a single point is allowed (OGC allows it);
 * - between two parts of a MultiPolygon: a proper crossing only; parts that share an edge
 *   or a corner are allowed, because imported territory files often keep adjacent areas
 *   (e.g. counties) as separate parts without dissolving their common border.
 *
 * Algorithm: sort-and-sweep on x intervals. All edges are sorted by their minimum x; each
 * edge is then tested only against the following edges whose x range starts before it
 * ends (and whose y ranges overlap). For real outlines (state borders with thousands of
 * vertices, a 5,000-vertex circle) the number of candidate pairs stays close to linear, so
 * the cost is dominated by the O(n log n) sort instead of the O(n²) all-pairs test.
 * Exact orientation tests use plain floating point: identical coordinates (shared
 * vertices) are detected exactly; a vertex lying within rounding error of another edge may
 * or may not be reported as touching it.
 *
 * Known limit: between different rings, a crossing that passes exactly through a vertex is
 * seen as two touches and not reported; `validateTerritoryGeometry` additionally checks
 * that every hole lies inside its outer ring.
 */
import type { Position } from 'geojson';

export type RingIntersectionKind = 'cross' | 'touch' | 'overlap';

export interface RingIntersection {
  /** 'cross': edges cross at one interior point; 'touch': they meet at one point, at
   *  least one of them at its end; 'overlap': they share a stretch of line. */
  kind: RingIntersectionKind;
  /** Index of the polygon (always 0 for a Polygon) and of the ring (0 = outer). */
  polygon: number;
  ring: number;
  /** The other edge's polygon and ring (may equal polygon/ring for a self-intersection). */
  otherPolygon: number;
  otherRing: number;
  /** [lng, lat] of the intersection (for an overlap: one end of the shared stretch). */
  location: [number, number];
}

const NONE = 0;
const CROSS = 1;
const TOUCH = 2;
const OVERLAP = 3;
const KIND_NAMES: readonly RingIntersectionKind[] = ['cross', 'cross', 'touch', 'overlap'];

/** Scratch output of `classify`: the intersection location. */
const hit = new Float64Array(2);

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Is point p (known to be collinear with a–b) within the closed bounding box of a–b? */
function within(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return (
    px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by)
  );
}

/** Classifies how segments a–b and c–d meet; writes the location into `hit`. */
function classify(
  ax: number, ay: number, bx: number, by: number,
  cx: number, cy: number, dx: number, dy: number,
): number {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);

  if ((d3 === 0 && d4 === 0) || (d1 === 0 && d2 === 0)) {
    // Collinear: compare the intervals along the dominant axis of a–b.
    const useX = Math.abs(bx - ax) >= Math.abs(by - ay);
    const a = useX ? ax : ay;
    const b = useX ? bx : by;
    const c = useX ? cx : cy;
    const d = useX ? dx : dy;
    const lo = Math.max(Math.min(a, b), Math.min(c, d));
    const hi = Math.min(Math.max(a, b), Math.max(c, d));
    if (lo > hi) return NONE;
    // Location: the point of c–d or a–b whose coordinate is `lo`.
    const candidates = [ax, ay, bx, by, cx, cy, dx, dy];
    for (let k = 0; k < 8; k += 2) {
      if ((useX ? candidates[k] : candidates[k + 1]) === lo) {
        hit[0] = candidates[k]!;
        hit[1] = candidates[k + 1]!;
        break;
      }
    }
    return lo < hi ? OVERLAP : TOUCH;
  }

  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    hit[0] = ax + t * (bx - ax);
    hit[1] = ay + t * (by - ay);
    return CROSS;
  }

  if (d1 === 0 && within(cx, cy, dx, dy, ax, ay)) {
    hit[0] = ax;
    hit[1] = ay;
    return TOUCH;
  }
  if (d2 === 0 && within(cx, cy, dx, dy, bx, by)) {
    hit[0] = bx;
    hit[1] = by;
    return TOUCH;
  }
  if (d3 === 0 && within(ax, ay, bx, by, cx, cy)) {
    hit[0] = cx;
    hit[1] = cy;
    return TOUCH;
  }
  if (d4 === 0 && within(ax, ay, bx, by, dx, dy)) {
    hit[0] = dx;
    hit[1] = dy;
    return TOUCH;
  }
  return NONE;
}

/**
 * Returns the first invalid intersection (in sweep order, so deterministic) or null.
 *
 * @param polygons the polygons' rings, each ring CLOSED (first === last) and without
 *   consecutive duplicate positions — the shape `validateTerritoryGeometry` normalises to.
 *   Pass `[polygon.coordinates]` for a Polygon and `multiPolygon.coordinates` otherwise.
 */
export function findRingIntersection(
  polygons: readonly (readonly (readonly Position[])[])[],
): RingIntersection | null {
  // Flatten every edge into typed arrays (no per-edge objects: rings can be huge).
  let total = 0;
  let ringCount = 0;
  for (const poly of polygons) {
    for (const ring of poly) {
      if (ring.length >= 2) total += ring.length - 1;
      ringCount++;
    }
  }
  if (total === 0) return null;

  const x1 = new Float64Array(total);
  const y1 = new Float64Array(total);
  const x2 = new Float64Array(total);
  const y2 = new Float64Array(total);
  const minX = new Float64Array(total);
  const maxX = new Float64Array(total);
  const minY = new Float64Array(total);
  const maxY = new Float64Array(total);
  const ringOf = new Int32Array(total); // global ring number
  const posInRing = new Int32Array(total); // edge number within its ring
  const ringPolygon = new Int32Array(ringCount);
  const ringIndex = new Int32Array(ringCount);
  const ringEdges = new Int32Array(ringCount);

  let e = 0;
  let g = 0;
  for (let p = 0; p < polygons.length; p++) {
    const poly = polygons[p]!;
    for (let r = 0; r < poly.length; r++, g++) {
      const ring = poly[r]!;
      ringPolygon[g] = p;
      ringIndex[g] = r;
      const edges = ring.length >= 2 ? ring.length - 1 : 0;
      ringEdges[g] = edges;
      for (let k = 0; k < edges; k++, e++) {
        const a = ring[k]!;
        const b = ring[k + 1]!;
        const ax = a[0]!;
        const ay = a[1]!;
        const bx = b[0]!;
        const by = b[1]!;
        x1[e] = ax;
        y1[e] = ay;
        x2[e] = bx;
        y2[e] = by;
        minX[e] = ax < bx ? ax : bx;
        maxX[e] = ax < bx ? bx : ax;
        minY[e] = ay < by ? ay : by;
        maxY[e] = ay < by ? by : ay;
        ringOf[e] = g;
        posInRing[e] = k;
      }
    }
  }

  const order = new Uint32Array(total);
  for (let k = 0; k < total; k++) order[k] = k;
  order.sort((a, b) => minX[a]! - minX[b]!);

  for (let oi = 0; oi < total; oi++) {
    const i = order[oi]!;
    const iMaxX = maxX[i]!;
    const iMinY = minY[i]!;
    const iMaxY = maxY[i]!;
    const iRing = ringOf[i]!;
    for (let oj = oi + 1; oj < total; oj++) {
      const j = order[oj]!;
      if (minX[j]! > iMaxX) break;
      if (maxY[j]! < iMinY || minY[j]! > iMaxY) continue;

      const kind = classify(x1[i]!, y1[i]!, x2[i]!, y2[i]!, x1[j]!, y1[j]!, x2[j]!, y2[j]!);
      if (kind === NONE) continue;

      const jRing = ringOf[j]!;
      let invalid: boolean;
      if (iRing === jRing) {
        const m = ringEdges[iRing]!;
        const diff = Math.abs(posInRing[i]! - posInRing[j]!);
        const adjacent = diff === 1 || diff === m - 1;
        invalid = adjacent ? kind === OVERLAP : true;
      } else if (ringPolygon[iRing] === ringPolygon[jRing]) {
        invalid = kind === CROSS || kind === OVERLAP;
      } else {
        invalid = kind === CROSS;
      }
      if (!invalid) continue;

      // Report from the point of view of the lower (polygon, ring).
      const [first, second] = iRing <= jRing ? [iRing, jRing] : [jRing, iRing];
      return {
        kind: KIND_NAMES[kind]!,
        polygon: ringPolygon[first]!,
        ring: ringIndex[first]!,
        otherPolygon: ringPolygon[second]!,
        otherRing: ringIndex[second]!,
        location: [hit[0]!, hit[1]!],
      };
    }
  }
  return null;
}
