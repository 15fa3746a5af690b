/**
 * What the plan's charts draw (issue 14, "See it in charts"), as plain rows taken from the
 * plan report, so a chart, its data table for screen readers and its CSV show the same
 * numbers as the statistics table. No figure is computed here that the report does not
 * hold: only the band of the balance chart (ideal × (1 ± tolerance)) and the sort order.
 */
import { outsideTolerance } from '../balance';
import type { TerritoryId } from '../types';
import { penetrationOf, type ChannelPenetration } from './channelPenetration';
import type { PlanReport } from './planReport';

/** One bar of the balance chart: a territory's total on the balance measure. */
export interface BalanceBar {
  territoryId: TerritoryId;
  name: string;
  color: string | null;
  /** The territory's total on the balance measure. */
  value: number;
  /** (value − ideal) / ideal; null when the ideal is 0. */
  deviation: number | null;
  /** |deviation| above the tolerance (the rule of the header's count). */
  outside: boolean;
}

export interface BalanceChartData {
  bars: BalanceBar[];
  ideal: number;
  /** The tolerance band: ideal × (1 − tolerance) … ideal × (1 + tolerance). */
  low: number;
  high: number;
  tolerance: number;
}

/** The balance chart's bars in table (plan) order, or largest first when `sorted`. */
export function balanceChartData(report: PlanReport, sorted = false): BalanceChartData {
  const { ideal, tolerance } = report.balance;
  const bars = report.territories.map((r): BalanceBar => ({
    territoryId: r.territoryId,
    name: r.name,
    color: r.color,
    value: r.measureValue ?? 0,
    deviation: r.deviation,
    outside: outsideTolerance(r.deviation, tolerance),
  }));
  // A stable sort: equal values keep the table's order.
  if (sorted) bars.sort((a, b) => b.value - a.value);
  return { bars, ideal, low: ideal * (1 - tolerance), high: ideal * (1 + tolerance), tolerance };
}

/** One territory's penetration per channel (columns in `ChannelPenetration.channels` order). */
export interface ChannelPenetrationRow {
  territoryId: TerritoryId;
  name: string;
  /** Per channel: stores, customers and customers / stores (0 without stores). */
  cells: { stores: number; customers: number; penetration: number }[];
}

/**
 * The report's territories with their penetration per channel. `byChannel` must be computed
 * over the same territories in the same order (index t = the plan's t-th territory); a
 * territory without a stats row has no report row and is skipped, as in the table.
 */
export function channelPenetrationRows(report: PlanReport, territoryIds: readonly TerritoryId[], byChannel: ChannelPenetration): ChannelPenetrationRow[] {
  const indexOf = new Map(territoryIds.map((id, t) => [id, t]));
  const cc = byChannel.channels.length;
  return report.territories.map((r) => {
    const t = indexOf.get(r.territoryId) ?? -1;
    const cells = byChannel.channels.map((_, c) => {
      if (t < 0 || t >= byChannel.territoryCount) return { stores: 0, customers: 0, penetration: 0 };
      const at = t * cc + c;
      return { stores: byChannel.stores[at]!, customers: byChannel.customers[at]!, penetration: penetrationOf(byChannel, t, c) };
    });
    return { territoryId: r.territoryId, name: r.name, cells };
  });
}

/** One territory's revenue against its target (null target: none set). */
export interface TargetRow {
  territoryId: TerritoryId;
  name: string;
  color: string | null;
  revenue: number;
  target: number | null;
  /** revenue / target; null without a target. */
  ofTarget: number | null;
}

/** Revenue and target per territory, in table order, from the report's rows. */
export function targetRows(report: PlanReport): TargetRow[] {
  return report.territories.map((r) => ({
    territoryId: r.territoryId,
    name: r.name,
    color: r.color,
    revenue: r.stats.revenue,
    target: r.targetRevenue,
    ofTarget: r.ofTarget,
  }));
}
