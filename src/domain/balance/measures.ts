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
import { toMarket, type StoreSource } from '../market';
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
 * The value of a measure for every store, read from the market's columns (no `Store` object
 * is built): the same figure {@link storeMeasure} gives for one store. Per-code values are
 * worked out once per dictionary entry (status × channel for workload), so a million stores
 * cost one pass over two code arrays.
 */
export function storeMeasureValues(stores: StoreSource, measure: BalanceMeasure, workload: WorkloadSettings = DEFAULT_WORKLOAD): Float64Array {
  const m = toMarket(stores);
  const n = m.length;
  const out = new Float64Array(n);
  switch (measure) {
    case 'stores':
      out.fill(1);
      return out;
    case 'customers': {
      const isCustomer = m.status.values.map((v) => (v === 'customer' ? 1 : 0));
      for (let i = 0; i < n; i++) out[i] = isCustomer[m.status.codes[i]!]!;
      return out;
    }
    case 'revenue':
    case 'potential': {
      const col = measure === 'revenue' ? m.revenue : m.potential;
      for (let i = 0; i < n; i++) out[i] = Number.isFinite(col[i]!) ? col[i]! : 0;
      return out;
    }
    case 'workload': {
      const statuses = m.status.values;
      const channels = m.channel.values;
      const table = new Float64Array(statuses.length * channels.length);
      statuses.forEach((status, si) =>
        channels.forEach((channel, ci) => {
          // The same rule as storeMeasure, per (status, channel) pair.
          const c = workload.channels[channel];
          const minutes = c ? c.visitsPerYear * c.minutesPerVisit : 0;
          table[si * channels.length + ci] = status === 'lost' ? 0 : status === 'prospect' ? minutes * workload.prospectShare : minutes;
        }),
      );
      const cc = channels.length;
      for (let i = 0; i < n; i++) out[i] = table[m.status.codes[i]! * cc + m.channel.codes[i]!]!;
      return out;
    }
  }
}

/**
 * The value per store of a measure spec: the first measure alone (in its own units), or
 * the mix of two measures' shares of their totals (see the module comment). Summed per unit
 * this is {@link balanceWeights}; summed per territory it is the live deviation's measure.
 */
export function storeWeights(stores: StoreSource, spec: BalanceMeasureSpec): Float64Array {
  const first = storeMeasureValues(stores, spec.measure, spec.workload);
  const second = spec.secondary;
  if (!second || !(second.weight > 0)) return first;
  const other = storeMeasureValues(stores, second.measure, spec.workload);
  const w = Math.min(1, second.weight);
  let t1 = 0;
  let t2 = 0;
  for (let i = 0; i < first.length; i++) {
    t1 += first[i]!;
    t2 += other[i]!;
  }
  const out = new Float64Array(first.length);
  for (let i = 0; i < first.length; i++) out[i] = (1 - w) * (t1 > 0 ? first[i]! / t1 : 0) + w * (t2 > 0 ? other[i]! / t2 : 0);
  return out;
}

/** Sums per-store values into their units (`storeUnit[i]` = unit of store i, −1 = none). */
export function sumByUnit(values: ArrayLike<number>, storeUnit: ArrayLike<number>, unitCount: number): Float64Array {
  const out = new Float64Array(unitCount);
  for (let i = 0; i < values.length; i++) {
    const u = storeUnit[i] ?? -1;
    if (u >= 0 && u < unitCount) out[u] = out[u]! + values[i]!;
  }
  return out;
}

/**
 * Sum of a measure per unit. `storeUnit[i]` is the unit of store i (from
 * `assignPoints(unitIndex.index, lngs, lats)`), −1 for a store outside every unit (it then
 * counts nowhere). Reads the market's columns (a `Store[]` is turned into columns first).
 */
export function unitWeights(
  stores: StoreSource,
  storeUnit: ArrayLike<number>,
  unitCount: number,
  measure: BalanceMeasure,
  workload: WorkloadSettings = DEFAULT_WORKLOAD,
): Float64Array {
  return sumByUnit(storeMeasureValues(stores, measure, workload), storeUnit, unitCount);
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
 * or the mix of two measures' shares (see the module comment); a mix sums to 1 over the
 * stores (over the units when every store is in one).
 */
export function balanceWeights(
  stores: StoreSource,
  storeUnit: ArrayLike<number>,
  unitCount: number,
  spec: BalanceMeasureSpec,
): Float64Array {
  return sumByUnit(storeWeights(stores, spec), storeUnit, unitCount);
}
