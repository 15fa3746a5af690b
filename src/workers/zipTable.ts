/**
 * The one loader of the offline ZIP centroid table (data/zip-centroids.json, ~0.7 MB, see
 * domain/import/createZipLookup.ts): the import and balance workers fetch it when a job
 * first needs it, and the page when "Export ZIP list" is first clicked. Bundled as an asset
 * URL, not imported as a module, so it never weighs on the first load.
 */
import zipTableUrl from '../../data/zip-centroids.json?url';

/** Fetches the table as parsed JSON, unchecked (`createZipLookup` / `parseZipCentroids` check it). */
export async function fetchZipTable(): Promise<unknown> {
  const res = await fetch(zipTableUrl);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}
