import { codeMask, toMarket, type StoreSource } from '../market';
import type { Territory } from '../types';
import {
  UNASSIGNED_KEY,
  type CompareFigures,
  type ComparisonTotalsRow,
  type MoveEnd,
  type PlanComparison,
  type StoreMove,
  type TerritoryComparisonRow,
} from './compareTypes';
import { matchTerritories } from './matchTerritories';

export interface ComparePlansInput {
  /** The market (shared by both plans), in the order of the two assignments. */
  stores: StoreSource;
  /** Plan A's assignment as assignPlan produces it: index into territoriesA, or −1. */
  assignmentA: Int32Array;
  territoriesA: readonly Territory[];
  assignmentB: Int32Array;
  territoriesB: readonly Territory[];
}

const finite = (v: number): number => (Number.isFinite(v) ? v : 0);

/** Largest (territories + 1)² for which moves are looked up in a dense table (1 MB). */
const DENSE_MOVE_TABLE = 1 << 18;

/**
 * Compares two plans over the same market, as sales ops do before a realignment: the KPI
 * delta per territory, and which stores change hands (from which territory to which).
 *
 * A store "moves" when its territory IDENTITY differs between A and B. Identity is the
 * row of matchTerritories: a territory matched by id (or by name, when redrawn) is the
 * same territory in both plans, so renaming it or redrawing it under the same name moves
 * nothing; "unassigned" is an identity too, so stores that fall out of every territory
 * (or into one) are moves "to/from Unassigned".
 *
 * An assignment index out of range, or an assignment shorter than `stores`, counts as
 * unassigned (as in computeTerritoryStats).
 *
 * Cost: one pass over the stores with typed-array accumulators indexed by integer row
 * keys; the only per-store work besides adding is, for stores that move, a lookup of the
 * (from, to) pair by an integer code (a dense table up to ~500 territories, else a Map).
 * 100k stores take a few ms once warm (measured 4–10 ms on a 2-core machine).
 */
export function comparePlans(input: ComparePlansInput): PlanComparison {
  const { assignmentA, territoriesA, assignmentB, territoriesB } = input;
  const stores = toMarket(input.stores);
  const isCustomer = codeMask(stores.status, (v) => v === 'customer');
  const nA = territoriesA.length;
  const nB = territoriesB.length;
  const match = matchTerritories(territoriesA, territoriesB);
  const P = match.pairs.length;
  const R = match.removed.length;
  const K = P + R + match.added.length; // row keys 0…K−1; K = unassigned
  const slots = K + 1;

  const keyOfA = new Int32Array(nA);
  const keyOfB = new Int32Array(nB);
  match.pairs.forEach((p, k) => {
    keyOfA[p.indexA] = k;
    keyOfB[p.indexB] = k;
  });
  match.removed.forEach((i, r) => (keyOfA[i] = P + r));
  match.added.forEach((j, d) => (keyOfB[j] = P + R + d));

  // Figures per row key and side: [stores, customers, revenue, potential] × slots.
  const fa = new Float64Array(4 * slots);
  const fb = new Float64Array(4 * slots);

  const n = stores.length;
  const movedAll = new Int32Array(n);
  const fromAll = new Int32Array(n);
  const toAll = new Int32Array(n);
  let movedCount = 0;
  // (from key, to key) → move index + 1: a dense table while it is small, else a Map.
  const dense = slots * slots <= DENSE_MOVE_TABLE ? new Int32Array(slots * slots) : null;
  const moveSlot = dense ? null : new Map<number, number>();
  const moveCode: number[] = [];
  const moveFigures: number[] = []; // 4 per move

  const lenA = assignmentA.length;
  const lenB = assignmentB.length;
  for (let i = 0; i < n; i++) {
    let ta = i < lenA ? assignmentA[i]! : -1;
    let tb = i < lenB ? assignmentB[i]! : -1;
    if (!(ta >= 0 && ta < nA)) ta = -1;
    if (!(tb >= 0 && tb < nB)) tb = -1;
    const ka = ta < 0 ? K : keyOfA[ta]!;
    const kb = tb < 0 ? K : keyOfB[tb]!;
    const cust = isCustomer[stores.status.codes[i]!]!;
    const rev = finite(stores.revenue[i]!);
    const pot = finite(stores.potential[i]!);
    let o = 4 * ka;
    fa[o]! += 1;
    fa[o + 1]! += cust;
    fa[o + 2]! += rev;
    fa[o + 3]! += pot;
    o = 4 * kb;
    fb[o]! += 1;
    fb[o + 1]! += cust;
    fb[o + 2]! += rev;
    fb[o + 3]! += pot;
    if (ka === kb) continue;

    movedAll[movedCount] = i;
    fromAll[movedCount] = ta;
    toAll[movedCount] = tb;
    movedCount++;
    const code = ka * slots + kb;
    let m = dense ? dense[code]! - 1 : (moveSlot!.get(code) ?? -1);
    if (m < 0) {
      m = moveCode.length;
      if (dense) dense[code] = m + 1;
      else moveSlot!.set(code, m);
      moveCode.push(code);
      moveFigures.push(0, 0, 0, 0);
    }
    o = 4 * m;
    moveFigures[o]! += 1;
    moveFigures[o + 1]! += cust;
    moveFigures[o + 2]! += rev;
    moveFigures[o + 3]! += pot;
  }

  const figures = (f: Float64Array, k: number): CompareFigures => ({
    stores: f[4 * k]!,
    customers: f[4 * k + 1]!,
    revenue: f[4 * k + 2]!,
    potential: f[4 * k + 3]!,
  });

  // Rows and the move ends of each row key.
  const rows: TerritoryComparisonRow[] = new Array(K);
  const fromEnd: MoveEnd[] = new Array(slots);
  const toEnd: MoveEnd[] = new Array(slots);
  const unassignedEnd: MoveEnd = { kind: 'unassigned', key: UNASSIGNED_KEY, id: null, name: null };
  fromEnd[K] = unassignedEnd;
  toEnd[K] = unassignedEnd;
  const usedKeys = new Set<string>();
  const rowKey = (idA: string | null, idB: string | null): string => {
    const base = JSON.stringify([idA, idB]);
    let key = base;
    for (let k = 2; usedKeys.has(key); k++) key = `${base}#${k}`;
    usedKeys.add(key);
    return key;
  };
  for (let k = 0; k < K; k++) {
    const p = k < P ? match.pairs[k]! : null;
    const ia = p ? p.indexA : k < P + R ? match.removed[k - P]! : -1;
    const ib = p ? p.indexB : k >= P + R ? match.added[k - P - R]! : -1;
    const tA = ia >= 0 ? territoriesA[ia]! : null;
    const tB = ib >= 0 ? territoriesB[ib]! : null;
    const key = rowKey(tA?.id ?? null, tB?.id ?? null);
    const a = tA ? figures(fa, k) : null;
    const b = tB ? figures(fb, k) : null;
    rows[k] = {
      key,
      status: p ? 'matched' : tA ? 'removed' : 'added',
      matchedBy: p ? p.by : null,
      idA: tA?.id ?? null,
      idB: tB?.id ?? null,
      nameA: tA?.name ?? null,
      nameB: tB?.name ?? null,
      a,
      b,
      diff: difference(a, b),
    };
    if (tA) fromEnd[k] = { kind: 'territory', key, id: tA.id, name: tA.name };
    if (tB) toEnd[k] = { kind: 'territory', key, id: tB.id, name: tB.name };
  }

  const moves: StoreMove[] = moveCode.map((code, m) => ({
    from: fromEnd[Math.floor(code / slots)]!,
    to: toEnd[code % slots]!,
    stores: moveFigures[4 * m]!,
    customers: moveFigures[4 * m + 1]!,
    revenue: moveFigures[4 * m + 2]!,
    potential: moveFigures[4 * m + 3]!,
  }));
  moves.sort(compareMoves);

  const summary = { storesMoved: movedCount, customersMoved: 0, revenueMoved: 0, potentialMoved: 0 };
  for (const mv of moves) {
    summary.customersMoved += mv.customers;
    summary.revenueMoved += mv.revenue;
    summary.potentialMoved += mv.potential;
  }

  return {
    territories: rows,
    unassigned: totalsRow(figures(fa, K), figures(fb, K)),
    totals: totalsRow(sumAll(fa, slots), sumAll(fb, slots)),
    moves,
    moved: movedAll.slice(0, movedCount),
    movedFrom: fromAll.slice(0, movedCount),
    movedTo: toAll.slice(0, movedCount),
    summary,
  };
}

const ZERO: CompareFigures = { stores: 0, customers: 0, revenue: 0, potential: 0 };

function difference(a: CompareFigures | null, b: CompareFigures | null): CompareFigures {
  const x = a ?? ZERO;
  const y = b ?? ZERO;
  return {
    stores: y.stores - x.stores,
    customers: y.customers - x.customers,
    revenue: y.revenue - x.revenue,
    potential: y.potential - x.potential,
  };
}

function totalsRow(a: CompareFigures, b: CompareFigures): ComparisonTotalsRow {
  return { a, b, diff: difference(a, b) };
}

function sumAll(f: Float64Array, slots: number): CompareFigures {
  const out = { stores: 0, customers: 0, revenue: 0, potential: 0 };
  for (let k = 0; k < slots; k++) {
    out.stores += f[4 * k]!;
    out.customers += f[4 * k + 1]!;
    out.revenue += f[4 * k + 2]!;
    out.potential += f[4 * k + 3]!;
  }
  return out;
}

function compareMoves(x: StoreMove, y: StoreMove): number {
  return (
    y.stores - x.stores ||
    y.revenue - x.revenue ||
    compareText(x.from.name ?? '', y.from.name ?? '') ||
    compareText(x.to.name ?? '', y.to.name ?? '') ||
    compareText(x.from.key, y.from.key) ||
    compareText(x.to.key, y.to.key)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
