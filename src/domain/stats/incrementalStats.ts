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
import { assignPoints, buildTerritoryIndex } from '../assignment';
import type { StoreSource } from '../market';
import type { Territory, TerritoryGeometry, TerritoryId } from '../types';
import { priorityOrder } from '../assignment/priorityOrder';
import type { TerritoryStatsOptions, TerritoryStatsRow } from './territoryStats';
import {
  STATUS_CUSTOMER, STATUS_LOST, STATUS_PROSPECT, accumulate, bandedShape, buildRows, buildStoreGrid, copySums, emptySums,
  shapeContains, storeColumns, storesInBox,
  type BandedShape, type SlotSums, type StatsRows, type StoreColumns, type StoreGrid,
} from './engineParts';

export type { StatsRows } from './engineParts';

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

/** Incremental stats over territory outlines (see the module comment). Treat as opaque
 *  except for the documented read-only fields. */
export interface StatsState extends StatsRows {
  readonly stores: StoreSource;
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
  stores: StoreSource,
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
  readonly stores: StoreSource;
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
  stores: StoreSource,
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
