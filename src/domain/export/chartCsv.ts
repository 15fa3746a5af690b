/**
 * The charts' data as CSV (issue 14: "every chart has its data as a table … and a
 * download as CSV"), from the same rows the charts draw (domain/report/chartData.ts).
 *
 * Format (encoded by csv.ts: RFC 4180 quoting, LF line endings, formula prefixes
 * neutralised in text cells); plain numbers: no thousands separators, no currency or
 * percent signs; ratios are FRACTIONS (0.25 = 25 %) rounded to 6 decimals, money to the
 * cent; an empty cell means "not defined". One row per territory in the chart's order.
 * - Balance chart: `territory_id,territory,<measure>,ideal,deviation,tolerance,outside_tolerance`
 *   where `<measure>` is the balance measure's name (`stores`, `revenue`, …, or
 *   `revenue+stores` for a mix, whose values are shares), deviation = (value − ideal) /
 *   ideal, outside_tolerance 1 or 0.
 * - Penetration by channel: `territory_id,territory`, then per channel
 *   `<channel>_stores,<channel>_customers,<channel>_penetration` (penetration 0 without stores).
 * - Revenue against target: `territory_id,territory,revenue,target,of_target` (target and
 *   of_target empty when no target is set).
 */
import type { BalanceMeasureSpec } from '../balance';
import type { BalanceChartData, ChannelPenetrationRow, TargetRow } from '../report';
import { rounded, toCsv } from './csv';

const RATIO = 6;
const MONEY = 2;

/** The balance measure's column name: `stores`, or `revenue+stores` for a mix. */
export function measureColumn(spec: BalanceMeasureSpec): string {
  return spec.secondary && spec.secondary.weight > 0 ? `${spec.measure}+${spec.secondary.measure}` : spec.measure;
}

export function balanceChartToCsv(data: BalanceChartData, spec: BalanceMeasureSpec): string {
  const mixed = measureColumn(spec) !== spec.measure;
  const value = (v: number) => rounded(v, mixed ? RATIO : MONEY);
  return toCsv(
    ['territory_id', 'territory', measureColumn(spec), 'ideal', 'deviation', 'tolerance', 'outside_tolerance'],
    data.bars.map((b) => [b.territoryId, b.name, value(b.value), value(data.ideal), rounded(b.deviation, RATIO), data.tolerance, b.outside ? 1 : 0]),
  );
}

export function channelPenetrationToCsv(channels: readonly string[], rows: readonly ChannelPenetrationRow[]): string {
  const header = ['territory_id', 'territory', ...channels.flatMap((c) => [`${c}_stores`, `${c}_customers`, `${c}_penetration`])];
  return toCsv(header, rows.map((r) => [r.territoryId, r.name, ...r.cells.flatMap((c) => [c.stores, c.customers, rounded(c.penetration, RATIO)])]));
}

export function targetsToCsv(rows: readonly TargetRow[]): string {
  return toCsv(
    ['territory_id', 'territory', 'revenue', 'target', 'of_target'],
    rows.map((r) => [r.territoryId, r.name, rounded(r.revenue, MONEY), rounded(r.target, MONEY), rounded(r.ofTarget, RATIO)]),
  );
}
