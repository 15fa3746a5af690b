/**
 * The optimizer's working state and its moves (internal to src/domain/balance): a unit →
 * territory assignment with running totals per territory (weight, units, area, perimeter),
 * the objective, and three ways to improve it:
 *
 * - `descend`: boundary local search. A border unit moves to a neighbouring territory when
 *   that lowers the objective and its own territory stays connected (articulation check: a
 *   BFS inside the territory from one of the unit's neighbours must reach the others).
 * - `pushAlongPaths`: for a territory out of tolerance, the nearest territory (hops on the
 *   territory graph) that can take or give the difference, and units handed along the path
 *   between them. This is what a single-move search cannot do (A heavy, C light, B between
 *   them balanced), and, for a rebalance, what moves few stores: only the excess travels.
 * - `giveBack`: units returned to their original territory while both sides stay within
 *   tolerance (a rebalance moves no store it does not have to).
 *
 * The objective, per territory t with weight w_t, target m_t and global ideal I
 * (d_t = (w_t − m_t) / I):
 *   balance · d_t² + EXCESS · max(0, |d_t| − tol)² + shape · (1 − PP_t) + moveCost · (stores moved away / I)
 * EXCESS is large, so getting every territory within tolerance comes first; inside it, the
 * balance term keeps evening out and the shape term (Polsby–Popper computed from the
 * graph) rounds the territories off. A rebalance adds the cost of moving stores.
 */
import { createRandom, shuffle } from './random';
import type { UnitGraph } from './unitGraph';

/** Weight of the beyond-tolerance term; see the module comment. */
export const EXCESS = 1000;

export interface SearchConfig {
  /** Tolerance the search aims at (a little inside the user's tolerance). */
  tol: number;
  balance: number;
  shape: number;
  /** Objective cost of moving stores away from their original territory, per ideal-worth of stores. */
  moveCost: number;
}

export interface Search {
  readonly g: UnitGraph;
  readonly n: number;
  readonly k: number;
  readonly w: Float64Array;
  readonly owner: Int32Array;
  /** 1 = the unit may change territory. */
  readonly movable: Uint8Array;
  readonly tLocked: Uint8Array;
  readonly tW: Float64Array;
  readonly tN: Int32Array;
  readonly tArea: Float64Array;
  readonly tPerim: Float64Array;
  /** What each territory should weigh (the free territories' mean; a locked one's own weight). */
  readonly target: Float64Array;
  readonly ideal: number;
  /** Original territory per unit (rebalance) and stores per unit, or null. */
  readonly origin: Int32Array | null;
  readonly stores: ArrayLike<number> | null;
  cfg: SearchConfig;
  readonly stamp: Int32Array;
  gen: number;
  readonly queue: Int32Array;
  readonly shouldStop: () => boolean;
}

export function createSearch(
  g: UnitGraph,
  k: number,
  w: ArrayLike<number>,
  owner: Int32Array,
  movable: Uint8Array,
  tLocked: Uint8Array,
  target: Float64Array,
  ideal: number,
  cfg: SearchConfig,
  origin: Int32Array | null,
  stores: ArrayLike<number> | null,
  shouldStop: () => boolean,
): Search {
  const n = g.ids.length;
  const s: Search = {
    g, n, k, w: Float64Array.from({ length: n }, (_, i) => w[i] ?? 0), owner, movable, tLocked,
    tW: new Float64Array(k), tN: new Int32Array(k), tArea: new Float64Array(k), tPerim: new Float64Array(k),
    target, ideal: ideal > 0 ? ideal : 1, origin, stores, cfg,
    stamp: new Int32Array(n), gen: 0, queue: new Int32Array(n), shouldStop,
  };
  recount(s);
  return s;
}

/** Recomputes every territory total from `owner`. */
export function recount(s: Search): void {
  s.tW.fill(0);
  s.tN.fill(0);
  s.tArea.fill(0);
  s.tPerim.fill(0);
  const { g, owner } = s;
  for (let u = 0; u < s.n; u++) {
    const t = owner[u]!;
    if (t < 0) continue;
    s.tW[t] = s.tW[t]! + s.w[u]!;
    s.tN[t]!++;
    s.tArea[t] = s.tArea[t]! + g.area[u]!;
    let p = g.perimeter[u]!;
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) if (owner[g.neighbors[e]!] === t) p -= g.sharedLength[e]!;
    s.tPerim[t] = s.tPerim[t]! + p;
  }
}

/** The objective's term for territory t at weight w, area a, perimeter p. */
export function penalty(s: Search, t: number, w: number, a: number, p: number): number {
  const d = (w - s.target[t]!) / s.ideal;
  const over = Math.abs(w - s.ideal) / s.ideal - s.cfg.tol;
  let f = s.cfg.balance * d * d;
  if (over > 0) f += EXCESS * over * over;
  if (s.cfg.shape > 0 && p > 0) f += s.cfg.shape * (1 - Math.min(1, (4 * Math.PI * a) / (p * p)));
  return f;
}

/** The whole objective without the move cost (for comparing runs). */
export function objective(s: Search): number {
  let f = 0;
  for (let t = 0; t < s.k; t++) if (!s.tLocked[t]) f += penalty(s, t, s.tW[t]!, s.tArea[t]!, s.tPerim[t]!);
  return f;
}

/** Border length between unit u and territory t (excluding u itself). */
function borderWith(s: Search, u: number, t: number): number {
  let l = 0;
  const { g, owner } = s;
  for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) if (owner[g.neighbors[e]!] === t) l += g.sharedLength[e]!;
  return l;
}

/** Moves unit u to territory `to` (no checks), keeping the totals. */
export function moveUnit(s: Search, u: number, to: number): void {
  const from = s.owner[u]!;
  const { g } = s;
  if (from >= 0) {
    const l = borderWith(s, u, from);
    s.tW[from] = s.tW[from]! - s.w[u]!;
    s.tN[from]!--;
    s.tArea[from] = s.tArea[from]! - g.area[u]!;
    s.tPerim[from] = s.tPerim[from]! - g.perimeter[u]! + 2 * l;
  }
  if (to >= 0) {
    const l = borderWith(s, u, to);
    s.tW[to] = s.tW[to]! + s.w[u]!;
    s.tN[to]!++;
    s.tArea[to] = s.tArea[to]! + g.area[u]!;
    s.tPerim[to] = s.tPerim[to]! + g.perimeter[u]! - 2 * l;
  }
  s.owner[u] = to;
}

/**
 * True when unit u can leave its territory without splitting it (or emptying it): every
 * neighbour of u in the territory is still reachable from the first one without u.
 */
export function canLeave(s: Search, u: number): boolean {
  const t = s.owner[u]!;
  if (t < 0) return true;
  if (s.tN[t]! <= 1) return false;
  const { g, owner, stamp, queue } = s;
  let inside = 0;
  let first = -1;
  for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
    const v = g.neighbors[e]!;
    if (owner[v] === t) {
      inside++;
      if (first < 0) first = v;
    }
  }
  if (inside <= 1) return true;
  const gen = ++s.gen;
  stamp[u] = gen;
  stamp[first] = gen;
  let head = 0;
  let tail = 0;
  queue[tail++] = first;
  let found = 1;
  // Mark the neighbours to find with a second stamp value (−gen).
  for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
    const v = g.neighbors[e]!;
    if (owner[v] === t && v !== first && stamp[v] !== gen) stamp[v] = -gen;
  }
  while (head < tail) {
    const x = queue[head++]!;
    for (let e = g.offsets[x]!; e < g.offsets[x + 1]!; e++) {
      const v = g.neighbors[e]!;
      if (owner[v] !== t || stamp[v] === gen) continue;
      if (stamp[v] === -gen) {
        found++;
        if (found === inside) return true;
      }
      stamp[v] = gen;
      queue[tail++] = v;
    }
  }
  return false;
}

function moveCostOf(s: Search, u: number, from: number, to: number): number {
  if (!s.origin || s.cfg.moveCost === 0) return 0;
  const o = s.origin[u]!;
  if (o < 0) return 0;
  const stores = s.stores ? s.stores[u]! : s.w[u]!;
  const c = (s.cfg.moveCost * stores) / s.ideal;
  if (from === o && to !== o) return c;
  if (to === o && from !== o) return -c;
  return 0;
}

/** Objective change of moving u from its territory to `to` (no contiguity check). */
export function moveDelta(s: Search, u: number, to: number): number {
  const from = s.owner[u]!;
  const { g } = s;
  const wu = s.w[u]!;
  const lFrom = borderWith(s, u, from);
  const lTo = borderWith(s, u, to);
  const before = penalty(s, from, s.tW[from]!, s.tArea[from]!, s.tPerim[from]!) + penalty(s, to, s.tW[to]!, s.tArea[to]!, s.tPerim[to]!);
  const after =
    penalty(s, from, s.tW[from]! - wu, s.tArea[from]! - g.area[u]!, s.tPerim[from]! - g.perimeter[u]! + 2 * lFrom) +
    penalty(s, to, s.tW[to]! + wu, s.tArea[to]! + g.area[u]!, s.tPerim[to]! + g.perimeter[u]! - 2 * lTo);
  return after - before + moveCostOf(s, u, from, to);
}

/**
 * Boundary local search: sweeps the units in a seeded random order and makes every
 * improving single move that keeps territories connected, until a sweep makes none or
 * `maxSweeps` is reached. Returns the number of moves.
 */
export function descend(s: Search, seed: number, maxSweeps: number): number {
  const order = shuffle(Int32Array.from({ length: s.n }, (_, i) => i), createRandom(seed));
  const { g, owner } = s;
  const cand: number[] = [];
  let total = 0;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    if (s.shouldStop()) break;
    let moved = 0;
    for (const u of order) {
      const from = owner[u]!;
      if (!s.movable[u] || from < 0 || s.tLocked[from]) continue;
      cand.length = 0;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
        const t = owner[g.neighbors[e]!]!;
        if (t >= 0 && t !== from && !s.tLocked[t] && !cand.includes(t)) cand.push(t);
      }
      if (cand.length === 0) continue;
      let best = -1;
      let bestDelta = -1e-12;
      for (const t of cand) {
        const d = moveDelta(s, u, t);
        if (d < bestDelta) {
          bestDelta = d;
          best = t;
        }
      }
      if (best >= 0 && canLeave(s, u)) {
        moveUnit(s, u, best);
        moved++;
      }
    }
    total += moved;
    if (moved === 0) break;
  }
  return total;
}

/** Territory adjacency (a territory's neighbouring territories), from the unit graph. */
function territoryNeighbours(s: Search): Set<number>[] {
  const adj = Array.from({ length: s.k }, () => new Set<number>());
  const { g, owner } = s;
  for (let u = 0; u < s.n; u++) {
    const a = owner[u]!;
    if (a < 0) continue;
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const b = owner[g.neighbors[e]!]!;
      if (b >= 0 && b !== a) adj[a]!.add(b);
    }
  }
  return adj;
}

/**
 * Hands units of territory `from` bordering `to` over to `to` until about `amount` of
 * weight moved: the border unit whose weight best fits what is left goes first (ties: the
 * longer shared border, for shape), as long as `from` stays connected. Returns the weight moved.
 */
export function transfer(s: Search, from: number, to: number, amount: number, slack: number): number {
  const { g, owner } = s;
  let remaining = amount;
  let zeroMoves = 0;
  const maxZero = Math.max(50, s.tN[from]!);
  const frontier = new Set<number>();
  for (let u = 0; u < s.n; u++) {
    if (owner[u] !== from || !s.movable[u]) continue;
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      if (owner[g.neighbors[e]!] === to) {
        frontier.add(u);
        break;
      }
    }
  }
  while (remaining > 1e-9 && frontier.size > 0 && !s.shouldStop()) {
    let best = -1;
    let bestScore = Infinity;
    let bestLen = -1;
    for (const u of frontier) {
      const wu = s.w[u]!;
      if (wu > remaining + slack) continue;
      const score = wu === 0 ? remaining : Math.abs(remaining - wu);
      const len = borderWith(s, u, to) / (g.perimeter[u]! || 1);
      if (score < bestScore - 1e-12 || (Math.abs(score - bestScore) <= 1e-12 && len > bestLen)) {
        if (!canLeave(s, u)) continue;
        best = u;
        bestScore = score;
        bestLen = len;
      }
    }
    if (best < 0) break;
    if (s.w[best] === 0 && ++zeroMoves > maxZero) break;
    moveUnit(s, best, to);
    remaining -= s.w[best]!;
    frontier.delete(best);
    for (let e = g.offsets[best]!; e < g.offsets[best + 1]!; e++) {
      const v = g.neighbors[e]!;
      if (owner[v] === from && s.movable[v]) frontier.add(v);
    }
    if (remaining <= slack && remaining < amount) break;
  }
  return amount - remaining;
}

/**
 * For each territory beyond the tolerance (relative to its target), the nearest territories
 * (hops on the territory graph) that can take or give the difference without leaving
 * `aim`, and units handed along the path between them, most room first. A territory no
 * path helps is left for the swaps. Returns true if anything moved.
 */
export function pushAlongPaths(s: Search, aim: number): boolean {
  let movedAny = false;
  const skip = new Set<number>();
  for (let round = 0; round < 4 * s.k; round++) {
    if (s.shouldStop()) break;
    // Aim near the territory's target, inside the tolerance band around the ideal.
    const hi = (t: number) => Math.min((1 + s.cfg.tol) * s.ideal, s.target[t]! + aim * s.ideal);
    const lo = (t: number) => Math.max((1 - s.cfg.tol) * s.ideal, s.target[t]! - aim * s.ideal);
    // The worst violation not given up on.
    let worst = -1;
    let worstBy = 0;
    let heavy = true;
    for (let t = 0; t < s.k; t++) {
      if (s.tLocked[t] || skip.has(t)) continue;
      const over = s.tW[t]! - (1 + s.cfg.tol) * s.ideal;
      const under = (1 - s.cfg.tol) * s.ideal - s.tW[t]!;
      if (over > worstBy) [worst, worstBy, heavy] = [t, over, true];
      if (under > worstBy) [worst, worstBy, heavy] = [t, under, false];
    }
    if (worst < 0) break;
    const adj = territoryNeighbours(s);
    let moved = false;
    // Two tiers: first a partner with the opposite problem (a heavy territory's excess
    // fills a light one's shortfall: every store moved counts twice towards balance),
    // then any territory with room inside the band. Level by level, at most 4 hops.
    for (let tier = 0; tier < 2 && !moved; tier++) {
      const room = (b: number) =>
        tier === 0
          ? heavy ? lo(b) - s.tW[b]! : s.tW[b]! - hi(b)
          : heavy ? hi(b) - s.tW[b]! : s.tW[b]! - lo(b);
      const prev = new Int32Array(s.k).fill(-2);
      prev[worst] = -1;
      let level = [worst];
      for (let hop = 0; hop < 4 && level.length > 0 && !moved; hop++) {
        const nextLevel: number[] = [];
        for (const a of level) {
          for (const b of adj[a]!) {
            if (prev[b] !== -2 || s.tLocked[b]) continue;
            prev[b] = a;
            nextLevel.push(b);
          }
        }
        const ends = nextLevel.filter((b) => room(b) > 0).sort((a, b) => room(b) - room(a) || a - b);
        for (const end of ends) {
          const need = heavy ? s.tW[worst]! - hi(worst) : lo(worst) - s.tW[worst]!;
          const amount = Math.min(Math.max(need, 0), room(end));
          if (amount <= 0) break;
          const path: number[] = [];
          for (let t = end; t !== -1; t = prev[t]!) path.push(t);
          path.reverse(); // worst … end
          if (!heavy) path.reverse(); // end … worst (the donor first)
          for (let i = 0; i + 1 < path.length; i++) {
            const got = transfer(s, path[i]!, path[i + 1]!, amount, s.cfg.tol * s.ideal);
            if (got > 0) moved = true;
            if (got < amount * 0.5) break;
          }
          if (moved) break;
        }
        level = nextLevel;
      }
    }
    if (moved) movedAny = true;
    else skip.add(worst);
  }
  return movedAny;
}

/**
 * Pair swaps for territories still out of tolerance after single moves: a border unit of A
 * goes to a neighbouring territory B and one of B's border units comes back, when the pair
 * lowers the objective and both stay connected. Fixes what unit sizes block (A is 10 over,
 * its border units weigh 24 and 42, B's 32). Returns the number of swaps made.
 */
export function swapPass(s: Search): number {
  const { g, owner } = s;
  let swaps = 0;
  for (let a = 0; a < s.k; a++) {
    if (s.tLocked[a] || Math.abs(s.tW[a]! - s.ideal) <= s.cfg.tol * s.ideal) continue;
    if (s.shouldStop()) break;
    // Border units of A by neighbouring territory.
    const border = new Map<number, number[]>();
    for (let u = 0; u < s.n; u++) {
      if (owner[u] !== a || !s.movable[u]) continue;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
        const b = owner[g.neighbors[e]!]!;
        if (b < 0 || b === a || s.tLocked[b]) continue;
        const list = border.get(b) ?? [];
        if (!list.includes(u)) list.push(u);
        border.set(b, list);
      }
    }
    let done = false;
    for (const [b, mine] of [...border].sort((x, y) => x[0] - y[0])) {
      const theirs: number[] = [];
      for (const u of mine) {
        for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
          const v = g.neighbors[e]!;
          if (owner[v] === b && s.movable[v] && !theirs.includes(v)) theirs.push(v);
        }
      }
      const before = penalty(s, a, s.tW[a]!, s.tArea[a]!, s.tPerim[a]!) + penalty(s, b, s.tW[b]!, s.tArea[b]!, s.tPerim[b]!);
      // Cheapest check first: the balance change alone must help.
      for (const u of mine) {
        for (const v of theirs) {
          if (u === v) continue;
          const net = s.w[u]! - s.w[v]!;
          if (Math.abs(s.tW[a]! - net - s.ideal) >= Math.abs(s.tW[a]! - s.ideal)) continue;
          if (!canLeave(s, u)) continue;
          moveUnit(s, u, b);
          let touchesA = false;
          for (let e = g.offsets[v]!; e < g.offsets[v + 1]! && !touchesA; e++) touchesA = owner[g.neighbors[e]!] === a;
          if (touchesA && canLeave(s, v)) {
            moveUnit(s, v, a);
            const after = penalty(s, a, s.tW[a]!, s.tArea[a]!, s.tPerim[a]!) + penalty(s, b, s.tW[b]!, s.tArea[b]!, s.tPerim[b]!);
            if (after < before - 1e-12) {
              swaps++;
              done = true;
              break;
            }
            moveUnit(s, v, b);
          }
          moveUnit(s, u, a);
        }
        if (done) break;
      }
      if (done) break;
    }
  }
  return swaps;
}

/**
 * Returns units to their original territory (a rebalance) when that keeps both territories
 * within `s.cfg.tol` and the one they leave connected: fewer stores moved, same balance.
 * Units carrying the most stores go back first. Returns the number of units returned.
 */
export function giveBack(s: Search): number {
  if (!s.origin) return 0;
  const { g, owner, origin } = s;
  const within = (w: number) => Math.abs(w - s.ideal) <= s.cfg.tol * s.ideal;
  let returned = 0;
  for (let pass = 0; pass < 20; pass++) {
    const moved: number[] = [];
    for (let u = 0; u < s.n; u++) {
      const o = origin[u]!;
      if (o >= 0 && owner[u] !== o && owner[u]! >= 0 && s.movable[u] && !s.tLocked[o]) moved.push(u);
    }
    const storesOf = (u: number) => (s.stores ? s.stores[u]! : s.w[u]!);
    moved.sort((a, b) => storesOf(b) - storesOf(a) || a - b);
    let count = 0;
    for (const u of moved) {
      const from = owner[u]!;
      const o = origin[u]!;
      let touches = false;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) if (owner[g.neighbors[e]!] === o) touches = true;
      if (!touches) continue;
      if (!within(s.tW[from]! - s.w[u]!) || !within(s.tW[o]! + s.w[u]!)) continue;
      if (!canLeave(s, u)) continue;
      moveUnit(s, u, o);
      count++;
    }
    returned += count;
    if (count === 0) break;
  }
  return returned;
}
