/**
 * A .zip or .kmz → raw features (internal to readTerritoryFile). The zip's content decides:
 * any .shp → zipped Shapefile (all layers); otherwise a KML document → KMZ (`doc.kml` at
 * the root by the KMZ convention, else the first .kml, shallowest first). Only the members
 * that reader needs are inflated, within `maxBytes` (see unzipSafely).
 */
import type { Result } from '../types';
import { decodeText } from './decodeText';
import { readKml } from './readKml';
import { readShapefileZip, SHAPEFILE_PARTS } from './readShapefileZip';
import type { TerritoryFileReason } from './reasons';
import { fileFailure } from './refusals';
import type { RawTerritoryFile } from './types';
import { listZip, unzipSafely } from './unzipSafely';

const extension = (path: string): string => {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
};
const depth = (path: string): number => path.split('/').length;

/** Reads a zip archive as Shapefile(s) or KMZ; 'invalid-zip', 'no-layers', 'file-too-large', … */
export function readZipArchive(bytes: Uint8Array, maxFeatures: number, maxBytes: number): Result<RawTerritoryFile, TerritoryFileReason> {
  const listed = listZip(bytes);
  if (!listed.ok) return listed;
  const names = listed.value;
  if (names.some((n) => extension(n) === 'shp')) {
    const members = unzipSafely(bytes, (n) => (SHAPEFILE_PARTS as readonly string[]).includes(extension(n)), maxBytes);
    if (!members.ok) return members;
    return readShapefileZip(members.value, maxFeatures);
  }
  const kmls = names.filter((n) => extension(n) === 'kml');
  if (kmls.length > 0) {
    const chosen =
      kmls.find((n) => n.toLowerCase() === 'doc.kml') ??
      [...kmls].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0))[0]!;
    const members = unzipSafely(bytes, (n) => n === chosen, maxBytes);
    if (!members.ok) return members;
    const kml = members.value[0];
    if (!kml) return fileFailure('invalid-zip', 'The KML document inside the KMZ file could not be unpacked.');
    return readKml(decodeText(kml.bytes, true), 'kmz', maxFeatures);
  }
  if (names.length === 0) return fileFailure('no-layers', 'The zip file is empty.');
  const parts = names.some((n) => ['dbf', 'shx', 'prj'].includes(extension(n)));
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? `, … (${names.length} files)` : '');
  return fileFailure(
    'no-layers',
    parts
      ? `The zip file has parts of a Shapefile but no .shp file (the shapes): ${shown}. Add the .shp file.`
      : `The zip file has no Shapefile (.shp) and no KML document in it; it holds ${shown}.`,
  );
}
