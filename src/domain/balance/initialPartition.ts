/**
 * First plans for "Build from scratch" (internal to src/domain/balance).
 *
 * - `bisect`: recursive bisection along random spanning trees, the idea behind GerryChain's
 *   ReCom. A connected set of units that must become k territories gets a random spanning
 *   tree (Kruskal over random edge keys); cutting one tree edge leaves two connected
 *   halves, and the edge whose subtree weighs closest to k1/k of the set (k1 = ⌊k/2⌋, either
 *   side) is cut. Several trees are tried per split; with a shape weight, the balanced
 *   cut with the shortest border wins. Each half is split again until one territory is left.
 * - `growFromSeeds`: territories grown from given seed units (breadth-first on the unit
 *   graph, all seeds at once, ties to the lower territory): a Voronoi split on the graph
 *   that the local search then balances.
 * - `componentsOf`: the connected pieces of a set of units (locks and unassigned units can
 *   cut the free units apart), so each piece gets its share of territories.
 */
import { createRandom } from './random';
import type { UnitGraph } from './unitGraph';

export interface BisectOptions {
  /** Acceptable relative error of a cut, per resulting territory (e.g. tolerance / 3). */
  eps: number;
  /** Spanning trees tried per split before taking the best cut seen. */
  maxTrees: number;
  /** Trees to collect balanced cuts from when choosing by border length (0 = first balanced cut). */
  shapeTrees: number;
}

/** Scratch arrays shared by the recursion (one per graph). */
interface Scratch {
  local: Int32Array;
  mark: Uint8Array;
}

/**
 * Splits the connected unit set `units` into `territories.length` connected parts of
 * about equal weight and writes them into `owner`. A set with fewer units than territories
 * gives one unit per territory and leaves the rest empty.
 */
export function bisect(
  g: UnitGraph,
  w: Float64Array,
  units: Int32Array,
  territories: readonly number[],
  owner: Int32Array,
  seed: number,
  opts: BisectOptions,
  shouldStop: () => boolean,
): void {
  const n = g.ids.length;
  const scratch: Scratch = { local: new Int32Array(n).fill(-1), mark: new Uint8Array(n) };
  const random = createRandom(seed);
  const stack: { units: Int32Array; territories: readonly number[] }[] = [{ units, territories }];
  while (stack.length > 0) {
    const { units: set, territories: ts } = stack.pop()!;
    const k = ts.length;
    if (k === 0) continue;
    if (k === 1 || set.length <= k || shouldStop()) {
      if (set.length <= k) set.forEach((u, i) => (owner[u] = ts[i]!));
      else for (const u of set) owner[u] = ts[0]!;
      continue;
    }
    const pieces = componentsOf(g, set, scratch.mark);
    if (pieces.length > 1) {
      const shares = allocate(pieces.map((p) => weightOf(w, p)), pieces.map((p) => p.length), k);
      let next = 0;
      pieces.forEach((piece, i) => {
        const kk = shares[i]!;
        if (kk > 0) stack.push({ units: piece, territories: ts.slice(next, next + kk) });
        else for (const u of piece) owner[u] = ts[0]!; // too small for a territory of its own
        next += kk;
      });
      continue;
    }
    const k1 = Math.floor(k / 2);
    const [a, b] = splitOnce(g, w, set, k, k1, random, opts, scratch);
    // `a` holds kA parts: the side the cut measured against kA/k.
    const kA = a.parts;
    stack.push({ units: a.units, territories: ts.slice(0, kA) }, { units: b, territories: ts.slice(kA) });
  }
}

function splitOnce(
  g: UnitGraph,
  w: Float64Array,
  set: Int32Array,
  k: number,
  k1: number,
  random: () => number,
  opts: BisectOptions,
  scratch: Scratch,
): [{ units: Int32Array; parts: number }, Int32Array] {
  const m = set.length;
  const { local } = scratch;
  set.forEach((u, i) => (local[u] = i));
  let total = 0;
  for (const u of set) total += w[u]!;
  const share = total / k;
  // Edges inside the set (local indices), once each.
  const ea: number[] = [];
  const eb: number[] = [];
  const el: number[] = [];
  for (let i = 0; i < m; i++) {
    const u = set[i]!;
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const j = local[g.neighbors[e]!]!;
      if (j > i) {
        ea.push(i);
        eb.push(j);
        el.push(g.sharedLength[e]!);
      }
    }
  }
  const edgeCount = ea.length;
  const parent = new Int32Array(m);
  const keys = new Float64Array(edgeCount);
  const order = new Int32Array(edgeCount);
  const head = new Int32Array(m);
  const next = new Int32Array(2 * m);
  const to = new Int32Array(2 * m);
  const treeParent = new Int32Array(m);
  const pre = new Int32Array(m);
  const preIndex = new Int32Array(m);
  const sub = new Float64Array(m);
  const cnt = new Int32Array(m);
  const stack = new Int32Array(m);
  const inSub = new Uint8Array(m);
  const foundV = new Int32Array(2 * m);
  const foundK = new Int32Array(2 * m);
  // The best cut so far: its side's members (local indices) and how many parts it gets.
  let best: { members: Int32Array | null; kk: number; err: number; cut: number } = { members: null, kk: k1, err: Infinity, cut: Infinity };
  const take = (v: number, kk: number, err: number, cut: number) => {
    const start = preIndex[v]!;
    best = { members: pre.slice(start, start + cnt[v]!), kk, err, cut };
  };
  let balancedTrees = 0;
  for (let attempt = 0; attempt < opts.maxTrees; attempt++) {
    // Kruskal over random keys.
    // Random order of the edges: a random 26-bit key above the edge index, sorted as
    // plain numbers (a typed-array sort without a comparator is several times faster).
    for (let e = 0; e < edgeCount; e++) keys[e] = Math.floor(random() * 0x4000000) * 0x4000000 + e;
    keys.sort();
    for (let e = 0; e < edgeCount; e++) order[e] = keys[e]! % 0x4000000;
    for (let i = 0; i < m; i++) parent[i] = i;
    head.fill(-1);
    let links = 0;
    const find = (x: number): number => {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]!]!;
        x = parent[x]!;
      }
      return x;
    };
    for (let oi = 0; oi < edgeCount && links < m - 1; oi++) {
      const e = order[oi]!;
      const ra = find(ea[e]!);
      const rb = find(eb[e]!);
      if (ra === rb) continue;
      parent[ra] = rb;
      const x = ea[e]!;
      const y = eb[e]!;
      to[2 * links] = y;
      next[2 * links] = head[x]!;
      head[x] = 2 * links;
      to[2 * links + 1] = x;
      next[2 * links + 1] = head[y]!;
      head[y] = 2 * links + 1;
      links++;
    }
    // Pre-order from a random root (a subtree is an interval of it), then subtree sums.
    const root = Math.floor(random() * m);
    treeParent[root] = -1;
    let sp = 0;
    let count = 0;
    stack[sp++] = root;
    while (sp > 0) {
      const x = stack[--sp]!;
      preIndex[x] = count;
      pre[count++] = x;
      for (let h = head[x]!; h >= 0; h = next[h]!) {
        const y = to[h]!;
        if (y === treeParent[x]) continue;
        treeParent[y] = x;
        stack[sp++] = y;
      }
    }
    for (let i = 0; i < m; i++) {
      sub[i] = w[set[i]!]!;
      cnt[i] = 1;
    }
    for (let i = m - 1; i > 0; i--) {
      const x = pre[i]!;
      const p = treeParent[x]!;
      sub[p] = sub[p]! + sub[x]!;
      cnt[p] = cnt[p]! + cnt[x]!;
    }
    // Balanced cuts of this tree (node, parts on its side), and the least unbalanced one.
    let foundCount = 0;
    let bestV = -1;
    let bestK = k1;
    let bestErr = Infinity;
    for (let i = 1; i < m; i++) {
      const v = pre[i]!;
      for (let side = 0; side < 2; side++) {
        const kk = side === 0 ? k1 : k - k1;
        if (side === 1 && kk === k1) break;
        if (cnt[v]! < kk || m - cnt[v]! < k - kk) continue;
        const err = Math.abs(sub[v]! - share * kk) / (share > 0 ? share : 1) / Math.min(kk, k - kk);
        if (err <= opts.eps) {
          foundV[foundCount] = v;
          foundK[foundCount++] = kk;
        }
        if (err < bestErr) [bestV, bestK, bestErr] = [v, kk, err];
      }
    }
    if (foundCount === 0) {
      if (bestV >= 0 && bestErr < best.err) take(bestV, bestK, bestErr, Infinity);
      continue;
    }
    balancedTrees++;
    if (opts.shapeTrees === 0) {
      take(bestV, bestK, bestErr, 0);
      break;
    }
    // Shortest border among a few balanced cuts of this tree.
    for (let c = 0; c < Math.min(6, foundCount); c++) {
      const pick = Math.floor(random() * foundCount);
      const v = foundV[pick]!;
      const kk = foundK[pick]!;
      const start = preIndex[v]!;
      inSub.fill(0);
      for (let i = start; i < start + cnt[v]!; i++) inSub[pre[i]!] = 1;
      let cut = 0;
      for (let e = 0; e < edgeCount; e++) if (inSub[ea[e]!] !== inSub[eb[e]!]) cut += el[e]!;
      if (best.err > opts.eps || cut < best.cut) {
        const err = Math.abs(sub[v]! - share * kk) / (share > 0 ? share : 1) / Math.min(kk, k - kk);
        take(v, kk, err, cut);
      }
    }
    if (balancedTrees >= opts.shapeTrees) break;
  }
  const side = new Uint8Array(m);
  if (best.members) for (const i of best.members) side[i] = 1;
  else {
    // No tree allowed a cut with enough units on both sides (a star-like set): a
    // breadth-first prefix of the right size, connected; the rest is split by pieces later.
    const want = Math.round((m * best.kk) / k);
    const queue = [0];
    side[0] = 1;
    for (let h = 0; h < queue.length && queue.length < want; h++) {
      const u = set[queue[h]!]!;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]! && queue.length < want; e++) {
        const j = local[g.neighbors[e]!]!;
        if (j >= 0 && !side[j]) {
          side[j] = 1;
          queue.push(j);
        }
      }
    }
  }
  for (const u of set) local[u] = -1;
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < m; i++) (side[i] ? a : b).push(set[i]!);
  return [{ units: Int32Array.from(a), parts: best.kk }, Int32Array.from(b)];
}

function weightOf(w: Float64Array, units: Int32Array): number {
  let total = 0;
  for (const u of units) total += w[u]!;
  return total;
}

/**
 * The connected pieces of the unit set `units` on the graph (edges inside the set only),
 * largest first, ties by first unit. `mark` is scratch of graph size, left cleared.
 */
export function componentsOf(g: UnitGraph, units: ArrayLike<number>, mark: Uint8Array = new Uint8Array(g.ids.length)): Int32Array[] {
  for (let i = 0; i < units.length; i++) mark[units[i]!] = 1;
  const pieces: Int32Array[] = [];
  for (let i = 0; i < units.length; i++) {
    const s = units[i]!;
    if (mark[s] !== 1) continue;
    mark[s] = 2;
    const piece = [s];
    for (let h = 0; h < piece.length; h++) {
      const u = piece[h]!;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
        const v = g.neighbors[e]!;
        if (mark[v] === 1) {
          mark[v] = 2;
          piece.push(v);
        }
      }
    }
    pieces.push(Int32Array.from(piece));
  }
  for (let i = 0; i < units.length; i++) mark[units[i]!] = 0;
  return pieces.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

/**
 * Territories per piece, proportional to weight (largest remainder), at most one per unit;
 * every piece heavy enough for half a territory gets at least one, the heaviest first.
 */
export function allocate(weights: readonly number[], sizes: readonly number[], k: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = weights.map(() => 0);
  if (k <= 0 || weights.length === 0) return out;
  const order = weights.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || sizes[b]! - sizes[a]! || a - b);
  const exact = weights.map((x) => (total > 0 ? (x / total) * k : k / weights.length));
  let left = k;
  for (const i of order) {
    const kk = Math.min(sizes[i]!, Math.floor(exact[i]!), left);
    out[i] = kk;
    left -= kk;
  }
  // Largest remainders, then any piece still without a territory, heaviest first.
  const byRemainder = [...order].sort((a, b) => exact[b]! - out[b]! - (exact[a]! - out[a]!) || a - b);
  for (const i of byRemainder) {
    if (left === 0) break;
    if (out[i]! < sizes[i]! && exact[i]! - out[i]! >= 0.5) {
      out[i]!++;
      left--;
    }
  }
  for (const i of order) {
    if (left === 0) break;
    if (out[i] === 0 && sizes[i]! > 0) {
      out[i] = 1;
      left--;
    }
  }
  for (const i of order) {
    while (left > 0 && out[i]! < sizes[i]!) {
      out[i]!++;
      left--;
    }
  }
  return out;
}

/**
 * Grows territories from seed units at once, breadth-first on the graph restricted to
 * `units` (ties: the territory that reached the unit first, seeds in territory order).
 * Units no seed reaches stay as they are in `owner`.
 */
export function growFromSeeds(g: UnitGraph, units: ArrayLike<number>, seeds: readonly (readonly [number, number])[], owner: Int32Array): void {
  const free = new Uint8Array(g.ids.length);
  for (let i = 0; i < units.length; i++) free[units[i]!] = 1;
  const queue: number[] = [];
  for (const [u, t] of seeds) {
    if (!free[u]) continue;
    owner[u] = t;
    free[u] = 0;
    queue.push(u);
  }
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h]!;
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const v = g.neighbors[e]!;
      if (!free[v]) continue;
      free[v] = 0;
      owner[v] = owner[u]!;
      queue.push(v);
    }
  }
}
