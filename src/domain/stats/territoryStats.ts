import type { Store, StoreId, Territory, TerritoryId } from '../types';
import { computeBalance } from './balance';
import { newCustomerWindow } from './isoDate';

/** One line of the territory stats table (PRODUCT.md KPIs). Money in US dollars. */
export interface TerritoryStatsRow {
  /** The territory, or null for the "Unassigned" and "Totals" rows. */
  territoryId: TerritoryId | null;
  /** All stores in the territory, whatever their status. */
  stores: number;
  customers: number;
  prospects: number;
  lost: number;
  /** customers / stores as a fraction 0–1 (0 when there are no stores). */
  penetration: number;
  /** Sum of trailing-12-month revenue. */
  revenue: number;
  priorRevenue: number;
  /** (revenue − priorRevenue) / priorRevenue; null when priorRevenue is 0 (growth from
   *  nothing is undefined; the UI shows "—" or "new"). */
  revenueGrowth: number | null;
  potential: number;
  /** revenue / potential; null when potential is 0. */
  shareOfWallet: number | null;
  /** Σ max(0, potential − revenue) over the stores: each store's untapped wallet, a store
   *  selling above its estimated potential contributes 0 (not a negative amount). */
  whitespace: number;
  /** Customers whose customerSince lies in the 12 months up to the reference date. */
  newCustomers: number;
  /** (revenue − ideal) / ideal with ideal = the territories' total revenue / number of
   *  territories (see computeBalance); null for the Unassigned and Totals rows. */
  balanceDeviation: number | null;
}

/** All rows of the stats table for one plan. */
export interface TerritoryStats {
  /** One row per territory, in the order of the `territories` argument. */
  rows: TerritoryStatsRow[];
  /** Stores outside every territory. */
  unassigned: TerritoryStatsRow;
  /** All stores: every territory plus the unassigned ones (each store counted once). */
  totals: TerritoryStatsRow;
}

export interface TerritoryStatsOptions {
  /** "Today" for new customers; default: now. Its LOCAL calendar date is used. */
  referenceDate?: Date;
}

/**
 * Which territory each store is in, as produced by domain/assignment:
 * - `Int32Array` (primary, fast): `assignment[i]` is the index into `territories` of the
 *   territory of `stores[i]`, or −1 when unassigned;
 * - `Map` from store id to territory id (or null): convenient for small callers/tests.
 */
export type StoreAssignment = Int32Array | ReadonlyMap<StoreId, TerritoryId | null>;



function toIndexArray(
  stores: readonly Store[],
  assignment: StoreAssignment,
  territories: readonly Territory[],
): Int32Array {
  if (ArrayBuffer.isView(assignment)) return assignment;
  const indexById = new Map<TerritoryId, number>();
  territories.forEach((t, i) => {
    if (!indexById.has(t.id)) indexById.set(t.id, i);
  });
  const out = new Int32Array(stores.length).fill(-1);
  for (let i = 0; i < stores.length; i++) {
    const territoryId = assignment.get(stores[i]!.id);
    if (territoryId != null) out[i] = indexById.get(territoryId) ?? -1;
  }
  return out;
}

const finite = (v: number): number => (Number.isFinite(v) ? v : 0);

/**
 * The KPIs of every territory of a plan, plus an Unassigned and a Totals row, exactly as
 * PRODUCT.md defines them. Called whenever the plan's stores, territories or assignment
 * change (also while a shape is being dragged), so it is one pass over the stores with
 * typed-array accumulators and no per-store allocation: 1M stores take tens of ms.
 *
 * Decisions:
 * - Every store lands in exactly one bucket. An assignment index outside
 *   0…territories.length − 1 (or a missing Map entry, an unknown territory id, or an
 *   Int32Array shorter than `stores`) counts as unassigned.
 * - New customers: status 'customer' and customerSince (ISO YYYY-MM-DD) between the same
 *   calendar day 12 months before the reference date and the reference date, both
 *   inclusive (reference 2025-06-15 → 2024-06-15 counts, 2024-06-14 does not; future
 *   dates do not count). Compared as ISO strings, so no Date is parsed per store.
 * - Non-finite revenue, priorRevenue or potential (bad imported data) counts as 0 so
 *   that one broken store cannot turn a whole column into NaN.
 * - Balance column: revenue deviation from ideal = total revenue of the TERRITORIES
 *   (unassigned stores excluded) / number of territories, including empty ones.
 */
export function computeTerritoryStats(
  stores: readonly Store[],
  assignment: StoreAssignment,
  territories: readonly Territory[],
  opts: TerritoryStatsOptions = {},
): TerritoryStats {
  const n = territories.length;
  const slots = n + 1; // slot n = unassigned
  const count = new Float64Array(slots);
  const customers = new Float64Array(slots);
  const prospects = new Float64Array(slots);
  const lost = new Float64Array(slots);
  const revenue = new Float64Array(slots);
  const prior = new Float64Array(slots);
  const potential = new Float64Array(slots);
  const whitespace = new Float64Array(slots);
  const fresh = new Float64Array(slots);

  const index = toIndexArray(stores, assignment, territories);
  const indexLength = index.length;
  const [from, to] = newCustomerWindow(opts.referenceDate ?? new Date());

  for (let i = 0, len = stores.length; i < len; i++) {
    const s = stores[i]!;
    let t = i < indexLength ? index[i]! : -1;
    if (!(t >= 0 && t < n)) t = n;

    count[t]! += 1;
    const r = finite(s.revenue);
    const pot = finite(s.potential);
    revenue[t]! += r;
    prior[t]! += finite(s.priorRevenue);
    potential[t]! += pot;
    if (pot > r) whitespace[t]! += pot - r;

    const status = s.status;
    if (status === 'customer') {
      customers[t]! += 1;
      let since = s.customerSince;
      if (since !== null) {
        if (since.length > 10) since = since.slice(0, 10);
        if (since >= from && since <= to) fresh[t]! += 1;
      }
    } else if (status === 'prospect') {
      prospects[t]! += 1;
    } else if (status === 'lost') {
      lost[t]! += 1;
    }
  }

  const balance = computeBalance(revenue.subarray(0, n));
  const rows: TerritoryStatsRow[] = new Array(n);
  for (let k = 0; k < n; k++) {
    rows[k] = statsRow(
      territories[k]!.id,
      count[k]!, customers[k]!, prospects[k]!, lost[k]!,
      revenue[k]!, prior[k]!, potential[k]!, whitespace[k]!, fresh[k]!,
      balance.deviations[k]!,
    );
  }
  const unassigned = statsRow(
    null,
    count[n]!, customers[n]!, prospects[n]!, lost[n]!,
    revenue[n]!, prior[n]!, potential[n]!, whitespace[n]!, fresh[n]!,
    null,
  );

  const sum = (a: Float64Array): number => {
    let total = 0;
    for (let k = 0; k < slots; k++) total += a[k]!;
    return total;
  };
  const totals = statsRow(
    null,
    sum(count), sum(customers), sum(prospects), sum(lost),
    sum(revenue), sum(prior), sum(potential), sum(whitespace), sum(fresh),
    null,
  );
  return { rows, unassigned, totals };
}

/**
 * One row of the statistics table from its sums — the KPI ratios of PRODUCT.md computed in
 * one place for the full computation here and the incremental one (planEngine.ts).
 */
export function statsRow(
  territoryId: TerritoryId | null,
  c: number,
  cu: number,
  pr: number,
  lo: number,
  rev: number,
  pri: number,
  pot: number,
  ws: number,
  nc: number,
  balanceDeviation: number | null,
): TerritoryStatsRow {
  return {
    territoryId,
    stores: c,
    customers: cu,
    prospects: pr,
    lost: lo,
    penetration: c === 0 ? 0 : cu / c,
    revenue: rev,
    priorRevenue: pri,
    revenueGrowth: pri === 0 ? null : (rev - pri) / pri,
    potential: pot,
    shareOfWallet: pot === 0 ? null : rev / pot,
    whitespace: ws,
    newCustomers: nc,
    balanceDeviation,
  };
}
