import { useState } from 'react';
import { assignmentsCsvLines, csvChunks, kpiTableToCsv, territoriesToGeoJson } from '../../domain/export';
import { selectPlanReport } from '../../store/selectors';
import { downloadPieces, downloadText, slug } from '../common/download';
import { useAppStoreApi } from '../common/storeContext';
import { exportZipList } from './zipListExport';

/**
 * Exports in open formats: territories as RFC 7946 GeoJSON, assignments as CSV, the
 * KPI table (the statistics table's figures, from the plan report) as CSV, and the plan's
 * ZIP list as CSV (the ZIPs whose centre lies in each territory).
 */
export function ExportButtons() {
  const api = useAppStoreApi();
  const [zipBusy, setZipBusy] = useState(false);
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
      <button
        type="button"
        disabled={zipBusy}
        aria-busy={zipBusy}
        title="One row per ZIP whose centre lies in a territory, for a CRM's territory rules"
        onClick={() => {
          setZipBusy(true);
          void exportZipList(api.getState).finally(() => setZipBusy(false));
        }}
      >
        Export ZIP list
      </button>
    </div>
  );
}
