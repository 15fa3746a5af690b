/**
 * Validation of a territory outline, drawn on the map or read from an imported file, before
 * it becomes part of a plan. A territory's outline decides which stores it gets (point in
 * polygon), its area and compactness; an outline that crosses itself or has no area gives
 * silently wrong numbers, so it is refused here with a message that says what is wrong and
 * where, in words a territory manager understands.
 *
 * Checks, in order (the first failure is reported):
 *  1. shape: a GeoJSON Polygon or MultiPolygon object with nested coordinate arrays
 *     ('not-polygon'), with at least one ring / part ('empty');
 *  2. every coordinate a finite number ('non-finite'), longitude in −180…180 and latitude
 *     in −90…90 ('out-of-range');
 *  3. every ring has at least 3 distinct positions once consecutive duplicates are removed
 *     ('too-few-points');
 *  4. every ring encloses some area ('zero-area': all points on one line);
 *  5. no ring crosses or touches itself, no two rings of a polygon cross or overlap, no two
 *     parts cross ('self-intersection', see findRingIntersection for the exact rules);
 *  6. every hole lies inside its outer ring ('hole-outside').
 *
 * Normalisation (the returned geometry is a NEW object; the input is never mutated):
 * positions are reduced to [lng, lat] (any altitude is dropped: territories are 2-D),
 * consecutive duplicate positions are removed and every ring is closed (last === first).
 * Winding order is NOT changed here; use `rewindRfc7946` for export.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Result, TerritoryGeometry } from '../types';
import { findRingIntersection, type RingIntersection } from './findRingIntersection';
import { formatLngLat } from './formatLngLat';
import { pointInRing } from './pointInRing';

/** Every reason `validateTerritoryGeometry` can fail with; the UI may map them to help. */
export const GEOMETRY_REASONS = [
  'not-polygon',
  'empty',
  'non-finite',
  'out-of-range',
  'too-few-points',
  'zero-area',
  'self-intersection',
  'hole-outside',
] as const;
export type GeometryReason = (typeof GEOMETRY_REASONS)[number];

type Failure = { ok: false; reason: GeometryReason; message: string };

function fail(reason: GeometryReason, message: string): Failure {
  return { ok: false, reason, message };
}

/** "The outline", "Part 2 of the territory", "A hole in part 2 of the territory"… */
function ringLabel(polygon: number, ring: number, multi: boolean): string {
  const part = multi ? `part ${polygon + 1} of the territory` : 'the outline';
  if (ring === 0) return multi ? `Part ${polygon + 1} of the territory` : 'The outline';
  return `A hole in ${part}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' ? `a ${type}` : 'an object without a GeoJSON type';
}

const SHAPE_HELP = 'A territory needs a closed outline: a GeoJSON Polygon or MultiPolygon.';

/** Parses, checks and normalises one ring; returns the closed ring or a failure. */
function normaliseRing(
  raw: unknown,
  polygon: number,
  ring: number,
  multi: boolean,
): Position[] | Failure {
  const label = ringLabel(polygon, ring, multi);
  if (!Array.isArray(raw)) {
    return fail('not-polygon', `${label} is not a list of [longitude, latitude] points. ${SHAPE_HELP}`);
  }
  const out: Position[] = [];
  let lastX = NaN;
  let lastY = NaN;
  for (let k = 0; k < raw.length; k++) {
    const p: unknown = raw[k];
    if (!Array.isArray(p) || p.length < 2) {
      return fail(
        'not-polygon',
        `Point ${k + 1} of ${label.toLowerCase()} is not a [longitude, latitude] pair. ${SHAPE_HELP}`,
      );
    }
    const x: unknown = p[0];
    const y: unknown = p[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      return fail(
        'non-finite',
        `Point ${k + 1} of ${label.toLowerCase()} has a coordinate that is not a number ` +
          `(${String(x)}, ${String(y)}). Check the file for empty or broken coordinates.`,
      );
    }
    if (x < -180 || x > 180 || y < -90 || y > 90) {
      const swapped = Math.abs(x) <= 90 && Math.abs(y) <= 180;
      return fail(
        'out-of-range',
        `Point ${k + 1} of ${label.toLowerCase()} is at longitude ${x}, latitude ${y}: ` +
          'longitude must be between −180 and 180 and latitude between −90 and 90. ' +
          (swapped
            ? 'Longitude and latitude look swapped.'
            : 'The file may use projected coordinates instead of longitude/latitude (WGS 84).'),
      );
    }
    if (x === lastX && y === lastY) continue; // consecutive duplicate
    out.push([x, y]);
    lastX = x;
    lastY = y;
  }
  // Treat the ring as cyclic: drop the closing position(s) equal to the first one.
  const first = out[0];
  while (out.length > 1) {
    const last = out[out.length - 1]!;
    if (first && last[0] === first[0] && last[1] === first[1]) out.pop();
    else break;
  }
  if (out.length < 3) {
    return fail(
      'too-few-points',
      `${label} has ${out.length} distinct point${out.length === 1 ? '' : 's'}; ` +
        'an area needs at least 3 points that are not all the same.',
    );
  }
  out.push([out[0]![0]!, out[0]![1]!]);

  // Zero area = all points on one line. Tested as collinearity (not as signed area, which
  // is also 0 for a symmetric bow-tie that must be reported as crossing itself). The
  // tolerance is relative to the ring's size, so tiny but real shapes still pass.
  const o = out[0]!;
  const ox = o[0]!;
  const oy = o[1]!;
  let fx = ox;
  let fy = oy;
  let far = 0;
  for (const q of out) {
    const d = (q[0]! - ox) ** 2 + (q[1]! - oy) ** 2;
    if (d > far) {
      far = d;
      fx = q[0]!;
      fy = q[1]!;
    }
  }
  let collinear = true;
  for (const q of out) {
    const cross = (fx - ox) * (q[1]! - oy) - (fy - oy) * (q[0]! - ox);
    if (Math.abs(cross) > 1e-12 * far) {
      collinear = false;
      break;
    }
  }
  if (collinear) {
    const where = formatLngLat(ox, oy);
    return fail(
      'zero-area',
      `${label} near ${where} has no area: all its points lie on one line. ` +
        'Draw at least three points that are not in a straight line.',
    );
  }
  return out;
}

function isFailure(v: Position[] | Failure): v is Failure {
  return !Array.isArray(v);
}

function intersectionMessage(hitInfo: RingIntersection, multi: boolean): string {
  const where = formatLngLat(hitInfo.location[0], hitInfo.location[1]);
  const { polygon, ring, otherPolygon, otherRing, kind } = hitInfo;
  if (polygon === otherPolygon && ring === otherRing) {
    const label = ringLabel(polygon, ring, multi);
    const verb = kind === 'touch' ? 'touches' : kind === 'overlap' ? 'runs back over' : 'crosses';
    return `${label} ${verb} itself near ${where}. Redraw it without crossing or touching lines.`;
  }
  if (polygon === otherPolygon) {
    const part = multi ? ` of part ${polygon + 1}` : '';
    if (ring === 0) {
      return `A hole${part} crosses the outer boundary near ${where}. Keep holes inside the outline.`;
    }
    return `Two holes${part} cross each other near ${where}. Holes must not overlap.`;
  }
  return (
    `Parts ${polygon + 1} and ${otherPolygon + 1} of the territory cross each other near ${where}. ` +
    'Merge them into one outline or redraw them so they do not overlap.'
  );
}

/**
 * Checks and normalises a territory outline (see the module comment for the rules).
 * Call it on every geometry that enters a plan: the draw tool's finished shape, each
 * feature of an imported GeoJSON file, and geometries loaded from storage.
 *
 * @param geom anything (parsed JSON); only Polygon and MultiPolygon geometries pass.
 * @returns the normalised geometry (new object) or the first problem with a message.
 */
export function validateTerritoryGeometry(geom: unknown): Result<TerritoryGeometry, GeometryReason> {
  if (typeof geom !== 'object' || geom === null || Array.isArray(geom)) {
    return fail('not-polygon', `Expected an outline but got ${describeType(geom)}. ${SHAPE_HELP}`);
  }
  const type = (geom as { type?: unknown }).type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    const got = describeType(geom);
    const hint =
      type === 'Feature' || type === 'FeatureCollection'
        ? ' Pass the feature’s geometry, not the feature itself.'
        : type === 'LineString' || type === 'MultiLineString'
          ? ' A line has no inside; close it into an area.'
          : '';
    return fail('not-polygon', `The shape is ${got}, not an area. ${SHAPE_HELP}${hint}`);
  }
  const multi = type === 'MultiPolygon';
  const coordinates: unknown = (geom as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(coordinates)) {
    return fail('not-polygon', `The ${type} has no coordinates list. ${SHAPE_HELP}`);
  }
  const rawPolygons: unknown[] = multi ? coordinates : [coordinates];
  if (rawPolygons.length === 0) {
    return fail('empty', `The ${type} has no outline at all. Draw or import a shape with an area.`);
  }

  const polygons: Position[][][] = [];
  for (let p = 0; p < rawPolygons.length; p++) {
    const rawRings: unknown = rawPolygons[p];
    if (!Array.isArray(rawRings)) {
      return fail('not-polygon', `Part ${p + 1} of the MultiPolygon is not a list of rings. ${SHAPE_HELP}`);
    }
    if (rawRings.length === 0) {
      const label = multi ? `Part ${p + 1} of the territory` : 'The Polygon';
      return fail('empty', `${label} has no outline at all. Draw or import a shape with an area.`);
    }
    const rings: Position[][] = [];
    for (let r = 0; r < rawRings.length; r++) {
      const ring = normaliseRing(rawRings[r], p, r, multi);
      if (isFailure(ring)) return ring;
      rings.push(ring);
    }
    polygons.push(rings);
  }

  const intersection = findRingIntersection(polygons);
  if (intersection) return fail('self-intersection', intersectionMessage(intersection, multi));

  // Holes must be inside their outer ring. Rings no longer cross (checked above), so one
  // vertex that is not on the outer boundary decides for the whole hole.
  for (let p = 0; p < polygons.length; p++) {
    const rings = polygons[p]!;
    const outer = rings[0]!;
    for (let r = 1; r < rings.length; r++) {
      const hole = rings[r]!;
      for (const v of hole) {
        const side = pointInRing(v[0]!, v[1]!, outer);
        if (side === 0) continue;
        if (side < 0) {
          const where = formatLngLat(v[0]!, v[1]!);
          return fail(
            'hole-outside',
            `${ringLabel(p, r, multi)} near ${where} lies outside the outline. ` +
              'A hole must be inside the area it cuts out of.',
          );
        }
        break;
      }
    }
  }

  const value: Polygon | MultiPolygon = multi
    ? { type: 'MultiPolygon', coordinates: polygons }
    : { type: 'Polygon', coordinates: polygons[0]! };
  return { ok: true, value };
}
