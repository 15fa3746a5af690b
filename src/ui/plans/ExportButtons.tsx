import { assignmentsCsvLines, csvChunks, kpiTableToCsv, territoriesToGeoJson } from '../../domain/export';
import { selectPlanReport } from '../../store/selectors';
import { downloadPieces, downloadText, slug } from '../common/download';
import { useAppStoreApi } from '../common/storeContext';

/**
 * Exports in open formats: territories as RFC 7946 GeoJSON, assignments as CSV, and the
 * KPI table (the statistics table's figures, from the plan report) as CSV.
 */
export function ExportButtons() {
  const api = useAppStoreApi();
  const stamp = () => new Date().toISOString().slice(0, 10);
  return (
    <div className="export-buttons">
      <button
        type="button"
        onClick={() => {
          const { territories, people, plan } = api.getState();
          const fc = territoriesToGeoJson(territories, people);
          downloadText(`territories-${slug(plan?.name ?? 'plan')}-${stamp()}.geojson`, JSON.stringify(fc), 'application/geo+json');
        }}
      >
        Export territories
      </button>
      <button
        type="button"
        onClick={() => {
          const { market, assignment, territories, plan } = api.getState();
          // streamed: a million stores make ~80 MB of CSV, never held as one string
          void downloadPieces(`assignments-${slug(plan?.name ?? 'plan')}-${stamp()}.csv`, csvChunks(assignmentsCsvLines(market, assignment, territories)), 'text/csv;charset=utf-8');
        }}
      >
        Export assignments
      </button>
      <button
        type="button"
        title="The statistics table as CSV: one row per territory and region, then Unassigned and Total"
        onClick={() => {
          const st = api.getState();
          const report = selectPlanReport(st);
          if (!report) return;
          downloadText(`kpi-table-${slug(st.plan?.name ?? 'plan')}-${stamp()}.csv`, kpiTableToCsv(report), 'text/csv;charset=utf-8');
        }}
      >
        Export KPI table
      </button>
    </div>
  );
}
