import { memo, useMemo } from 'react';
import { targetsToCsv } from '../../domain/export';
import { targetRows, type PlanReport, type TargetRow } from '../../domain/report';
import { formatMoney, formatMoneyShort, formatPercent } from '../common/format';
import { ChartFigure, type DataColumn } from './ChartFigure';
import { linearY, niceTicks, slotWidth } from './chartScale';

const HEIGHT = 110;
const TOP = 8;
const LEFT = 52;
const BOTTOM = 8;

/**
 * Revenue against target per territory (issue 14): a bar of revenue per territory (table
 * order) and a dark tick at its target; a territory at or above its target is drawn solid,
 * one below it lighter. Territories without a target show their revenue alone.
 */
export const TargetChart = memo(function TargetChart({ report, fileStem, width }: { report: PlanReport; fileStem: string; width: number }) {
  const rows = useMemo(() => targetRows(report), [report]);
  const withTarget = rows.filter((r) => r.target !== null).length;
  const columns: DataColumn<TargetRow>[] = [
    { header: 'Territory', cell: (r) => r.name },
    { header: 'Revenue', cell: (r) => formatMoney(r.revenue), num: true },
    { header: 'Target', cell: (r) => (r.target === null ? '—' : formatMoney(r.target)), num: true },
    { header: 'Of target', cell: (r) => formatPercent(r.ofTarget), num: true },
  ];
  const csv = () => ({ fileName: `revenue-vs-target-${fileStem}.csv`, text: targetsToCsv(rows) });
  const slot = slotWidth(rows.length, width - LEFT - 12);
  const ticks = niceTicks(Math.max(0, ...rows.map((r) => Math.max(r.revenue, r.target ?? 0))));
  const y = linearY(ticks[ticks.length - 1]!, HEIGHT);
  const barW = Math.max(4, slot * 0.6);
  return (
    <ChartFigure
      title="Revenue against target"
      description={withTarget === 0 ? 'No territory has a revenue target yet: set one in the territory panel. Bars show revenue.' : `Revenue per territory; the dark tick is the target (${withTarget} of ${rows.length} territories have one).`}
      csv={csv}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.territoryId}
    >
      <div className="chart-canvas">
        <svg width={LEFT + slot * rows.length + 12} height={TOP + HEIGHT + BOTTOM} aria-hidden="true" className="chart-svg">
          <g transform={`translate(${LEFT},${TOP})`}>
            {ticks.map((t) => (
              <g key={t} className="chart-tick">
                <line x1={0} x2={slot * rows.length} y1={y(t)} y2={y(t)} />
                <text x={-6} y={y(t)} dy="0.32em" textAnchor="end">{formatMoneyShort(t)}</text>
              </g>
            ))}
            {rows.map((r, i) => {
              const x = i * slot + (slot - barW) / 2;
              const met = r.ofTarget !== null && r.ofTarget >= 1;
              return (
                <g key={r.territoryId}>
                  <rect className={`target-bar${r.target === null ? ' no-target' : met ? ' met' : ' below'}`} x={x} y={y(r.revenue)} width={barW} height={HEIGHT - y(r.revenue)}>
                    <title>{`${r.name}: ${formatMoney(r.revenue)}${r.target === null ? ', no target' : ` of ${formatMoney(r.target)} target (${formatPercent(r.ofTarget)})`}`}</title>
                  </rect>
                  {r.target !== null && <line className="target-tick" x1={x - 3} x2={x + barW + 3} y1={y(r.target)} y2={y(r.target)} />}
                </g>
              );
            })}
          </g>
        </svg>
      </div>
    </ChartFigure>
  );
});
