/**
 * The parts of the incremental stats engine (planEngine.ts): per-store columns, per-slot sums
 * accumulated in store order (what makes them bit-identical to computeTerritoryStats), the
 * grid over store positions and banded outlines with the assignment engine's exact test.
 */
import { ON_BOUNDARY, crossEdges } from '../assignment/cellTest';
import { prepareEdges } from '../assignment/prepareEdges';
import { isStoreList, marketFromStores, type Codes, type Market, type StoreSource } from '../market';
import type { Territory, TerritoryGeometry, TerritoryId } from '../types';
import { computeBalance } from './balance';
import { newCustomerWindow } from './isoDate';
import { statsRow, type TerritoryStatsRow } from './territoryStats';
// ---------------------------------------------------------------------------------------
// Per-store columns and per-slot sums (the exact arithmetic of computeTerritoryStats)

export const STATUS_OTHER = 0;
export const STATUS_CUSTOMER = 1;
export const STATUS_PROSPECT = 2;
export const STATUS_LOST = 3;

/**
 * Per-store values, as computeTerritoryStats reads them (non-finite money → 0). They are the
 * market's own columns wherever they can be: coordinates always, money when every value is
 * finite (the usual case), status and customer-since as the market's codes with a small
 * table per dictionary value. A million stores then cost the engine nothing but the copies
 * a market with non-finite money needs.
 */
export interface StoreColumns {
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  readonly revenue: Float64Array;
  readonly prior: Float64Array;
  readonly potential: Float64Array;
  /** Per store, a code into `statusOf`. */
  readonly statusCode: Codes;
  /** Per status code: STATUS_CUSTOMER, STATUS_PROSPECT, STATUS_LOST or STATUS_OTHER. */
  readonly statusOf: Uint8Array;
  /** Per store, a code into `freshOf`. */
  readonly sinceCode: Codes;
  /** Per customer-since code: 1 when a customer since then is new at the reference date. */
  readonly freshOf: Uint8Array;
}

export const finite = (v: number): number => (Number.isFinite(v) ? v : 0);

export function storeColumns(stores: StoreSource, referenceDate: Date): StoreColumns {
  return marketColumns(isStoreList(stores) ? marketFromStores(stores) : stores, referenceDate);
}

/** The column itself when every value is finite, else a copy with 0 for the others. */
function finiteColumn(c: Float64Array): Float64Array {
  for (let i = 0; i < c.length; i++) {
    if (!Number.isFinite(c[i]!)) return c.map(finite);
  }
  return c;
}

function marketColumns(m: Market, referenceDate: Date): StoreColumns {
  const [from, to] = newCustomerWindow(referenceDate);
  const statusOf = Uint8Array.from(m.status.values, (v) => (v === 'customer' ? STATUS_CUSTOMER : v === 'prospect' ? STATUS_PROSPECT : v === 'lost' ? STATUS_LOST : STATUS_OTHER));
  const freshOf = Uint8Array.from(m.customerSince.values, (v) => {
    if (v === null) return 0;
    const d = v.length > 10 ? v.slice(0, 10) : v;
    return d >= from && d <= to ? 1 : 0;
  });
  return {
    lng: m.lng,
    lat: m.lat,
    revenue: finiteColumn(m.revenue),
    prior: finiteColumn(m.priorRevenue),
    potential: finiteColumn(m.potential),
    statusCode: m.status.codes,
    statusOf,
    sinceCode: m.customerSince.codes,
    freshOf,
  };
}

/** Sums per slot: territories 0…n−1, slot n = Unassigned. */
export interface SlotSums {
  readonly count: Float64Array;
  readonly customers: Float64Array;
  readonly prospects: Float64Array;
  readonly lost: Float64Array;
  readonly revenue: Float64Array;
  readonly prior: Float64Array;
  readonly potential: Float64Array;
  readonly whitespace: Float64Array;
  readonly fresh: Float64Array;
}
export const SUM_KEYS = ['count', 'customers', 'prospects', 'lost', 'revenue', 'prior', 'potential', 'whitespace', 'fresh'] as const;

export function emptySums(slots: number): SlotSums {
  return Object.fromEntries(SUM_KEYS.map((k) => [k, new Float64Array(slots)])) as unknown as SlotSums;
}

export function copySums(s: SlotSums): SlotSums {
  return Object.fromEntries(SUM_KEYS.map((k) => [k, s[k].slice()])) as unknown as SlotSums;
}

/**
 * Adds every store, in store order, to its slot (assignment −1 or out of range → slot n),
 * when `only` is null or flags that slot. Zeroes the flagged slots first. Store order per
 * slot is what makes the sums bit-identical to computeTerritoryStats.
 */
export function accumulate(cols: StoreColumns, assignment: Int32Array, n: number, sums: SlotSums, only: Uint8Array | null): void {
  const { count, customers, prospects, lost, revenue, prior, potential, whitespace, fresh } = sums;
  if (only) {
    for (let t = 0; t <= n; t++) {
      if (only[t]) for (const k of SUM_KEYS) sums[k][t] = 0;
    }
  }
  const { statusCode, statusOf, sinceCode, freshOf } = cols;
  for (let i = 0, len = assignment.length; i < len; i++) {
    let t = assignment[i]!;
    if (!(t >= 0 && t < n)) t = n;
    if (only && only[t] === 0) continue;
    count[t]! += 1;
    const r = cols.revenue[i]!;
    const pot = cols.potential[i]!;
    revenue[t]! += r;
    prior[t]! += cols.prior[i]!;
    potential[t]! += pot;
    if (pot > r) whitespace[t]! += pot - r;
    const st = statusOf[statusCode[i]!]!;
    if (st === STATUS_CUSTOMER) {
      customers[t]! += 1;
      if (freshOf[sinceCode[i]!]) fresh[t]! += 1;
    } else if (st === STATUS_PROSPECT) {
      prospects[t]! += 1;
    } else if (st === STATUS_LOST) {
      lost[t]! += 1;
    }
  }
}

export function makeRow(territoryId: TerritoryId | null, s: SlotSums, k: number, balanceDeviation: number | null): TerritoryStatsRow {
  return statsRow(
    territoryId,
    s.count[k]!, s.customers[k]!, s.prospects[k]!, s.lost[k]!,
    s.revenue[k]!, s.prior[k]!, s.potential[k]!, s.whitespace[k]!, s.fresh[k]!,
    balanceDeviation,
  );
}

/** The stats table, exactly as computeTerritoryStats shapes it. */
export interface StatsRows {
  /** One row per territory, in the order of the state's territories. */
  readonly rows: readonly TerritoryStatsRow[];
  readonly unassigned: TerritoryStatsRow;
  readonly totals: TerritoryStatsRow;
}

export function buildRows(territories: readonly Pick<Territory, 'id'>[], sums: SlotSums): StatsRows {
  const n = territories.length;
  const balance = computeBalance(sums.revenue.subarray(0, n));
  const rows: TerritoryStatsRow[] = new Array(n);
  for (let k = 0; k < n; k++) rows[k] = makeRow(territories[k]!.id, sums, k, balance.deviations[k]!);
  const unassigned = makeRow(null, sums, n, null);
  const totalSums = emptySums(1);
  for (const key of SUM_KEYS) {
    let total = 0;
    for (let k = 0; k <= n; k++) total += sums[key][k]!;
    totalSums[key][0] = total;
  }
  return { rows, unassigned, totals: makeRow(null, totalSums, 0, null) };
}

// ---------------------------------------------------------------------------------------
// Geometry path

/** Grid over the stores' positions (CSR), for "stores in this box" queries. */
export interface StoreGrid {
  readonly minX: number;
  readonly minY: number;
  readonly cols: number;
  readonly rows: number;
  readonly cellW: number;
  readonly cellH: number;
  readonly start: Int32Array;
  readonly items: Int32Array;
}

export const STORES_PER_CELL = 16;

export function buildStoreGrid(cols: StoreColumns): StoreGrid {
  const n = cols.lng.length;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, usable = 0;
  for (let i = 0; i < n; i++) {
    const x = cols.lng[i]!;
    const y = cols.lat[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    usable++;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (usable === 0) {
    return { minX: 0, minY: 0, cols: 1, rows: 1, cellW: 1, cellH: 1, start: new Int32Array(2), items: new Int32Array(0) };
  }
  const width = Math.max(maxX - minX, 1e-9);
  const height = Math.max(maxY - minY, 1e-9);
  const target = Math.max(1, Math.min(1 << 22, Math.ceil(usable / STORES_PER_CELL)));
  const side = Math.sqrt((width * height) / target);
  const gc = Math.max(1, Math.min(target, Math.round(width / side)));
  const gr = Math.max(1, Math.min(Math.floor((1 << 22) / gc), Math.round(height / side)));
  const cellW = width / gc;
  const cellH = height / gr;
  const cellOf = new Int32Array(n).fill(-1);
  const start = new Int32Array(gc * gr + 1);
  for (let i = 0; i < n; i++) {
    const x = cols.lng[i]!;
    const y = cols.lat[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const c = Math.min(gc - 1, Math.floor((x - minX) / cellW));
    const r = Math.min(gr - 1, Math.floor((y - minY) / cellH));
    cellOf[i] = r * gc + c;
    start[r * gc + c + 1]!++;
  }
  for (let k = 0; k < gc * gr; k++) start[k + 1] = start[k + 1]! + start[k]!;
  const cursor = start.slice(0, gc * gr);
  const items = new Int32Array(usable);
  for (let i = 0; i < n; i++) if (cellOf[i]! >= 0) items[cursor[cellOf[i]!]!++] = i;
  return { minX, minY, cols: gc, rows: gr, cellW, cellH, start, items };
}

/** Store indexes with finite coordinates inside [minX, maxX] × [minY, maxY]. */
export function storesInBox(grid: StoreGrid, cols: StoreColumns, box: readonly number[]): number[] {
  const [minX, minY, maxX, maxY] = box as [number, number, number, number];
  const out: number[] = [];
  if (!(minX <= maxX && minY <= maxY)) return out;
  const c0 = Math.max(0, Math.floor((minX - grid.minX) / grid.cellW) - 1);
  const c1 = Math.min(grid.cols - 1, Math.floor((maxX - grid.minX) / grid.cellW) + 1);
  const r0 = Math.max(0, Math.floor((minY - grid.minY) / grid.cellH) - 1);
  const r1 = Math.min(grid.rows - 1, Math.floor((maxY - grid.minY) / grid.cellH) + 1);
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * grid.cols + c;
      for (let k = grid.start[cell]!; k < grid.start[cell + 1]!; k++) {
        const i = grid.items[k]!;
        const x = cols.lng[i]!;
        const y = cols.lat[i]!;
        if (x >= minX && x <= maxX && y >= minY && y <= maxY) out.push(i);
      }
    }
  }
  return out;
}

/**
 * One territory's outline as horizontal bands of edges: a point only needs the edges of its
 * band. Same edges (prepareEdges) and same exact test (crossEdges) as the assignment engine.
 */
export interface BandedShape {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly bands: number;
  readonly bandH: number;
  /** Edges of band b: `data[4 * start[b] .. 4 * start[b + 1]]`. */
  readonly start: Int32Array;
  readonly data: Float64Array;
  /**
   * A raster over the box, `side` × `side` cells (row-major from minX, minY): 0 = wholly
   * outside, 1 = wholly inside, 2 = an edge may cross it (the exact test decides). Most
   * points are answered by their cell. Built once the outline has answered RASTER_AFTER
   * points (a dragged outline answering a few dozen never pays for one); null when empty.
   */
  raster: Raster | null | undefined;
  /** Points answered so far without a raster. */
  queries: number;
  /** The edges (prepareEdges layout), kept until the raster is built. */
  edges: Float64Array | null;
}

export interface Raster {
  readonly side: number;
  readonly cellW: number;
  readonly cellH: number;
  readonly cells: Uint8Array;
}

/** Points an outline answers before it gets its raster. */
const RASTER_AFTER = 2048;

const RASTER_OUT = 0;
const RASTER_IN = 1;
const RASTER_EDGE = 2;

/** Cell of a coordinate along one axis: the same rounding for edges and points. */
function rasterCell(v: number, min: number, cell: number, side: number): number {
  return Math.min(side - 1, Math.max(0, Math.floor((v - min) / cell)));
}

/**
 * Marks every cell an edge may cross, one cell wider on each side than its crossing row by
 * row (so rounding can never leave a crossed cell unmarked), then gives the other cells the
 * exact test's answer at their centre: no edge crosses them, so every point of theirs has it.
 */
function buildRaster(s: BandedShape, edges: Float64Array): Raster {
  const edgeCount = edges.length / 4;
  const side = Math.max(8, Math.min(160, Math.round(Math.sqrt(edgeCount) * 4)));
  const cellW = Math.max(s.maxX - s.minX, 1e-12) / side;
  const cellH = Math.max(s.maxY - s.minY, 1e-12) / side;
  const cells = new Uint8Array(side * side);
  for (let e = 0; e < edgeCount; e++) {
    const x1 = edges[e * 4]!;
    const y1 = edges[e * 4 + 1]!;
    const x2 = edges[e * 4 + 2]!;
    const y2 = edges[e * 4 + 3]!;
    const ya = Math.min(y1, y2);
    const yb = Math.max(y1, y2);
    const xa = Math.min(x1, x2);
    const xb = Math.max(x1, x2);
    const r0 = Math.max(0, rasterCell(ya, s.minY, cellH, side) - 1);
    const r1 = Math.min(side - 1, rasterCell(yb, s.minY, cellH, side) + 1);
    for (let r = r0; r <= r1; r++) {
      let lo = xa;
      let hi = xb;
      if (y1 !== y2) {
        // the edge's x over this row's y-interval (clamped to the edge)
        const ylo = Math.min(yb, Math.max(ya, s.minY + r * cellH));
        const yhi = Math.min(yb, Math.max(ya, s.minY + (r + 1) * cellH));
        const u = x1 + ((ylo - y1) / (y2 - y1)) * (x2 - x1);
        const v = x1 + ((yhi - y1) / (y2 - y1)) * (x2 - x1);
        lo = Math.max(xa, Math.min(u, v));
        hi = Math.min(xb, Math.max(u, v));
      }
      const c0 = Math.max(0, rasterCell(lo, s.minX, cellW, side) - 1);
      const c1 = Math.min(side - 1, rasterCell(hi, s.minX, cellW, side) + 1);
      cells.fill(RASTER_EDGE, r * side + c0, r * side + c1 + 1);
    }
  }
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const k = r * side + c;
      if (cells[k] === RASTER_EDGE) continue;
      cells[k] = bandTest(s, s.minX + (c + 0.5) * cellW, s.minY + (r + 0.5) * cellH) ? RASTER_IN : RASTER_OUT;
    }
  }
  return { side, cellW, cellH, cells };
}

export function bandedShape(geometry: TerritoryGeometry): BandedShape {
  const { edges, edgeCount } = prepareEdges([geometry]);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let e = 0; e < edgeCount; e++) {
    for (const k of [e * 4, e * 4 + 2]) {
      const x = edges[k]!;
      const y = edges[k + 1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (edgeCount === 0) {
    return { minX, minY, maxX, maxY, bands: 1, bandH: 1, start: new Int32Array(2), data: new Float64Array(0), raster: null, queries: 0, edges: null };
  }
  const bands = Math.max(1, Math.min(4096, Math.ceil(edgeCount / 2)));
  const bandH = Math.max(maxY - minY, 1e-12) / bands;
  const bandOf = (y: number): number => Math.min(bands - 1, Math.max(0, Math.floor((y - minY) / bandH)));
  const start = new Int32Array(bands + 1);
  for (let e = 0; e < edgeCount; e++) {
    const y1 = edges[e * 4 + 1]!;
    const y2 = edges[e * 4 + 3]!;
    const b1 = bandOf(Math.max(y1, y2));
    for (let b = bandOf(Math.min(y1, y2)); b <= b1; b++) start[b + 1]!++;
  }
  for (let b = 0; b < bands; b++) start[b + 1] = start[b + 1]! + start[b]!;
  const cursor = start.slice(0, bands);
  const data = new Float64Array(start[bands]! * 4);
  for (let e = 0; e < edgeCount; e++) {
    const y1 = edges[e * 4 + 1]!;
    const y2 = edges[e * 4 + 3]!;
    const b1 = bandOf(Math.max(y1, y2));
    for (let b = bandOf(Math.min(y1, y2)); b <= b1; b++) {
      const at = cursor[b]!++ * 4;
      data[at] = edges[e * 4]!;
      data[at + 1] = y1;
      data[at + 2] = edges[e * 4 + 2]!;
      data[at + 3] = y2;
    }
  }
  return { minX, minY, maxX, maxY, bands, bandH, start, data, raster: undefined, queries: 0, edges: edges.subarray(0, edgeCount * 4) };
}

/** The outline's raster, built now if it has none yet (tests, and shapes known to be busy). */
export function rasterOf(s: BandedShape): Raster | null {
  if (s.raster === undefined) {
    s.raster = s.edges ? buildRaster(s, s.edges) : null;
    s.edges = null;
  }
  return s.raster;
}

/** The engine's rule: inside (even–odd over all rings) or on the boundary. */
export function shapeContains(s: BandedShape, x: number, y: number): boolean {
  if (!(x >= s.minX && x <= s.maxX && y >= s.minY && y <= s.maxY)) return false;
  const r = s.raster === undefined ? (++s.queries > RASTER_AFTER ? rasterOf(s) : null) : s.raster;
  if (r) {
    const cell = r.cells[rasterCell(y, s.minY, r.cellH, r.side) * r.side + rasterCell(x, s.minX, r.cellW, r.side)];
    if (cell === RASTER_OUT) return false;
    if (cell === RASTER_IN) return true;
  }
  return bandTest(s, x, y);
}

/** The exact test over the edges of the point's band (what the raster's edge cells fall back to). */
export function bandTest(s: BandedShape, x: number, y: number): boolean {
  if (!(x >= s.minX && x <= s.maxX && y >= s.minY && y <= s.maxY)) return false;
  const b = Math.min(s.bands - 1, Math.max(0, Math.floor((y - s.minY) / s.bandH)));
  const hit = crossEdges(s.data, s.start[b]! * 4, s.start[b + 1]! * 4, x, y);
  return hit === 1 || hit === ON_BOUNDARY;
}


