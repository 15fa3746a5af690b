import { selectGroupByRegion, selectMultiSelection, selectPlanReport, selectSelectedId } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../common/storeContext';
import { useState } from 'react';
import { PlanCharts } from '../charts/PlanCharts';
import { StatsTable } from './StatsTable';

/**
 * The "Territory statistics" tab: the plan report's rows in the statistics table, under
 * their regions when "Group by region" is on, and the plan's charts beside it (issue 14:
 * next to the table, not instead of it; "Show charts" hides them for a wide table).
 * Nothing until the stats are computed.
 */
export function TerritoryStatsView() {
  const api = useAppStoreApi();
  const report = useAppStore(selectPlanReport);
  const groupByRegion = useAppStore(selectGroupByRegion);
  const selectedId = useAppStore(selectSelectedId);
  const multiSelection = useAppStore(selectMultiSelection);
  const [showCharts, setShowCharts] = useState(true);
  if (!report) return null;
  return (
    <div className={showCharts ? 'stats-layout with-charts' : 'stats-layout'}>
      <div className="stats-main">
        <div className="table-options">
          <label className="table-option">
            <input type="checkbox" checked={groupByRegion} onChange={(e) => api.getState().setGroupByRegion(e.target.checked)} /> Group by region
          </label>
          <label className="table-option">
            <input type="checkbox" checked={showCharts} onChange={(e) => setShowCharts(e.target.checked)} /> Show charts
          </label>
        </div>
        <StatsTable
          rows={report.territories}
          groups={groupByRegion ? report.regions : null}
          unassigned={report.unassigned.stats}
          totals={report.total.stats}
          selectedId={selectedId}
          multiSelected={multiSelection}
          onRowToggle={(id) => (id === selectedId ? undefined : api.getState().toggleMultiSelection(id))}
          onRowActivate={(id) => {
            api.getState().selectTerritory(id);
            api.getState().requestZoom(id);
          }}
        />
      </div>
      {showCharts && <PlanCharts />}
    </div>
  );
}
