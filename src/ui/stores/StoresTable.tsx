import { codeAt, storeAt, type Market } from '../../domain/market';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { sortStoreIndices, type StoreFilter, type StoreSortKey } from '../../domain/query';
import { CHANNELS, STORE_STATUSES, type Person, type Store, type StoreId, type Territory } from '../../domain/types';
import { formatCount, formatMoney } from '../common/format';

interface Column {
  key: StoreSortKey;
  label: string;
  numeric?: boolean;
  width: number;
}

const COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Name', width: 220 },
  { key: 'externalId', label: 'External ID', width: 110 },
  { key: 'city', label: 'City', width: 130 },
  { key: 'state', label: 'State', width: 56 },
  { key: 'status', label: 'Status', width: 86 },
  { key: 'channel', label: 'Channel', width: 120 },
  { key: 'territory', label: 'Territory', width: 160 },
  { key: 'accountManager', label: 'Account manager', width: 150 },
  { key: 'revenue', label: 'Revenue', numeric: true, width: 100 },
  { key: 'potential', label: 'Potential', numeric: true, width: 100 },
  { key: 'geocodePrecision', label: 'Location', width: 100 },
];

const ROW_HEIGHT = 30;

export interface StoresTableProps {
  market: Market;
  visible: Int32Array;
  assignment: Int32Array;
  territories: readonly Territory[];
  people: readonly Person[];
  filter: StoreFilter;
  onFilterChange: (patch: Partial<StoreFilter>) => void;
  onStoreActivate: (id: StoreId) => void;
  onExport: (indices: Int32Array) => void;
}

const label = (s: string) => s[0]!.toUpperCase() + s.slice(1).replace(/-/g, ' ');

/**
 * All stores in a virtualized table (only the rows in view are in the DOM, so 100k rows
 * scroll smoothly), with search, filters and sort. The same filter drives the map.
 */
export function StoresTable(props: StoresTableProps) {
  const { market, visible, assignment, territories, people, filter, onFilterChange, onStoreActivate, onExport } = props;
  const [sort, setSort] = useState<{ key: StoreSortKey; dir: 'ascending' | 'descending' } | null>(null);
  const [activeId, setActiveId] = useState<StoreId | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const managerNames = useMemo(() => new Map(people.map((p) => [p.id, p.name])), [people]);
  const accountManagers = useMemo(() => people.filter((p) => p.role === 'account-manager'), [people]);
  const territoryName = (i: number) => {
    const t = i < assignment.length ? assignment[i]! : -1;
    return t >= 0 ? (territories[t]?.name ?? '') : '';
  };
  const managerName = (i: number) => {
    const id = codeAt(market.accountManagerId, i);
    return id ? (managerNames.get(id) ?? '') : '';
  };
  const rows = useMemo(
    () => (sort ? sortStoreIndices(visible, market, sort.key, sort.dir, { territoryName, managerName }) : visible),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [visible, market, sort, assignment, territories, managerNames],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1200, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const toggle = (key: StoreSortKey, numeric?: boolean) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: numeric ? 'descending' : 'ascending' }));

  return (
    <div className="stores-view">
      <div className="filters" role="search" aria-label="Filter stores">
        <input type="search" aria-label="Search stores" placeholder="Search name, ID or city" value={filter.text} onChange={(e) => onFilterChange({ text: e.target.value })} />
        <select aria-label="Status" value={filter.statuses[0] ?? ''} onChange={(e) => onFilterChange({ statuses: e.target.value ? [e.target.value as Store['status']] : [] })}>
          <option value="">All statuses</option>
          {STORE_STATUSES.map((s) => <option key={s} value={s}>{label(s)}</option>)}
        </select>
        <select aria-label="Channel" value={filter.channels[0] ?? ''} onChange={(e) => onFilterChange({ channels: e.target.value ? [e.target.value as Store['channel']] : [] })}>
          <option value="">All channels</option>
          {CHANNELS.map((c) => <option key={c} value={c}>{label(c)}</option>)}
        </select>
        <select aria-label="Territory" value={filter.territory} onChange={(e) => onFilterChange({ territory: e.target.value as StoreFilter['territory'] })}>
          <option value="all">All territories</option>
          <option value="unassigned">Unassigned</option>
          {territories.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
        <select aria-label="Account manager" value={filter.accountManager} onChange={(e) => onFilterChange({ accountManager: e.target.value as StoreFilter['accountManager'] })}>
          <option value="all">All account managers</option>
          <option value="none">No account manager</option>
          {accountManagers.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <select aria-label="Key account" value={filter.keyAccount} onChange={(e) => onFilterChange({ keyAccount: e.target.value as StoreFilter['keyAccount'] })}>
          <option value="all">Key and other accounts</option>
          <option value="yes">Key accounts only</option>
          <option value="no">Not key accounts</option>
        </select>
        <select aria-label="Geocode precision" value={filter.precision} onChange={(e) => onFilterChange({ precision: e.target.value as StoreFilter['precision'] })}>
          <option value="all">Any location precision</option>
          <option value="exact">Exact location</option>
          <option value="zip-centroid">ZIP centroid</option>
        </select>
        <span className="count" role="status" aria-live="polite">
          {formatCount(rows.length)} of {formatCount(market.length)} stores
        </span>
        <button type="button" onClick={() => onExport(rows)} disabled={rows.length === 0}>
          Export stores (CSV)
        </button>
      </div>
      <div className="stores-scroll" ref={scroller}>
        <table className="stores-table" aria-label="Stores" aria-rowcount={rows.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" style={{ width: c.width }} className={c.numeric ? 'num' : undefined} aria-sort={sort?.key === c.key ? sort.dir : 'none'}>
                  <button type="button" className="sort-button" onClick={() => toggle(c.key, c.numeric)}>
                    {c.label}
                    <span aria-hidden="true" className="sort-indicator">{sort?.key === c.key ? (sort.dir === 'ascending' ? '▲' : '▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr className="empty-row">
                <td colSpan={COLUMNS.length}>{market.length === 0 ? 'No stores yet. Use “Import stores” to bring in a CSV or GeoJSON file.' : 'No store matches these filters.'}</td>
              </tr>
            )}
            {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
            {items.map((v) => {
              const i = rows[v.index]!;
              const s = storeAt(market, i);
              return (
                <tr
                  key={s.id}
                  aria-rowindex={v.index + 2}
                  tabIndex={0}
                  style={{ height: ROW_HEIGHT }}
                  aria-selected={activeId === s.id}
                  className={activeId === s.id ? 'selected' : undefined}
                  onClick={() => { setActiveId(s.id); onStoreActivate(s.id); }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') { setActiveId(s.id); onStoreActivate(s.id); }
                  }}
                >
                  <th scope="row" className="ellipsis">{s.name}{s.keyAccount ? <span className="badge" title="Key account">key</span> : null}</th>
                  <td>{s.externalId ?? ''}</td>
                  <td className="ellipsis">{s.city}</td>
                  <td>{s.state}</td>
                  <td><span className={`status status-${s.status}`}>{s.status}</span></td>
                  <td>{label(s.channel)}</td>
                  <td className="ellipsis">{territoryName(i) || <span className="muted">Unassigned</span>}</td>
                  <td className="ellipsis">{managerName(i)}</td>
                  <td className="num">{formatMoney(s.revenue)}</td>
                  <td className="num">{formatMoney(s.potential)}</td>
                  <td>{s.geocodePrecision === 'exact' ? 'Exact' : 'ZIP centroid'}</td>
                </tr>
              );
            })}
            {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
          </tbody>
        </table>
      </div>
    </div>
  );
}
