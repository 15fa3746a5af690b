import type { CompareFigures, MoveEnd, TerritoryComparisonRow } from '../../domain/plans';
import { realignmentToCsv } from '../../domain/export';
import type { PlanId } from '../../domain/types';
import { BalanceSummary } from '../balance/BalanceSummary';
import { selectBalanceReport, selectCompare, selectCompareLoading, selectComparison, selectPlans } from '../../store/selectors';
import { downloadText } from '../common/download';
import { formatCount, formatCountOf, formatMoney } from '../common/format';
import { useAppStore, useAppStoreApi } from '../common/storeContext';
import { planFileName } from '../../domain/plans';

function signed(n: number, money = false): string {
  const s = money ? formatMoney(Math.abs(n)) : formatCount(Math.abs(n));
  return n > 0 ? `+${s}` : n < 0 ? `−${s}` : '0';
}

function Delta({ n, money }: { n: number; money?: boolean }) {
  return <td className={`num ${n > 0 ? 'gain' : n < 0 ? 'loss' : 'same'}`}>{signed(n, money)}</td>;
}

function FigureCells({ a, b, diff, k, money }: { a: CompareFigures | null; b: CompareFigures | null; diff: CompareFigures; k: keyof CompareFigures; money?: boolean }) {
  const f = money ? formatMoney : formatCount;
  return (
    <>
      <td className="num">{a ? f(a[k]) : '—'}</td>
      <td className="num">{b ? f(b[k]) : '—'}</td>
      <Delta n={diff[k]} {...(money ? { money } : {})} />
    </>
  );
}

const endName = (e: MoveEnd) => (e.kind === 'unassigned' ? 'Unassigned' : e.name);

function rowName(r: TerritoryComparisonRow): string {
  if (r.status === 'added') return r.nameB!;
  if (r.status === 'removed') return r.nameA!;
  return r.nameA === r.nameB ? r.nameA! : `${r.nameA} → ${r.nameB}`;
}

/**
 * The realignment report: plan A ("before") against plan B ("after"). Per territory the
 * stores, customers, revenue and potential in each and the difference; the moves (who
 * gives what to whom), largest first; the stores that move, as CSV. The map highlights the
 * moved stores while this view is open.
 */
export function CompareView() {
  const api = useAppStoreApi();
  const plans = useAppStore(selectPlans);
  const compare = useAppStore(selectCompare);
  const comparison = useAppStore(selectComparison);
  const loading = useAppStore(selectCompareLoading);
  const balanceReport = useAppStore(selectBalanceReport);
  if (!compare) return <p className="empty-note">Choose “Compare” in the plan bar to compare two plans.</p>;
  const r = comparison?.result;
  const choose = (side: 'a' | 'b', id: PlanId) => void api.getState().setComparePlans(side === 'a' ? id : compare.aId, side === 'b' ? id : compare.bId);
  const download = () => {
    if (!comparison) return;
    const st = api.getState();
    const csv = realignmentToCsv(st.market, comparison.result, comparison.a.territories, comparison.b.territories);
    const base = (n: string) => planFileName(n).replace(/\.plan\.geojson$/, '');
    downloadText(`moves ${base(comparison.a.plan.name)} to ${base(comparison.b.plan.name)}.csv`, csv, 'text/csv;charset=utf-8');
  };

  return (
    <div className="compare-view" aria-busy={loading}>
      <div className="filters compare-controls">
        <label className="inline">
          Plan A (before)
          <select aria-label="Plan A" value={compare.aId} onChange={(e) => choose('a', e.target.value as PlanId)}>
            {plans.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
        <span aria-hidden="true">→</span>
        <label className="inline">
          Plan B (after)
          <select aria-label="Plan B" value={compare.bId} onChange={(e) => choose('b', e.target.value as PlanId)}>
            {plans.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
        <button type="button" disabled={!r || r.moved.length === 0} onClick={download} title="One row per store whose territory differs between the two plans">
          Download moves (CSV)
        </button>
        <button type="button" className="link" onClick={() => api.getState().closeCompare()}>Close compare</button>
        {loading && <span className="count" role="status">Comparing…</span>}
        {comparison && !loading && <span className="count">compared in {comparison.ms < 1 ? '<1' : Math.round(comparison.ms)} ms</span>}
      </div>
      {balanceReport && balanceReport.planId === compare.bId && balanceReport.fromPlanId === compare.aId && <BalanceSummary report={balanceReport} storesChanging={r?.summary.storesMoved} />}
      {r && (
        <>
          <p className="compare-summary" role="status" aria-label="Compare summary">
            {compare.aId === compare.bId ? (
              'Plan A and plan B are the same plan: choose another plan to compare with.'
            ) : r.summary.storesMoved === 0 ? (
              'No store changes territory between these plans.'
            ) : (
              <>
                <strong>{formatCount(r.summary.storesMoved)}</strong> {r.summary.storesMoved === 1 ? 'store changes' : 'stores change'} territory:{' '}
                {formatCountOf(r.summary.customersMoved, 'customer')},{' '}
                {formatMoney(r.summary.revenueMoved)} revenue, {formatMoney(r.summary.potentialMoved)} potential. On the map they are shown in the
                color of their territory in plan B; the other stores are dimmed.
              </>
            )}
          </p>
          <div className="compare-grid">
            <table className="stats-table compare-table" aria-label="Territory comparison">
              <thead>
                <tr>
                  <th rowSpan={2} scope="col" className="pad">Territory</th>
                  <th colSpan={3} scope="colgroup" className="num pad">Stores</th>
                  <th colSpan={3} scope="colgroup" className="num pad">Customers</th>
                  <th colSpan={3} scope="colgroup" className="num pad">Revenue</th>
                  <th colSpan={3} scope="colgroup" className="num pad">Potential</th>
                </tr>
                <tr>
                  {['Stores', 'Customers', 'Revenue', 'Potential'].flatMap((k) => [
                    <th key={`${k}a`} scope="col" className="num pad sub" aria-label={`${k} in A`}>A</th>,
                    <th key={`${k}b`} scope="col" className="num pad sub" aria-label={`${k} in B`}>B</th>,
                    <th key={`${k}d`} scope="col" className="num pad sub" aria-label={`${k} change`}>Δ</th>,
                  ])}
                </tr>
              </thead>
              <tbody>
                {r.territories.map((row) => (
                  <tr key={row.key} className={row.status}>
                    <th scope="row">
                      {rowName(row)}
                      {row.status !== 'matched' && <span className={`badge ${row.status}`}>{row.status === 'added' ? 'added in B' : 'removed in B'}</span>}
                    </th>
                    <FigureCells a={row.a} b={row.b} diff={row.diff} k="stores" />
                    <FigureCells a={row.a} b={row.b} diff={row.diff} k="customers" />
                    <FigureCells a={row.a} b={row.b} diff={row.diff} k="revenue" money />
                    <FigureCells a={row.a} b={row.b} diff={row.diff} k="potential" money />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="unassigned-row">
                  <th scope="row">Unassigned</th>
                  <FigureCells {...r.unassigned} k="stores" />
                  <FigureCells {...r.unassigned} k="customers" />
                  <FigureCells {...r.unassigned} k="revenue" money />
                  <FigureCells {...r.unassigned} k="potential" money />
                </tr>
                <tr className="totals-row">
                  <th scope="row">Total</th>
                  <FigureCells {...r.totals} k="stores" />
                  <FigureCells {...r.totals} k="customers" />
                  <FigureCells {...r.totals} k="revenue" money />
                  <FigureCells {...r.totals} k="potential" money />
                </tr>
              </tfoot>
            </table>
            <table className="stats-table moves-table" aria-label="Moves between territories">
              <thead>
                <tr>
                  <th scope="col" className="pad">From (A)</th>
                  <th scope="col" className="pad">To (B)</th>
                  <th scope="col" className="num pad">Stores</th>
                  <th scope="col" className="num pad">Customers</th>
                  <th scope="col" className="num pad">Revenue</th>
                </tr>
              </thead>
              <tbody>
                {r.moves.length === 0 && (
                  <tr className="empty-row"><td colSpan={5}>No store changes hands.</td></tr>
                )}
                {r.moves.map((m) => (
                  <tr key={`${m.from.key}>${m.to.key}`}>
                    <td className={m.from.kind === 'unassigned' ? 'muted' : undefined}>{endName(m.from)}</td>
                    <td className={m.to.kind === 'unassigned' ? 'muted' : undefined}>{endName(m.to)}</td>
                    <td className="num">{formatCount(m.stores)}</td>
                    <td className="num">{formatCount(m.customers)}</td>
                    <td className="num">{formatMoney(m.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
