/**
 * GeoJSON from a GIS colleague → the same `ParsedTable` a CSV gives, so column mapping,
 * validation, preview and the rejected-rows download work identically for both.
 *
 * The file must be a FeatureCollection (a single Feature is accepted as a collection of
 * one). Each item of `features` becomes one row, in order; its row number is its 1-based
 * position in `features`. Columns: `lng` and `lat` from a Point geometry (GeoJSON order is
 * [longitude, latitude]; altitude is ignored), then one column per property name in
 * first-seen order across all features. Property values become text: strings as is,
 * numbers with `String(n)` (so read them with decimalComma off), booleans `true`/`false`,
 * null → empty, nested objects flattened to `parent.child` columns (3 levels), arrays and
 * deeper objects as JSON text.
 *
 * Not a Point: a null geometry (an "unlocated" feature) gives empty lng/lat, so the row can
 * still be placed by a ZIP property; a one-point MultiPoint counts as that point; any other
 * geometry, or an item that is not a Feature, is a row marked 'unsupported-geometry' /
 * 'invalid-feature' in `invalidRows` (it shows up as rejected, with its properties).
 *
 * A property called `lng` or `lat` shares the geometry column; the geometry wins when
 * there is one.
 *
 * Property names are only ever Map keys and header cells: `__proto__` or `constructor`
 * properties become ordinary columns and never touch an object prototype.
 *
 * Whole-file failures return a reason instead: 'invalid-json' (with the parser's message),
 * 'not-a-feature-collection', 'no-features'.
 */
import type { Result } from '../types';
import type { ParsedTable } from './importTypes';
import type { GeoJsonReason } from './reasons';

const MAX_DEPTH = 3;

/** A GeoJSON FeatureCollection of store points → a table, or the reason it is not one. */
export function parseStoreGeoJson(text: string): Result<ParsedTable, GeoJsonReason> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return fail('invalid-json', `The file is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!isObject(doc)) return fail('not-a-feature-collection', 'The file is JSON but not a GeoJSON FeatureCollection.');
  let features: unknown;
  if (doc.type === 'FeatureCollection') features = doc.features;
  else if (doc.type === 'Feature') features = [doc];
  else {
    const type = typeof doc.type === 'string' ? ` (its type is "${doc.type.slice(0, 40)}")` : '';
    return fail('not-a-feature-collection', `The file is JSON but not a GeoJSON FeatureCollection${type}.`);
  }
  if (!Array.isArray(features)) return fail('not-a-feature-collection', 'The FeatureCollection has no "features" list.');
  if (features.length === 0) return fail('no-features', 'The FeatureCollection has no features.');

  // Pass 1: the columns (first-seen order), and each feature's flattened properties.
  const columns = new Map<string, number>([
    ['lng', 0],
    ['lat', 1],
  ]);
  const header = ['lng', 'lat'];
  const flat: (Map<number, string> | null)[] = new Array(features.length);
  for (let i = 0; i < features.length; i++) {
    const f: unknown = features[i];
    const props = isObject(f) ? f.properties : null;
    if (!isObject(props)) {
      flat[i] = null;
      continue;
    }
    const cells = new Map<number, string>();
    flatten(props, '', 1, (key, value) => {
      let col = columns.get(key);
      if (col === undefined) {
        col = header.length;
        columns.set(key, col);
        header.push(key);
      }
      cells.set(col, value);
    });
    flat[i] = cells;
  }

  // Pass 2: rows of header.length cells.
  const width = header.length;
  const rows: string[][] = new Array(features.length);
  const rowNumbers: number[] = new Array(features.length);
  const invalidRows: ParsedTable['invalidRows'] = new Map();
  const errors: ParsedTable['errors'] = [];
  for (let i = 0; i < features.length; i++) {
    const row: string[] = new Array(width).fill('');
    const cells = flat[i];
    if (cells) for (const [col, value] of cells) row[col] = value;
    const f: unknown = features[i];
    const problem = readPoint(f, row);
    if (problem) {
      invalidRows.set(i, { reason: problem.reason, message: problem.message });
      errors.push({ row: i + 1, message: problem.message });
    }
    rows[i] = row;
    rowNumbers[i] = i + 1;
  }

  return {
    ok: true,
    value: {
      header,
      rows,
      rowNumbers,
      delimiter: '',
      delimiterCandidates: [],
      ambiguousDelimiter: false,
      errors,
      invalidRows,
      cancelled: false,
    },
  };
}

function fail(reason: GeoJsonReason, message: string): Result<ParsedTable, GeoJsonReason> {
  return { ok: false, reason, message };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Writes the feature's point into row[0] (lng) and row[1] (lat); returns a problem or null. */
function readPoint(f: unknown, row: string[]): { reason: 'invalid-feature' | 'unsupported-geometry'; message: string } | null {
  if (!isObject(f) || f.type !== 'Feature') return { reason: 'invalid-feature', message: 'This item of "features" is not a GeoJSON Feature.' };
  const g = f.geometry;
  if (g === null || g === undefined) return null; // unlocated: may be placed by its ZIP
  if (!isObject(g)) return { reason: 'unsupported-geometry', message: 'The geometry is not a GeoJSON geometry object.' };
  let position: unknown;
  if (g.type === 'Point') position = g.coordinates;
  else if (g.type === 'MultiPoint' && Array.isArray(g.coordinates) && g.coordinates.length === 1) position = g.coordinates[0];
  else {
    const type = typeof g.type === 'string' ? g.type.slice(0, 40) : 'unknown';
    return { reason: 'unsupported-geometry', message: `The geometry is a ${type}; only Point features become stores.` };
  }
  if (!Array.isArray(position) || position.length < 2) return { reason: 'unsupported-geometry', message: 'The Point has no [longitude, latitude] coordinates.' };
  row[0] = cellText(position[0]);
  row[1] = cellText(position[1]);
  return null;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Calls `emit(column, text)` for each leaf property (nested objects → dotted names). */
function flatten(obj: Record<string, unknown>, prefix: string, depth: number, emit: (key: string, value: string) => void): void {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const name = prefix + key;
    if (isObject(value) && depth < MAX_DEPTH) flatten(value, `${name}.`, depth + 1, emit);
    else emit(name, cellText(value));
  }
}
