/**
 * Assignment engine: which territory each store falls in (point in polygon), for 10k–1M
 * stores against thousands of territories, fast enough to follow the mouse while drawing.
 *
 * ## The rules (exact; tests in tests/domain/assignment.test.ts pin each one)
 *
 * 1. **Even-odd over all rings.** A point is inside a territory when a ray from it crosses an
 *    odd number of the territory's edges, counting the edges of ALL its rings together: outer
 *    rings and holes of every polygon of a MultiPolygon. So holes are honoured and the parts of
 *    a MultiPolygon work. (For valid geometry — parts that do not overlap — this is the same as
 *    turf's "inside any part"; where two parts of ONE multipolygon overlap, the overlap counts
 *    as outside, as it would in a GeoJSON renderer using the even-odd fill rule.)
 * 2. **Rings.** A ring may be closed (first === last) or not; both are read the same way.
 *    Rings with fewer than 3 distinct positions, or with a non-finite coordinate, are ignored.
 *    Repeated consecutive positions are harmless.
 * 3. **Boundary is inside.** A point exactly on an edge or a vertex of a territory (exact test:
 *    zero cross product, computed robustly, and within the segment's extent) is inside it.
 *    This matches turf `booleanPointInPolygon` with its default `ignoreBoundary: false`.
 * 4. **One winner.** Each point gets at most one territory. Where several contain it (overlap,
 *    or a shared border) the winner is the lowest `rank`; ties go to the lower `id` (plain
 *    string comparison, code unit order), then to the earlier array position. Deterministic.
 *    A NaN rank sorts after every number.
 * 5. **Bad input.** Points with a non-finite coordinate are unassigned (-1). No territories →
 *    every point unassigned. No points → empty result.
 * 6. **Agreement.** For every point not exactly on a border, the answer equals the brute-force
 *    check: turf `booleanPointInPolygon` against each territory in (rank, id) order, first hit
 *    wins. The crossing test replicates point-in-polygon-hao's (turf's) rule on coordinates
 *    translated to the query point, with an exact orientation sign (orientSign.ts), so even
 *    points within rounding distance of an edge agree. On borders it agrees too, except on
 *    rings that rule 2 ignores (turf treats a two-point "ring" as a boundary).
 *
 * ## How it is fast
 *
 * `buildTerritoryIndex` (buildTerritoryIndex.ts) lays a uniform grid over the territories,
 * split 8 × 8 again where borders cross. Almost every point is answered by one or two array
 * lookups (a cell, then a sub-cell, holding the winning territory or -1); only points in a
 * sub-cell that a border crosses run the exact test (cellTest.ts), on that sub-cell's few
 * edges. `assignPoints` does the lookups for all points first (a tight loop whose cache
 * misses overlap), then the exact tests, grouped by where their data lies. It allocates the
 * result and, for large batches, 24 bytes of scratch per point needing an exact test.
 */
import type { Store, StoreId, TerritoryId } from '../types';
import {
  type AssignableTerritory,
  buildTerritoryIndex,
  subCellValue,
  type TerritoryIndex,
} from './buildTerritoryIndex';
import { resolveBlock } from './cellTest';

export { buildTerritoryIndex } from './buildTerritoryIndex';
export type { AssignableTerritory, TerritoryIndex, TerritoryIndexOptions } from './buildTerritoryIndex';

/**
 * Assigns many points at once (the hot path: a whole market after a territory edit). Points
 * are two parallel coordinate arrays, so 1M stores cost two Float64Arrays, not a million
 * objects. Returns, for each point i, the index (into the territories array the index was
 * built from) of the winning territory, or -1 (unassigned). Pass `out` (length ≥ points) to
 * reuse a buffer; when it is longer, a view of its first `lngs.length` entries is returned.
 * @throws RangeError when `lngs` and `lats` differ in length or `out` is too short.
 */
export function assignPoints(
  index: TerritoryIndex,
  lngs: Float64Array | readonly number[],
  lats: Float64Array | readonly number[],
  out?: Int32Array,
): Int32Array {
  const n = lngs.length;
  if (lats.length !== n) {
    throw new RangeError(`assignPoints: ${n} longitudes but ${lats.length} latitudes`);
  }
  let result: Int32Array;
  if (out) {
    if (out.length < n) throw new RangeError(`assignPoints: out has ${out.length} slots, need ${n}`);
    result = out.length === n ? out : out.subarray(0, n);
  } else {
    result = new Int32Array(n);
  }
  const pending = lookupAll(index, lngs, lats, result);
  if (pending > 0) resolvePending(index.cellData, lngs, lats, result, pending);
  return result;
}

/**
 * Pass 1: cell and sub-cell lookups. Leaves the answer, or `-2 - block` for points needing an
 * exact test, in `result`; returns how many need one.
 */
function lookupAll(
  index: TerritoryIndex,
  lngs: Float64Array | readonly number[],
  lats: Float64Array | readonly number[],
  result: Int32Array,
): number {
  const { minX, minY, maxX, maxY, cols, scaleX, scaleY, cells, subRecords } = index;
  const k = index.subdivision;
  const tableAt = (k * k) >> 2;
  const lastCol = cols - 1;
  const lastRow = index.rows - 1;
  const lastSub = k - 1;
  const n = result.length;
  let pending = 0;
  for (let i = 0; i < n; i++) {
    const x = lngs[i]!;
    const y = lats[i]!;
    // also rejects NaN and ±Infinity
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) {
      result[i] = -1;
      continue;
    }
    const gx = (x - minX) * scaleX;
    const gy = (y - minY) * scaleY;
    let c = gx | 0;
    if (c > lastCol) c = lastCol;
    let r = gy | 0;
    if (r > lastRow) r = lastRow;
    let v = cells[r * cols + c]!;
    if (v < -1) {
      let sc = ((gx - c) * k) | 0;
      if (sc > lastSub) sc = lastSub;
      let sr = ((gy - r) * k) | 0;
      if (sr > lastSub) sr = lastSub;
      const record = -2 - v;
      const sub = sr * k + sc;
      const code = (subRecords[record + (sub >> 2)]! >>> ((sub & 3) << 3)) & 0xff;
      v = code === 0 ? -1 : subRecords[record + tableAt + code - 1]!;
      if (v < -1) pending++;
    }
    result[i] = v;
  }
  return pending;
}

/** Below this many pending points, partitioning costs more than the cache misses it saves. */
const PARTITION_MIN_POINTS = 1 << 13;
/** Partition granularity: 2^9 doubles = 4 KB of blocks per bucket (stays in L1). */
const PARTITION_SHIFT = 9;

/**
 * Pass 2: exact tests for the points left as `-2 - block` by {@link lookupAll}. Random stores
 * hit random blocks, and a cache miss per point costs more than its test; so, when many are
 * pending, they are first bucketed by the 4 KB region of `cellData` their block lies in (a
 * radix partition, as in cache-conscious hash joins) and tested bucket by bucket.
 */
function resolvePending(
  cellData: Float64Array,
  lngs: Float64Array | readonly number[],
  lats: Float64Array | readonly number[],
  result: Int32Array,
  pending: number,
): void {
  const n = result.length;
  if (pending < PARTITION_MIN_POINTS) {
    for (let i = 0; pending > 0 && i < n; i++) {
      const v = result[i]!;
      if (v < -1) {
        result[i] = resolveBlock(cellData, -2 - v, lngs[i]!, lats[i]!);
        pending--;
      }
    }
    return;
  }
  const buckets = (cellData.length >>> PARTITION_SHIFT) + 1;
  const cursor = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    const v = result[i]!;
    if (v < -1) cursor[((-2 - v) >>> PARTITION_SHIFT) + 1]!++;
  }
  for (let b = 0; b < buckets; b++) cursor[b + 1] = cursor[b + 1]! + cursor[b]!;
  const pointAt = new Int32Array(pending);
  const blockAt = new Int32Array(pending);
  const xs = new Float64Array(pending);
  const ys = new Float64Array(pending);
  for (let i = 0; i < n; i++) {
    const v = result[i]!;
    if (v < -1) {
      const block = -2 - v;
      const slot = cursor[block >>> PARTITION_SHIFT]!++;
      pointAt[slot] = i;
      blockAt[slot] = block;
      xs[slot] = lngs[i]!;
      ys[slot] = lats[i]!;
    }
  }
  for (let q = 0; q < pending; q++) {
    result[pointAt[q]!] = resolveBlock(cellData, blockAt[q]!, xs[q]!, ys[q]!);
  }
}

/**
 * One point, same rule as {@link assignPoints}: for hover, a pin dropped on the map, or a
 * single store added or moved. Returns the territory's array index or -1.
 */
export function locatePoint(index: TerritoryIndex, lng: number, lat: number): number {
  const { minX, minY, maxX, maxY, cols, scaleX, scaleY, cells, subdivision: k } = index;
  if (!(lng >= minX && lng <= maxX && lat >= minY && lat <= maxY)) return -1;
  const gx = (lng - minX) * scaleX;
  const gy = (lat - minY) * scaleY;
  const c = Math.min(cols - 1, gx | 0);
  const r = Math.min(index.rows - 1, gy | 0);
  let v = cells[r * cols + c]!;
  if (v >= -1) return v;
  const sc = Math.min(k - 1, ((gx - c) * k) | 0);
  const sr = Math.min(k - 1, ((gy - r) * k) | 0);
  v = subCellValue(index, -2 - v, sr * k + sc);
  return v >= -1 ? v : resolveBlock(index.cellData, -2 - v, lng, lat);
}

/**
 * Convenience for the app when territories change and stores are plain objects: builds an
 * index, assigns every store and returns StoreId → TerritoryId, or null when the store is in
 * no territory (or has no usable coordinates). For repeated queries over the same
 * territories keep a {@link TerritoryIndex} and call {@link assignPoints} instead.
 */
export function assignStores(
  stores: readonly Pick<Store, 'id' | 'lat' | 'lng'>[],
  territories: readonly AssignableTerritory[],
): Map<StoreId, TerritoryId | null> {
  const result = new Map<StoreId, TerritoryId | null>();
  if (stores.length === 0) return result;
  const lngs = new Float64Array(stores.length);
  const lats = new Float64Array(stores.length);
  for (let i = 0; i < stores.length; i++) {
    const s = stores[i]!;
    lngs[i] = s.lng;
    lats[i] = s.lat;
  }
  const winners = assignPoints(buildTerritoryIndex(territories), lngs, lats);
  for (let i = 0; i < stores.length; i++) {
    const w = winners[i]!;
    result.set(stores[i]!.id, w >= 0 ? territories[w]!.id : null);
  }
  return result;
}

/** Size figures of an index, for benchmarks and diagnostics. */
export interface TerritoryIndexStats {
  cols: number;
  rows: number;
  cells: number;
  /** Cells split into sub-cells (a border crosses them). */
  subdividedCells: number;
  /** Sub-cells needing an exact test for the points that fall in them. */
  mixedSubCells: number;
  /** Bytes held by the index's typed arrays. */
  bytes: number;
}

/** Describes an index (grid size, subdivided cells, memory) — for benchmarks and debugging. */
export function territoryIndexStats(index: TerritoryIndex): TerritoryIndexStats {
  const kk = index.subdivision * index.subdivision;
  let subdividedCells = 0;
  let mixedSubCells = 0;
  for (const v of index.cells) {
    if (v >= -1) continue;
    subdividedCells++;
    for (let i = 0; i < kk; i++) if (subCellValue(index, -2 - v, i) < -1) mixedSubCells++;
  }
  return {
    cols: index.cols,
    rows: index.rows,
    cells: index.cells.length,
    subdividedCells,
    mixedSubCells,
    bytes:
      index.cells.byteLength +
      index.subRecords.byteLength +
      index.cellData.byteLength,
  };
}
