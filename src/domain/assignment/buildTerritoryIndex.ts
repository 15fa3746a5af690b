/**
 * Builds the spatial index of the assignment engine (see assignStores.ts for the rules and
 * the query side).
 *
 * Structure: a uniform grid of roughly square cells over the bounding box of all
 * territories, with a second level of SUBDIVISION × SUBDIVISION sub-cells inside every cell
 * that a border crosses. Every cell or sub-cell is either
 * - **pure**: no edge touches it, so one territory (the best one covering it) or none holds
 *   all of it — the answer is stored and costs one lookup; or
 * - **mixed**: it owns a block of candidates in (rank, id) order, each with exactly the data
 *   its exact test needs (edges touching the sub-cell, plus a parity and sorted y break points
 *   standing for the edges lying left of it in its row), ending at the first territory that
 *   covers the whole sub-cell.
 *
 * Why two levels: a lookup in a mixed (sub-)cell runs data-dependent loops (branch
 * mispredictions) over data that random stores scatter across memory, about 10× the cost
 * of a pure lookup, and points near borders are many (US counties at 2^20 cells: 80% of
 * random stores fall in a crossed cell). Subdividing only the crossed cells, with byte codes
 * (one cache line per cell), gives the resolution of a 64× finer grid for a fraction of its
 * memory: 20% of those stores still need the exact test. Identical blocks (neighbouring
 * sub-cells along one border) are stored once.
 *
 * Conservativeness: edges are rasterised with a slack (EPS grid units, plus a bound on how
 * far rounding of coordinate translation can move an edge), so a cell recorded as untouched
 * by a territory's edges really is, for the exact arithmetic of the test and for turf's.
 */
import { priorityOrder } from './priorityOrder';
import type { TerritoryGeometry, TerritoryId } from '../types';
import { crossEdges, ON_BOUNDARY } from './cellTest';
import { GrowF64, GrowI32 } from './growable';
import { prepareEdges } from './prepareEdges';

/** What the engine needs to know about a territory; a `Territory` satisfies it. */
export interface AssignableTerritory {
  readonly id: TerritoryId;
  readonly geometry: TerritoryGeometry;
  readonly rank: number;
}

/**
 * Spatial index over one set of territories. Build it once per set with
 * {@link buildTerritoryIndex} and reuse it for every batch of points; rebuild when any
 * territory's geometry, rank or id changes, or the array order (results are array indexes).
 * The fields are internal to the assignment module; they are public only so that the index
 * is a plain structured-cloneable object (build in a worker, post or transfer it back).
 */
export interface TerritoryIndex {
  /** Number of territories the index was built from. */
  readonly territoryCount: number;
  /** Bounding box of all usable rings; for an empty index minX = +∞ and maxX = -∞. */
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly cols: number;
  readonly rows: number;
  /** Grid cells per unit: grid x = (lng - minX) * scaleX, cell column = floor(grid x). */
  readonly scaleX: number;
  readonly scaleY: number;
  /** Sub-cells per cell side (a power of two, so sub-cell maths is exact). */
  readonly subdivision: number;
  /**
   * Per cell, row-major: ≥ 0 territory covering the whole cell, -1 none, ≤ -2 the cell is
   * subdivided; its record starts at `subRecords[-2 - v]`.
   */
  readonly cells: Int32Array;
  /**
   * Records of subdivided cells: subdivision² 8-bit codes packed four per word (sub-cell
   * i = row * subdivision + col is bits 8·(i & 3) of word i >> 2; 64 bytes, one cache line),
   * then the record's entry table (at most 64 entries, so a byte always suffices). Code 0 =
   * no territory, else entry `record[subdivision² / 4 + code - 1]`: ≥ 0 a territory, ≤ -2 a
   * block at `cellData[-2 - entry]`.
   */
  readonly subRecords: Int32Array;
  /**
   * Blocks of the sub-cells that borders cross, made of groups (see `resolveBlock` in
   * cellTest.ts): `edgeCount, breakCount, candidateCount, baseMask, next,
   * t × candidateCount, (x1, y1, x2, y2, mask) × edgeCount, (y, mask) × breakCount`.
   */
  readonly cellData: Float64Array;
}

/** Options for {@link buildTerritoryIndex}. */
export interface TerritoryIndexOptions {
  /**
   * Approximate number of first-level grid cells (each cell a border crosses is further
   * split in SUBDIVISION × SUBDIVISION). More cells → fewer exact tests but more memory
   * (4 bytes per cell, ≈ 100 bytes per crossed cell, plus the exact-test blocks) and cache
   * misses. Default: {@link defaultTargetCells}.
   */
  targetCells?: number;
}

/** Hard cap on first-level grid cells; `targetCells` is clamped to it. */
export const MAX_GRID_CELLS = 1 << 24;

/**
 * Sub-cells per side of a subdivided cell. A power of two, so sub-cell coordinates are exact;
 * 8 keeps a cell's codes in one 64-byte cache line with byte-sized codes (16 was measured
 * slower: fewer exact tests, but records four times larger miss the cache more).
 */
export const SUBDIVISION = 8;

/**
 * Value of sub-cell `i` (row * subdivision + col) of the record at `record`: a territory,
 * -1, or ≤ -2 for a block. For diagnostics and single-point queries; `assignPoints` inlines it.
 */
export function subCellValue(index: TerritoryIndex, record: number, i: number): number {
  const records = index.subRecords;
  const code = (records[record + (i >> 2)]! >>> ((i & 3) << 3)) & 0xff;
  return code === 0 ? -1 : records[record + ((index.subdivision * index.subdivision) >> 2) + code - 1]!;
}

/**
 * Default first-level grid size: 16 cells per edge, between 2^16 and 2^20 (4 MB of cells).
 * The US counties (≈65k edges after 10m simplification, on both sides of the antimeridian so
 * the box is ~360° wide) get ≈2^20 cells of ≈0.17°, ≈0.02° after subdivision; measured (see
 * tests/bench): 2^20 assigns 1M random stores faster than 2^19 or 2^21 for ≈16 MB of index.
 */
export function defaultTargetCells(edgeCount: number): number {
  return Math.min(1 << 20, Math.max(1 << 16, edgeCount * 16));
}

/** Slack, in grid units, when rasterising edges: far above float error, far below a cell. */
const EPS = 1e-6;
/** Unit roundoff, for the bound on coordinate-translation rounding. */
const ULP = 2 ** -52;
const NO_PRIORITY = 0x7fffffff;

interface Grid {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  cols: number;
  rows: number;
  scaleX: number;
  scaleY: number;
  /** Bounds (grid units) on how far rounding may move an edge relative to a query point. */
  errX: number;
  errY: number;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}


function insertionSort(a: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

function makeGrid(edges: Float64Array, edgeCount: number, requestedCells: number): Grid {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < edgeCount * 4; k += 2) {
    const x = edges[k]!;
    const y = edges[k + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const requested = Number.isFinite(requestedCells) ? Math.floor(requestedCells) : 1;
  const target = Math.max(1, Math.min(MAX_GRID_CELLS, requested));
  const width = maxX - minX;
  const height = maxY - minY;
  let cols: number;
  let rows: number;
  if (width > 0 && height > 0) {
    const side = Math.sqrt((width * height) / target);
    cols = Math.max(1, Math.min(target, Math.round(width / side)));
    rows = Math.max(1, Math.min(Math.floor(target / cols), Math.round(height / side)));
  } else if (width > 0) {
    cols = target;
    rows = 1;
  } else {
    cols = 1;
    rows = target;
  }
  const scaleX = width > 0 ? cols / width : 0;
  const scaleY = height > 0 ? rows / height : 0;
  // Translating an edge to a query point rounds each coordinate difference by at most
  // ulp(max |coordinate|); 4× that (both endpoints, both operands) in grid units.
  const errX = 4 * ULP * Math.max(Math.abs(minX), Math.abs(maxX), width) * scaleX;
  const errY = 4 * ULP * Math.max(Math.abs(minY), Math.abs(maxY), height) * scaleY;
  return { minX, minY, maxX, maxY, cols, rows, scaleX, scaleY, errX, errY };
}

/**
 * Conservative raster of one segment given in grid units onto rows 0..lastRow and columns
 * 0..lastCol: appends (row, c0, c1) for every row the segment comes within the slack of,
 * c0..c1 being the columns it comes within the slack of in that row. Segments spanning at
 * least one row are clipped to each row (interpolation error ≪ EPS; a vertical rounding
 * shift errY moves the crossing by errY·|slope|, added to the slack); shorter ones use their
 * whole x-extent. Parts beyond the grid are clamped onto its border rows/columns.
 */
function edgeSpans(
  gx1: number,
  gy1: number,
  gx2: number,
  gy2: number,
  lastRow: number,
  lastCol: number,
  errX: number,
  errY: number,
  out: GrowI32,
): void {
  const slackY = EPS + errY;
  const yLo = Math.min(gy1, gy2);
  const yHi = Math.max(gy1, gy2);
  const xMin = Math.min(gx1, gx2);
  const xMax = Math.max(gx1, gx2);
  const r0 = clamp(Math.floor(yLo - slackY), 0, lastRow);
  const r1 = clamp(Math.floor(yHi + slackY), 0, lastRow);
  const steep = yHi - yLo >= 1;
  const slope = steep ? (gx2 - gx1) / (gy2 - gy1) : 0;
  const slackX = EPS + errX + errY * Math.abs(slope);
  out.reserve((r1 - r0 + 1) * 3);
  for (let r = r0; r <= r1; r++) {
    let xa = xMin;
    let xb = xMax;
    if (steep) {
      const xs = gx1 + (Math.max(yLo, r - slackY) - gy1) * slope;
      const xe = gx1 + (Math.min(yHi, r + 1 + slackY) - gy1) * slope;
      xa = Math.max(xMin, Math.min(xs, xe));
      xb = Math.min(xMax, Math.max(xs, xe));
    }
    out.push(r);
    out.push(clamp(Math.floor(xa - slackX), 0, lastCol));
    out.push(clamp(Math.floor(xb + slackX), 0, lastCol));
  }
}

/** Per territory and grid row, the territory's edges near that row and the columns they touch. */
interface Bands {
  /** Per territory: first row with bands; bands of t are `bandBase[t] .. bandBase[t+1]`. */
  row0: Int32Array;
  base: Int32Array;
  /** Per band (plus one): first entry. */
  offsets: Int32Array;
  /** Per entry: edge index, first and last column touched in the band's row. */
  edge: Int32Array;
  c0: Int32Array;
  c1: Int32Array;
  /** Cells touched by each territory's edges: `pairCells[pairStart[t] .. pairStart[t+1]]`. */
  pairCells: Int32Array;
  pairStart: Int32Array;
  /** 1 for cells touched by any edge. */
  mixed: Uint8Array;
  /** Scratch of cellCount Int32 left for the next steps. */
  stamp: Int32Array;
}

function buildBands(edges: Float64Array, edgeStart: Int32Array, n: number, g: Grid): Bands {
  const { minX, minY, cols, rows, scaleX, scaleY } = g;
  const cellCount = cols * rows;
  const stamp = new Int32Array(cellCount);
  const mixed = new Uint8Array(cellCount);
  const pairCells = new GrowI32(1 << 16);
  const pairStart = new Int32Array(n + 1);
  const row0 = new Int32Array(n);
  const base = new Int32Array(n + 1);
  const offsets = new GrowI32();
  const bandEdge = new GrowI32(1 << 16);
  const bandC0 = new GrowI32(1 << 16);
  const bandC1 = new GrowI32(1 << 16);
  const spans = new GrowI32();
  const quads = new GrowI32(); // (edge, row, c0, c1) of the current territory
  let rowCursor = new Int32Array(64);

  for (let t = 0; t < n; t++) {
    pairStart[t] = pairCells.len;
    base[t] = offsets.len;
    const e0 = edgeStart[t]!;
    const e1 = edgeStart[t + 1]!;
    if (e0 === e1) continue;
    quads.len = 0;
    let rMin = rows;
    let rMax = -1;
    for (let e = e0; e < e1; e++) {
      spans.len = 0;
      edgeSpans(
        (edges[e * 4]! - minX) * scaleX,
        (edges[e * 4 + 1]! - minY) * scaleY,
        (edges[e * 4 + 2]! - minX) * scaleX,
        (edges[e * 4 + 3]! - minY) * scaleY,
        rows - 1,
        cols - 1,
        g.errX,
        g.errY,
        spans,
      );
      const sp = spans.buf;
      quads.reserve((spans.len / 3) * 4);
      for (let k = 0; k < spans.len; k += 3) {
        const r = sp[k]!;
        if (r < rMin) rMin = r;
        if (r > rMax) rMax = r;
        quads.push(e);
        quads.push(r);
        quads.push(sp[k + 1]!);
        quads.push(sp[k + 2]!);
      }
    }
    // counting sort of the quads by row → bands
    const rowCount = rMax - rMin + 1;
    row0[t] = rMin;
    if (rowCursor.length < rowCount + 1) rowCursor = new Int32Array(rowCount * 2 + 1);
    rowCursor.fill(0, 0, rowCount + 1);
    const q = quads.buf;
    for (let k = 0; k < quads.len; k += 4) rowCursor[q[k + 1]! - rMin + 1]!++;
    const entryBase = bandEdge.len;
    for (let i = 0; i < rowCount; i++) {
      rowCursor[i + 1] = rowCursor[i + 1]! + rowCursor[i]!;
      offsets.push(entryBase + rowCursor[i]!);
    }
    const entries = quads.len >> 2;
    bandEdge.reserve(entries);
    bandC0.reserve(entries);
    bandC1.reserve(entries);
    bandEdge.len += entries;
    bandC0.len += entries;
    bandC1.len += entries;
    const tMark = t + 1;
    for (let k = 0; k < quads.len; k += 4) {
      const r = q[k + 1]!;
      const c0 = q[k + 2]!;
      const c1 = q[k + 3]!;
      const slot = entryBase + rowCursor[r - rMin]!++;
      bandEdge.buf[slot] = q[k]!;
      bandC0.buf[slot] = c0;
      bandC1.buf[slot] = c1;
      const rowBase = r * cols;
      for (let c = c0; c <= c1; c++) {
        const cell = rowBase + c;
        if (stamp[cell] !== tMark) {
          stamp[cell] = tMark;
          mixed[cell] = 1;
          pairCells.push(cell);
        }
      }
    }
  }
  pairStart[n] = pairCells.len;
  base[n] = offsets.len;
  offsets.push(bandEdge.len);
  return {
    row0,
    base,
    offsets: offsets.buf,
    edge: bandEdge.buf,
    c0: bandC0.buf,
    c1: bandC1.buf,
    pairCells: pairCells.buf,
    pairStart,
    mixed,
    stamp,
  };
}

/**
 * Scanline coverage: a cell holding none of t's edges whose centre is inside t (even-odd over
 * all t's rings, at the row's centre line) lies wholly inside t. Pure cells keep the best
 * priority in `best`; covered mixed cells are returned as (cell, t) pairs.
 */
function computeCoverage(
  edges: Float64Array,
  bands: Bands,
  g: Grid,
  n: number,
  priority: Int32Array,
  best: Int32Array,
): { cells: Int32Array; ts: Int32Array; count: number } {
  const { minX, minY, cols, scaleX, scaleY } = g;
  const lastCol = cols - 1;
  const { stamp, mixed, pairCells, pairStart, offsets } = bands;
  const coverCells = new GrowI32();
  const coverTs = new GrowI32();
  let xs = new Float64Array(64);
  for (let t = 0; t < n; t++) {
    const p0 = pairStart[t]!;
    const p1 = pairStart[t + 1]!;
    if (p0 === p1) continue;
    const tMark = t + 1;
    for (let p = p0; p < p1; p++) stamp[pairCells[p]!] = tMark;
    const rMin = bands.row0[t]!;
    const b0 = bands.base[t]!;
    const rowCount = bands.base[t + 1]! - b0;
    const tPriority = priority[t]!;
    for (let i = 0; i < rowCount; i++) {
      const r = rMin + i;
      const yc = r + 0.5;
      let count = 0;
      for (let k = offsets[b0 + i]!, end = offsets[b0 + i + 1]!; k < end; k++) {
        const e = bands.edge[k]! * 4;
        const gy1 = (edges[e + 1]! - minY) * scaleY;
        const gy2 = (edges[e + 3]! - minY) * scaleY;
        if (gy1 > yc === gy2 > yc) continue;
        const gx1 = (edges[e]! - minX) * scaleX;
        const gx2 = (edges[e + 2]! - minX) * scaleX;
        if (count === xs.length) {
          const next = new Float64Array(count * 2);
          next.set(xs);
          xs = next;
        }
        xs[count++] = gx1 + ((yc - gy1) * (gx2 - gx1)) / (gy2 - gy1);
      }
      if (count < 2) continue;
      const sorted = xs.subarray(0, count).sort();
      const rowBase = r * cols;
      for (let j = 0; j + 1 < count; j += 2) {
        const c0 = Math.max(0, Math.ceil(sorted[j]! - 0.5));
        const c1 = Math.min(lastCol, Math.floor(sorted[j + 1]! - 0.5));
        for (let c = c0; c <= c1; c++) {
          const cell = rowBase + c;
          if (stamp[cell] === tMark) continue;
          if (mixed[cell] === 1) {
            coverCells.push(cell);
            coverTs.push(t);
          } else if (tPriority < best[cell]!) {
            best[cell] = tPriority;
          }
        }
      }
    }
  }
  return { cells: coverCells.buf, ts: coverTs.buf, count: coverCells.len };
}

/** Candidates per block group: bit masks stay within 30 bits of an int32. */
const GROUP_SIZE = 30;
/** `next` of a block group that is followed by another group. */
const CONTINUE = -2;

const TOUCHED = 1;
const INSIDE = 2;
const OUTSIDE = 3;

/**
 * Splits one mixed cell into SUBDIVISION² sub-cells and writes their values and blocks.
 * Holds the scratch buffers so that building allocates little per cell.
 */
class Subdivider {
  /** Records of subdivided cells (see TerritoryIndex.subRecords). */
  readonly records = new GrowI32(1 << 16);
  readonly data = new GrowF64(1 << 16);
  private testList = new Int32Array(64);
  private readonly groupEdges = new GrowF64(256);
  private readonly groupBreakYs = new GrowF64(256);
  private readonly groupBreakMasks = new GrowI32(256);
  private readonly k = SUBDIVISION;
  private readonly kk = SUBDIVISION * SUBDIVISION;
  private readonly values = new Int32Array(SUBDIVISION * SUBDIVISION);
  private readonly lastFineRow: number;
  // per candidate of the current cell
  private readonly candT = new GrowI32(64);
  private readonly eStart = new GrowI32(64); // into eCoords (edges), per candidate + 1
  private readonly lStart = new GrowI32(64); // into lYs (pairs), per candidate + 1
  private readonly eCoords = new GrowF64(1024); // x1, y1, x2, y2 of edges touching the cell
  private readonly lYs = new GrowF64(1024); // y1, y2 of edges left of the cell in its row
  private readonly tupleStart = new GrowI32(64); // per (candidate, sub-row) + 1
  private readonly tuples = new GrowI32(1024); // (edge position, c0, c1) sorted by sub-row
  private readonly lBreakStart = new GrowI32(64); // per (candidate, sub-row) + 1
  private readonly lBreaks = new GrowF64(1024); // folded break points of the left edges
  private readonly lParity = new GrowI32(64); // per (candidate, sub-row)
  private status = new Uint8Array(64 * 8);
  private readonly spans = new GrowI32(64);
  private readonly rawTuples = new GrowI32(1024);
  private readonly lBreaksScratch = new GrowF64(64);
  private readonly subRowCounts = new Int32Array(SUBDIVISION);
  private readonly leftEnds = new GrowI32(256);
  private readonly blocksByHash = new Map<number, number>();
  private readonly hashBits = new Float64Array(1);
  private readonly hashWords = new Uint32Array(this.hashBits.buffer);
  /** Fine row of sub-row 0 of the cell being subdivided. */
  private rowBase = 0;

  constructor(
    private readonly edges: Float64Array,
    private readonly g: Grid,
    private readonly bands: Bands,
    private readonly order: Int32Array,
  ) {
    this.lastFineRow = g.rows * SUBDIVISION - 1;
  }

  /** The cell's value: a territory or -1 when all its sub-cells agree, else -2 - record offset. */
  subdivide(r: number, c: number, codes: Int32Array, from: number, to: number): number {
    const { k, kk, edges, bands, order } = this;
    const { minX, minY, scaleX, scaleY } = this.g;
    // 1. candidates: edges touching the cell, edges left of it in the row
    this.candT.len = 0;
    this.eStart.len = 0;
    this.lStart.len = 0;
    this.eCoords.len = 0;
    this.lYs.len = 0;
    let certainT = -1;
    for (let q = from; q < to; q++) {
      const code = codes[q]!;
      const t = order[code >> 1]!;
      if ((code & 1) === 1) {
        certainT = t;
        break;
      }
      this.candT.push(t);
      this.eStart.push(this.eCoords.len >> 2);
      this.lStart.push(this.lYs.len >> 1);
      const band = bands.base[t]! + r - bands.row0[t]!;
      for (let p = bands.offsets[band]!, end = bands.offsets[band + 1]!; p < end; p++) {
        if (c < bands.c0[p]!) continue; // right of the cell in this row: never crosses
        const e = bands.edge[p]! * 4;
        if (c <= bands.c1[p]!) {
          this.eCoords.push(edges[e]!);
          this.eCoords.push(edges[e + 1]!);
          this.eCoords.push(edges[e + 2]!);
          this.eCoords.push(edges[e + 3]!);
        } else if (edges[e + 1]! !== edges[e + 3]!) {
          this.lYs.push(edges[e + 1]!);
          this.lYs.push(edges[e + 3]!);
        }
      }
    }
    const J = this.candT.len;
    if (this.testList.length < J) this.testList = new Int32Array(J * 2);
    this.eStart.push(this.eCoords.len >> 2);
    this.lStart.push(this.lYs.len >> 1);
    if (this.status.length < J * kk) this.status = new Uint8Array(J * kk * 2);
    const status = this.status;
    status.fill(0, 0, J * kk);

    // 2. per candidate: sub-cell raster of its edges (tuples by sub-row), left-edge folds
    this.tupleStart.len = 0;
    this.tuples.len = 0;
    this.lBreakStart.len = 0;
    this.lBreaks.len = 0;
    this.lParity.len = 0;
    const ec = this.eCoords.buf;
    const errXf = this.g.errX * k;
    const errYf = this.g.errY * k;
    const ck = c * k;
    const rk = r * k;
    this.rowBase = rk;
    for (let j = 0; j < J; j++) {
      const p0 = this.eStart.buf[j]!;
      const p1 = this.eStart.buf[j + 1]!;
      this.rawTuples.len = 0;
      for (let p = p0; p < p1; p++) {
        this.spans.len = 0;
        edgeSpans(
          (ec[p * 4]! - minX) * scaleX * k - ck,
          (ec[p * 4 + 1]! - minY) * scaleY * k - rk,
          (ec[p * 4 + 2]! - minX) * scaleX * k - ck,
          (ec[p * 4 + 3]! - minY) * scaleY * k - rk,
          k - 1,
          k - 1,
          errXf,
          errYf,
          this.spans,
        );
        const sp = this.spans.buf;
        for (let s = 0; s < this.spans.len; s += 3) {
          const sr = sp[s]!;
          const c0 = sp[s + 1]!;
          const c1 = sp[s + 2]!;
          this.rawTuples.push(p);
          this.rawTuples.push(sr);
          this.rawTuples.push(c0);
          this.rawTuples.push(c1);
          for (let sc = c0; sc <= c1; sc++) status[j * kk + sr * k + sc] = TOUCHED;
        }
      }
      // bucket by sub-row
      const raw = this.rawTuples.buf;
      for (let sr = 0; sr < k; sr++) {
        this.tupleStart.push(this.tuples.len);
        for (let s = 0; s < this.rawTuples.len; s += 4) {
          if (raw[s + 1] !== sr) continue;
          this.tuples.push(raw[s]!);
          this.tuples.push(raw[s + 2]!);
          this.tuples.push(raw[s + 3]!);
        }
      }
      this.foldLeftEdges(j, rk, r === this.g.rows - 1);
    }
    this.tupleStart.push(this.tuples.len);
    this.lBreakStart.push(this.lBreaks.len);

    // 3. status of untouched sub-cells: exact test at the centre, once per run of a sub-row
    const invScaleX = scaleX > 0 ? 1 / scaleX : 0;
    const invScaleY = scaleY > 0 ? 1 / scaleY : 0;
    for (let j = 0; j < J; j++) {
      for (let sr = 0; sr < k; sr++) {
        let run = 0;
        const y = minY + (r + (sr + 0.5) / k) * invScaleY;
        for (let sc = 0; sc < k; sc++) {
          const s = j * kk + sr * k + sc;
          if (status[s] === TOUCHED) {
            run = 0;
            continue;
          }
          if (run === 0) {
            const x = minX + (c + (sc + 0.5) / k) * invScaleX;
            run = this.containsAt(j, sr, x, y) ? INSIDE : OUTSIDE;
          }
          status[s] = run;
        }
      }
    }

    // 4. values (pure territory, -1, or a block) and the cell's byte grid + entry table
    let uniform = true;
    for (let sr = 0; sr < k; sr++) {
      for (let sc = 0; sc < k; sc++) {
        const cellIdx = sr * k + sc;
        let tests = 0;
        let certain = certainT;
        for (let j = 0; j < J; j++) {
          const st = status[j * kk + cellIdx];
          if (st === INSIDE) {
            certain = this.candT.buf[j]!;
            break;
          }
          if (st === TOUCHED) this.testList[tests++] = j;
        }
        const value = tests === 0 ? certain : -2 - this.writeBlock(tests, sr, sc, certain);
        this.values[cellIdx] = value;
        if (value !== this.values[0]) uniform = false;
      }
    }
    if (uniform && this.values[0]! >= -1) return this.values[0]!;
    const record = this.records.len;
    const codeWords = kk >> 2;
    this.records.reserve(codeWords);
    this.records.buf.fill(0, record, record + codeWords);
    this.records.len += codeWords;
    const tableBase = this.records.len;
    let lastValue = -1;
    let lastCode = 0;
    for (let i = 0; i < kk; i++) {
      const value = this.values[i]!;
      if (value === -1) continue;
      let code = value === lastValue ? lastCode : 0;
      // entries are few (≤ 64): a linear search keeps equal values on one code
      for (let e = tableBase; code === 0 && e < this.records.len; e++) {
        if (this.records.buf[e] === value) code = e - tableBase + 1;
      }
      if (code === 0) {
        this.records.push(value);
        code = this.records.len - tableBase;
      }
      lastValue = value;
      lastCode = code;
      const word = record + (i >> 2);
      this.records.buf[word] = this.records.buf[word]! | (code << ((i & 3) << 3));
    }
    return -2 - record;
  }

  /**
   * Break point y of an edge lying left of the (sub-)cell, for points of fine row
   * `fineRow`: returns 1 when y is below every such point (the edge end always counts), 0
   * otherwise, pushing y to `out` when it may fall within the row. Grid y is a monotone
   * function of y and fine rows are exact multiples, so the comparisons are exact.
   */
  private fold(y: number, fineRow: number, out: GrowF64): number {
    const fy = (y - this.g.minY) * this.g.scaleY * this.k;
    if (fy < fineRow) return 1;
    if (fy < fineRow + 1 || fineRow === this.lastFineRow) out.push(y);
    return 0;
  }

  /**
   * Folds the ends of candidate j's edges lying left of the cell into each sub-row: an end
   * in a fine row below the sub-row always counts (parity), one in the sub-row is a break
   * point, one above never counts — except in the grid's last fine row, whose points may lie
   * (by rounding) above it. Grid y is a monotone function of y and fine rows are exact
   * integers, so every comparison is exact. Appends k buckets to lBreaks / lParity.
   */
  private foldLeftEdges(j: number, rk: number, lastRow: boolean): void {
    const k = this.k;
    const { minY, scaleY } = this.g;
    const counts = this.subRowCounts;
    counts.fill(0);
    const ends = this.leftEnds;
    ends.len = 0;
    let always = 0;
    const ys = this.lYs.buf;
    for (let p = this.lStart.buf[j]! * 2, end = this.lStart.buf[j + 1]! * 2; p < end; p++) {
      const y = ys[p]!;
      const fy = (y - minY) * scaleY * k;
      if (fy < rk) {
        always ^= 1;
        continue;
      }
      let sr = Math.floor(fy) - rk;
      if (sr >= k) {
        if (!lastRow) continue;
        sr = k - 1;
      }
      counts[sr]!++;
      ends.push(sr);
      ends.push(p);
    }
    let parity = always;
    for (let sr = 0; sr < k; sr++) {
      this.lBreakStart.push(this.lBreaks.len);
      this.lParity.push(parity);
      for (let q = 0; q < ends.len; q += 2) if (ends.buf[q] === sr) this.lBreaks.push(ys[ends.buf[q + 1]!]!);
      parity ^= counts[sr]! & 1;
    }
  }

  /** Exact test of candidate j at a point of sub-row sr of the current cell. */
  private containsAt(j: number, sr: number, x: number, y: number): boolean {
    const crossing = crossEdges(this.eCoords.buf, this.eStart.buf[j]! * 4, this.eStart.buf[j + 1]! * 4, x, y);
    if (crossing === ON_BOUNDARY) return true;
    let inside = crossing ^ this.lParity.buf[j * this.k + sr]!;
    const bucket = j * this.k + sr;
    const breaks = this.lBreaks.buf;
    for (let q = this.lBreakStart.buf[bucket]!, end = this.lBreakStart.buf[bucket + 1]!; q < end; q++) {
      if (breaks[q]! <= y) inside ^= 1;
    }
    return inside === 1;
  }

  /**
   * Writes the block of sub-cell (sr, sc) for the test candidates `testList[0..tests)` (in
   * priority order), in groups of at most GROUP_SIZE; returns its offset in `data`.
   */
  private writeBlock(tests: number, sr: number, sc: number, certain: number): number {
    const start = this.data.len;
    for (let g0 = 0; g0 < tests; g0 += GROUP_SIZE) {
      const g1 = Math.min(tests, g0 + GROUP_SIZE);
      this.writeGroup(g0, g1, sr, sc, g1 === tests ? certain : CONTINUE);
    }
    return this.dedupe(start);
  }

  /**
   * Neighbouring sub-cells along one border usually get identical blocks (same candidates,
   * same edge, same left context): keep one copy. Returns the offset of the block written at
   * `start`, or of an identical earlier one (then the new copy is dropped).
   */
  private dedupe(start: number): number {
    const data = this.data.buf;
    const end = this.data.len;
    const bits = this.hashBits;
    const words = this.hashWords;
    let h = 0x811c9dc5 ^ (end - start);
    for (let i = start; i < end; i++) {
      bits[0] = data[i]!;
      h = Math.imul(h ^ words[0]!, 0x01000193);
      h = Math.imul(h ^ words[1]!, 0x01000193);
    }
    const other = this.blocksByHash.get(h);
    if (other !== undefined && other + (end - start) <= start) {
      let equal = true;
      for (let i = 0; i < end - start; i++) {
        if (!Object.is(data[other + i], data[start + i])) {
          equal = false;
          break;
        }
      }
      if (equal) {
        this.data.len = start;
        return other;
      }
      // a hash collision only costs a missed dedupe; keep the first block for this hash
      return start;
    }
    this.blocksByHash.set(h, start);
    return start;
  }

  /**
   * One group: `edgeCount, breakCount, candidateCount, baseMask, next, t × candidateCount,
   * (x1, y1, x2, y2, mask) × edgeCount, (y, mask) × breakCount`. Bit b of a mask stands for
   * the group's b-th candidate: an edge shared by several candidates (a common border) is
   * stored and tested once. `next` is the territory covering the rest of the sub-cell, -1,
   * or CONTINUE (another group follows).
   */
  private writeGroup(g0: number, g1: number, sr: number, sc: number, next: number): void {
    const data = this.data;
    const ec = this.eCoords.buf;
    const tuples = this.tuples.buf;
    const fineRow = this.rowBase + sr;
    const edgeList = this.groupEdges;
    const breakYs = this.groupBreakYs;
    const breakMasks = this.groupBreakMasks;
    edgeList.len = 0;
    breakYs.len = 0;
    breakMasks.len = 0;
    let baseMask = 0;
    const folded = this.lBreaksScratch;
    for (let b = 0; b < g1 - g0; b++) {
      const j = this.testList[g0 + b]!;
      const bit = 1 << b;
      const bucket = j * this.k + sr;
      let parity = this.lParity.buf[bucket]!;
      folded.len = 0;
      for (let q = this.tupleStart.buf[bucket]!, end = this.tupleStart.buf[bucket + 1]!; q < end; q += 3) {
        const p = tuples[q]!;
        if (sc < tuples[q + 1]!) continue; // right of the sub-cell
        const x1 = ec[p * 4]!;
        const y1 = ec[p * 4 + 1]!;
        const x2 = ec[p * 4 + 2]!;
        const y2 = ec[p * 4 + 3]!;
        if (sc <= tuples[q + 2]!) {
          this.addEdge(x1, y1, x2, y2, bit);
        } else if (y1 !== y2) {
          parity ^= this.fold(y1, fineRow, folded);
          parity ^= this.fold(y2, fineRow, folded);
        }
      }
      for (let q = this.lBreakStart.buf[bucket]!, end = this.lBreakStart.buf[bucket + 1]!; q < end; q++) {
        folded.push(this.lBreaks.buf[q]!);
      }
      if (parity === 1) baseMask |= bit;
      for (let q = 0; q < folded.len; q++) {
        breakYs.push(folded.buf[q]!);
        breakMasks.push(bit);
      }
    }
    // sort break points by y, merging equal ones (their masks xor)
    const bn = breakYs.len;
    const by = breakYs.buf;
    const bm = breakMasks.buf;
    for (let i = 1; i < bn; i++) {
      const y = by[i]!;
      const m = bm[i]!;
      let q = i - 1;
      while (q >= 0 && by[q]! > y) {
        by[q + 1] = by[q]!;
        bm[q + 1] = bm[q]!;
        q--;
      }
      by[q + 1] = y;
      bm[q + 1] = m;
    }
    let merged = 0;
    for (let i = 0; i < bn; i++) {
      if (merged > 0 && by[merged - 1] === by[i]) {
        bm[merged - 1] = bm[merged - 1]! ^ bm[i]!;
        if (bm[merged - 1] === 0) merged--;
      } else {
        by[merged] = by[i]!;
        bm[merged] = bm[i]!;
        merged++;
      }
    }
    const edgeCount = edgeList.len / 5;
    data.reserve(5 + (g1 - g0) + edgeList.len + merged * 2);
    data.push(edgeCount);
    data.push(merged);
    data.push(g1 - g0);
    data.push(baseMask);
    data.push(next);
    for (let b = g0; b < g1; b++) data.push(this.candT.buf[this.testList[b]!]!);
    for (let i = 0; i < edgeList.len; i++) data.push(edgeList.buf[i]!);
    for (let i = 0; i < merged; i++) {
      data.push(by[i]!);
      data.push(bm[i]!);
    }
  }

  /** Adds an edge to the current group, sharing the entry of an equal edge of another candidate. */
  private addEdge(x1: number, y1: number, x2: number, y2: number, bit: number): void {
    // orientation does not change the crossing rule's answer: store edges normalised
    if (x2 < x1 || (x2 === x1 && y2 < y1)) {
      const tx = x1;
      const ty = y1;
      x1 = x2;
      y1 = y2;
      x2 = tx;
      y2 = ty;
    }
    const list = this.groupEdges;
    const e = list.buf;
    for (let i = 0; i < list.len; i += 5) {
      // an edge repeated within one territory is kept twice: its crossings cancel out
      if (e[i] === x1 && e[i + 1] === y1 && e[i + 2] === x2 && e[i + 3] === y2 && ((e[i + 4]! | 0) & bit) === 0) {
        e[i + 4] = (e[i + 4]! | 0) | bit;
        return;
      }
    }
    list.reserve(5);
    list.push(x1);
    list.push(y1);
    list.push(x2);
    list.push(y2);
    list.push(bit);
  }
}

function emptyIndex(territoryCount: number): TerritoryIndex {
  return {
    territoryCount,
    minX: Infinity,
    minY: Infinity,
    maxX: -Infinity,
    maxY: -Infinity,
    cols: 0,
    rows: 0,
    scaleX: 0,
    scaleY: 0,
    subdivision: SUBDIVISION,
    cells: new Int32Array(0),
    subRecords: new Int32Array(0),
    cellData: new Float64Array(0),
  };
}

/**
 * Builds the spatial index for one set of territories. Call it when the set changes (a
 * territory drawn, edited, re-ranked or deleted), then answer any number of points with
 * `assignPoints` / `locatePoint`. Cost is roughly linear in edges + grid cells (US counties,
 * ≈3.2k territories and 65k edges: a few hundred ms; a plan of 50 hand-drawn territories:
 * a few ms). The input is not retained; results are indexes into `territories` as passed.
 */
export function buildTerritoryIndex(
  territories: readonly AssignableTerritory[],
  opts: TerritoryIndexOptions = {},
): TerritoryIndex {
  const n = territories.length;
  const { edges, edgeStart, edgeCount } = prepareEdges(territories.map((t) => t.geometry));
  if (edgeCount === 0) return emptyIndex(n);
  const g = makeGrid(edges, edgeCount, opts.targetCells ?? defaultTargetCells(edgeCount));
  const cellCount = g.cols * g.rows;

  const order = priorityOrder(territories);
  const priority = new Int32Array(n);
  for (let p = 0; p < n; p++) priority[order[p]!] = p;

  const bands = buildBands(edges, edgeStart, n, g);
  const best = new Int32Array(cellCount).fill(NO_PRIORITY);
  const cover = computeCoverage(edges, bands, g, n, priority, best);

  // Candidates of each mixed cell: priority * 2 (+1 when the territory covers the cell).
  const { mixed, pairCells, pairStart } = bands;
  const mixedId = bands.stamp; // reused: mixed cell → dense id
  let mixedCount = 0;
  for (let cell = 0; cell < cellCount; cell++) mixedId[cell] = mixed[cell] === 1 ? mixedCount++ : -1;
  const counts = new Int32Array(mixedCount + 1);
  for (let p = 0; p < pairStart[n]!; p++) counts[mixedId[pairCells[p]!]! + 1]!++;
  for (let p = 0; p < cover.count; p++) counts[mixedId[cover.cells[p]!]! + 1]!++;
  for (let m = 0; m < mixedCount; m++) counts[m + 1] = counts[m + 1]! + counts[m]!;
  const codes = new Int32Array(counts[mixedCount]!);
  const cursor = counts.slice(0, mixedCount);
  for (let t = 0; t < n; t++) {
    const code = priority[t]! * 2;
    for (let p = pairStart[t]!; p < pairStart[t + 1]!; p++) codes[cursor[mixedId[pairCells[p]!]!]!++] = code;
  }
  for (let p = 0; p < cover.count; p++) {
    codes[cursor[mixedId[cover.cells[p]!]!]!++] = priority[cover.ts[p]!]! * 2 + 1;
  }

  // Final cells: pure values in place of `best`, mixed cells subdivided.
  const cells = best;
  const subdivider = new Subdivider(edges, g, bands, order);
  for (let cell = 0; cell < cellCount; cell++) {
    const m = mixedId[cell]!;
    if (m < 0) {
      const pr = best[cell]!;
      cells[cell] = pr === NO_PRIORITY ? -1 : order[pr]!;
      continue;
    }
    const s = counts[m]!;
    const e = counts[m + 1]!;
    insertionSort(codes, s, e);
    if ((codes[s]! & 1) === 1) {
      cells[cell] = order[codes[s]! >> 1]!; // best candidate covers the whole cell
      continue;
    }
    const r = (cell / g.cols) | 0;
    const c = cell - r * g.cols;
    cells[cell] = subdivider.subdivide(r, c, codes, s, e);
  }

  return {
    territoryCount: n,
    minX: g.minX,
    minY: g.minY,
    maxX: g.maxX,
    maxY: g.maxY,
    cols: g.cols,
    rows: g.rows,
    scaleX: g.scaleX,
    scaleY: g.scaleY,
    subdivision: SUBDIVISION,
    cells,
    subRecords: subdivider.records.toArray(),
    cellData: subdivider.data.toArray(),
  };
}
