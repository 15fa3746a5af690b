/**
 * Zipped Shapefile(s) → raw features (internal to readTerritoryFile).
 *
 * A Shapefile is several files with one base name: .shp (shapes), .dbf (attributes),
 * .prj (coordinate system), .cpg (text encoding); .shx, .sbn, .sbx, .shp.xml are not needed.
 * Members may sit at the root or in a folder, with extensions in any case (`ROADS.SHP`).
 * Every .shp in the zip is a layer; with several layers each feature gets a `layer`
 * property (its base name) unless its attributes already have one, and the summary says
 * which layers were read. Point and line layers count as skipped points / lines.
 *
 * Shapes are decoded by shpjs's `parseShp` (without its reprojection); checks done here
 * first: the file code (9994), the length the header declares against the bytes present
 * (a cut-short .shp is refused instead of silently losing its last shapes), and the number
 * of records against `maxFeatures` before any shape is decoded.
 */
import type { Geometry } from 'geojson';
import { parseShp } from 'shpjs';
import type { Result } from '../types';
import { propertyBagBuilder } from './propertyBag';
import { readDbf, type DbfTable } from './readDbf';
import type { TerritoryFileReason } from './reasons';
import { fileFailure, tooManyFeatures } from './refusals';
import { resolvePrj, type PrjResolution, type ShpBBox } from './resolvePrj';
import type { RawFeature, RawTerritoryFile, TerritoryFileCrs } from './types';
import type { ZipMember } from './unzipSafely';

/** Extensions the reader inflates (everything else stays compressed). */
export const SHAPEFILE_PARTS = ['shp', 'dbf', 'prj', 'cpg'] as const;

interface Layer {
  name: string;
  shp: Uint8Array;
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

/** Groups members by base path (case-insensitive); one layer per .shp, sorted by path. */
export function groupLayers(members: readonly ZipMember[]): Layer[] {
  const groups = new Map<string, Partial<Layer>>();
  for (const m of members) {
    const dot = m.path.lastIndexOf('.');
    if (dot < 0) continue;
    const ext = m.path.slice(dot + 1).toLowerCase();
    if (!(SHAPEFILE_PARTS as readonly string[]).includes(ext)) continue;
    const key = m.path.slice(0, dot).toLowerCase();
    const group = groups.get(key) ?? {};
    if (ext === 'shp') {
      group.shp = m.bytes;
      group.name = m.path.slice(0, dot).split(/[\\/]/).pop()!;
    } else if (ext === 'dbf') group.dbf = m.bytes;
    else if (ext === 'prj') group.prj = new TextDecoder().decode(m.bytes);
    else group.cpg = new TextDecoder().decode(m.bytes);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .filter((e): e is [string, Layer] => e[1].shp !== undefined)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((e) => e[1]);
}

interface ShpHeader {
  shapeType: number;
  bbox: ShpBBox;
  records: number;
}

/** Checks the .shp header and counts its records by walking the record headers. */
function shpHeader(layer: Layer): ShpHeader | string {
  const b = layer.shp;
  const file = `“${layer.name}.shp”`;
  if (b.length < 100) return `${file} is too short to be a Shapefile.`;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (v.getInt32(0, false) !== 9994) return `${file} is not a Shapefile (its header is not a Shapefile header).`;
  const declared = v.getInt32(24, false) * 2;
  if (declared > b.length) {
    return `${file} is cut short: its header says ${declared.toLocaleString('en-US')} bytes but it has ${b.length.toLocaleString('en-US')}.`;
  }
  let records = 0;
  for (let at = 100; at + 8 <= declared; records++) {
    const length = v.getInt32(at + 4, false) * 2;
    if (length < 0) return `${file} is damaged (record ${records + 1} has a negative length).`;
    at += 8 + length;
  }
  const bbox: ShpBBox = [v.getFloat64(36, true), v.getFloat64(44, true), v.getFloat64(52, true), v.getFloat64(60, true)];
  return { shapeType: v.getInt32(32, true), bbox, records };
}

function reproject(coordinates: unknown, toLonLat: (x: number, y: number) => [number, number]): unknown {
  if (!Array.isArray(coordinates)) return coordinates;
  if (typeof coordinates[0] === 'number') {
    const [lng, lat] = toLonLat(coordinates[0], Number(coordinates[1]));
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) throw new Error('no position');
    return [lng, lat];
  }
  return coordinates.map((c: unknown) => reproject(c, toLonLat));
}

function featureOf(geometry: Geometry | null, props: ReturnType<typeof propertyBagBuilder>, prj: PrjResolution): RawFeature {
  const base = { properties: props.bag, polygons: [] as unknown[], notes: [] as string[] };
  if (!geometry) return { ...base, kind: 'empty' };
  if (geometry.type === 'Point' || geometry.type === 'MultiPoint') return { ...base, kind: 'point' };
  if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') return { ...base, kind: 'line' };
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return { ...base, kind: 'empty' };
  let coordinates: unknown = geometry.coordinates;
  if (prj.kind === 'reprojected') {
    try {
      coordinates = reproject(coordinates, prj.toLonLat);
    } catch {
      return {
        ...base,
        kind: 'polygon',
        problem: { reason: 'reprojection-failed', message: `Its coordinates could not be converted from ${prj.name} to longitude/latitude.` },
      };
    }
  }
  return { ...base, kind: 'polygon', polygons: geometry.type === 'Polygon' ? [coordinates] : (coordinates as unknown[]) };
}

/** Reads every layer; refuses with 'no-layers', 'invalid-shapefile', '…-projection', 'too-many-features'. */
export function readShapefileZip(members: readonly ZipMember[], maxFeatures: number): Result<RawTerritoryFile, TerritoryFileReason> {
  const layers = groupLayers(members);
  if (layers.length === 0) return fileFailure('no-layers', 'The zip file has no Shapefile (.shp) in it.');
  const headers: ShpHeader[] = [];
  for (const layer of layers) {
    const header = shpHeader(layer);
    if (typeof header === 'string') return fileFailure('invalid-shapefile', `${header} Zip the Shapefile again from the tool that made it.`);
    if (header.shapeType === 31) {
      return fileFailure('invalid-shapefile', `“${layer.name}.shp” holds 3-D MultiPatch shapes, which cannot be used as territories.`);
    }
    headers.push(header);
  }
  const total = headers.reduce((n, h) => n + h.records, 0);
  if (total > maxFeatures) return tooManyFeatures(total, maxFeatures);

  const features: RawFeature[] = [];
  const notices: string[] = [];
  const reprojected = new Set<string>();
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l]!;
    const header = headers[l]!;
    const prj = resolvePrj(layer.prj, header.bbox, `${layer.name}.shp`);
    if (!prj.ok) return prj;
    if (prj.value.kind === 'reprojected') reprojected.add(prj.value.name);
    if (!layer.prj) notices.push(`“${layer.name}.shp” has no .prj file: its coordinates were read as longitude/latitude.`);
    let table: DbfTable | null = null;
    if (layer.dbf) {
      try {
        table = readDbf(layer.dbf, layer.cpg);
      } catch (error) {
        return fileFailure('invalid-shapefile', `In “${layer.name}”, ${error instanceof Error ? error.message : String(error)}.`);
      }
      if (table.truncated) notices.push(`The attribute table of “${layer.name}” is cut short: some shapes have no attributes.`);
    } else notices.push(`“${layer.name}.shp” has no .dbf file: its shapes have no names or other attributes.`);
    let geometries: (Geometry | null)[];
    try {
      geometries = header.shapeType === 0 ? new Array<null>(header.records).fill(null) : parseShp(layer.shp);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return fileFailure('invalid-shapefile', `“${layer.name}.shp” is damaged and cannot be read (${detail.slice(0, 120)}).`);
    }
    if (table && table.records.length !== geometries.length && !table.truncated) {
      notices.push(`“${layer.name}” has ${geometries.length} shapes but ${table.records.length} attribute rows; attributes may not match their shapes.`);
    }
    for (let i = 0; i < geometries.length; i++) {
      const props = propertyBagBuilder();
      const row = table?.records[i];
      if (row) for (const key of Object.keys(row)) props.set(key, row[key], true);
      if (layers.length > 1) props.set('layer', layer.name);
      features.push(featureOf(geometries[i] ?? null, props, prj.value));
    }
  }
  if (layers.length > 1) notices.push(`${layers.length} layers were read: ${layers.map((l) => l.name).join(', ')} (see the “layer” field).`);
  const crs: TerritoryFileCrs = reprojected.size > 0 ? { kind: 'reprojected', name: [...reprojected].join(', ') } : { kind: 'lonlat' };
  return { ok: true, value: { format: 'shapefile', features, crs, notices } };
}
