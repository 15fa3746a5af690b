import { assignmentsCsvLines, csvChunks, territoriesToGeoJson } from '../../domain/export';
import { downloadPieces, downloadText, slug } from '../common/download';
import { useAppStoreApi } from '../common/storeContext';

/** Exports in open formats: territories as RFC 7946 GeoJSON, assignments as CSV. */
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
    </div>
  );
}
