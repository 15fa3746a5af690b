/**
 * "Import territories" from other tools: a GeoJSON, KML, KMZ or zipped Shapefile file →
 * polygon features with their properties, each normalised into a valid territory geometry
 * or refused with a reason, ready for the user to pick a name field and import.
 *
 * The format is decided by content, then by name (sniffFormat). Limits are checked before
 * any per-feature work: `maxBytes` on the file and on what a zip unpacks to, `maxFeatures`
 * on the number of features. Pure and DOM-free: runs in the import worker (and in node).
 *
 * Never throws: every failure is a `{ ok: false, reason, message }` with a reason from
 * TERRITORY_FILE_REASONS and a message that names the problem for a territory manager;
 * anything unexpected becomes 'read-failed'. Per-feature refusals do not fail the file:
 * they are features with `geometry: null` and a `problem`.
 */
import type { Result } from '../types';
import { buildContents } from './buildContents';
import { decodeText } from './decodeText';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_FEATURES } from './limits';
import { readGeoJson } from './readGeoJson';
import { readKml } from './readKml';
import { readZipArchive } from './readZipArchive';
import type { TerritoryFileReason } from './reasons';
import { fileFailure, tooLarge } from './refusals';
import { sniffFormat } from './sniffFormat';
import type { RawTerritoryFile, ReadTerritoryFileOptions, TerritoryFileContents } from './types';

function read(bytes: Uint8Array, fileName: string, maxFeatures: number, maxBytes: number): Result<TerritoryFileContents, TerritoryFileReason> {
  if (bytes.length === 0) return fileFailure('empty-file', `“${fileName}” is empty: it has no content to import.`);
  if (bytes.length > maxBytes) return tooLarge(`“${fileName}”`, bytes.length, maxBytes);
  const format = sniffFormat(bytes, fileName);
  if (!format.ok) return format;
  let raw: Result<RawTerritoryFile, TerritoryFileReason>;
  if (format.value === 'geojson') raw = readGeoJson(decodeText(bytes), maxFeatures);
  else if (format.value === 'kml') raw = readKml(decodeText(bytes, true), 'kml', maxFeatures);
  else raw = readZipArchive(bytes, maxFeatures, maxBytes);
  if (!raw.ok) return raw;
  return buildContents(raw.value, fileName);
}

/**
 * Reads a territory file (see the module comment).
 *
 * @param bytes the whole file (e.g. `new Uint8Array(await file.arrayBuffer())`).
 * @param fileName as the user chose it; used for the format when content cannot tell, and in messages.
 */
export async function readTerritoryFile(
  bytes: Uint8Array,
  fileName: string,
  opts: ReadTerritoryFileOptions = {},
): Promise<Result<TerritoryFileContents, TerritoryFileReason>> {
  const maxFeatures = opts.maxFeatures ?? DEFAULT_MAX_FEATURES;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    return read(bytes, fileName, maxFeatures, maxBytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fileFailure('read-failed', `“${fileName}” could not be read because of an unexpected problem (${detail.slice(0, 160)}).`);
  }
}
