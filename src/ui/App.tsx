import { lazy, Suspense, useMemo } from 'react';
import { computeBalance } from '../domain/stats';
import { selectMode, selectPeople, selectPlan, selectSelectedId, selectStats, selectStores, selectTerritories } from '../store/selectors';
import { ExportButtons } from './ExportButtons';
import { formatMoneyShort } from './format';
import { Legend } from './Legend';
import { NameDialog } from './NameDialog';
import { Notices } from './Notices';
import { SaveStatus } from './SaveStatus';
import { buildRows, StatsTable } from './StatsTable';
import { useAppStore, useAppStoreApi } from './storeContext';
import { TerritoryPanel } from './TerritoryPanel';
import { Toolbar } from './Toolbar';

const MapView = lazy(() => import('./MapView'));

export function App() {
  const api = useAppStoreApi();
  const plan = useAppStore(selectPlan);
  const territories = useAppStore(selectTerritories);
  const people = useAppStore(selectPeople);
  const stats = useAppStore(selectStats);
  const stores = useAppStore(selectStores);
  const selectedId = useAppStore(selectSelectedId);
  const mode = useAppStore(selectMode);

  const rows = useMemo(() => (stats ? buildRows(territories, stats.rows, people) : []), [stats, territories, people]);
  const balance = useMemo(() => computeBalance(rows.map((r) => r.stats.revenue)), [rows]);
  const statusCounts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const s of stores) c[s.status] = (c[s.status] ?? 0) + 1;
    return c;
  }, [stores]);

  return (
    <div className="app" data-mode={mode}>
      <header className="app-header">
        <h1>Territory Planner</h1>
        <span className="plan-name" title="Current plan">{plan?.name}</span>
        <SaveStatus />
        <div className="spacer" />
        <ExportButtons />
      </header>
      <main className="workspace">
        <div className="map-pane">
          <Toolbar />
          <Suspense fallback={<div className="map map-loading">Loading map…</div>}>
            <MapView />
          </Suspense>
          <Legend counts={statusCounts} />
        </div>
        <aside className="side-pane">
          <TerritoryPanel />
          <section className="panel summary" aria-label="Plan summary">
            <h2>Plan balance</h2>
            <p>
              {rows.length} territories · revenue {formatMoneyShort(balance.total)} · ideal {formatMoneyShort(balance.ideal)} per territory
            </p>
            <p>
              Balance index <strong>{balance.balanceIndex.toFixed(0)}</strong>/100 · max deviation ±{(balance.maxAbsDeviation * 100).toFixed(0)}% · CV{' '}
              {(balance.coefficientOfVariation * 100).toFixed(0)}%
            </p>
          </section>
        </aside>
        <section className="table-pane" aria-label="Statistics">
          {stats && (
            <StatsTable
              rows={rows}
              unassigned={stats.unassigned}
              totals={stats.totals}
              selectedId={selectedId}
              onRowActivate={(id) => {
                api.getState().selectTerritory(id);
                api.getState().requestZoom(id);
              }}
            />
          )}
        </section>
      </main>
      <NameDialog />
      <Notices />
    </div>
  );
}
