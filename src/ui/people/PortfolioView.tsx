import { useMemo } from 'react';
import { computePortfolioStats } from '../../domain/stats';
import { storeAt, storesOfManager, type Market } from '../../domain/market';
import type { Person, PersonId, StoreId, Territory } from '../../domain/types';
import { formatCount, formatDeviation, formatMoney, formatPercent } from '../common/format';

export interface PortfolioViewProps {
  market: Market;
  assignment: Int32Array;
  territories: readonly Territory[];
  people: readonly Person[];
  managerId: PersonId | null;
  onManagerChange: (id: PersonId | null) => void;
  onStoreActivate: (id: StoreId) => void;
  referenceDate?: Date;
}

/**
 * The account manager's view of the same market: their named accounts wherever they sit
 * (across territories), with the PRODUCT.md account-manager KPIs. The map highlights them.
 */
export function PortfolioView({ market, assignment, territories, people, managerId, onManagerChange, onStoreActivate, referenceDate }: PortfolioViewProps) {
  const managers = useMemo(() => people.filter((p) => p.role === 'account-manager').sort((a, b) => a.name.localeCompare(b.name)), [people]);
  // A portfolio is hundreds of accounts, not the market: its stores are built as objects.
  const accounts = useMemo(() => {
    if (!managerId) return [];
    return Array.from(storesOfManager(market, managerId)).sort((a, b) => market.revenue[b]! - market.revenue[a]!);
  }, [market, managerId]);
  const stores = useMemo(() => new Map(accounts.map((i) => [i, storeAt(market, i)])), [market, accounts]);
  const kpis = useMemo(() => (managerId ? computePortfolioStats([...stores.values()], managerId, referenceDate ? { referenceDate } : {}) : null), [stores, managerId, referenceDate]);
  const territoryNames = useMemo(() => {
    const names = new Set<string>();
    for (const i of accounts) {
      const t = assignment[i] ?? -1;
      if (t >= 0) names.add(territories[t]!.name);
    }
    return names;
  }, [accounts, assignment, territories]);

  return (
    <section className="portfolio" aria-label="Account portfolio">
      <div className="filters">
        <label className="inline">
          Account manager{' '}
          <select value={managerId ?? ''} onChange={(e) => onManagerChange((e.target.value || null) as PersonId | null)}>
            <option value="">— choose —</option>
            {managers.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
        {kpis && (
          <dl className="kpi-strip" aria-label="Portfolio KPIs">
            <div><dt>Accounts</dt><dd>{formatCount(kpis.accounts)}</dd></div>
            <div><dt>Portfolio revenue</dt><dd>{formatMoney(kpis.revenue)}</dd></div>
            <div><dt>Growth</dt><dd>{formatDeviation(kpis.revenueGrowth)}</dd></div>
            <div><dt>Retention</dt><dd>{formatPercent(kpis.retention)}</dd></div>
            <div><dt>Mean satisfaction</dt><dd>{kpis.meanSatisfaction === null ? '—' : `${kpis.meanSatisfaction.toFixed(2)} / 5`}</dd></div>
            <div><dt>Renewals due in 90 days</dt><dd>{formatCount(kpis.renewalsDue90)}</dd></div>
            <div><dt>Territories</dt><dd>{formatCount(territoryNames.size)}</dd></div>
          </dl>
        )}
      </div>
      {!managerId ? (
        <p className="empty-note">{managers.length === 0 ? 'No account managers yet. Add one in People, or import stores with an account manager column.' : 'Choose an account manager to see their accounts; they are highlighted on the map.'}</p>
      ) : accounts.length === 0 ? (
        <p className="empty-note">This account manager has no accounts yet.</p>
      ) : (
        <div className="stores-scroll">
          <table className="stores-table" aria-label="Portfolio accounts">
            <thead>
              <tr>
                <th scope="col">Account</th><th scope="col">Status</th><th scope="col" className="num">Revenue</th><th scope="col" className="num">Growth</th>
                <th scope="col" className="num">Satisfaction</th><th scope="col">Renewal date</th><th scope="col">Territory</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((i) => {
                const s = stores.get(i)!;
                const t = assignment[i] ?? -1;
                return (
                  <tr key={s.id} tabIndex={0} onClick={() => onStoreActivate(s.id)} onKeyDown={(e) => e.key === 'Enter' && onStoreActivate(s.id)}>
                    <th scope="row" className="ellipsis">{s.name}{s.keyAccount ? <span className="badge" title="Key account">key</span> : null}</th>
                    <td><span className={`status status-${s.status}`}>{s.status}</span></td>
                    <td className="num">{formatMoney(s.revenue)}</td>
                    <td className="num">{formatDeviation(s.priorRevenue > 0 ? (s.revenue - s.priorRevenue) / s.priorRevenue : null)}</td>
                    <td className="num">{s.satisfaction ?? '—'}</td>
                    <td>{s.renewalDate ?? '—'}</td>
                    <td className="ellipsis">{t >= 0 ? territories[t]!.name : <span className="muted">Unassigned</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
