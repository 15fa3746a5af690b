/**
 * First step of normalising an imported outline (internal): unchecked parsed coordinates
 * → plain [lng, lat] rings, or the first coordinate that cannot be a place on Earth.
 *
 * Why here and not only in validateTerritoryGeometry: imported files carry things drawn
 * outlines never do: altitude and measure values (`x,y,0` in KML, PolygonZ in Shapefiles),
 * NaN from a broken export, projected metres in a file that claims to be lon/lat, and
 * longitudes beyond 180 (0…360 data, or rings written across the antimeridian). This step
 * drops Z/M, refuses what cannot be fixed, and flags what the antimeridian step must fix.
 */
import type { Position } from 'geojson';
import type { Result } from '../types';
import type { TerritoryFeatureReason } from './reasons';

export interface CoercedPolygons {
  /** Rings as [lng, lat] (not yet closed or validated); empty rings/polygons removed. */
  polygons: Position[][][];
  /** Some position had a third (altitude) or fourth (measure) value. */
  droppedZ: boolean;
  /** Some longitude is beyond ±180, or jumps by more than 180° between neighbours. */
  crossesAntimeridian: boolean;
}

/** Longitudes up to ±360 are taken as wrapped (0…360 data); beyond that they are not degrees. */
const MAX_ABS_LNG = 360;

function ringName(p: number, r: number, multi: boolean): string {
  const part = multi ? ` of part ${p + 1}` : '';
  return r === 0 ? `the outline${part}` : `hole ${r}${part}`;
}

function fail(reason: TerritoryFeatureReason, message: string): { ok: false; reason: TerritoryFeatureReason; message: string } {
  return { ok: false, reason, message };
}

function show(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (v === undefined) return 'nothing';
  return JSON.stringify(v)?.slice(0, 30) ?? String(v);
}

/** Checks and copies the coordinates (see the module comment). */
export function coerceCoordinates(raw: readonly unknown[]): Result<CoercedPolygons, TerritoryFeatureReason> {
  const multi = raw.length > 1;
  const polygons: Position[][][] = [];
  let droppedZ = false;
  let crossesAntimeridian = false;
  for (let p = 0; p < raw.length; p++) {
    const rawRings = raw[p];
    if (!Array.isArray(rawRings)) return fail('not-a-polygon', `Part ${p + 1} is not a list of rings.`);
    const rings: Position[][] = [];
    for (let r = 0; r < rawRings.length; r++) {
      const rawRing: unknown = rawRings[r];
      const name = ringName(p, r, multi);
      if (!Array.isArray(rawRing)) return fail('not-a-polygon', `${capitalise(name)} is not a list of points.`);
      const ring: Position[] = [];
      let lastX = NaN;
      for (let k = 0; k < rawRing.length; k++) {
        const pos: unknown = rawRing[k];
        if (!Array.isArray(pos) || pos.length < 2) {
          return fail('not-a-polygon', `Point ${k + 1} of ${name} is not a longitude/latitude pair.`);
        }
        const x: unknown = pos[0];
        const y: unknown = pos[1];
        if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
          return fail(
            'non-finite-coordinate',
            `Point ${k + 1} of ${name} has a coordinate that is not a number (${show(x)}, ${show(y)}).`,
          );
        }
        if (y < -90 || y > 90 || x < -MAX_ABS_LNG || x > MAX_ABS_LNG) {
          const swapped = Math.abs(x) <= 90 && Math.abs(y) <= 180;
          return fail(
            'out-of-range',
            `Point ${k + 1} of ${name} is at longitude ${x}, latitude ${y}: latitude must be between −90 and 90 ` +
              `and longitude between −180 and 180. ${
                swapped
                  ? 'Longitude and latitude look swapped.'
                  : 'The file may use projected coordinates (metres or feet) instead of longitude/latitude.'
              }`,
          );
        }
        if (pos.length > 2) droppedZ = true;
        if (x > 180 || x < -180 || (k > 0 && Math.abs(x - lastX) > 180)) crossesAntimeridian = true;
        lastX = x;
        ring.push([x, y]);
      }
      if (ring.length > 1 && Math.abs(ring[0]![0]! - lastX) > 180) crossesAntimeridian = true; // closing edge
      if (ring.length > 0) rings.push(ring);
      else if (r === 0) break; // a polygon without outline: nothing of it can be used
    }
    if (rings.length > 0) polygons.push(rings);
  }
  if (polygons.length === 0) return fail('no-area', 'It has no outline: the polygon has no points.');
  return { ok: true, value: { polygons, droppedZ, crossesAntimeridian } };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
