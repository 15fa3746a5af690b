import type { PlanReportRow } from '../../domain/report';
import type { LabelKpi } from '../../store/types';
import { formatCount, formatDeviation, formatMoneyShort, formatPercent } from '../common/format';

/**
 * A territory's label KPI ("Label KPI" in the map options), from its plan report row,
 * formatted short enough for a map label; null when no KPI is chosen or the territory has
 * no row yet.
 */
export function formatLabelKpi(k: LabelKpi, row: PlanReportRow | undefined): string | null {
  if (!row || k === 'none') return null;
  const s = row.stats;
  switch (k) {
    case 'stores': return `${formatCount(s.stores)} stores`;
    case 'revenue': return formatMoneyShort(s.revenue);
    case 'penetration': return `${formatPercent(s.penetration, 0)} pen.`;
    case 'balance': return `${formatDeviation(s.balanceDeviation)} vs avg`;
  }
}
