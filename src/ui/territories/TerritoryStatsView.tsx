import { selectGroupByRegion, selectMultiSelection, selectPlanReport, selectSelectedId } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../common/storeContext';
import { StatsTable } from './StatsTable';

/**
 * The "Territory statistics" tab: the plan report's rows in the statistics table, under
 * their regions when "Group by region" is on. Nothing until the stats are computed.
 */
export function TerritoryStatsView() {
  const api = useAppStoreApi();
  const report = useAppStore(selectPlanReport);
  const groupByRegion = useAppStore(selectGroupByRegion);
  const selectedId = useAppStore(selectSelectedId);
  const multiSelection = useAppStore(selectMultiSelection);
  if (!report) return null;
  return (
    <>
      <label className="table-option">
        <input type="checkbox" checked={groupByRegion} onChange={(e) => api.getState().setGroupByRegion(e.target.checked)} /> Group by region
      </label>
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
    </>
  );
}
