import { memo, useMemo } from 'react';
import { channelPenetrationToCsv } from '../../domain/export';
import { channelPenetrationRows, type ChannelPenetration, type ChannelPenetrationRow, type PlanReport } from '../../domain/report';
import type { TerritoryId } from '../../domain/types';
import { formatCount, formatPercent } from '../common/format';
import { ChartFigure, type DataColumn } from './ChartFigure';
import { slotWidth } from './chartScale';

/** Channel names as people read them. */
const CHANNEL_LABELS: Record<string, string> = {
  'independent-pet': 'Independent pet',
  'vet-clinic': 'Vet clinic',
  groomer: 'Groomer',
  'farm-feed': 'Farm & feed',
  grocery: 'Grocery',
};
const channelLabel = (c: string) => CHANNEL_LABELS[c] ?? c;

const PANEL_H = 64;

/**
 * Penetration by channel per territory (issue 14) as small multiples: one panel per
 * channel, one bar per territory (table order) from 0 to 100 % on a shared scale, so a
 * territory's weak channel reads down a column. A territory with no store of a channel
 * gets a dot on the baseline instead of a bar (no stores is not 0 % of stores).
 */
export const ChannelPenetrationChart = memo(function ChannelPenetrationChart({ report, territoryIds, byChannel, fileStem, width: available }: {
  report: PlanReport;
  width: number;
  territoryIds: readonly TerritoryId[];
  byChannel: ChannelPenetration;
  fileStem: string;
}) {
  const rows = useMemo(() => channelPenetrationRows(report, territoryIds, byChannel), [report, territoryIds, byChannel]);
  const channels = byChannel.channels;
  const columns: DataColumn<ChannelPenetrationRow>[] = [
    { header: 'Territory', cell: (r) => r.name },
    ...channels.map((c, k): DataColumn<ChannelPenetrationRow> => ({
      header: channelLabel(c),
      cell: (r) => {
        const x = r.cells[k]!;
        return x.stores > 0 ? `${formatPercent(x.penetration)} (${formatCount(x.customers)} of ${formatCount(x.stores)})` : 'no stores';
      },
      num: true,
    })),
  ];
  const csv = () => ({ fileName: `penetration-by-channel-${fileStem}.csv`, text: channelPenetrationToCsv(channels, rows) });
  // Two panels a row when they fit, else one.
  const panel = available >= 2 * (rows.length * 5) + 12 ? (available - 12) / 2 : available;
  const slot = slotWidth(rows.length, panel - 2, 5, 22);
  const width = slot * rows.length;
  return (
    <ChartFigure
      title="Penetration by channel"
      description={channels.length === 0 ? 'No stores in the territories.' : 'Customers / stores of each channel, per territory in table order (0–100 %).'}
      csv={csv}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.territoryId}
    >
      {channels.length > 0 && (
        <div className="chart-canvas small-multiples">
          {channels.map((c, k) => (
            <div key={c} className="multiple">
              <div className="multiple-title" aria-hidden="true">{channelLabel(c)}</div>
              <svg width={width + 2} height={PANEL_H + 2} aria-hidden="true" className="chart-svg">
                <rect className="multiple-frame" x={0.5} y={0.5} width={width + 1} height={PANEL_H + 1} />
                {rows.map((r, i) => {
                  const x = r.cells[k]!;
                  const cx = 1 + i * slot;
                  const h = x.penetration * PANEL_H;
                  return x.stores > 0 ? (
                    <rect key={r.territoryId} x={cx + slot * 0.15} y={1 + PANEL_H - h} width={Math.max(2, slot * 0.7)} height={h} fill={report.byId.get(r.territoryId)?.color ?? '#64748b'}>
                      <title>{`${r.name} · ${channelLabel(c)}: ${formatPercent(x.penetration)} (${formatCount(x.customers)} of ${formatCount(x.stores)} stores)`}</title>
                    </rect>
                  ) : (
                    <circle key={r.territoryId} cx={cx + slot / 2} cy={PANEL_H - 1} r={1.5} className="no-stores">
                      <title>{`${r.name} · ${channelLabel(c)}: no stores`}</title>
                    </circle>
                  );
                })}
              </svg>
            </div>
          ))}
        </div>
      )}
    </ChartFigure>
  );
});
