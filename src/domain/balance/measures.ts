/**
 * What the balancer balances (issue 13, "Balance on"): per-unit weights of a measure,
 * summed over the stores located in each unit.
 *
 * Measures: `stores` (count), `customers` (count of status customer), `revenue` (trailing
 * 12 months), `potential`, and `workload`, the field time a territory's stores ask for in a
 * year. PRODUCT.md does not define workload; it is defined here:
 *   workload (minutes a year) = visits a year × minutes a visit, by channel,
 * counted for customers at the full rate, for prospects at `prospectShare` of the visits
 * (a prospect is courted, not served), and 0 for lost stores. The defaults below are a
 * wholesaler's typical call cycle; the user changes them per channel.
 *
 * A second measure can be mixed in with a weight: each measure is first divided by its
 * total over all units (so dollars and counts become shares), then mixed; with one measure
 * the weights stay in the measure's own units (stores, dollars…).
 */
import type { Channel, Store } from '../types';

export const BALANCE_MEASURES = ['stores', 'customers', 'revenue', 'potential', 'workload'] as const;
export type BalanceMeasure = (typeof BALANCE_MEASURES)[number];

/** Visits a year and minutes a visit for one channel. */
export interface ChannelWorkload {
  visitsPerYear: number;
  minutesPerVisit: number;
}

export interface WorkloadSettings {
  channels: Record<Channel, ChannelWorkload>;
  /** Share of a customer's visits a prospect gets (0–1). */
  prospectShare: number;
}

/**
 * Defaults: monthly calls on independent pet stores and grocery (merchandising), every other
 * month on vets and groomers (shorter calls), quarterly long calls on farm-and-feed.
 */
export const DEFAULT_WORKLOAD: WorkloadSettings = {
  channels: {
    'independent-pet': { visitsPerYear: 12, minutesPerVisit: 45 },
    'vet-clinic': { visitsPerYear: 6, minutesPerVisit: 30 },
    groomer: { visitsPerYear: 6, minutesPerVisit: 30 },
    'farm-feed': { visitsPerYear: 4, minutesPerVisit: 60 },
    grocery: { visitsPerYear: 12, minutesPerVisit: 60 },
  },
  prospectShare: 0.5,
};

/** The value one store adds to a measure (see the module comment for workload). */
export function storeMeasure(store: Store, measure: BalanceMeasure, workload: WorkloadSettings = DEFAULT_WORKLOAD): number {
  switch (measure) {
    case 'stores':
      return 1;
    case 'customers':
      return store.status === 'customer' ? 1 : 0;
    case 'revenue':
      return Number.isFinite(store.revenue) ? store.revenue : 0;
    case 'potential':
      return Number.isFinite(store.potential) ? store.potential : 0;
    case 'workload': {
      if (store.status === 'lost') return 0;
      const c = workload.channels[store.channel];
      if (!c) return 0;
      const minutes = c.visitsPerYear * c.minutesPerVisit;
      return store.status === 'prospect' ? minutes * workload.prospectShare : minutes;
    }
  }
}

/**
 * Sum of a measure per unit. `storeUnit[i]` is the unit of `stores[i]` (from
 * `assignPoints(unitIndex.index, lngs, lats)`), −1 for a store outside every unit (it then
 * counts nowhere).
 */
export function unitWeights(
  stores: readonly Store[],
  storeUnit: ArrayLike<number>,
  unitCount: number,
  measure: BalanceMeasure,
  workload: WorkloadSettings = DEFAULT_WORKLOAD,
): Float64Array {
  const out = new Float64Array(unitCount);
  for (let i = 0; i < stores.length; i++) {
    const u = storeUnit[i] ?? -1;
    if (u >= 0 && u < unitCount) out[u] = out[u]! + storeMeasure(stores[i]!, measure, workload);
  }
  return out;
}

/** A measure to balance on, optionally mixed with a second one. */
export interface BalanceMeasureSpec {
  measure: BalanceMeasure;
  /** A second measure and its weight in the mix (0–1; 0.3 = 70 % first, 30 % second). */
  secondary?: { measure: BalanceMeasure; weight: number } | null;
  workload?: WorkloadSettings;
}

/**
 * The per-unit weights the optimizer balances: the first measure alone (in its own units),
 * or the mix of two measures' shares (see the module comment); a mix sums to 1 over all units.
 */
export function balanceWeights(
  stores: readonly Store[],
  storeUnit: ArrayLike<number>,
  unitCount: number,
  spec: BalanceMeasureSpec,
): Float64Array {
  const first = unitWeights(stores, storeUnit, unitCount, spec.measure, spec.workload);
  const second = spec.secondary;
  if (!second || !(second.weight > 0)) return first;
  const other = unitWeights(stores, storeUnit, unitCount, second.measure, spec.workload);
  const w = Math.min(1, second.weight);
  let t1 = 0;
  let t2 = 0;
  for (let u = 0; u < unitCount; u++) {
    t1 += first[u]!;
    t2 += other[u]!;
  }
  const out = new Float64Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    out[u] = (1 - w) * (t1 > 0 ? first[u]! / t1 : 0) + w * (t2 > 0 ? other[u]! / t2 : 0);
  }
  return out;
}
