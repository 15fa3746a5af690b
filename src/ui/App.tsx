import { lazy, useRef, Suspense, useMemo, useState } from 'react';
import {
  selectAssignment, selectBottomTab, selectMode, selectPeople, selectPlan, selectPortfolioManagerId,
  selectStoreFilter, selectMarket, selectTerritories, selectVisibleStores,
} from '../store/selectors';
import { downloadText } from './common/download';
import { ExportButtons } from './plans/ExportButtons';
import { ImportWizard, type ImportService } from './import/ImportWizard';
import { createWorkerImportService } from './import/importService';
import { MapOptions } from './map/MapOptions';
import { PeoplePanel } from './people/PeoplePanel';
import { RegionsPanel } from './territories/RegionsPanel';
import { PortfolioView } from './people/PortfolioView';
import { StoresTable } from './stores/StoresTable';
import { storesToCsvFile } from './stores/storesExport';
import type { BottomTab } from '../store/types';
import { Legend } from './map/Legend';
import { ChoroplethLegend } from './map/ChoroplethLegend';
import { NameDialog } from './territories/NameDialog';
import { Notices } from './common/Notices';
import { SaveStatus } from './storage/SaveStatus';
import { Shortcuts } from './common/Shortcuts';
import { PlanBalance } from './territories/PlanBalance';
import { PlanHealth } from './territories/planEvaluation';
import { TerritoryStatsView } from './territories/TerritoryStatsView';
import { useAppStore, useAppStoreApi } from './common/storeContext';
import { TerritoryPanel } from './territories/TerritoryPanel';
import { Toolbar } from './territories/Toolbar';
import { PlanBar } from './plans/PlanBar';
import { CompareView } from './plans/CompareView';
import { AccessBanner } from './storage/AccessBanner';
import { StoragePanel } from './storage/StoragePanel';
import { StorePanel } from './stores/StorePanel';
import type { BalanceClient } from '../workers/balanceClient';

const ImportTerritoriesDialog = lazy(() => import('./plans/ImportTerritoriesDialog'));

const MapView = lazy(() => import('./map/MapView'));

export function App({ importService, balanceClient }: { importService?: () => ImportService; balanceClient?: () => BalanceClient } = {}) {
  const api = useAppStoreApi();
  const [importFile, setImportFile] = useState<File | null>(null);
  const [service, setService] = useState<ImportService | null>(null);
  const [territoryFile, setTerritoryFile] = useState<File | null>(null);
  // A worker made ready while the file picker is open (see the import worker's warmUp).
  const ready = useRef<ImportService | null>(null);
  const prepareImport = () => {
    if (ready.current) return;
    ready.current = (importService ?? createWorkerImportService)();
    ready.current.warmUp?.();
  };
  const startImport = (file: File | undefined) => {
    if (!file) return;
    setService(ready.current ?? (importService ?? createWorkerImportService)());
    ready.current = null;
    setImportFile(file);
  };
  const plan = useAppStore(selectPlan);
  const territories = useAppStore(selectTerritories);
  const people = useAppStore(selectPeople);
  const market = useAppStore(selectMarket);
  const mode = useAppStore(selectMode);
  const tab = useAppStore(selectBottomTab);
  const assignment = useAppStore(selectAssignment);
  const visible = useAppStore(selectVisibleStores);
  const storeFilter = useAppStore(selectStoreFilter);
  const portfolioManagerId = useAppStore(selectPortfolioManagerId);
  const tabs: { id: BottomTab; label: string }[] = [
    { id: 'territories', label: 'Territory statistics' },
    { id: 'stores', label: 'Stores' },
    { id: 'portfolio', label: 'Account portfolio' },
    { id: 'compare', label: 'Compare plans' },
  ];

  const statusCounts = useMemo(() => {
    const c: Record<string, number> = {};
    const perCode = new Float64Array(market.status.values.length);
    for (const k of market.status.codes) perCode[k]!++;
    market.status.values.forEach((v, k) => (c[v] = (c[v] ?? 0) + perCode[k]!));
    return c;
  }, [market]);

  return (
    <div className="app" data-mode={mode}>
      <header className="app-header">
        <h1>Territory Planner</h1>
        <span className="plan-name" title="Current plan">{plan?.name}</span>
        <PlanHealth />
        <SaveStatus />
        <div className="spacer" />
        {/* One control: a file input whose label reads "Import stores" and looks like a button.
            The input covers the label (transparent), so a click, Enter/Space, a screen reader
            and a test's setInputFiles all reach the same native picker. */}
        <label className="button file-button" title="Import stores from a CSV, TSV or GeoJSON file" onPointerDown={prepareImport} onKeyDown={prepareImport}>
          Import stores
          <input
            type="file"
            className="file-overlay"
            accept=".csv,.tsv,.txt,.geojson,.json,text/csv,application/geo+json"
            onChange={(e) => {
              startImport(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        <ExportButtons />
        <Shortcuts />
      </header>
      <PlanBar onImportTerritories={setTerritoryFile} {...(balanceClient ? { balanceClient } : {})} />
      <AccessBanner />
      <main className="workspace">
        <div
          className="map-pane"
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes('Files')) e.preventDefault();
          }}
          onDrop={(e) => {
            const f = e.dataTransfer.files[0];
            if (f) {
              e.preventDefault();
              startImport(f);
            }
          }}
        >
          <Toolbar />
          <Suspense fallback={<div className="map map-loading">Loading map…</div>}>
            <MapView />
          </Suspense>
          <Legend counts={statusCounts} />
          <ChoroplethLegend />
          <MapOptions />
        </div>
        <aside className="side-pane">
          <StorePanel />
          <TerritoryPanel />
          <PlanBalance />
          <RegionsPanel />
          <PeoplePanel />
          <StoragePanel />
        </aside>
        <div className="table-pane">
          <div className="tabs" role="tablist" aria-label="Views">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => (t.id === 'compare' ? void api.getState().openCompare() : api.getState().setBottomTab(t.id))}
                onKeyDown={(e) => {
                  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
                  const i = tabs.findIndex((x) => x.id === tab);
                  const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
                  if (next.id === 'compare') void api.getState().openCompare();
                  else api.getState().setBottomTab(next.id);
                  document.getElementById(`tab-${next.id}`)?.focus();
                }}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'territories' && <TerritoryStatsView />}
            {tab === 'stores' && (
              <StoresTable
                market={market}
                visible={visible}
                assignment={assignment}
                territories={territories}
                people={people}
                filter={storeFilter}
                onFilterChange={(patch) => api.getState().setStoreFilter(patch)}
                onStoreActivate={(id) => api.getState().focusStore(id)}
                onExport={(indices) => storesToCsvFile(api.getState(), indices)}
              />
            )}
            {tab === 'portfolio' && (
              <PortfolioView
                market={market}
                assignment={assignment}
                territories={territories}
                people={people}
                managerId={portfolioManagerId}
                onManagerChange={(id) => api.getState().setPortfolioManager(id)}
                onStoreActivate={(id) => api.getState().focusStore(id)}
              />
            )}
            {tab === 'compare' && <CompareView />}
          </div>
        </div>
      </main>
      {importFile && service && (
        <ImportWizard
          file={importFile}
          service={service}
          onDownload={(name, text) => downloadText(name, text, 'text/csv;charset=utf-8')}
          onClose={() => {
            service.cancel();
            setImportFile(null);
            setService(null);
          }}
          onCommit={async (result, opts) => {
            // Without an account manager column, a re-import must not wipe the portfolios.
            const summary = await api.getState().importStores(result.rows, {
              replace: opts.replace,
              keepAccountManagers: !opts.hasAccountManagerColumn,
              onProgress: opts.onProgress,
            });
            return {
              added: summary.added,
              updated: summary.updated,
              unchanged: summary.unchanged,
              rejected: result.summary.rejected + summary.duplicates.length,
              peopleCreated: summary.peopleCreated.length,
            };
          }}
        />
      )}
      {territoryFile && (
        <Suspense fallback={null}>
          <ImportTerritoriesDialog file={territoryFile} onClose={() => setTerritoryFile(null)} />
        </Suspense>
      )}
      <NameDialog />
      <Notices />
    </div>
  );
}
