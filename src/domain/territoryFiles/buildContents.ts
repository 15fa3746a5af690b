/**
 * Raw features from a format reader → the contents the import shows (internal to
 * readTerritoryFile): skipped counts, fields, the suggested name field, and every polygon
 * feature normalised (normaliseTerritoryGeometry) or refused with a message that names it
 * ("Feature 7 (“Lake County”): …").
 */
import type { Result } from '../types';
import { normaliseTerritoryGeometry } from './normaliseTerritoryGeometry';
import { truncateText } from './propertyBag';
import type { TerritoryFileReason } from './reasons';
import { fileFailure } from './refusals';
import { suggestNameField } from './suggestNameField';
import type { RawTerritoryFile, SkippedCounts, TerritoryFileContents, TerritoryFileFeature } from './types';

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function noPolygons(fileName: string, skipped: SkippedCounts): ReturnType<typeof fileFailure> {
  const found = [
    skipped.points ? plural(skipped.points, 'point', 'points') : '',
    skipped.lines ? plural(skipped.lines, 'line', 'lines') : '',
    skipped.empty ? plural(skipped.empty, 'feature without a shape', 'features without a shape') : '',
  ].filter(Boolean);
  const what = found.length === 0 ? 'the file has no features at all' : `${found.join(' and ').replace(/ and (?=.* and )/, ', ')} were found`;
  return fileFailure(
    'no-polygons',
    `“${fileName}” has no polygons: ${what}. Territories are areas, so the file needs polygons (outlines).`,
  );
}

/** See the module comment; refuses with 'no-polygons' or 'not-lonlat'. */
export function buildContents(raw: RawTerritoryFile, fileName: string): Result<TerritoryFileContents, TerritoryFileReason> {
  const skipped: SkippedCounts = { points: 0, lines: 0, empty: 0 };
  const polygonal: { index: number; raw: RawTerritoryFile['features'][number] }[] = [];
  raw.features.forEach((f, i) => {
    if (f.kind === 'point') skipped.points++;
    else if (f.kind === 'line') skipped.lines++;
    else if (f.kind === 'empty') skipped.empty++;
    else polygonal.push({ index: i + 1, raw: f });
  });
  if (polygonal.length === 0) return noPolygons(fileName, skipped);

  const fieldSet = new Set<string>();
  for (const { raw: f } of polygonal) for (const key of Object.keys(f.properties)) fieldSet.add(key);
  const fields = [...fieldSet];
  const suggestedNameField = suggestNameField(fields, polygonal.map((p) => p.raw.properties));

  const features: TerritoryFileFeature[] = polygonal.map(({ index, raw: f }) => {
    const name = suggestedNameField === null ? null : f.properties[suggestedNameField];
    const label = `Feature ${index}${typeof name === 'string' && name.trim() ? ` (“${truncateText(name.trim(), 60)}”)` : ''}`;
    const base = { index, properties: f.properties };
    if (f.problem) return { ...base, geometry: null, problem: { reason: f.problem.reason, message: `${label}: ${f.problem.message}` } };
    const result = normaliseTerritoryGeometry(f.polygons);
    if (!result.ok) return { ...base, geometry: null, problem: { reason: result.reason, message: `${label}: ${result.message}` } };
    const notes = [...f.notes, ...result.value.notes];
    return notes.length > 0 ? { ...base, geometry: result.value.geometry, note: notes.join('; ') } : { ...base, geometry: result.value.geometry };
  });

  // Every shape off the globe: the file is projected and says nothing about it (a GeoJSON
  // in metres, a Shapefile whose .prj was lost). One message beats N identical ones.
  if (features.every((f) => f.problem?.reason === 'out-of-range') && raw.crs.kind === 'lonlat') {
    const first = features[0]!.problem!.message;
    return fileFailure(
      'not-lonlat',
      `None of the ${plural(features.length, 'shape', 'shapes')} in “${fileName}” has longitude/latitude coordinates; ` +
        `the file seems to use a projected coordinate system it does not name. ${first} ` +
        'Export it again in WGS 84 (EPSG:4326).',
    );
  }
  return {
    ok: true,
    value: { format: raw.format, fileName, features, skipped, fields, suggestedNameField, crs: raw.crs, notices: raw.notices },
  };
}
