/**
 * Incremental territory stats: after one territory changes (a paint stroke adds or removes
 * counties, a vertex is dragged), update the assignment and the stats table from the
 * changed part only, fast enough to follow the mouse — and bit-for-bit equal to
 * `computeTerritoryStats` over a fresh assignment, so the table never drifts.
 *
 * Two entry points over the same machinery:
 *
 * - **Geometry** (`createStatsState` / `previewTerritoryChange` / `applyTerritoryChange`):
 *   territories are outlines. Only stores inside the bounding box of (old ∪ new outline)
 *   can change territory; they are found with a grid over the stores and tested against
 *   the new outline alone (a banded edge list, built in well under a millisecond, using the
 *   assignment engine's exact crossing test `crossEdges`). A store that leaves the changed
 *   territory gets the best other territory containing it (lowest rank, then id, then
 *   position: the engine's rule 4). So the assignment equals `assignPoints` over
 *   `buildTerritoryIndex` of the new territories, border points included.
 * - **Units** (`createUnitStatsState` / `previewUnitPaint` / `applyUnitPaint`): the
 *   Districtr approach for territories built from base units. Each store is located in a
 *   unit once; a territory is the set of units it owns; painting a unit reassigns exactly
 *   that unit's stores — O(stores in the painted units), no geometry at all. The outline
 *   (`unionOfUnits`) is only needed for display and can be computed after the stats.
 *   Equal to `computeTerritoryStats` over the union geometries for every store not lying
 *   exactly on a unit border (where the two ways may break the tie differently).
 *
 * Exactness: floating-point addition is not associative, so subtracting and adding one
 * store's revenue would drift from a from-scratch sum by cents after many strokes. Instead
 * the sums of the AFFECTED slots (territories that gained or lost stores, and Unassigned)
 * are re-accumulated from per-store columns in store order, exactly as
 * `computeTerritoryStats` does: one tight pass over typed arrays (≈ 0.2 ms per 100k stores),
 * and every row, the totals and the balance column come out bit-identical.
 *
 * Immutability: states and previews are never mutated; a new state shares the store
 * columns, the store grid and cached outlines with its parent, and copies the assignment
 * (4 bytes per store). Preview first, then commit the SAME preview: the commit is free.
 */
import { ON_BOUNDARY, crossEdges } from '../assignment/cellTest';
import { assignPoints, buildTerritoryIndex } from '../assignment';
import { prepareEdges } from '../assignment/prepareEdges';
import type { Store, Territory, TerritoryGeometry, TerritoryId } from '../types';
import { computeBalance } from './balance';
import { newCustomerWindow } from './isoDate';
import { priorityOrder } from '../assignment/priorityOrder';
import { statsRow, type TerritoryStatsOptions, type TerritoryStatsRow } from './territoryStats';

// ---------------------------------------------------------------------------------------
// Per-store columns and per-slot sums (the exact arithmetic of computeTerritoryStats)

const STATUS_OTHER = 0;
const STATUS_CUSTOMER = 1;
const STATUS_PROSPECT = 2;
const STATUS_LOST = 3;

/** Per-store values, as computeTerritoryStats reads them (non-finite money → 0). */
interface StoreColumns {
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  readonly revenue: Float64Array;
  readonly prior: Float64Array;
  readonly potential: Float64Array;
  /** max(0, potential − revenue), 0 when not positive (added only when positive there). */
  readonly whitespace: Float64Array;
  readonly status: Uint8Array;
  /** 1 = new customer at the state's reference date. */
  readonly fresh: Uint8Array;
}


const finite = (v: number): number => (Number.isFinite(v) ? v : 0);

function storeColumns(stores: readonly Store[], referenceDate: Date): StoreColumns {
  const n = stores.length;
  const cols = {
    lng: new Float64Array(n),
    lat: new Float64Array(n),
    revenue: new Float64Array(n),
    prior: new Float64Array(n),
    potential: new Float64Array(n),
    whitespace: new Float64Array(n),
    status: new Uint8Array(n),
    fresh: new Uint8Array(n),
  };
  const [from, to] = newCustomerWindow(referenceDate);
  for (let i = 0; i < n; i++) {
    const s = stores[i]!;
    cols.lng[i] = s.lng;
    cols.lat[i] = s.lat;
    const r = finite(s.revenue);
    const pot = finite(s.potential);
    cols.revenue[i] = r;
    cols.prior[i] = finite(s.priorRevenue);
    cols.potential[i] = pot;
    cols.whitespace[i] = pot > r ? pot - r : 0;
    if (s.status === 'customer') {
      cols.status[i] = STATUS_CUSTOMER;
      let since = s.customerSince;
      if (since !== null) {
        if (since.length > 10) since = since.slice(0, 10);
        if (since >= from && since <= to) cols.fresh[i] = 1;
      }
    } else if (s.status === 'prospect') {
      cols.status[i] = STATUS_PROSPECT;
    } else if (s.status === 'lost') {
      cols.status[i] = STATUS_LOST;
    } else {
      cols.status[i] = STATUS_OTHER;
    }
  }
  return cols;
}

/** Sums per slot: territories 0…n−1, slot n = Unassigned. */
interface SlotSums {
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
const SUM_KEYS = ['count', 'customers', 'prospects', 'lost', 'revenue', 'prior', 'potential', 'whitespace', 'fresh'] as const;

function emptySums(slots: number): SlotSums {
  return Object.fromEntries(SUM_KEYS.map((k) => [k, new Float64Array(slots)])) as unknown as SlotSums;
}

function copySums(s: SlotSums): SlotSums {
  return Object.fromEntries(SUM_KEYS.map((k) => [k, s[k].slice()])) as unknown as SlotSums;
}

/**
 * Adds every store, in store order, to its slot (assignment −1 or out of range → slot n),
 * when `only` is null or flags that slot. Zeroes the flagged slots first. Store order per
 * slot is what makes the sums bit-identical to computeTerritoryStats.
 */
function accumulate(cols: StoreColumns, assignment: Int32Array, n: number, sums: SlotSums, only: Uint8Array | null): void {
  const { count, customers, prospects, lost, revenue, prior, potential, whitespace, fresh } = sums;
  if (only) {
    for (let t = 0; t <= n; t++) {
      if (only[t]) for (const k of SUM_KEYS) sums[k][t] = 0;
    }
  }
  const status = cols.status;
  const isNew = cols.fresh;
  for (let i = 0, len = assignment.length; i < len; i++) {
    let t = assignment[i]!;
    if (!(t >= 0 && t < n)) t = n;
    if (only && only[t] === 0) continue;
    count[t]! += 1;
    revenue[t]! += cols.revenue[i]!;
    prior[t]! += cols.prior[i]!;
    potential[t]! += cols.potential[i]!;
    const ws = cols.whitespace[i]!;
    if (ws > 0) whitespace[t]! += ws;
    const st = status[i]!;
    if (st === STATUS_CUSTOMER) {
      customers[t]! += 1;
      if (isNew[i]) fresh[t]! += 1;
    } else if (st === STATUS_PROSPECT) {
      prospects[t]! += 1;
    } else if (st === STATUS_LOST) {
      lost[t]! += 1;
    }
  }
}

function makeRow(territoryId: TerritoryId | null, s: SlotSums, k: number, balanceDeviation: number | null): TerritoryStatsRow {
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

function buildRows(territories: readonly Pick<Territory, 'id'>[], sums: SlotSums): StatsRows {
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

/** What moved into or out of a territory: the sums of those stores' own values. */
export interface StatsDelta {
  stores: number;
  customers: number;
  prospects: number;
  lost: number;
  revenue: number;
  priorRevenue: number;
  potential: number;
  whitespace: number;
  newCustomers: number;
}

function emptyDelta(): StatsDelta {
  return { stores: 0, customers: 0, prospects: 0, lost: 0, revenue: 0, priorRevenue: 0, potential: 0, whitespace: 0, newCustomers: 0 };
}

function addToDelta(d: StatsDelta, cols: StoreColumns, i: number): void {
  d.stores += 1;
  d.revenue += cols.revenue[i]!;
  d.priorRevenue += cols.prior[i]!;
  d.potential += cols.potential[i]!;
  d.whitespace += cols.whitespace[i]!;
  const st = cols.status[i]!;
  if (st === STATUS_CUSTOMER) {
    d.customers += 1;
    d.newCustomers += cols.fresh[i]!;
  } else if (st === STATUS_PROSPECT) d.prospects += 1;
  else if (st === STATUS_LOST) d.lost += 1;
}

/** Store moves: store index → new territory index (−1 = unassigned), ascending by store. */
export interface StoreMoves {
  readonly stores: Int32Array;
  readonly to: Int32Array;
}

/**
 * A change computed but not committed: what the stats table would show, for the "how the
 * stats would change" hint while a stroke or a drag is in progress.
 */
export interface ChangePreview {
  readonly territoryId: TerritoryId;
  /** The changed territory's row now and after the change. */
  readonly before: TerritoryStatsRow;
  readonly after: TerritoryStatsRow;
  /** Stores entering the territory, and stores leaving it (to other territories or none). */
  readonly gained: StatsDelta;
  readonly lost: StatsDelta;
  /** Every store whose territory changes, with its new territory (for map highlights). */
  readonly moves: StoreMoves;
}

/** Shared, state-independent data of one market. */
interface Market {
  readonly cols: StoreColumns;
  readonly referenceDate: Date;
}

/**
 * Finishes a change: new assignment → re-accumulated affected slots → rows, and the
 * preview fields for territory `c`.
 */
function finishChange(
  market: Market,
  territories: readonly Territory[],
  sums: SlotSums,
  assignment: Int32Array,
  c: number,
  moved: number[],
  movedTo: number[],
  beforeRows: StatsRows,
): { assignment: Int32Array; sums: SlotSums; rows: StatsRows; preview: ChangePreview } {
  const n = territories.length;
  const next = assignment.slice();
  const affected = new Uint8Array(n + 1);
  const gained = emptyDelta();
  const lost = emptyDelta();
  // ascending store order, so the deltas are deterministic
  const order = moved.map((_, k) => k).sort((a, b) => moved[a]! - moved[b]!);
  const stores = new Int32Array(order.length);
  const to = new Int32Array(order.length);
  order.forEach((k, j) => {
    const i = moved[k]!;
    const from = assignment[i]!;
    const dest = movedTo[k]!;
    stores[j] = i;
    to[j] = dest;
    next[i] = dest;
    affected[from >= 0 && from < n ? from : n] = 1;
    affected[dest >= 0 && dest < n ? dest : n] = 1;
    if (dest === c) addToDelta(gained, market.cols, i);
    else if (from === c) addToDelta(lost, market.cols, i);
  });
  let nextSums = sums;
  let rows: StatsRows = { rows: beforeRows.rows, unassigned: beforeRows.unassigned, totals: beforeRows.totals };
  if (order.length > 0) {
    nextSums = copySums(sums);
    accumulate(market.cols, next, n, nextSums, affected);
    rows = buildRows(territories, nextSums);
  }
  const territoryId = territories[c]!.id;
  return {
    assignment: next,
    sums: nextSums,
    rows,
    preview: {
      territoryId,
      before: beforeRows.rows[c]!,
      after: rows.rows[c]!,
      gained,
      lost,
      moves: { stores, to },
    },
  };
}

// ---------------------------------------------------------------------------------------
// Geometry path

/** Grid over the stores' positions (CSR), for "stores in this box" queries. */
interface StoreGrid {
  readonly minX: number;
  readonly minY: number;
  readonly cols: number;
  readonly rows: number;
  readonly cellW: number;
  readonly cellH: number;
  readonly start: Int32Array;
  readonly items: Int32Array;
}

const STORES_PER_CELL = 16;

function buildStoreGrid(cols: StoreColumns): StoreGrid {
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
function storesInBox(grid: StoreGrid, cols: StoreColumns, box: readonly number[]): number[] {
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
interface BandedShape {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly bands: number;
  readonly bandH: number;
  /** Edges of band b: `data[4 * start[b] .. 4 * start[b + 1]]`. */
  readonly start: Int32Array;
  readonly data: Float64Array;
}

function bandedShape(geometry: TerritoryGeometry): BandedShape {
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
    return { minX, minY, maxX, maxY, bands: 1, bandH: 1, start: new Int32Array(2), data: new Float64Array(0) };
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
  return { minX, minY, maxX, maxY, bands, bandH, start, data };
}

/** The engine's rule: inside (even–odd over all rings) or on the boundary. */
function shapeContains(s: BandedShape, x: number, y: number): boolean {
  if (!(x >= s.minX && x <= s.maxX && y >= s.minY && y <= s.maxY)) return false;
  const b = Math.min(s.bands - 1, Math.max(0, Math.floor((y - s.minY) / s.bandH)));
  const hit = crossEdges(s.data, s.start[b]! * 4, s.start[b + 1]! * 4, x, y);
  return hit === 1 || hit === ON_BOUNDARY;
}


/** Incremental stats over territory outlines (see the module comment). Treat as opaque
 *  except for the documented read-only fields. */
export interface StatsState extends StatsRows {
  readonly stores: readonly Store[];
  readonly territories: readonly Territory[];
  /** assignment[i] = index into `territories` of store i's territory, or −1. Read-only. */
  readonly assignment: Int32Array;
  readonly referenceDate: Date;
  /** Internal; shared with derived states. */
  readonly internal: {
    readonly market: Market;
    readonly grid: StoreGrid;
    readonly sums: SlotSums;
    /** Priority position per territory (lower wins). */
    readonly priority: Int32Array;
    readonly order: Int32Array;
    readonly shapes: WeakMap<TerritoryGeometry, BandedShape>;
  };
}

/**
 * Builds the incremental stats for one plan: assigns every store with the assignment engine
 * and computes the full table (same cost as the from-scratch path, once). Keep the state
 * while the plan's territories only change one at a time; rebuild when stores change,
 * territories are added, removed or re-ranked, or the date rolls over.
 */
export function createStatsState(
  stores: readonly Store[],
  territories: readonly Territory[],
  opts: TerritoryStatsOptions = {},
): StatsState {
  const referenceDate = opts.referenceDate ?? new Date();
  const cols = storeColumns(stores, referenceDate);
  const market: Market = { cols, referenceDate };
  const assignment = assignPoints(buildTerritoryIndex(territories), cols.lng, cols.lat);
  const sums = emptySums(territories.length + 1);
  accumulate(cols, assignment, territories.length, sums, null);
  const order = priorityOrder(territories);
  const priority = new Int32Array(territories.length);
  order.forEach((t, p) => (priority[t] = p));
  return {
    stores,
    territories,
    assignment,
    referenceDate,
    ...buildRows(territories, sums),
    internal: { market, grid: buildStoreGrid(cols), sums, priority, order, shapes: new WeakMap() },
  };
}

function shapeOf(state: StatsState, geometry: TerritoryGeometry): BandedShape {
  let s = state.internal.shapes.get(geometry);
  if (!s) {
    s = bandedShape(geometry);
    state.internal.shapes.set(geometry, s);
  }
  return s;
}

/** A geometry-path preview; commit it with {@link commitTerritoryChange}. */
export interface TerritoryChangePreview extends ChangePreview {
  /** The state it was computed from and the state it leads to (internal). */
  readonly internal: { readonly base: StatsState; readonly next: StatsState };
}

function indexOfTerritory(territories: readonly Pick<Territory, 'id'>[], id: TerritoryId): number {
  return territories.findIndex((t) => t.id === id);
}

/**
 * What the stats would become if territory `territoryId` had `newGeometry`, without
 * committing: the territory's row before/after and the stores gained/lost. Use it while
 * dragging a vertex or before a stroke is committed; then pass the preview to
 * {@link commitTerritoryChange} (free) or drop it.
 *
 * Cost: stores in the bounding box of old ∪ new outline, each tested against the new outline
 * (and, for stores it loses, against the other territories by priority), plus one pass over
 * all stores' columns for the affected slots. The geometry should be validated (the engine
 * reads even invalid rings, as the from-scratch path would).
 * @throws RangeError when `territoryId` is not in the state.
 */
export function previewTerritoryChange(
  state: StatsState,
  territoryId: TerritoryId,
  newGeometry: TerritoryGeometry,
): TerritoryChangePreview {
  const { territories, assignment } = state;
  const { market, grid, priority, order } = state.internal;
  const c = indexOfTerritory(territories, territoryId);
  if (c < 0) throw new RangeError(`previewTerritoryChange: no territory ${territoryId}`);
  const oldShape = shapeOf(state, territories[c]!.geometry);
  const newShape = shapeOf(state, newGeometry);
  const box = [
    Math.min(oldShape.minX, newShape.minX),
    Math.min(oldShape.minY, newShape.minY),
    Math.max(oldShape.maxX, newShape.maxX),
    Math.max(oldShape.maxY, newShape.maxY),
  ];
  const candidates = storesInBox(grid, market.cols, box);

  // Other territories whose extent meets the box, in winning order (for stores c loses).
  const others: { t: number; shape: BandedShape }[] = [];
  for (const t of order) {
    if (t === c) continue;
    const s = shapeOf(state, territories[t]!.geometry);
    if (s.minX <= box[2]! && s.maxX >= box[0]! && s.minY <= box[3]! && s.maxY >= box[1]!) others.push({ t, shape: s });
  }

  const moved: number[] = [];
  const movedTo: number[] = [];
  const { lng, lat } = market.cols;
  for (const i of candidates) {
    const x = lng[i]!;
    const y = lat[i]!;
    const cur = assignment[i]!;
    const inNew = shapeContains(newShape, x, y);
    let winner = cur;
    if (cur !== c) {
      if (inNew && (cur < 0 || priority[c]! < priority[cur]!)) winner = c;
    } else if (!inNew) {
      winner = -1;
      for (const o of others) {
        if (shapeContains(o.shape, x, y)) {
          winner = o.t;
          break;
        }
      }
    }
    if (winner !== cur) {
      moved.push(i);
      movedTo.push(winner);
    }
  }

  const nextTerritories = territories.slice();
  nextTerritories[c] = { ...territories[c]!, geometry: newGeometry };
  const done = finishChange(market, nextTerritories, state.internal.sums, assignment, c, moved, movedTo, state);
  const next: StatsState = {
    stores: state.stores,
    territories: nextTerritories,
    assignment: done.assignment,
    referenceDate: state.referenceDate,
    ...done.rows,
    internal: { ...state.internal, sums: done.sums },
  };
  return { ...done.preview, internal: { base: state, next } };
}

/**
 * Commits a preview made from `state` (returns the state it computed). A preview of another
 * state is recomputed against `state`, so committing a stale preview is still correct.
 */
export function commitTerritoryChange(state: StatsState, preview: TerritoryChangePreview): StatsState {
  if (preview.internal.base === state) return preview.internal.next;
  const geometry = preview.internal.next.territories.find((t) => t.id === preview.territoryId)?.geometry;
  if (!geometry) throw new RangeError(`commitTerritoryChange: no territory ${preview.territoryId}`);
  return previewTerritoryChange(state, preview.territoryId, geometry).internal.next;
}

/**
 * Territory `territoryId` now has `newGeometry`: returns the updated state (the input is
 * unchanged). Equivalent to `createStatsState` over the changed territories, at the cost of
 * the changed region only. @throws RangeError when `territoryId` is not in the state.
 */
export function applyTerritoryChange(state: StatsState, territoryId: TerritoryId, newGeometry: TerritoryGeometry): StatsState {
  return previewTerritoryChange(state, territoryId, newGeometry).internal.next;
}

// ---------------------------------------------------------------------------------------
// Unit path (Districtr approach)

/** Incremental stats for territories built from base units (see the module comment). */
export interface UnitStatsState extends StatsRows {
  readonly stores: readonly Store[];
  /** Territories (their geometry is not read: ownership of units decides). */
  readonly territories: readonly Territory[];
  readonly assignment: Int32Array;
  /** unitOwner[u] = territory index owning unit u, or −1. Read-only. */
  readonly unitOwner: Int32Array;
  readonly unitIds: readonly string[];
  readonly referenceDate: Date;
  readonly internal: {
    readonly market: Market;
    readonly sums: SlotSums;
    readonly unitById: ReadonlyMap<string, number>;
    /** Stores of unit u: `unitStores[unitStart[u] .. unitStart[u + 1]]`, ascending. */
    readonly unitStart: Int32Array;
    readonly unitStores: Int32Array;
  };
}

/** Input of {@link createUnitStatsState}. */
export interface UnitStatsInput {
  /** Unit ids in unit-index order (e.g. `unitIndex.units.map((u) => u.id)`). */
  readonly unitIds: readonly string[];
  /** Unit index of each store (`assignPoints(unitIndex.index, lngs, lats)`), −1 = none. */
  readonly storeUnit: Int32Array;
  /** Territory index owning each unit, −1 = none (e.g. from `unitOwners`). */
  readonly unitOwner: Int32Array;
}

/**
 * Builds unit-based incremental stats. Stores are located in units once (the caller passes
 * `storeUnit`, computed with the unit index); from then on a stroke costs O(stores in the
 * painted units). Rebuild when stores, territories or the unit layer change.
 */
export function createUnitStatsState(
  stores: readonly Store[],
  territories: readonly Territory[],
  input: UnitStatsInput,
  opts: TerritoryStatsOptions = {},
): UnitStatsState {
  const referenceDate = opts.referenceDate ?? new Date();
  const cols = storeColumns(stores, referenceDate);
  const unitCount = input.unitIds.length;
  const n = territories.length;
  const unitOwner = new Int32Array(unitCount).fill(-1);
  for (let u = 0; u < unitCount && u < input.unitOwner.length; u++) {
    const t = input.unitOwner[u]!;
    unitOwner[u] = t >= 0 && t < n ? t : -1;
  }
  const unitStart = new Int32Array(unitCount + 1);
  const storeUnit = input.storeUnit;
  for (let i = 0; i < stores.length; i++) {
    const u = i < storeUnit.length ? storeUnit[i]! : -1;
    if (u >= 0 && u < unitCount) unitStart[u + 1]!++;
  }
  for (let u = 0; u < unitCount; u++) unitStart[u + 1] = unitStart[u + 1]! + unitStart[u]!;
  const cursor = unitStart.slice(0, unitCount);
  const unitStores = new Int32Array(unitStart[unitCount]!);
  const assignment = new Int32Array(stores.length).fill(-1);
  for (let i = 0; i < stores.length; i++) {
    const u = i < storeUnit.length ? storeUnit[i]! : -1;
    if (u >= 0 && u < unitCount) {
      unitStores[cursor[u]!++] = i;
      assignment[i] = unitOwner[u]!;
    }
  }
  const sums = emptySums(n + 1);
  accumulate(cols, assignment, n, sums, null);
  return {
    stores,
    territories,
    assignment,
    unitOwner,
    unitIds: input.unitIds,
    referenceDate,
    ...buildRows(territories, sums),
    internal: {
      market: { cols, referenceDate },
      sums,
      unitById: new Map(input.unitIds.map((id, u) => [id, u])),
      unitStart,
      unitStores,
    },
  };
}

/** 'add': the units join the territory (taken from unlocked owners); 'remove': they leave it. */
export type PaintMode = 'add' | 'remove';

/** A unit-path preview; commit it with {@link commitUnitPaint}. */
export interface UnitPaintPreview extends ChangePreview {
  /** Units whose owner changes. */
  readonly changedUnits: readonly string[];
  /** Units skipped because a locked territory owns them (or the territory itself is locked). */
  readonly lockedUnits: readonly string[];
  /** Unit ids not in the unit layer. */
  readonly unknownUnits: readonly string[];
  readonly internal: { readonly base: UnitStatsState; readonly next: UnitStatsState };
}

/**
 * What painting `unitIds` into ('add') or out of ('remove') territory `territoryId` would do
 * to the stats, without committing: the territory's row before/after, stores gained/lost,
 * which units change and which are skipped. Locked territories are never painted into or
 * taken from. Cost: O(stores in the changed units) plus one pass over the affected slots'
 * columns. @throws RangeError when `territoryId` is not in the state.
 */
export function previewUnitPaint(
  state: UnitStatsState,
  territoryId: TerritoryId,
  unitIds: readonly string[],
  mode: PaintMode,
): UnitPaintPreview {
  const { territories, assignment, unitOwner } = state;
  const { unitById, unitStart, unitStores, market, sums } = state.internal;
  const c = indexOfTerritory(territories, territoryId);
  if (c < 0) throw new RangeError(`previewUnitPaint: no territory ${territoryId}`);
  const nextOwner = unitOwner.slice();
  const changedUnits: string[] = [];
  const lockedUnits: string[] = [];
  const unknownUnits: string[] = [];
  const moved: number[] = [];
  const movedTo: number[] = [];
  const selfLocked = territories[c]!.locked;
  for (const id of new Set(unitIds)) {
    const u = unitById.get(id);
    if (u === undefined) {
      unknownUnits.push(id);
      continue;
    }
    const owner = nextOwner[u]!;
    const target = mode === 'add' ? c : -1;
    if (mode === 'add' ? owner === c : owner !== c) continue;
    if (selfLocked || (owner >= 0 && territories[owner]!.locked)) {
      lockedUnits.push(id);
      continue;
    }
    nextOwner[u] = target;
    changedUnits.push(id);
    for (let k = unitStart[u]!; k < unitStart[u + 1]!; k++) {
      const i = unitStores[k]!;
      if (assignment[i] !== target) {
        moved.push(i);
        movedTo.push(target);
      }
    }
  }
  const done = finishChange(market, territories, sums, assignment, c, moved, movedTo, state);
  const next: UnitStatsState = {
    ...state,
    assignment: done.assignment,
    unitOwner: nextOwner,
    ...done.rows,
    internal: { ...state.internal, sums: done.sums },
  };
  return { ...done.preview, changedUnits, lockedUnits, unknownUnits, internal: { base: state, next } };
}

/** Commits a unit preview made from `state`; a stale preview is recomputed against `state`. */
export function commitUnitPaint(state: UnitStatsState, preview: UnitPaintPreview): UnitStatsState {
  if (preview.internal.base === state) return preview.internal.next;
  // Re-derive the stroke from the preview's net unit changes.
  const c = indexOfTerritory(state.territories, preview.territoryId);
  const next = preview.internal.next;
  const added = preview.changedUnits.filter((id) => next.unitOwner[next.internal.unitById.get(id)!] === c);
  const removed = preview.changedUnits.filter((id) => next.unitOwner[next.internal.unitById.get(id)!] !== c);
  let s = state;
  if (added.length > 0) s = previewUnitPaint(s, preview.territoryId, added, 'add').internal.next;
  if (removed.length > 0) s = previewUnitPaint(s, preview.territoryId, removed, 'remove').internal.next;
  return s;
}

/** Paints units into or out of a territory and returns the updated state (input unchanged). */
export function applyUnitPaint(
  state: UnitStatsState,
  territoryId: TerritoryId,
  unitIds: readonly string[],
  mode: PaintMode,
): UnitStatsState {
  return previewUnitPaint(state, territoryId, unitIds, mode).internal.next;
}
