/**
 * The unit adjacency graph the balancer works on (issue 13): one node per base unit
 * (state, county, H3 cell), an edge between two units that share a border, with the
 * border's length, and each unit's area, perimeter and centroid. Contiguity, compactness
 * and every move of the optimizer read this graph only, never geometry.
 *
 * ## How adjacency is found
 * Two units are adjacent when they share a boundary SEGMENT (rook adjacency; touching at a
 * corner, like the Four Corners states, is not adjacency). Segments are matched by their
 * exact end points: units of one TopoJSON topology (states, counties) are decoded from the
 * same arcs, and neighbouring H3 cells get bit-identical shared vertices from h3-js, so
 * exact matching finds every shared border (checked in tests/domain/balance). Units drawn
 * independently (freehand) would need snapping first; the balancer is for unit layers.
 *
 * Measured (tests/bench/balance.bench.ts): ≈ 0.2–0.25 s for the 3.2k US counties and 8.6k
 * H3 cells at resolution 4, next to ≈ 0.45 s to load the counties themselves, so the graph
 * is built at run time and not precomputed into a data file.
 *
 * ## Islands
 * A unit layer is rarely connected (Hawaii, Nantucket, the Aleutians, scattered hexagons).
 * Each connected component other than the largest is joined to the rest by one **link**:
 * an edge (with shared length 0) from the unit of the component whose centroid is nearest
 * to a unit outside it, to that unit (great-circle distance between centroids). This repeats
 * (Borůvka rounds) until the graph is connected, so a lone island is joined to the nearest
 * unit across the water and an archipelago first joins up and then reaches the nearest
 * coast. Centroids rather than boundary distance: they cost nothing once computed, and for
 * the small islands that need a link the two pick the same neighbour almost always.
 *
 * ## Lengths
 * Areas come from @turf/area and lengths from the haversine formula on turf's sphere
 * (R = 6 371 008.8 m), exactly as `computeCompactness` measures, so Polsby–Popper computed
 * on the graph (sum of areas, sum of perimeters minus twice the internal borders) is the
 * Polsby–Popper of the merged outline.
 */
import { area as turfArea } from '@turf/area';
import type { TerritoryGeometry } from '../types';

/** A unit as the graph needs it: an id and its outline (a `BaseUnit` fits). */
export interface GraphUnit {
  readonly id: string;
  readonly geometry: TerritoryGeometry;
}

/**
 * Adjacency in compressed rows: the neighbours of unit u are
 * `neighbors[offsets[u] .. offsets[u + 1]]`, each with its `sharedLength` (m; 0 for an
 * island link). Symmetric. Plain typed arrays, so a graph can be posted to a worker.
 */
export interface UnitGraph {
  readonly ids: readonly string[];
  readonly offsets: Int32Array;
  readonly neighbors: Int32Array;
  readonly sharedLength: Float64Array;
  /** Geodesic area of each unit, m². */
  readonly area: Float64Array;
  /** Geodesic perimeter of each unit (every ring, holes included), m. */
  readonly perimeter: Float64Array;
  /** Area-weighted centroid of each unit's outer rings, degrees. */
  readonly centroidLng: Float64Array;
  readonly centroidLat: Float64Array;
  /** The island links added to connect the graph, as unit index pairs. */
  readonly links: readonly (readonly [number, number])[];
}

const EARTH_RADIUS = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres, the same formula and radius as @turf/distance. */
export function haversineMeters(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.sin(dLng / 2) ** 2 * Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD);
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * EARTH_RADIUS;
}

function polygonsOf(g: TerritoryGeometry): number[][][][] {
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
}

/**
 * Builds the graph of `units` (see the module comment): shared borders by exact segment
 * matching, then island links until connected. The units' order is kept: node i = units[i].
 */
export function buildUnitGraph(units: readonly GraphUnit[]): UnitGraph {
  const n = units.length;
  const area = new Float64Array(n);
  const perimeter = new Float64Array(n);
  const centroidLng = new Float64Array(n);
  const centroidLat = new Float64Array(n);
  // Vertex ids by exact coordinates, then segment (lo, hi vertex) → first unit.
  const vertexId = new Map<string, number>();
  const segmentOwner = new Map<number, number>();
  const shared = new Map<number, number>(); // u * n + v (u < v) → shared length
  for (let u = 0; u < n; u++) {
    const geometry = units[u]!.geometry;
    area[u] = turfArea(geometry);
    let cx = 0;
    let cy = 0;
    let ca = 0;
    let firstX = NaN;
    let firstY = NaN;
    for (const polygon of polygonsOf(geometry)) {
      polygon.forEach((ring, r) => {
        let prev = -1;
        let px = 0;
        let py = 0;
        for (let i = 0; i < ring.length; i++) {
          const x = ring[i]![0]!;
          const y = ring[i]![1]!;
          if (Number.isNaN(firstX)) {
            firstX = x;
            firstY = y;
          }
          const key = `${x},${y}`;
          let id = vertexId.get(key);
          if (id === undefined) {
            id = vertexId.size;
            vertexId.set(key, id);
          }
          if (i > 0 && prev !== id) {
            const length = haversineMeters(px, py, x, y);
            perimeter[u] = perimeter[u]! + length;
            const segKey = prev < id ? prev * 0x4000000 + id : id * 0x4000000 + prev;
            const other = segmentOwner.get(segKey);
            if (other === undefined) segmentOwner.set(segKey, u);
            else if (other !== u) {
              const pairKey = other < u ? other * n + u : u * n + other;
              shared.set(pairKey, (shared.get(pairKey) ?? 0) + length);
            }
            if (r === 0) {
              const cross = px * y - x * py;
              ca += cross;
              cx += (px + x) * cross;
              cy += (py + y) * cross;
            }
          }
          prev = id;
          px = x;
          py = y;
        }
      });
    }
    centroidLng[u] = ca !== 0 ? cx / (3 * ca) : firstX;
    centroidLat[u] = ca !== 0 ? cy / (3 * ca) : firstY;
  }
  const pairs: [number, number, number][] = [];
  for (const [key, length] of shared) pairs.push([Math.floor(key / n), key % n, length]);
  const links = linkIslands(n, pairs, centroidLng, centroidLat);
  for (const [a, b] of links) pairs.push([a, b, 0]);
  return { ids: units.map((x) => x.id), ...toCsr(n, pairs), area, perimeter, centroidLng, centroidLat, links };
}

function toCsr(n: number, pairs: readonly (readonly [number, number, number])[]) {
  const offsets = new Int32Array(n + 1);
  for (const [a, b] of pairs) {
    offsets[a + 1]!++;
    offsets[b + 1]!++;
  }
  for (let u = 0; u < n; u++) offsets[u + 1] = offsets[u + 1]! + offsets[u]!;
  const cursor = offsets.slice(0, n);
  const neighbors = new Int32Array(offsets[n]!);
  const sharedLength = new Float64Array(offsets[n]!);
  for (const [a, b, length] of pairs) {
    neighbors[cursor[a]!] = b;
    sharedLength[cursor[a]!++] = length;
    neighbors[cursor[b]!] = a;
    sharedLength[cursor[b]!++] = length;
  }
  return { offsets, neighbors, sharedLength };
}

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

/**
 * Borůvka rounds over the components: each component but the largest gets a link from its
 * unit nearest (centroid chord distance) to a unit of another component. Nearest search
 * sweeps the units sorted by latitude outwards and stops once the latitude gap alone
 * exceeds the best distance (great-circle distance ≥ latitude difference).
 */
function linkIslands(
  n: number,
  pairs: readonly (readonly [number, number, number])[],
  lng: Float64Array,
  lat: Float64Array,
): [number, number][] {
  const links: [number, number][] = [];
  if (n < 2) return links;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  for (const [a, b] of pairs) parent[find(parent, a)] = find(parent, b);
  // Unit vectors (chord distance is monotonic in great-circle distance).
  const X = new Float64Array(n);
  const Y = new Float64Array(n);
  const Z = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    const la = lat[u]! * RAD;
    const lo = lng[u]! * RAD;
    X[u] = Math.cos(la) * Math.cos(lo);
    Y[u] = Math.cos(la) * Math.sin(lo);
    Z[u] = Math.sin(la);
  }
  const byLat = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => lat[a]! - lat[b]! || a - b);
  const rankOf = new Int32Array(n);
  byLat.forEach((u, r) => (rankOf[u] = r));
  for (;;) {
    const root = new Int32Array(n);
    const size = new Map<number, number>();
    for (let u = 0; u < n; u++) {
      root[u] = find(parent, u);
      size.set(root[u]!, (size.get(root[u]!) ?? 0) + 1);
    }
    if (size.size <= 1) return links;
    let largest = -1;
    let largestSize = -1;
    for (const [r, s] of size) if (s > largestSize || (s === largestSize && r < largest)) [largest, largestSize] = [r, s];
    const best = new Map<number, { d: number; a: number; b: number }>();
    for (let u = 0; u < n; u++) {
      const c = root[u]!;
      if (c === largest) continue;
      let bestD = best.get(c)?.d ?? Infinity;
      let bestV = -1;
      const r0 = rankOf[u]!;
      for (const dir of [-1, 1]) {
        for (let r = r0 + dir; r >= 0 && r < n; r += dir) {
          const v = byLat[r]!;
          const gap = 2 * Math.sin((Math.abs(lat[v]! - lat[u]!) * RAD) / 2);
          if (gap * gap >= bestD) break;
          if (root[v] === c) continue;
          const d = (X[u]! - X[v]!) ** 2 + (Y[u]! - Y[v]!) ** 2 + (Z[u]! - Z[v]!) ** 2;
          if (d < bestD || (d === bestD && bestV >= 0 && v < bestV)) {
            bestD = d;
            bestV = v;
          }
        }
      }
      if (bestV >= 0) best.set(c, { d: bestD, a: u, b: bestV });
    }
    for (const { a, b } of [...best.values()].sort((p, q) => p.a - q.a)) {
      const ra = find(parent, a);
      const rb = find(parent, b);
      if (ra === rb) continue;
      parent[ra] = rb;
      links.push(a < b ? [a, b] : [b, a]);
    }
  }
}

/** The neighbours of unit `u` (a view, no copy). */
export function neighborsOf(graph: UnitGraph, u: number): Int32Array {
  return graph.neighbors.subarray(graph.offsets[u]!, graph.offsets[u + 1]!);
}
