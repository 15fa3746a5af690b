import { memo, useMemo, useState } from 'react';
import { balanceChartData, type BalanceBar, type PlanReport } from '../../domain/report';
import { balanceChartToCsv } from '../../domain/export';
import type { TerritoryId } from '../../domain/types';
import { formatDeviation, formatPercent } from '../common/format';
import { measureLabel } from '../territories/planEvaluation';
import { ChartFigure, type DataColumn } from './ChartFigure';
import { formatMeasureValue } from './chartFormat';
import { linearY, niceTicks, slotWidth } from './chartScale';

const HEIGHT = 170;
const TOP = 14;
const LEFT = 52;
const BOTTOM = 64;
const RIGHT = 36;

/**
 * The balance chart (issue 14): one bar per territory on the plan's balance measure, in
 * table order or largest first, with the ideal line and the tolerance band. A bar outside
 * the band is drawn in the warning color AND hatched with a "!" above it, so it stands out
 * without color. Hover or focus shows its figures; a click or Enter selects the territory.
 *
 * Plain SVG from the plan report: the bars are rebuilt only when the report (or the sort)
 * changes, so an edit with 50 territories costs 50 rectangles.
 */
export const BalanceChart = memo(function BalanceChart({ report, selectedId, fileStem, onSelect, width: available }: {
  report: PlanReport;
  /** The room the chart has, in pixels (bars narrow to fit, down to a minimum). */
  width: number;
  selectedId: TerritoryId | null;
  fileStem: string;
  onSelect: (id: TerritoryId) => void;
}) {
  const [sorted, setSorted] = useState(false);
  const [active, setActive] = useState<TerritoryId | null>(null);
  const data = useMemo(() => balanceChartData(report, sorted), [report, sorted]);
  const spec = report.balance.measure;
  const label = measureLabel(spec);
  const fmt = (v: number, short = false) => formatMeasureValue(spec, v, short);
  const tol = formatPercent(data.tolerance, 0);

  const columns: DataColumn<BalanceBar>[] = [
    { header: 'Territory', cell: (b) => b.name },
    { header: label, cell: (b) => fmt(b.value), num: true },
    { header: 'Deviation', cell: (b) => formatDeviation(b.deviation), num: true },
    { header: 'Outside tolerance', cell: (b) => (b.outside ? 'yes' : 'no') },
  ];
  const csv = () => ({ fileName: `balance-chart-${fileStem}.csv`, text: balanceChartToCsv(data, spec) });
  const outside = data.bars.filter((b) => b.outside).length;
  const description = data.ideal > 0
    ? `${label} per territory. Ideal ${fmt(data.ideal)}, tolerance ±${tol} (${fmt(data.low)}–${fmt(data.high)}); ${outside === 0 ? 'every territory within it' : `${outside} outside`}.`
    : `No balance figures: every territory has 0 on ${label.toLowerCase()}.`;

  const slot = slotWidth(data.bars.length, available - LEFT - RIGHT);
  const width = LEFT + slot * data.bars.length + RIGHT;
  const ticks = niceTicks(Math.max(data.high, ...data.bars.map((b) => b.value)));
  const y = linearY(ticks[ticks.length - 1]!, HEIGHT);
  const barW = Math.max(4, slot * 0.7);
  const activeBar = data.bars.find((b) => b.territoryId === active) ?? null;
  const activeIndex = activeBar ? data.bars.indexOf(activeBar) : -1;
  const showNames = slot >= 16;

  return (
    <ChartFigure
      title="Balance chart"
      description={description}
      csv={csv}
      columns={columns}
      rows={data.bars}
      rowKey={(b) => b.territoryId}
      controls={
        <button type="button" className="small" aria-pressed={sorted} onClick={() => setSorted((v) => !v)}>
          Sort by value
        </button>
      }
    >
      {data.ideal > 0 && (
        <div className="chart-canvas">
          <svg width={width} height={TOP + HEIGHT + BOTTOM} className="chart-svg">
            <defs>
              <pattern id="outside-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#c2410c" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="2.2" />
              </pattern>
            </defs>
            <g transform={`translate(${LEFT},${TOP})`}>
              {ticks.map((t) => (
                <g key={t} className="chart-tick">
                  <line x1={0} x2={slot * data.bars.length} y1={y(t)} y2={y(t)} />
                  <text x={-6} y={y(t)} dy="0.32em" textAnchor="end">{fmt(t, true)}</text>
                </g>
              ))}
              <rect className="chart-band" x={0} width={slot * data.bars.length} y={y(data.high)} height={Math.max(1, y(data.low) - y(data.high))}>
                <title>Tolerance band ±{tol}</title>
              </rect>
              <g role="group" aria-label="Bars">
                {data.bars.map((b, i) => {
                  const x = i * slot + (slot - barW) / 2;
                  const top = y(b.value);
                  const name = `${b.name}: ${fmt(b.value)}, ${formatDeviation(b.deviation)} from the ideal${b.outside ? ', outside tolerance' : ''}`;
                  return (
                    <g key={b.territoryId}>
                      <rect
                        role="button"
                        tabIndex={0}
                        aria-label={name}
                        aria-pressed={b.territoryId === selectedId}
                        data-outside={b.outside || undefined}
                        className={`chart-bar${b.outside ? ' outside' : ''}${b.territoryId === selectedId ? ' selected' : ''}`}
                        x={x}
                        y={top}
                        width={barW}
                        height={Math.max(0, HEIGHT - top)}
                        fill={b.outside ? 'url(#outside-hatch)' : undefined}
                        onPointerEnter={() => setActive(b.territoryId)}
                        onPointerLeave={() => setActive(null)}
                        onFocus={() => setActive(b.territoryId)}
                        onBlur={() => setActive(null)}
                        onClick={() => onSelect(b.territoryId)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            onSelect(b.territoryId);
                          }
                        }}
                      />
                      {b.outside && <text className="chart-marker" x={x + barW / 2} y={top - 3} textAnchor="middle" aria-hidden="true">!</text>}
                      {showNames && (
                        <text className="chart-label" transform={`translate(${i * slot + slot / 2},${HEIGHT + 10}) rotate(-40)`} textAnchor="end" aria-hidden="true">
                          {b.name.length > 14 ? `${b.name.slice(0, 13)}…` : b.name}
                        </text>
                      )}
                    </g>
                  );
                })}
              </g>
              <line className="chart-ideal" x1={0} x2={slot * data.bars.length} y1={y(data.ideal)} y2={y(data.ideal)} />
              <text className="chart-ideal-label" x={slot * data.bars.length + 3} y={y(data.ideal)} dy="0.32em" textAnchor="start" aria-hidden="true">ideal</text>
            </g>
          </svg>
          {activeBar && (
            <div role="tooltip" className="chart-tooltip" style={{ left: Math.min(LEFT + activeIndex * slot + slot / 2, width - 80), top: TOP + y(activeBar.value) }}>
              <strong>{activeBar.name}</strong>
              <span>{label}: {fmt(activeBar.value)}</span>
              <span>Ideal: {fmt(data.ideal)}</span>
              <span>Deviation: {formatDeviation(activeBar.deviation)}{activeBar.outside ? ' (outside tolerance)' : ''}</span>
            </div>
          )}
          <ul className="chart-key" aria-hidden="true">
            <li><span className="key-swatch in" />within ±{tol}</li>
            <li><span className="key-swatch out" />! outside tolerance</li>
            <li><span className="key-line" />ideal</li>
          </ul>
        </div>
      )}
    </ChartFigure>
  );
});
