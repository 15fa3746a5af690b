import { CHOROPLETH_UNIT, NO_DATA_COLOR, type ChoroplethKpi } from '../../domain/report';
import { CLASSED_FILL_OPACITY } from '../../domain/report/classify';
import { selectChoropleth } from '../../store/selectors';
import { formatMoneyShort, formatPercent } from '../common/format';
import { useAppStore } from '../common/storeContext';

export const CHOROPLETH_LABELS: Record<ChoroplethKpi, string> = {
  penetration: 'Penetration', revenue: 'Revenue', potential: 'Potential', whitespace: 'Whitespace', growth: 'Growth', deviation: 'Deviation',
};

/** A class bound in the KPI's units: percent for ratios, currency for money. */
export function formatBound(kpi: ChoroplethKpi, v: number): string {
  return CHOROPLETH_UNIT[kpi] === 'percent' ? formatPercent(v, 1) : formatMoneyShort(v);
}

/** The legend of the map's KPI coloring: each class's color and bounds, and "No data". */
export function ChoroplethLegend() {
  const c = useAppStore(selectChoropleth);
  if (!c) return null;
  return (
    <section className="choropleth-legend" aria-label="Legend">
      <div className="choropleth-legend-kpi">{CHOROPLETH_LABELS[c.kpi]}</div>
      <ul>
        {c.classes.map((k, i) => (
          <li key={i}>
            <span className="swatch" style={{ background: k.color, opacity: CLASSED_FILL_OPACITY }} aria-hidden="true" />
            {formatBound(c.kpi, k.from)} – {formatBound(c.kpi, k.to)} <span className="muted">({k.count})</span>
          </li>
        ))}
        {c.noData > 0 && (
          <li>
            <span className="swatch" style={{ background: NO_DATA_COLOR, opacity: CLASSED_FILL_OPACITY }} aria-hidden="true" />
            No data <span className="muted">({c.noData})</span>
          </li>
        )}
      </ul>
    </section>
  );
}
