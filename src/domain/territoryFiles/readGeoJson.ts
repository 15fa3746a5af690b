/**
 * GeoJSON text → raw features (internal to readTerritoryFile).
 *
 * Accepted shapes: a FeatureCollection, a single Feature, or a bare Polygon, MultiPolygon
 * or GeometryCollection (as written by tools that export "just the shape"). A GeoJSON
 * `crs` member (GeoJSON 2008, still written by GDAL and QGIS) is honoured only to check
 * that the coordinates are longitude/latitude: CRS84, EPSG:4326 and EPSG:4269 (NAD83) are
 * read as lon/lat; anything else is refused naming it, since converting from a named EPSG
 * code would need a projection database this offline app does not carry.
 *
 * Per feature: Polygon/MultiPolygon → polygon; a GeometryCollection contributes its
 * polygons (points and lines inside it are dropped with a note) or counts as point/line;
 * Point/MultiPoint and LineString/MultiLineString are counted, not imported; a null
 * geometry counts as empty; an unknown type or an item that is not a Feature is refused
 * with 'not-a-polygon' so that it is visible in the summary.
 */
import type { Result } from '../types';
import { propertiesFromObject, propertyBagBuilder } from './propertyBag';
import type { TerritoryFileReason } from './reasons';
import { fileFailure, tooManyFeatures } from './refusals';
import type { RawFeature, RawTerritoryFile } from './types';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const LONLAT_CRS = /^(urn:ogc:def:crs:ogc:(1\.3:)?crs84|urn:ogc:def:crs:epsg:[0-9.]*:(4326|4269)|epsg:(4326|4269)|crs:84|wgs ?84|https?:\/\/www\.opengis\.net\/def\/crs\/(ogc\/1\.3\/crs84|epsg\/0\/(4326|4269)))$/i;

/** Null when the crs member is absent or lon/lat; otherwise the refusal. */
function checkCrs(crs: unknown): ReturnType<typeof fileFailure> | null {
  if (crs === undefined || crs === null) return null;
  const props = isObject(crs) && isObject(crs.properties) ? crs.properties : null;
  const name = props && typeof props.name === 'string' ? props.name.trim() : null;
  if (name !== null && LONLAT_CRS.test(name)) return null;
  const shown = name ?? (props && typeof props.href === 'string' ? props.href : 'an unnamed coordinate system');
  return fileFailure(
    'unsupported-crs',
    `The file's coordinates are in ${shown.slice(0, 120)}, not longitude/latitude (WGS 84). ` +
      'Export it again as GeoJSON in WGS 84 / EPSG:4326, or as a zipped Shapefile with its .prj.',
  );
}

/** Polygons of a geometry, and how many points/lines came with them (depth-limited). */
function collect(geometry: Json, into: { polygons: unknown[]; points: number; lines: number; unknown: string | null }, depth: number): void {
  const type = geometry.type;
  const coordinates = geometry.coordinates;
  if (type === 'Polygon') into.polygons.push(coordinates);
  else if (type === 'MultiPolygon') {
    if (Array.isArray(coordinates)) for (const polygon of coordinates) into.polygons.push(polygon);
    else into.polygons.push(coordinates); // reported as "not a list of rings"
  } else if (type === 'Point' || type === 'MultiPoint') into.points++;
  else if (type === 'LineString' || type === 'MultiLineString') into.lines++;
  else if (type === 'GeometryCollection' && Array.isArray(geometry.geometries) && depth < 8) {
    for (const g of geometry.geometries) if (isObject(g)) collect(g, into, depth + 1);
  } else into.unknown ??= typeof type === 'string' ? type.slice(0, 40) : 'without a type';
}

function featureOf(item: unknown, position: number): RawFeature {
  if (!isObject(item) || item.type !== 'Feature') {
    return {
      properties: propertyBagBuilder().bag,
      kind: 'polygon',
      polygons: [],
      notes: [],
      problem: { reason: 'not-a-polygon', message: `Item ${position} of the file's "features" list is not a GeoJSON Feature.` },
    };
  }
  const properties = propertiesFromObject(item.properties);
  const geometry = item.geometry;
  if (geometry === null || geometry === undefined) return { properties, kind: 'empty', polygons: [], notes: [] };
  const found = { polygons: [] as unknown[], points: 0, lines: 0, unknown: null as string | null };
  if (isObject(geometry)) collect(geometry, found, 0);
  else found.unknown = 'that is not an object';
  if (found.polygons.length === 0 && found.unknown === null) {
    return { properties, kind: found.points > 0 ? 'point' : found.lines > 0 ? 'line' : 'empty', polygons: [], notes: [] };
  }
  if (found.polygons.length === 0) {
    return {
      properties,
      kind: 'polygon',
      polygons: [],
      notes: [],
      problem: { reason: 'not-a-polygon', message: `Its geometry is of type ${found.unknown}, which is not a GeoJSON shape.` },
    };
  }
  const dropped = found.points + found.lines;
  const notes = dropped > 0 ? [`${dropped} point(s)/line(s) beside the polygons dropped`] : [];
  return { properties, kind: 'polygon', polygons: found.polygons, notes };
}

/** Parses GeoJSON text; refuses with 'invalid-json', 'not-geojson', 'unsupported-crs', 'too-many-features'. */
export function readGeoJson(text: string, maxFeatures: number): Result<RawTerritoryFile, TerritoryFileReason> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 160) : String(error);
    return fileFailure(
      'invalid-json',
      `The file is not valid JSON, so it cannot be read (${detail}). It may be damaged or cut short; export it again.`,
    );
  }
  if (!isObject(doc)) {
    return fileFailure('not-geojson', 'The file is JSON but not GeoJSON: GeoJSON starts with an object that has a "type".');
  }
  const crs = checkCrs(doc.crs);
  if (crs) return crs;
  let items: unknown[];
  if (doc.type === 'FeatureCollection') {
    if (!Array.isArray(doc.features)) return fileFailure('not-geojson', 'The FeatureCollection has no "features" list.');
    items = doc.features;
  } else if (doc.type === 'Feature') items = [doc];
  else if (['Polygon', 'MultiPolygon', 'GeometryCollection', 'Point', 'MultiPoint', 'LineString', 'MultiLineString'].includes(String(doc.type))) {
    items = [{ type: 'Feature', properties: null, geometry: doc }];
  } else {
    const type = typeof doc.type === 'string' ? ` (its type is "${doc.type.slice(0, 40)}")` : '';
    const topo = doc.type === 'Topology' ? ' TopoJSON is not supported: convert it to GeoJSON first.' : '';
    return fileFailure('not-geojson', `The file is JSON but not GeoJSON${type}.${topo}`);
  }
  if (items.length > maxFeatures) return tooManyFeatures(items.length, maxFeatures);
  const features = items.map((item, i) => featureOf(item, i + 1));
  return { ok: true, value: { format: 'geojson', features, crs: { kind: 'lonlat' }, notices: [] } };
}
