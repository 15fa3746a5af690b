/**
 * Which reader a file goes to. Content first (users rename files, mail clients add
 * `.txt`, and a "territories.json" may be a KML), then the extension for the cases the
 * first bytes cannot decide. Internal to readTerritoryFile.
 */
import type { Result } from '../types';
import type { TerritoryFileReason } from './reasons';

export type SniffedFormat = 'geojson' | 'kml' | 'zip';

const EXTENSIONS = '.geojson, .json, .kml, .kmz or a zipped Shapefile (.zip)';

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** First byte that is not white space or a BOM; -1 when there is none in the first 4 KB. */
function firstSignificantByte(bytes: Uint8Array): number {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    // UTF-16: the first non-zero byte after the BOM tells
    for (i = 2; i < Math.min(bytes.length, 4096); i++) {
      const b = bytes[i]!;
      if (b !== 0 && b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
    }
    return -1;
  }
  for (; i < Math.min(bytes.length, 4096); i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
  }
  return -1;
}

/**
 * Decides the reader for `bytes` named `fileName`, or refuses: 'empty-file' (only white
 * space), 'shapefile-not-zipped' (a loose .shp/.dbf/.shx/.prj), 'unknown-format'.
 */
export function sniffFormat(bytes: Uint8Array, fileName: string): Result<SniffedFormat, TerritoryFileReason> {
  const ext = extensionOf(fileName);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)) {
    return { ok: true, value: 'zip' };
  }
  if (['shp', 'dbf', 'shx', 'prj', 'cpg'].includes(ext)) {
    return {
      ok: false,
      reason: 'shapefile-not-zipped',
      message:
        `“${fileName}” is one part of a Shapefile. A Shapefile is several files (.shp, .dbf, .prj, …) ` +
        'that belong together: put them in one .zip file and import the .zip.',
    };
  }
  const first = firstSignificantByte(bytes);
  if (first === -1 && bytes.length <= 4096) {
    return { ok: false, reason: 'empty-file', message: `“${fileName}” is empty: it has no content to import.` };
  }
  if (first === 0x3c /* < */) return { ok: true, value: 'kml' };
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) return { ok: true, value: 'geojson' };
  // Not recognisable by content: let the extension pick the reader, which then reports
  // precisely what is wrong (e.g. "not valid JSON" for a damaged .geojson).
  if (ext === 'geojson' || ext === 'json') return { ok: true, value: 'geojson' };
  if (ext === 'kml') return { ok: true, value: 'kml' };
  if (ext === 'kmz' || ext === 'zip') return { ok: true, value: 'zip' };
  return {
    ok: false,
    reason: 'unknown-format',
    message: `“${fileName}” is not a territory file this app can read. Use ${EXTENSIONS}.`,
  };
}
