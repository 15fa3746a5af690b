/**
 * Territory colors by a KPI of the plan report (issue 14, "See it on the map"): which value
 * each territory has, its class and color, and the legend's classes. Pure, from the report.
 */
import { classBounds, classColors, classOf, NO_DATA_COLOR, type ClassMethod } from './classify';
import type { PlanReport, PlanReportRow } from './planReport';
import type { TerritoryId } from '../types';

export type ChoroplethKpi = 'penetration' | 'revenue' | 'potential' | 'whitespace' | 'growth' | 'deviation';
export const CHOROPLETH_KPIS: readonly ChoroplethKpi[] = ['penetration', 'revenue', 'potential', 'whitespace', 'growth', 'deviation'];
/** How the KPI's values read: ratios as percent, money as currency. */
export const CHOROPLETH_UNIT: Record<ChoroplethKpi, 'percent' | 'money'> = {
  penetration: 'percent', revenue: 'money', potential: 'money', whitespace: 'money', growth: 'percent', deviation: 'percent',
};
/** Growth and deviation from the ideal are signed: diverging colors centred on 0. */
export const CHOROPLETH_DIVERGING: Record<ChoroplethKpi, boolean> = {
  penetration: false, revenue: false, potential: false, whitespace: false, growth: true, deviation: true,
};

export function isChoroplethKpi(v: unknown): v is ChoroplethKpi {
  return typeof v === 'string' && (CHOROPLETH_KPIS as readonly string[]).includes(v);
}

/** A territory's value of the KPI; null (no data) when it has no stores or the ratio is undefined. */
export function choroplethValue(kpi: ChoroplethKpi, row: PlanReportRow): number | null {
  const s = row.stats;
  if (s.stores === 0) return null;
  switch (kpi) {
    case 'penetration': return s.penetration;
    case 'revenue': return s.revenue;
    case 'potential': return s.potential;
    case 'whitespace': return s.whitespace;
    case 'growth': return s.revenueGrowth;
    case 'deviation': return row.deviation;
  }
}

export interface ChoroplethClass {
  color: string;
  /** Class bounds in the KPI's own units (ratios for percent). */
  from: number;
  to: number;
  /** Territories in the class. */
  count: number;
}

export interface Choropleth {
  kpi: ChoroplethKpi;
  classes: ChoroplethClass[];
  /** Territories without a value. */
  noData: number;
  /** Each territory's fill color (no-data color included). */
  colors: Map<TerritoryId, string>;
}

export function buildChoropleth(report: PlanReport, kpi: ChoroplethKpi, method: ClassMethod, k: number): Choropleth {
  const rows = report.territories;
  const values = rows.map((r) => choroplethValue(kpi, r));
  const diverging = CHOROPLETH_DIVERGING[kpi];
  const bounds = classBounds(values, method, k, diverging);
  const n = Math.max(0, bounds.length - 1);
  const palette = classColors(n, diverging);
  const classes: ChoroplethClass[] = palette.map((color, i) => ({ color, from: bounds[i]!, to: bounds[i + 1]!, count: 0 }));
  const colors = new Map<TerritoryId, string>();
  let noData = 0;
  rows.forEach((r, i) => {
    const c = classOf(bounds, values[i]);
    if (c < 0) {
      noData++;
      colors.set(r.territoryId, NO_DATA_COLOR);
    } else {
      classes[c]!.count++;
      colors.set(r.territoryId, classes[c]!.color);
    }
  });
  return { kpi, classes, noData, colors };
}
