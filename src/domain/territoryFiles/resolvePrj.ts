/**
 * A Shapefile's .prj → how to get longitude/latitude (internal to readShapefileZip).
 *
 * - Geographic (`GEOGCS[…]` without `PROJCS`, e.g. GCS_WGS_1984, GCS_North_American_1983,
 *   the US Census default) in degrees from Greenwich: the coordinates already are lon/lat.
 *   Datum differences between WGS 84, NAD83 and ETRS89 are below 2 m, far below what a
 *   sales territory can show, so no datum shift is applied.
 * - Projected (`PROJCS[…]`: State Plane, UTM, Web Mercator, national grids) or unusual
 *   geographic systems: converted with proj4, which reads ESRI and OGC WKT. The name of the
 *   system is kept so the import summary can say "converted from NAD 1983 StatePlane …".
 * - A .prj proj4 cannot read, or that gives no finite position for the layer's centre:
 *   'unsupported-projection', naming the system.
 * - No .prj: lon/lat if the layer's bounding box fits in longitude −180…360 (0…360 data
 *   is handled by the antimeridian step) and latitude −90…90; otherwise
 *   'unknown-projection' (projected metres or feet without a definition cannot be placed).
 */
import proj4, { type Converter } from 'proj4';
import type { Result } from '../types';
import type { TerritoryFileReason } from './reasons';
import { fileFailure } from './refusals';

export type PrjResolution =
  | { kind: 'lonlat' }
  | { kind: 'reprojected'; name: string; toLonLat: (x: number, y: number) => [number, number] };

/** [minX, minY, maxX, maxY] from the .shp header. */
export type ShpBBox = readonly [number, number, number, number];

const WKT_HEAD = /^\s*([A-Z]+)\s*\[\s*"([^"]*)"/i;

/** The system's name for messages ("NAD_1983_StatePlane_Massachusetts_Mainland_FIPS_2001" → spaces). */
function systemName(prj: string): string {
  const name = WKT_HEAD.exec(prj)?.[2];
  return (name || prj.slice(0, 60)).replace(/_/g, ' ').trim();
}

function isPlainGeographic(prj: string): boolean {
  const head = WKT_HEAD.exec(prj)?.[1]?.toUpperCase();
  if (head !== 'GEOGCS' && head !== 'GEOGCRS' && head !== 'GEODCRS') return false;
  const primem = /PRIMEM\s*\[\s*"[^"]*"\s*,\s*(-?[\d.eE+-]+)/i.exec(prj)?.[1];
  const unit = /UNIT\s*\[\s*"([^"]*)"/i.exec(prj)?.[1]?.toLowerCase() ?? 'degree';
  return (primem === undefined || Number(primem) === 0) && unit.startsWith('degree');
}

const fmt = (n: number): string => (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 1000) / 1000));

/** Decides how a layer's coordinates become lon/lat (see the module comment). */
export function resolvePrj(prj: string | undefined, bbox: ShpBBox, layer: string): Result<PrjResolution, TerritoryFileReason> {
  const text = (prj ?? '').trim();
  if (text === '') {
    const [x0, y0, x1, y1] = bbox;
    if (x0 >= -180 && x1 <= 360 && y0 >= -90 && y1 <= 90) return { ok: true, value: { kind: 'lonlat' } };
    return fileFailure(
      'unknown-projection',
      `“${layer}” has no .prj file and its coordinates (${fmt(x0)}, ${fmt(y0)} to ${fmt(x1)}, ${fmt(y1)}) are not ` +
        'longitude/latitude, so the projection is unknown and the shapes cannot be placed on the map. ' +
        'Add the .prj file that belongs to it to the zip.',
    );
  }
  if (isPlainGeographic(text)) return { ok: true, value: { kind: 'lonlat' } };
  const name = systemName(text);
  const refuse = fileFailure(
    'unsupported-projection',
    `“${layer}” uses the coordinate system “${name}”, which this app cannot convert to longitude/latitude. ` +
      'Export it again in WGS 84 (EPSG:4326) from the tool that made it.',
  );
  let converter: Converter;
  try {
    converter = proj4(text);
  } catch {
    return refuse;
  }
  const toLonLat = (x: number, y: number): [number, number] => {
    const out = converter.inverse([x, y]);
    return [out[0]!, out[1]!];
  };
  try {
    const [lng, lat] = toLonLat((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2);
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lat) > 90) return refuse;
  } catch {
    return refuse;
  }
  return { ok: true, value: { kind: 'reprojected', name, toLonLat } };
}
