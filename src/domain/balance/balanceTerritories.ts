/**
 * Auto-balance (issue 13): k territories made of base units, each within ±tolerance of the
 * ideal on a measure, contiguous on the unit graph and compact, built from scratch or by
 * rebalancing a starting plan while moving as few stores as possible. Pure and
 * synchronous: a worker runs it, reads `onProgress` and cancels through `signal` or
 * `shouldStop` (checked between sweeps and splits, every few ms).
 *
 * From scratch: recursive spanning-tree bisection (initialPartition.ts), or growth from seed
 * units when seeds are given, then boundary local search and path transfers (search.ts);
 * several restarts with sub-seeds of `seed`, the best plan kept (fewest territories out of
 * tolerance, then the objective: balance, then shape).
 * Rebalance: the starting plan (unassigned units filled in from their neighbours when
 * `fill`), then path transfers that carry only the excess to the nearest territory with
 * room, local search that pays for every store moved, and units handed back to their
 * original territory wherever balance allows.
 *
 * Locked territories keep exactly their units; locked units keep their territory. The same
 * input and seed give the same plan (no clock, no Math.random). When the tolerance cannot
 * be met the best plan found is returned with a reason per territory (planSummary.ts).
 */
import { allocate, bisect, componentsOf, growFromSeeds } from './initialPartition';
import { summarizePlan, type PlanSummary } from './planSummary';
import { subSeed } from './random';
import { createSearch, descend, EXCESS, giveBack, objective, pushAlongPaths, swapPass, type Search, type SearchConfig } from './search';
import type { UnitGraph } from './unitGraph';

export type BalanceMode = 'scratch' | 'rebalance';

export interface BalanceInput {
  graph: UnitGraph;
  /** Number of territories; territory indices are 0 … k − 1. */
  k: number;
  /** The balanced weight per unit (see `balanceWeights`). */
  weights: ArrayLike<number>;
  /** Stores per unit, to count stores moved; default `weights`. */
  storeCounts?: ArrayLike<number>;
  /** ±share of the ideal, e.g. 0.05 for ±5 %. */
  tolerance: number;
  mode: BalanceMode;
  /**
   * Territory per unit (−1 = none) of the current plan: the start of a rebalance; for a
   * build from scratch, where the locked territories are (and, with `fill: false`, which
   * units take part).
   */
  initial?: ArrayLike<number>;
  lockedTerritories?: readonly number[];
  /** Units that keep their territory in `initial` (from scratch: they seed it). */
  lockedUnits?: readonly number[];
  /** From scratch: a seed unit per territory (its pinned centre), null = choose one. */
  seeds?: readonly (number | null)[];
  /** Shape against balance, 0–1 (0 = balance only); default 0.5. */
  compactness?: number;
  /**
   * Whether units without a territory in `initial` are given one (default true). Without
   * `initial` every unit takes part.
   */
  fill?: boolean;
  /** PRNG seed; default 1. */
  seed?: number;
  /** From scratch: plans built and searched (default 8); stops earlier once good enough. */
  restarts?: number;
  territoryNames?: readonly string[];
  unitNames?: readonly string[];
  /** Called with the fraction done, 0 … 1, non-decreasing. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  shouldStop?: () => boolean;
}

export interface BalanceResult extends PlanSummary {
  /** 'cancelled': stopped early; the assignment is the best plan so far (or the start). */
  status: 'done' | 'cancelled';
  seed: number;
  /** Plans built (from scratch) or 1. */
  runs: number;
}

/**
 * Builds or rebalances a plan; see the module comment. Throws RangeError on malformed input
 * (k < 1, weights of the wrong length, a tolerance ≤ 0); anything else returns a plan.
 */
export function balanceTerritories(input: BalanceInput): BalanceResult {
  const { graph, k, tolerance } = input;
  const n = graph.ids.length;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1, got ${k}`);
  if (input.weights.length !== n) throw new RangeError(`weights has ${input.weights.length} entries for ${n} units`);
  if (!(tolerance > 0)) throw new RangeError(`tolerance must be > 0, got ${tolerance}`);
  const seed = input.seed ?? 1;
  const shapeWeight = Math.max(0, Math.min(1, input.compactness ?? 0.5));
  const fill = input.fill ?? true;
  const shouldStop = () => input.signal?.aborted === true || input.shouldStop?.() === true;
  let lastProgress = 0;
  const progress = (f: number) => {
    const x = Math.max(lastProgress, Math.min(1, f));
    lastProgress = x;
    input.onProgress?.(x);
  };

  const start = new Int32Array(n).fill(-1);
  if (input.initial) for (let u = 0; u < n; u++) {
    const t = input.initial[u] ?? -1;
    start[u] = t >= 0 && t < k ? t : -1;
  }
  const tLocked = new Uint8Array(k);
  for (const t of input.lockedTerritories ?? []) if (t >= 0 && t < k) tLocked[t] = 1;
  // Units taking part: all, or (fill off, with a starting plan) those it assigns.
  const active = new Uint8Array(n);
  for (let u = 0; u < n; u++) active[u] = !input.initial || fill || start[u]! >= 0 ? 1 : 0;
  const movable = new Uint8Array(n);
  for (let u = 0; u < n; u++) movable[u] = active[u] && !(start[u]! >= 0 && tLocked[start[u]!]) ? 1 : 0;
  const pinned: [number, number][] = [];
  for (const u of input.lockedUnits ?? []) {
    if (u >= 0 && u < n && start[u]! >= 0) {
      movable[u] = 0;
      pinned.push([u, start[u]!]);
    }
  }
  const w = Float64Array.from({ length: n }, (_, u) => (active[u] ? Number(input.weights[u]) || 0 : 0));
  let total = 0;
  for (let u = 0; u < n; u++) total += w[u]!;
  const ideal = total / k;
  let lockedTotal = 0;
  for (let u = 0; u < n; u++) if (start[u]! >= 0 && tLocked[start[u]!]) lockedTotal += w[u]!;
  const freeTerritories: number[] = [];
  for (let t = 0; t < k; t++) if (!tLocked[t]) freeTerritories.push(t);
  const freeMean = freeTerritories.length > 0 ? (total - lockedTotal) / freeTerritories.length : 0;
  const target = new Float64Array(k);
  for (let u = 0; u < n; u++) if (start[u]! >= 0 && tLocked[start[u]!]) target[start[u]!] = target[start[u]!]! + w[u]!;
  for (const t of freeTerritories) target[t] = freeMean;

  const summarize = (assignment: Int32Array, status: 'done' | 'cancelled', runs: number): BalanceResult => ({
    ...summarizePlan({
      graph,
      assignment,
      k,
      weights: w,
      tolerance,
      storeCounts: input.storeCounts ?? w,
      initial: input.mode === 'rebalance' ? start : undefined,
      lockedTerritories: input.lockedTerritories,
      territoryNames: input.territoryNames,
      unitNames: input.unitNames,
    }),
    status,
    seed,
    runs,
  });
  const outOfTolerance = (s: Search) => {
    let count = 0;
    for (let t = 0; t < k; t++) if (Math.abs(s.tW[t]! - ideal) > tolerance * ideal + 1e-9) count++;
    return count;
  };
  progress(0);

  if (input.mode === 'rebalance') {
    const owner = Int32Array.from(start);
    if (fill) fillUnassigned(graph, owner, active, tLocked);
    joinStrayPieces(graph, owner, w, k, movable, tLocked, ideal);
    const tolEff = 0.98 * tolerance;
    // Moving stores costs little next to leaving a territory out of tolerance (a unit of 1 %
    // of the ideal costs what 0.1 % beyond the tolerance costs), but more than evening out
    // or rounding off inside it: a rebalance moves what it must.
    const cfg: SearchConfig = { tol: tolEff, balance: 0.05, shape: shapeWeight * tolEff * tolEff, moveCost: 0.05 * EXCESS * tolEff * tolEff };
    const s = createSearch(graph, k, w, owner, movable, tLocked, target, ideal, cfg, start, input.storeCounts ?? w, shouldStop);
    for (let round = 0; round < 4 && !shouldStop(); round++) {
      pushAlongPaths(s, 0.85 * tolerance);
      progress(0.2 + round * 0.2);
      descend(s, subSeed(seed, round), 30);
      if (outOfTolerance(s) > 0 && swapPass(s) > 0) descend(s, subSeed(seed, round + 11), 30);
      giveBack(s);
      if (outOfTolerance(s) === 0) break;
    }
    const status = shouldStop() ? 'cancelled' : 'done';
    progress(1);
    return summarize(s.owner, status, 1);
  }

  // From scratch.
  const restarts = Math.max(1, input.restarts ?? 8);
  // The search's bound is the user's tolerance (a hair inside, for rounding); the balance
  // term keeps pulling towards the ideal inside it.
  const tolEff = 0.999 * tolerance;
  const cfg: SearchConfig = { tol: tolEff, balance: 1, shape: shapeWeight * 10 * tolEff * tolEff, moveCost: 0 };
  const free: number[] = [];
  for (let u = 0; u < n; u++) if (movable[u]) free.push(u);
  const seeded = (input.seeds ?? []).some((x) => x !== null && x !== undefined && x >= 0 && x < n) || pinned.length > 0;
  let best: { owner: Int32Array; out: number; f: number } | null = null;
  let runs = 0;
  for (let r = 0; r < restarts; r++) {
    if (shouldStop()) break;
    const runSeed = subSeed(seed, r);
    const owner = new Int32Array(n).fill(-1);
    for (let u = 0; u < n; u++) if (start[u]! >= 0 && tLocked[start[u]!]) owner[u] = start[u]!;
    const runMovable = Uint8Array.from(movable);
    if (seeded) {
      // Seeds stay in their territory (a pinned centre is where the territory is).
      const seeds = seedUnits(graph, input.seeds ?? [], pinned, free, freeTerritories, runSeed);
      for (const [u] of seeds) runMovable[u] = 0;
      growFromSeeds(graph, free, seeds, owner);
    } else {
      const pieces = componentsOf(graph, free);
      const shares = allocate(pieces.map((p) => p.reduce((a, u) => a + w[u]!, 0)), pieces.map((p) => p.length), freeTerritories.length);
      let next = 0;
      pieces.forEach((piece, i) => {
        const kk = shares[i]!;
        const ts = kk > 0 ? freeTerritories.slice(next, next + kk) : freeTerritories.slice(0, 1);
        next += kk;
        bisect(graph, w, piece, ts, owner, subSeed(runSeed, i), { eps: tolerance / 2, maxTrees: 16, shapeTrees: shapeWeight > 0 ? 3 : 0 }, shouldStop);
      });
    }
    if (fill) fillUnassigned(graph, owner, active, tLocked);
    const s = createSearch(graph, k, w, owner, runMovable, tLocked, target, ideal, cfg, null, null, shouldStop);
    descend(s, runSeed, 60);
    for (let round = 0; round < 3 && outOfTolerance(s) > 0 && !shouldStop(); round++) {
      pushAlongPaths(s, 0.5 * tolerance);
      descend(s, subSeed(runSeed, round + 1), 60);
      if (outOfTolerance(s) > 0 && swapPass(s) > 0) descend(s, subSeed(runSeed, round + 11), 60);
    }
    runs++;
    if (shouldStop()) {
      if (!best) best = { owner: Int32Array.from(s.owner), out: outOfTolerance(s), f: objective(s) };
      break;
    }
    const out = outOfTolerance(s);
    const f = objective(s);
    if (!best || out < best.out || (out === best.out && f < best.f)) best = { owner: Int32Array.from(s.owner), out, f };
    progress((r + 1) / restarts);
    // Good enough: every territory within tolerance, and shape is not asked for (or
    // half the restarts have been spent looking for a better one).
    if (best.out === 0 && (shapeWeight === 0 || r + 1 >= Math.ceil(restarts / 2))) break;
  }
  const status = shouldStop() ? 'cancelled' : 'done';
  progress(1);
  if (best && !seeded && input.initial) relabelByOverlap(best.owner, start, w, freeTerritories);
  return summarize(best ? best.owner : start, status, runs);
}

/**
 * Grown from anywhere, territory t of a new plan has nothing to do with territory t of the
 * old one; its name, manager and color would land on some arbitrary area. So the free
 * territories are renumbered to hold, as far as can be, the units the same-numbered old
 * territory held: pairs by the weight they share, heaviest first (each old and new
 * territory used once), the rest in order.
 */
function relabelByOverlap(owner: Int32Array, before: Int32Array, w: Float64Array, free: readonly number[]): void {
  const m = free.length;
  if (m < 2) return;
  const slot = new Int32Array(Math.max(0, ...free) + 1).fill(-1);
  free.forEach((t, i) => (slot[t] = i));
  const shared = new Float64Array(m * m);
  for (let u = 0; u < owner.length; u++) {
    const a = owner[u]!;
    const b = before[u]!;
    if (a < 0 || b < 0 || a >= slot.length || b >= slot.length || slot[a]! < 0 || slot[b]! < 0) continue;
    const at = slot[a]! * m + slot[b]!;
    shared[at] = shared[at]! + w[u]!;
  }
  const pairs: number[] = [];
  for (let p = 0; p < m * m; p++) if (shared[p]! > 0) pairs.push(p);
  pairs.sort((x, y) => shared[y]! - shared[x]! || x - y);
  const to = new Int32Array(m).fill(-1);
  const taken = new Uint8Array(m);
  for (const p of pairs) {
    const a = Math.floor(p / m);
    const b = p % m;
    if (to[a] !== -1 || taken[b]) continue;
    to[a] = b;
    taken[b] = 1;
  }
  let next = 0;
  for (let a = 0; a < m; a++) {
    if (to[a] !== -1) continue;
    while (taken[next]) next++;
    to[a] = next;
    taken[next] = 1;
  }
  for (let u = 0; u < owner.length; u++) {
    const a = owner[u]!;
    if (a >= 0 && a < slot.length && slot[a]! >= 0) owner[u] = free[to[slot[a]!]!]!;
  }
}

/** Light enough to hand over: a stray piece of at most this share of the ideal load. */
const STRAY_PIECE_SHARE = 0.25;

/**
 * A rebalance keeps territories in one piece, so it starts from one-piece territories: a
 * light piece cut off from the rest of its territory on the unit graph (Staten Island, whose
 * only land borders are with New Jersey counties, in a New York territory made of whole
 * states) joins the neighbouring unlocked territory it shares the longest border with. A
 * piece heavier than a quarter of the ideal, or holding a unit that may not move, stays.
 */
function joinStrayPieces(g: UnitGraph, owner: Int32Array, w: Float64Array, k: number, movable: Uint8Array, tLocked: Uint8Array, ideal: number): void {
  const n = owner.length;
  const mark = new Uint8Array(n);
  for (let t = 0; t < k; t++) {
    if (tLocked[t]) continue;
    const mine: number[] = [];
    for (let u = 0; u < n; u++) if (owner[u] === t) mine.push(u);
    const pieces = componentsOf(g, mine, mark);
    if (pieces.length < 2) continue;
    const weightOf = (p: Int32Array) => p.reduce((a, u) => a + w[u]!, 0);
    const heaviest = pieces.reduce((best, p) => (weightOf(p) > weightOf(best) ? p : best), pieces[0]!);
    for (const piece of pieces) {
      if (piece === heaviest || weightOf(piece) > STRAY_PIECE_SHARE * ideal) continue;
      if (piece.some((u) => !movable[u])) continue;
      const border = new Map<number, number>();
      for (const u of piece) {
        for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
          const o = owner[g.neighbors[e]!]!;
          // island links carry no shared length: they still count, a little
          if (o >= 0 && o !== t && !tLocked[o]) border.set(o, (border.get(o) ?? 0) + Math.max(g.sharedLength[e]!, 1e-9));
        }
      }
      let to = -1;
      for (const [o, len] of border) if (to < 0 || len > border.get(to)! || (len === border.get(to)! && o < to)) to = o;
      if (to >= 0) for (const u of piece) owner[u] = to;
    }
  }
}

/**
 * Units without a territory join one: breadth-first from the assigned units of unlocked
 * territories (all at once, so each unit joins the nearest territory by hops).
 */
function fillUnassigned(g: UnitGraph, owner: Int32Array, active: Uint8Array, tLocked: Uint8Array): void {
  const n = g.ids.length;
  const queue: number[] = [];
  for (let u = 0; u < n; u++) if (owner[u]! >= 0 && !tLocked[owner[u]!]) queue.push(u);
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h]!;
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const v = g.neighbors[e]!;
      if (owner[v] !== -1 || !active[v]) continue;
      owner[v] = owner[u]!;
      queue.push(v);
    }
  }
}

/**
 * Seed units per free territory: the given ones, locked units (which seed their own
 * territory), and for the rest the free unit farthest (in hops) from every seed so far,
 * ties broken by the run's seed.
 */
function seedUnits(
  g: UnitGraph,
  given: readonly (number | null)[],
  pinned: readonly (readonly [number, number])[],
  free: readonly number[],
  freeTerritories: readonly number[],
  runSeed: number,
): [number, number][] {
  const n = g.ids.length;
  const seeds: [number, number][] = [];
  const isFree = new Uint8Array(n);
  for (const u of free) isFree[u] = 1;
  const has = new Set<number>();
  for (const t of freeTerritories) {
    const u = given[t];
    if (u !== null && u !== undefined && u >= 0 && u < n && isFree[u]) {
      seeds.push([u, t]);
      has.add(t);
      isFree[u] = 0;
    }
  }
  for (const [u, t] of pinned) {
    seeds.push([u, t]);
    has.add(t);
  }
  const missing = freeTerritories.filter((t) => !has.has(t));
  const dist = new Int32Array(n).fill(-1);
  for (const t of missing) {
    // Hops from the current seeds over free units; the farthest free unit becomes a seed.
    dist.fill(-1);
    const queue: number[] = [];
    for (const [u] of seeds) {
      dist[u] = 0;
      queue.push(u);
    }
    if (queue.length === 0) {
      const u = free[Math.abs(runSeed) % Math.max(1, free.length)];
      if (u === undefined) break;
      seeds.push([u, t]);
      isFree[u] = 0;
      continue;
    }
    for (let h = 0; h < queue.length; h++) {
      const u = queue[h]!;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
        const v = g.neighbors[e]!;
        if (dist[v] === -1 && isFree[v]) {
          dist[v] = dist[u]! + 1;
          queue.push(v);
        }
      }
    }
    let far = -1;
    for (const u of free) if (isFree[u] && (far < 0 || dist[u]! > dist[far]!)) far = u;
    if (far < 0) break;
    seeds.push([far, t]);
    isFree[far] = 0;
  }
  return seeds;
}
