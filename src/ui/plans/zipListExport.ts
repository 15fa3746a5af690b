/**
 * "Export ZIP list": the open plan as the ZIP → territory list a CRM's territory rules take
 * (domain/export/zipListCsv.ts). The ZIP centroid table is fetched the first time the
 * export is asked for, with the workers' loader, and kept for the rest of the session.
 */
import { zipListToCsv } from '../../domain/export';
import { parseZipCentroids, type ZipCentroids } from '../../domain/import';
import type { AppState } from '../../store/types';
import { fetchZipTable } from '../../workers/zipTable';
import { downloadText, slug } from '../common/download';

let table: Promise<ZipCentroids> | null = null;

/** The checked ZIP table, loaded once; a failed load is tried again at the next call. */
function zipCentroids(): Promise<ZipCentroids> {
  table ??= fetchZipTable()
    .then((raw) => {
      const parsed = parseZipCentroids(raw);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value;
    })
    .catch((err: unknown) => {
      table = null;
      throw err;
    });
  return table;
}

/**
 * Downloads the open plan's ZIP list as `zip-list-<plan>-<date>.csv`. Reads the plan after
 * the table has loaded, so an edit made meanwhile is in the file. When the table cannot be
 * loaded, says so in a notice and downloads nothing.
 */
export async function exportZipList(getState: () => AppState): Promise<void> {
  let zips: ZipCentroids;
  try {
    zips = await zipCentroids();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    getState().notify('error', `The ZIP list was not exported: the offline ZIP table could not be loaded (${why}). Try again.`);
    return;
  }
  const { territories, regions, people, plan } = getState();
  const csv = zipListToCsv(zips, territories, regions, people);
  downloadText(`zip-list-${slug(plan?.name ?? 'plan')}-${new Date().toISOString().slice(0, 10)}.csv`, csv, 'text/csv;charset=utf-8');
}
