import type { BalanceMeasureSpec } from '../../domain/balance';
import { formatCount, formatMoney, formatMoneyShort, formatPercent } from '../common/format';

/**
 * A value on the balance measure as the charts show it: dollars for revenue and potential,
 * a count for stores and customers, minutes a year for workload, and a share of the mix
 * for two measures mixed. `short` for axis labels.
 */
export function formatMeasureValue(spec: BalanceMeasureSpec, v: number, short = false): string {
  if (spec.secondary && spec.secondary.weight > 0) return formatPercent(v, short ? 0 : 2);
  switch (spec.measure) {
    case 'revenue':
    case 'potential':
      return short ? formatMoneyShort(v) : formatMoney(v);
    case 'workload':
      return short ? `${formatCount(v / 60)} h` : `${formatCount(v)} min`;
    default:
      return short && v >= 10_000 ? `${formatCount(v / 1000)}K` : formatCount(v);
  }
}
