/**
 * Real ZIPs for generated stores: each store carries the ZIP whose centre is nearest to it
 * among the ZIPs of its own state, read from the centroid table the app ships
 * (data/zip-centroids.json). Used by the sample market and the large CSV market alike.
 *
 * A ZIP's state is the USPS one, read from its 3-digit prefix ({@link ZIP_PREFIX_RANGES}):
 * it is the state a postal address writes beside the ZIP, and about 70 of the 33,791 ZIPs
 * straddle a line with their centre in the neighbouring state (42223 Fort Campbell, KY, has
 * its centre in Tennessee). Prefixes of no state (Puerto Rico, the other territories,
 * military mail) are left out.
 *
 * "Nearest" is by great-circle distance. Each state's ZIPs sit in a k-d tree over their
 * unit vectors on the sphere: the straight-line (chord) distance between two unit vectors
 * grows with the great-circle distance, so the nearest by chord is the nearest on the
 * globe, and a k-d tree's pruning test (the query's distance to a splitting plane) is
 * exact in 3-D, where a grid in degrees would need a bound that depends on latitude. A
 * query costs a few microseconds, so a million stores take a few seconds. Ties (two
 * centres at the very same distance) go to the lower ZIP, so the answer is deterministic.
 */
import type { ZipCentroids } from '../src/domain/import/createZipLookup';
import { ZIP_PREFIX_RANGES } from './marketGenerator';

/** (state, lng, lat) → the 5-digit ZIP nearest to the point within the state, or null when the state has none. */
export type NearestZip = (state: string, lng: number, lat: number) => string | null;

/** The state (two-letter code) of each 3-digit ZIP prefix, '' for none. */
const STATE_OF_PREFIX: readonly string[] = (() => {
  const table = new Array<string>(1000).fill('');
  for (const [state, ranges] of Object.entries(ZIP_PREFIX_RANGES)) {
    for (const [lo, hi] of ranges) for (let p = lo; p <= hi; p++) table[p] = state;
  }
  return table;
})();

/** The USPS state of a 5-digit ZIP given as a number (02108 → 2108), or null for a prefix of no state. */
export function stateOfZip(zip: number): string | null {
  return STATE_OF_PREFIX[Math.floor(zip / 100)] || null;
}

/** Points in a k-d tree; `order` is permuted so that each range's middle entry splits it. */
interface ZipTree {
  zips: Int32Array;
  /** x, y, z of the unit vector of each entry, in tree order. */
  xyz: Float64Array;
}

/** Below this many entries a range is scanned, not split. */
const LEAF_SIZE = 8;

/** Writes the unit vector of (lng, lat) into `out` at `at`. */
function unitVector(lng: number, lat: number, out: Float64Array, at: number): void {
  const phi = (lat * Math.PI) / 180;
  const lambda = (lng * Math.PI) / 180;
  const c = Math.cos(phi);
  out[at] = c * Math.cos(lambda);
  out[at + 1] = c * Math.sin(lambda);
  out[at + 2] = Math.sin(phi);
}

function buildTree(zips: number[], lngs: number[], lats: number[]): ZipTree {
  const n = zips.length;
  const points = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) unitVector(lngs[i]!, lats[i]!, points, i * 3);
  const order = Array.from({ length: n }, (_, i) => i);
  // Sort each range on its axis, recurse on both halves of the middle (sizes ≤ 2,000: a
  // plain sort per level is fast enough and keeps the build obvious).
  const split = (lo: number, hi: number, axis: number): void => {
    if (hi - lo <= LEAF_SIZE) return;
    const part = order.slice(lo, hi + 1).sort((a, b) => points[a * 3 + axis]! - points[b * 3 + axis]! || zips[a]! - zips[b]!);
    for (let k = 0; k < part.length; k++) order[lo + k] = part[k]!;
    const mid = (lo + hi) >> 1;
    const next = (axis + 1) % 3;
    split(lo, mid - 1, next);
    split(mid + 1, hi, next);
  };
  split(0, n - 1, 0);
  const tree: ZipTree = { zips: new Int32Array(n), xyz: new Float64Array(n * 3) };
  order.forEach((i, k) => {
    tree.zips[k] = zips[i]!;
    tree.xyz.set(points.subarray(i * 3, i * 3 + 3), k * 3);
  });
  return tree;
}

/** Index (in tree order) of the entry nearest to the unit vector q, or −1 for an empty tree. */
function nearestIn(tree: ZipTree, q: Float64Array): number {
  const { zips, xyz } = tree;
  let best = -1;
  let bestD = Infinity;
  const consider = (k: number): void => {
    const dx = xyz[k * 3]! - q[0]!;
    const dy = xyz[k * 3 + 1]! - q[1]!;
    const dz = xyz[k * 3 + 2]! - q[2]!;
    const d = dx * dx + dy * dy + dz * dz;
    if (d < bestD || (d === bestD && zips[k]! < zips[best]!)) {
      bestD = d;
      best = k;
    }
  };
  const search = (lo: number, hi: number, axis: number): void => {
    if (hi - lo <= LEAF_SIZE) {
      for (let k = lo; k <= hi; k++) consider(k);
      return;
    }
    const mid = (lo + hi) >> 1;
    consider(mid);
    const gap = q[axis]! - xyz[mid * 3 + axis]!;
    const next = (axis + 1) % 3;
    // The query's side first; the other side only if the splitting plane is nearer than the best.
    if (gap < 0) {
      search(lo, mid - 1, next);
      if (gap * gap <= bestD) search(mid + 1, hi, next);
    } else {
      search(mid + 1, hi, next);
      if (gap * gap <= bestD) search(lo, mid - 1, next);
    }
  };
  search(0, zips.length - 1, 0);
  return best;
}

/**
 * The nearest-ZIP finder over a centroid table (already checked with `parseZipCentroids`).
 * Builds one k-d tree per state (~30 ms for the whole table), then answers each query in
 * a few microseconds.
 */
export function createNearestZip(table: ZipCentroids): NearestZip {
  const byState = new Map<string, { zips: number[]; lngs: number[]; lats: number[] }>();
  for (let i = 0; i < table.zip.length; i++) {
    const zip = table.zip[i]!;
    const state = stateOfZip(zip);
    if (state === null) continue;
    let group = byState.get(state);
    if (!group) byState.set(state, (group = { zips: [], lngs: [], lats: [] }));
    group.zips.push(zip);
    group.lngs.push(table.lng[i]! / table.scale);
    group.lats.push(table.lat[i]! / table.scale);
  }
  const trees = new Map<string, ZipTree>();
  for (const [state, g] of byState) trees.set(state, buildTree(g.zips, g.lngs, g.lats));
  const q = new Float64Array(3);
  return (state, lng, lat) => {
    const tree = trees.get(state);
    if (!tree || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    unitVector(lng, lat, q, 0);
    const k = nearestIn(tree, q);
    return k < 0 ? null : String(tree.zips[k]).padStart(5, '0');
  };
}
