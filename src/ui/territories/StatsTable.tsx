import { useMemo, useState } from 'react';
import type { PlanReportRow, RegionReportRow, TerritoryReportRow } from '../../domain/report';
import type { TerritoryStatsRow } from '../../domain/stats';
import type { TerritoryId } from '../../domain/types';
import type { TerritoryShape } from '../../domain/balance';
import { formatCount, formatDeviation, formatMoney, formatPercent } from '../common/format';

/** A territory's row as the table shows it: its row of the plan report (names, stats, live evaluation). */
export type StatsTableRow = TerritoryReportRow;

/** A region's roll-up row and the territories under it (the plan report's region rows). */
export type StatsGroup = RegionReportRow;

/** What a cell reads of any row: territory, region, Unassigned or Total. */
type CellRow = Pick<PlanReportRow, 'name' | 'manager' | 'stats' | 'deviation' | 'shape'>;

type ColumnKey = 'name' | 'manager' | 'stores' | 'customers' | 'prospects' | 'penetration' | 'newCustomers' | 'revenue' | 'growth' | 'potential' | 'shareOfWallet' | 'whitespace' | 'balance' | 'deviation' | 'contiguous' | 'compactness';

interface Column {
  key: ColumnKey;
  label: string;
  numeric: boolean;
  value: (r: CellRow) => number | string | null;
  render: (r: CellRow) => string;
  title?: string;
}

/** The column names are a contract (tests and users rely on them): keep them exact. */
export const COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Territory', numeric: false, value: (r) => r.name.toLowerCase(), render: (r) => r.name },
  { key: 'manager', label: 'Manager', numeric: false, value: (r) => r.manager.toLowerCase(), render: (r) => r.manager || '—' },
  { key: 'stores', label: 'Stores', numeric: true, value: (r) => r.stats.stores, render: (r) => formatCount(r.stats.stores) },
  { key: 'customers', label: 'Customers', numeric: true, value: (r) => r.stats.customers, render: (r) => formatCount(r.stats.customers) },
  { key: 'prospects', label: 'Prospects', numeric: true, value: (r) => r.stats.prospects, render: (r) => formatCount(r.stats.prospects) },
  { key: 'penetration', label: 'Penetration', numeric: true, value: (r) => r.stats.penetration, render: (r) => formatPercent(r.stats.penetration), title: 'Customers ÷ stores' },
  { key: 'newCustomers', label: 'New customers', numeric: true, value: (r) => r.stats.newCustomers, render: (r) => formatCount(r.stats.newCustomers), title: 'Customers won in the last 12 months' },
  { key: 'revenue', label: 'Revenue', numeric: true, value: (r) => r.stats.revenue, render: (r) => formatMoney(r.stats.revenue), title: 'Trailing 12 months' },
  { key: 'growth', label: 'Growth', numeric: true, value: (r) => r.stats.revenueGrowth, render: (r) => formatDeviation(r.stats.revenueGrowth), title: 'Revenue growth: (revenue − prior revenue) ÷ prior revenue' },
  { key: 'potential', label: 'Potential', numeric: true, value: (r) => r.stats.potential, render: (r) => formatMoney(r.stats.potential), title: 'Estimated annual wallet' },
  { key: 'shareOfWallet', label: 'Share of wallet', numeric: true, value: (r) => r.stats.shareOfWallet, render: (r) => formatPercent(r.stats.shareOfWallet), title: 'Revenue ÷ potential' },
  { key: 'whitespace', label: 'Whitespace', numeric: true, value: (r) => r.stats.whitespace, render: (r) => formatMoney(r.stats.whitespace), title: 'Potential − revenue, per store, never below 0' },
  { key: 'balance', label: 'Balance', numeric: true, value: (r) => r.stats.balanceDeviation, render: (r) => formatDeviation(r.stats.balanceDeviation), title: 'Revenue deviation from the average territory' },
  {
    key: 'deviation', label: 'Deviation', numeric: true,
    value: (r) => (r.deviation == null ? null : Math.abs(r.deviation)),
    render: (r) => formatDeviation(r.deviation),
    title: 'Deviation from the ideal territory on the measure chosen for balancing (Auto-balance sets it; stores by default)',
  },
  {
    key: 'contiguous', label: 'Contiguous', numeric: false,
    value: (r) => r.shape?.parts ?? null,
    render: (r) => contiguityText(r.shape),
    title: 'Yes when the territory is in one piece; otherwise its number of parts (units sharing a border for territories built from units, polygon parts for drawn ones)',
  },
  {
    key: 'compactness', label: 'Compactness', numeric: true,
    value: (r) => r.shape?.compactness ?? null,
    render: (r) => (r.shape ? r.shape.compactness.toFixed(0) : ''),
    title: 'Polsby–Popper 4πA/P², 0–100 (100 = a circle, 79 = a square)',
  },
];

function contiguityText(shape: TerritoryShape | null): string {
  if (!shape) return '';
  if (shape.parts <= 1) return shape.parts === 1 ? 'yes' : '—';
  return `${shape.parts} parts`;
}

export interface StatsTableProps {
  rows: readonly StatsTableRow[];
  /** When given, territories are shown under collapsible region rows. */
  groups?: readonly StatsGroup[] | null;
  unassigned: TerritoryStatsRow;
  totals: TerritoryStatsRow;
  selectedId: TerritoryId | null;
  onRowActivate: (id: TerritoryId) => void;
  /** Ctrl/Cmd/Shift-click or Shift+Enter: add a row to (or remove it from) the multi-selection. */
  onRowToggle?: (id: TerritoryId) => void;
  multiSelected?: readonly TerritoryId[];
}

type Sort = { key: ColumnKey; dir: 'ascending' | 'descending' } | null;

/**
 * The Territory statistics table: one row per territory, then "Unassigned" and the totals
 * (both stay at the bottom whatever the sort). Click a header to sort, again to reverse;
 * click or Enter on a row selects the territory and zooms to it.
 */
export function StatsTable({ rows, groups, unassigned, totals, selectedId, onRowActivate, onRowToggle, multiSelected = [] }: StatsTableProps) {
  const [sort, setSort] = useState<Sort>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const col = COLUMNS.find((c) => c.key === sort.key)!;
    const sign = sort.dir === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const va = col.value(a);
      const vb = col.value(b);
      // Empty values (e.g. no balance) sort last in both directions.
      if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
      if (va < vb) return -sign;
      if (va > vb) return sign;
      return a.name.localeCompare(b.name);
    });
  }, [rows, sort]);

  const toggle = (key: ColumnKey) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: COLUMNS.find((c) => c.key === key)!.numeric ? 'descending' : 'ascending' }));

  const fixedRow = (label: string, stats: TerritoryStatsRow, className: string) => (
    <tr className={className}>
      {COLUMNS.map((c, i) =>
        i === 0 ? (
          <th key={c.key} scope="row">{label}</th>
        ) : (
          <td key={c.key} className={c.numeric ? 'num' : undefined}>
            {c.key === 'manager' || c.key === 'balance' || c.key === 'deviation' || c.key === 'contiguous' || c.key === 'compactness' ? '' : c.render({ name: label, manager: '', stats, deviation: null, shape: null })}
          </td>
        ),
      )}
    </tr>
  );

  const renderRow = (r: StatsTableRow) => (
    <tr
      key={r.key}
      tabIndex={0}
      aria-selected={r.territoryId === selectedId}
      className={r.territoryId === selectedId ? 'selected' : undefined}
      onClick={() => r.territoryId && onRowActivate(r.territoryId)}
      onKeyDown={(e) => {
        if ((e.key === 'Enter' || e.key === ' ') && r.territoryId) {
          e.preventDefault();
          onRowActivate(r.territoryId);
        }
      }}
    >
      {COLUMNS.map((c) =>
        c.key === 'name' ? (
          <th key={c.key} scope="row">
            <span className="swatch" style={{ background: r.color ?? 'transparent' }} aria-hidden="true" />
            {r.name}
          </th>
        ) : (
          <td key={c.key} className={[c.numeric ? 'num' : '', c.key === 'balance' ? balanceClass(r.stats.balanceDeviation) : c.key === 'contiguous' && (r.shape?.parts ?? 0) > 1 ? 'bal-bad' : ''].join(' ').trim() || undefined}>
            {c.render(r)}
          </td>
        ),
      )}
    </tr>
  );

  return (
    <table className="stats-table" aria-label="Territory statistics">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.key} scope="col" aria-sort={sort?.key === c.key ? sort.dir : 'none'} className={c.numeric ? 'num' : undefined} title={c.title}>
              <button type="button" className="sort-button" onClick={() => toggle(c.key)}>
                {c.label}
                <span aria-hidden="true" className="sort-indicator">
                  {sort?.key === c.key ? (sort.dir === 'ascending' ? '▲' : '▼') : ''}
                </span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.length === 0 && (
          <tr className="empty-row">
            <td colSpan={COLUMNS.length}>No territories yet. Use “Draw territory” to outline the first one on the map.</td>
          </tr>
        )}
        {!groups && sorted.map(renderRow)}
        {groups?.map((g) => {
          const open = !collapsed.has(g.key);
          const members = sorted.filter((r) => g.territoryIds.includes(r.territoryId));
          return [
            <tr key={`group-${g.key}`} className="group-row">
              <th scope="rowgroup">
                <button
                  type="button"
                  className="group-toggle"
                  aria-expanded={open}
                  onClick={() => setCollapsed((c) => { const n = new Set(c); if (n.has(g.key)) n.delete(g.key); else n.add(g.key); return n; })}
                >
                  <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                  <span className="swatch" style={{ background: g.color ?? 'transparent' }} aria-hidden="true" />
                  {g.name} <span className="muted">({g.territoryIds.length})</span>
                </button>
              </th>
              {COLUMNS.slice(1).map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {c.key === 'manager' ? g.manager : c.key === 'deviation' || c.key === 'contiguous' || c.key === 'compactness' ? '' : c.render(g)}
                </td>
              ))}
            </tr>,
            ...(open ? members.map(renderRow) : []),
          ];
        })}
      </tbody>
      <tfoot>
        {fixedRow('Unassigned', unassigned, 'unassigned-row')}
        {fixedRow('Total', totals, 'totals-row')}
      </tfoot>
    </table>
  );
}

function balanceClass(d: number | null): string {
  if (d === null) return '';
  const a = Math.abs(d);
  return a <= 0.1 ? 'bal-good' : a <= 0.25 ? 'bal-warn' : 'bal-bad';
}
