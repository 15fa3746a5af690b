/**
 * The plan engine: a plan's assignment (outlines, then pins) and its stats table, kept up
 * to date across the edits the app makes, recomputing only what an edit touches.
 *
 * Every committed edit hands the engine the plan's new territory list (and pins). The
 * engine compares it with the list it holds, by territory id:
 *
 * - **touched** territories are the ones added, removed, or whose geometry object changed
 *   (edits never mutate a geometry in place; they make a new one). A renamed or recolored
 *   territory is not touched: its stores stay where they are.
 * - When one territory was reshaped and kept its rank (a vertex dragged, a unit painted in
 *   or out: most edits, and every frame of a drag), only stores inside the box of the edges
 *   that changed can move (reshapeStep, found with the grid): a drag frame over a million
 *   stores costs a few milliseconds, and shares the assignment when no store moved.
 * - When one territory was added, removed or re-ranked (a draw, a delete, its undo), only
 *   the stores it held and the stores its new outline takes from a territory it outranks
 *   can move (oneTerritoryStep); one pass over the coordinates finds both.
 * - Otherwise only stores inside the bounding box of a touched territory (old or new
 *   outline) can change territory. They are found with the grid over the stores and given
 *   the winner among the territories whose extent meets a touched box, in the assignment
 *   engine's priority order (rank, then id, then position) with its exact point test.
 * - Every other store keeps its territory, re-indexed when the list grew or shrank.
 * - An undo or redo returns to a plan an earlier engine computed (same ids, outlines, ranks
 *   and pins): the last few engines are kept and that one is reused as it is.
 * - Pins apply on top, as `assignPlan` applies them.
 * - The per-territory sums of the slots whose members changed (touched territories, the
 *   territories that gained or lost a store, Unassigned) are re-accumulated in store order;
 *   the others are carried over. So the table is bit-identical to `computeTerritoryStats`
 *   over `assignPlan` of the same plan, which a property test checks on random edits.
 *
 * It falls back to the full computation (and says so in `lastStep`) when the stores
 * changed, the calendar day rolled over (new customers depend on it), the priority order of
 * the untouched territories changed (a re-rank), many territories were touched at once (a
 * plan switch), or the touched boxes hold most of the market anyway.
 *
 * Cost of an incremental step with n stores: a few passes over n-element typed arrays
 * (re-index, copy, one accumulation) plus an exact point test per store in the touched
 * boxes. Engines are immutable; a new engine shares the store columns, the grid and the
 * outline cache with its parent, so a preview (a vertex being dragged) is one step that is
 * simply not kept.
 */
import { assignPoints, buildTerritoryIndex, storeFinder } from '../assignment';
import { priorityOrder } from '../assignment/priorityOrder';
import { storeIdAt, type StoreSource } from '../market';
import type { StorePin, Territory, TerritoryGeometry, TerritoryId } from '../types';
import {
  accumulate, bandedShape, buildRows, buildStoreGrid, emptySums, rasterOf, shapeContains, storeColumns, storesInBox,
  type BandedShape, type SlotSums, type StoreColumns, type StoreGrid,
} from './engineParts';
import { newCustomerWindow } from './isoDate';
import type { TerritoryStats, TerritoryStatsOptions } from './territoryStats';

/** Plans of at most this many territories get every outline's raster while the page is idle. */
const WARM_RASTERS = 500;
/** More touched territories than this in one step: a full computation is cheaper. */
const MAX_TOUCHED = 24;
/** Touched boxes holding more than this share of the stores: a full computation is cheaper. */
const MAX_CANDIDATE_SHARE = 0.6;

/** Shared by an engine and every engine derived from it (same stores, same day). */
interface MarketCache {
  readonly stores: StoreSource;
  readonly cols: StoreColumns;
  readonly window: string;
  /** Store position by id (pins); built on first use. */
  finder: ((id: string) => number) | null;
  /** Grid over the store positions; built on the first incremental step. */
  grid: StoreGrid | null;
  readonly shapes: WeakMap<TerritoryGeometry, BandedShape>;
  /** The last few engines stepped from (newest last): an undo or redo returns to one of them. */
  readonly recent: PlanEngine[];
  /**
   * Scratch space of one store index per store, reused by every step: a fresh 4 MB array
   * costs more to touch the first time than the step's work with it.
   */
  scratch: Int32Array | null;
}

/** Engines kept for undo and redo: each holds two assignments (4 bytes a store each) and its sums. */
const RECENT_ENGINES = 3;

/** How the last step was done, for tests, the benchmark and the curious. */
export interface EngineStep {
  /** 'reused': the plan is back to what an earlier engine computed (an undo, a redo). */
  kind: 'full' | 'incremental' | 'unchanged' | 'reused';
  /** Why a full computation was needed ('' for the other kinds). */
  reason: string;
  /** Territories added, removed or reshaped. */
  touched: number;
  /** Stores re-tested against the outlines. */
  tested: number;
}

export interface PlanEngine {
  readonly stores: StoreSource;
  /** The plan's territories (rank order, as the plan keeps them); indexes refer to these. */
  readonly territories: readonly Territory[];
  readonly pins: readonly StorePin[] | undefined;
  /** assignment[i] = index into `territories` of store i's territory (pins applied), or −1. */
  readonly assignment: Int32Array;
  /** The stats table, exactly as computeTerritoryStats computes it. Treat as read-only. */
  readonly stats: TerritoryStats;
  readonly lastStep: EngineStep;
  /** Internal state; shared with derived engines. */
  readonly internal: {
    readonly market: MarketCache;
    /** The assignment by outlines alone (before pins). */
    readonly geo: Int32Array;
    readonly sums: SlotSums;
    /** Pins resolved to store positions, in pin order (later pins win, as in applyPins). */
    readonly pinned: { readonly store: Int32Array; readonly territoryId: readonly TerritoryId[] };
  };
}

function windowKey(referenceDate: Date): string {
  return newCustomerWindow(referenceDate).join('/');
}

function resolvePins(market: MarketCache, pins: readonly StorePin[] | undefined): PlanEngine['internal']['pinned'] {
  if (!pins || pins.length === 0) return { store: new Int32Array(0), territoryId: [] };
  if (!market.finder) market.finder = storeFinder(market.stores.length, (i) => storeIdAt(market.stores, i));
  const store: number[] = [];
  const territoryId: TerritoryId[] = [];
  for (const pin of pins) {
    const i = market.finder(pin.storeId);
    if (i < 0) continue;
    store.push(i);
    territoryId.push(pin.territoryId);
  }
  return { store: Int32Array.from(store), territoryId };
}

/** Applies resolved pins to `assignment` in place (a pin to a missing territory is skipped). */
function applyResolvedPins(assignment: Int32Array, territories: readonly Territory[], pinned: PlanEngine['internal']['pinned']): void {
  if (pinned.store.length === 0) return;
  const index = new Map<string, number>();
  territories.forEach((t, k) => {
    if (!index.has(t.id)) index.set(t.id, k);
  });
  for (let p = 0; p < pinned.store.length; p++) {
    const k = index.get(pinned.territoryId[p]!);
    if (k !== undefined) assignment[pinned.store[p]!] = k;
  }
}

function fullEngine(market: MarketCache, territories: readonly Territory[], pins: readonly StorePin[] | undefined, reason: string): PlanEngine {
  const geo = assignPoints(buildTerritoryIndex(territories), market.cols.lng, market.cols.lat);
  const pinned = resolvePins(market, pins);
  const assignment = pinned.store.length > 0 ? geo.slice() : geo; // shared when nothing is pinned: engines never mutate either
  applyResolvedPins(assignment, territories, pinned);
  const sums = emptySums(territories.length + 1);
  accumulate(market.cols, assignment, territories.length, sums, null);
  return {
    stores: market.stores,
    territories,
    pins,
    assignment,
    stats: buildRows(territories, sums) as TerritoryStats,
    lastStep: { kind: 'full', reason, touched: territories.length, tested: market.stores.length },
    internal: { market, geo, sums, pinned },
  };
}

/** Builds the engine for a plan over a market: the full computation, once. */
export function createPlanEngine(
  stores: StoreSource,
  territories: readonly Territory[],
  pins: readonly StorePin[] | undefined,
  opts: TerritoryStatsOptions = {},
): PlanEngine {
  return fullEngine(newMarket(stores, opts.referenceDate ?? new Date()), territories, pins, 'new engine');
}

function newMarket(stores: StoreSource, referenceDate: Date): MarketCache {
  return { stores, cols: storeColumns(stores, referenceDate), window: windowKey(referenceDate), finder: null, grid: null, shapes: new WeakMap(), recent: [], scratch: null };
}

function shapeOf(market: MarketCache, geometry: TerritoryGeometry): BandedShape {
  let s = market.shapes.get(geometry);
  if (!s) {
    s = bandedShape(geometry);
    market.shapes.set(geometry, s);
  }
  return s;
}

function firstIndexById(territories: readonly Territory[]): Map<string, number> | null {
  const m = new Map<string, number>();
  for (let k = 0; k < territories.length; k++) {
    if (m.has(territories[k]!.id)) return null; // duplicate ids: positions are ambiguous
    m.set(territories[k]!.id, k);
  }
  return m;
}

/**
 * The engine for the plan as it is now: `territories` and `pins` after an edit (or while
 * one is previewed). When nothing that matters changed, the result shares everything with
 * `engine` and its `lastStep.kind` is 'unchanged'.
 */
export function updatePlanEngine(
  engine: PlanEngine,
  stores: StoreSource,
  territories: readonly Territory[],
  pins: readonly StorePin[] | undefined,
  opts: TerritoryStatsOptions = {},
): PlanEngine {
  const referenceDate = opts.referenceDate ?? new Date();
  if (stores !== engine.stores) return fullEngine(newMarket(stores, referenceDate), territories, pins, 'new stores');
  const { market } = engine.internal;
  if (windowKey(referenceDate) !== market.window) return fullEngine(newMarket(stores, referenceDate), territories, pins, 'the day changed');
  const old = engine.territories;
  if (old === territories && pins === engine.pins) return engine.lastStep.kind === 'unchanged' ? engine : { ...engine, lastStep: { kind: 'unchanged', reason: '', touched: 0, tested: 0 } };

  // Back to a plan an earlier engine computed (undo, redo): its assignment and table hold.
  const recent = market.recent;
  if (recent[recent.length - 1] !== engine) {
    // one entry per plan computed: an 'unchanged' step is a copy sharing the arrays
    const at = recent.findIndex((e) => e.internal.geo === engine.internal.geo && sameInputs(e, engine.territories, engine.pins));
    if (at >= 0) recent.splice(at, 1);
    recent.push(engine);
    if (recent.length > RECENT_ENGINES) recent.shift();
  }
  for (let r = recent.length - 1; r >= 0; r--) {
    const e = recent[r]!;
    if (e !== engine && sameInputs(e, territories, pins)) {
      return { ...e, territories, lastStep: { kind: 'reused', reason: '', touched: 0, tested: 0 } };
    }
  }

  const oldIndex = firstIndexById(old);
  const newIndex = firstIndexById(territories);
  if (!oldIndex || !newIndex) return fullEngine(market, territories, pins, 'duplicate territory ids');

  // What the edit touched, and where each kept territory went.
  const remap = new Int32Array(old.length).fill(-1);
  const boxes: number[][] = [];
  let touched = 0;
  // The last touched territory's old and new positions (what the one-territory step uses).
  let touchedOld = -1;
  let touchedNew = -1;
  const touchBox = (g: TerritoryGeometry) => {
    const s = shapeOf(market, g);
    if (s.minX <= s.maxX && s.minY <= s.maxY) boxes.push([s.minX, s.minY, s.maxX, s.maxY]);
  };
  for (let k = 0; k < old.length; k++) {
    const t = old[k]!;
    const j = newIndex.get(t.id);
    if (j === undefined) {
      touched++;
      touchBox(t.geometry);
      touchedOld = k;
      touchedNew = -1;
      continue;
    }
    remap[k] = j;
    if (territories[j]!.geometry !== t.geometry) {
      touched++;
      touchBox(t.geometry);
      touchBox(territories[j]!.geometry);
      touchedOld = k;
      touchedNew = j;
    }
  }
  for (let j = 0; j < territories.length; j++) {
    if (!oldIndex.has(territories[j]!.id)) {
      touched++;
      touchBox(territories[j]!.geometry);
      touchedOld = -1;
      touchedNew = j;
    }
  }
  if (touched > MAX_TOUCHED) return fullEngine(market, territories, pins, `${touched} territories changed`);

  // The untouched territories must keep their relative priority; a re-rank moves stores
  // anywhere in the overlaps, so it is computed in full.
  const newOrder = priorityOrder(territories);
  const oldOrder = priorityOrder(old);
  const keptNew: number[] = [];
  for (const k of oldOrder) if (remap[k]! >= 0) keptNew.push(remap[k]!);
  let q = 0;
  for (const j of newOrder) {
    if (!oldIndex.has(territories[j]!.id)) continue; // added
    if (keptNew[q++] !== j) return fullEngine(market, territories, pins, 'territories re-ranked');
  }

  const n = stores.length;
  const oldGeo = engine.internal.geo;
  let identity = old.length === territories.length;
  for (let k = 0; identity && k < old.length; k++) identity = remap[k] === k;
  const reshaped = touched === 1 && touchedOld >= 0 && touchedNew >= 0 && old[touchedOld]!.rank === territories[touchedNew]!.rank;
  // A reshape changes few stores, often none (a vertex dragged over empty land), a rename
  // or a recolor none: the assignment is copied only when one does change; else it is shared.
  // A one-territory step (draw, delete, re-rank) builds its own copy in its pass.
  const oneStep = touched === 1 && !reshaped;
  let geo = oneStep || (identity && (reshaped || touched === 0)) ? oldGeo : identity ? oldGeo.slice() : remapped(oldGeo, remap);

  // Re-test the stores the edit can move.
  let candidates: ArrayLike<number> = [];
  let tested = 0;
  if (reshaped) {
    const one = reshapeStep(market, territories, newOrder, oldGeo, geo, touchedOld, touchedNew, old[touchedOld]!.geometry);
    if (one.changed.length > 0) {
      if (geo === oldGeo) geo = oldGeo.slice();
      for (let c = 0; c < one.changed.length; c++) geo[one.changed[c]!] = one.values[c]!;
    }
    candidates = one.changed;
    tested = one.tested;
  } else if (touched === 1) {
    // re-indexes the assignment in the same pass (`geo` above is not used)
    const one = oneTerritoryStep(market, territories, newOrder, oldGeo, identity ? null : remap, touchedOld, touchedNew, touchedOld >= 0 ? shapeOf(market, old[touchedOld]!.geometry) : null);
    geo = one.geo;
    candidates = one.changed;
    tested = one.tested;
  } else if (boxes.length > 0) {
    const list: number[] = [];
    candidates = list;
    if (!market.grid) market.grid = buildStoreGrid(market.cols);
    const seen = new Uint8Array(n);
    for (const box of boxes) {
      for (const i of storesInBox(market.grid, market.cols, box)) {
        if (seen[i]) continue;
        seen[i] = 1;
        list.push(i);
      }
    }
    tested = list.length;
    if (list.length > MAX_CANDIDATE_SHARE * n && n > 1000) {
      return fullEngine(market, territories, pins, 'the change covers most of the market');
    }
    const contenders = contendersIn(market, territories, newOrder, boxes);
    const { lng, lat } = market.cols;
    for (const i of list) geo[i] = firstContaining(contenders, lng[i]!, lat[i]!);
  }

  const pinned = pins === engine.pins ? engine.internal.pinned : resolvePins(market, pins);
  const assignment = pinned.store.length > 0 ? geo.slice() : geo; // shared when nothing is pinned: engines never mutate either
  applyResolvedPins(assignment, territories, pinned);

  // Slots whose members changed. Old slots are compared through `remap`; a store whose old
  // territory is gone counts as having changed.
  const nt = territories.length;
  const affected = new Uint8Array(nt + 1);
  for (let j = 0; j < nt; j++) if (!oldIndex.has(territories[j]!.id)) affected[j] = 1;
  const oldAssignment = engine.assignment;
  const oldN = old.length;
  const slotOfOld = (a: number): number => (a >= 0 && a < oldN ? (remap[a]! >= 0 ? remap[a]! : -2) : nt);
  const slotOfNew = (a: number): number => (a >= 0 && a < nt ? a : nt);
  const check = (i: number) => {
    const before = slotOfOld(oldAssignment[i]!);
    const after = slotOfNew(assignment[i]!);
    if (before !== after) {
      if (before >= 0) affected[before] = 1;
      affected[after] = 1;
    }
  };
  for (let c = 0; c < candidates.length; c++) check(candidates[c]!); // the only stores whose outline assignment could change
  for (const i of engine.internal.pinned.store) check(i);
  for (const i of pinned.store) check(i);

  // Carry the untouched slots over, re-accumulate the others in store order.
  const sums = emptySums(nt + 1);
  const oldSums = engine.internal.sums;
  for (let k = 0; k < oldN; k++) {
    const j = remap[k]!;
    if (j < 0 || affected[j]) continue;
    for (const key of Object.keys(sums) as (keyof SlotSums)[]) sums[key][j] = oldSums[key][k]!;
  }
  if (!affected[nt]) for (const key of Object.keys(sums) as (keyof SlotSums)[]) sums[key][nt] = oldSums[key][oldN]!;
  let any = false;
  for (let j = 0; j <= nt; j++) any ||= affected[j] === 1;
  if (any) accumulate(market.cols, assignment, nt, sums, affected);

  return {
    stores,
    territories,
    pins,
    assignment,
    stats: buildRows(territories, sums) as TerritoryStats,
    lastStep: { kind: 'incremental', reason: '', touched, tested },
    internal: { market, geo, sums, pinned },
  };
}

/** The assignment with every territory index moved as `remap` says (−1: gone). A small function of its own, so it is compiled on its own. */
function remapped(geo: Int32Array, remap: Int32Array): Int32Array {
  const out = new Int32Array(geo.length);
  const m = remap.length;
  for (let i = 0; i < geo.length; i++) {
    const g = geo[i]!;
    out[i] = g >= 0 && g < m ? remap[g]! : -1;
  }
  return out;
}

/** rank[t] = territory t's place in winning order. */
function rankOf(order: ArrayLike<number>, count: number): Int32Array {
  const rank = new Int32Array(count);
  for (let r = 0; r < order.length; r++) rank[order[r]!] = r;
  return rank;
}

interface Contender {
  readonly t: number;
  readonly shape: BandedShape;
}

/** The territories whose outline's box meets one of `boxes`, in winning order (`order`). */
function contendersIn(market: MarketCache, territories: readonly Territory[], order: ArrayLike<number>, boxes: readonly (readonly number[])[]): Contender[] {
  const out: Contender[] = [];
  for (let r = 0; r < order.length; r++) {
    const t = order[r]!;
    const s = shapeOf(market, territories[t]!.geometry);
    if (boxes.some((b) => s.minX <= b[2]! && s.maxX >= b[0]! && s.minY <= b[3]! && s.maxY >= b[1]!)) out.push({ t, shape: s });
  }
  return out;
}

/** The first contender whose outline contains the point (the winner), or −1. */
function firstContaining(contenders: readonly Contender[], x: number, y: number): number {
  for (const c of contenders) if (shapeContains(c.shape, x, y)) return c.t;
  return -1;
}

/** Whether `e` computed this plan: same pins, and territory by territory the same id, outline and rank. */
function sameInputs(e: PlanEngine, territories: readonly Territory[], pins: readonly StorePin[] | undefined): boolean {
  if (e.pins !== pins || e.territories.length !== territories.length) return false;
  for (let k = 0; k < territories.length; k++) {
    const a = e.territories[k]!;
    const b = territories[k]!;
    if (a.id !== b.id || a.geometry !== b.geometry || a.rank !== b.rank) return false;
  }
  return true;
}

/**
 * The step when one territory was added, removed or reshaped (a draw, a delete, its undo, a
 * reshape): fills `geo` (the assignment by outlines, already re-indexed) and returns the
 * stores whose territory changed. Two kinds of store can move, found in one pass over the
 * market (sequential reads of typed arrays: faster than a grid walk once the box holds a
 * few percent of the stores):
 *
 * - the stores the territory held (old position `from`): nothing that outranks it contains
 *   them, so they go to the first territory in winning order whose outline contains them —
 *   the territory itself (new outline, new rank) included — or to none;
 * - the stores inside its new outline (position `to`) that it outranks their territory on:
 *   every other territory kept its outline and its relative order, so the store's current
 *   territory is the best of them, and the touched territory takes the store exactly when
 *   it contains it and comes first.
 */
function oneTerritoryStep(
  market: MarketCache,
  territories: readonly Territory[],
  order: ArrayLike<number>,
  oldGeo: Int32Array,
  remap: Int32Array | null,
  from: number,
  to: number,
  heldBox: BandedShape | null,
): { geo: Int32Array; changed: Int32Array; tested: number } {
  // `changed` is the market's scratch array: read it before the next step
  const { lng, lat } = market.cols;
  const n = lng.length;
  // the new assignment, re-indexed by `remap` (null: indices kept) in the same pass
  const geo = new Int32Array(n);
  const m = remap ? remap.length : 0;
  const rank = rankOf(order, territories.length);
  const newShape = to >= 0 ? shapeOf(market, territories[to]!.geometry) : null;
  // Territories that can hold a store the touched one held (its stores lie in its old outline's box).
  const contenders = from >= 0 && heldBox ? contendersIn(market, territories, order, [[heldBox.minX, heldBox.minY, heldBox.maxX, heldBox.maxY]]) : [];
  const changed = (market.scratch ??= new Int32Array(n));
  let count = 0;
  let tested = 0;
  const bx0 = newShape ? newShape.minX : 1;
  const by0 = newShape ? newShape.minY : 1;
  const bx1 = newShape ? newShape.maxX : 0;
  const by1 = newShape ? newShape.maxY : 0;
  const toRank = to >= 0 ? rank[to]! : -1;
  for (let i = 0; i < n; i++) {
    const g0 = oldGeo[i]!;
    if (from >= 0 && g0 === from) {
      tested++;
      geo[i] = firstContaining(contenders, lng[i]!, lat[i]!);
      changed[count++] = i;
      continue;
    }
    const g = remap === null ? g0 : g0 >= 0 && g0 < m ? remap[g0]! : -1;
    geo[i] = g;
    const x = lng[i]!;
    if (!(x >= bx0 && x <= bx1)) continue;
    const y = lat[i]!;
    if (!(y >= by0 && y <= by1)) continue;
    tested++;
    if ((g < 0 || toRank < rank[g]!) && shapeContains(newShape!, x, y)) {
      geo[i] = to;
      changed[count++] = i;
    }
  }
  return { geo, changed: changed.subarray(0, count), tested };
}

/**
 * The box of the edges one outline has and the other has not (a vertex dragged: the two
 * edges at it, before and after), or null when they have the same edges. Those edges close
 * up into loops, and a point's inside/outside (even–odd, boundary included) differs between
 * the two outlines only inside the loops: only stores in this box can change.
 */
export function changedEdgesBox(a: TerritoryGeometry, b: TerritoryGeometry): [number, number, number, number] | null {
  const odd = new Map<string, [number, number, number, number]>();
  const toggle = (g: TerritoryGeometry) => {
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const rings of polygons) {
      for (const ring of rings) {
        for (let k = 0; k + 1 < ring.length; k++) {
          const p = ring[k]!;
          const q = ring[k + 1]!;
          const x1 = p[0]!;
          const y1 = p[1]!;
          const x2 = q[0]!;
          const y2 = q[1]!;
          if (x1 === x2 && y1 === y2) continue;
          const first = x1 < x2 || (x1 === x2 && y1 < y2);
          const key = first ? `${x1},${y1},${x2},${y2}` : `${x2},${y2},${x1},${y1}`;
          if (odd.has(key)) odd.delete(key);
          else odd.set(key, [x1, y1, x2, y2]);
        }
        // an unclosed ring is closed as the point test closes it
        const p = ring[ring.length - 1];
        const q = ring[0];
        if (p && q && (p[0] !== q[0] || p[1] !== q[1])) {
          const first = p[0]! < q[0]! || (p[0] === q[0] && p[1]! < q[1]!);
          const key = first ? `${p[0]},${p[1]},${q[0]},${q[1]}` : `${q[0]},${q[1]},${p[0]},${p[1]}`;
          if (odd.has(key)) odd.delete(key);
          else odd.set(key, [p[0]!, p[1]!, q[0]!, q[1]!]);
        }
      }
    }
  };
  toggle(a);
  toggle(b);
  if (odd.size === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [ax, ay, bx, by] of odd.values()) {
    x0 = Math.min(x0, ax, bx);
    y0 = Math.min(y0, ay, by);
    x1 = Math.max(x1, ax, bx);
    y1 = Math.max(y1, ay, by);
  }
  return [x0, y0, x1, y1];
}

/**
 * One territory reshaped, its rank kept (a vertex dragged, a unit painted in or out, an
 * outline edited): only stores inside the box of the changed edges can change
 * (changedEdgesBox); they are found with the grid. A store the territory held goes to the
 * first territory in winning order that contains it (the territory itself included); any
 * other goes to the territory when it contains it now and outranks the store's territory.
 */
function reshapeStep(
  market: MarketCache,
  territories: readonly Territory[],
  order: ArrayLike<number>,
  oldGeo: Int32Array,
  geo: Int32Array,
  from: number,
  to: number,
  oldGeometry: TerritoryGeometry,
): { changed: Int32Array; values: Int32Array; tested: number } {
  // reads `geo` (the re-indexed assignment), writes nothing: the caller applies `values`
  const box = changedEdgesBox(oldGeometry, territories[to]!.geometry);
  if (!box) return { changed: new Int32Array(0), values: new Int32Array(0), tested: 0 };
  const { lng, lat } = market.cols;
  const rank = rankOf(order, territories.length);
  const contenders = contendersIn(market, territories, order, [box]);
  const newShape = shapeOf(market, territories[to]!.geometry);
  const toRank = rank[to]!;
  if (!market.grid) market.grid = buildStoreGrid(market.cols);
  const inBox = storesInBox(market.grid, market.cols, box);
  const changed: number[] = [];
  const values: number[] = [];
  for (const i of inBox) {
    const x = lng[i]!;
    const y = lat[i]!;
    if (oldGeo[i] === from) {
      const winner = firstContaining(contenders, x, y);
      if (winner !== geo[i]) {
        changed.push(i);
        values.push(winner);
      }
      continue;
    }
    const g = geo[i]!;
    if ((g < 0 || toRank < rank[g]!) && shapeContains(newShape, x, y)) {
      changed.push(i);
      values.push(to);
    }
  }
  return { changed: Int32Array.from(changed), values: Int32Array.from(values), tested: inBox.length };
}

/**
 * Builds what the first incremental step would otherwise build on the spot (the grid over
 * the stores, the banded outlines of every territory), so the user's first edit after a
 * load is as quick as the next ones. Call it when the page is idle after a full step.
 */
export function warmPlanEngine(engine: PlanEngine): void {
  const { market } = engine.internal;
  if (!market.grid) market.grid = buildStoreGrid(market.cols);
  // outlines with their rasters (a few KB each): a delete tests the neighbours' at once
  for (const t of engine.territories) {
    const shape = shapeOf(market, t.geometry);
    if (engine.territories.length <= WARM_RASTERS) rasterOf(shape);
  }
  market.scratch ??= new Int32Array(market.cols.lng.length).fill(-1); // touched now, not during the first edit
}
