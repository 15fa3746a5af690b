/**
 * Shared by the data tests (not a test file): the ground truth for generated stores' ZIPs,
 * computed by brute force straight from data/zip-centroids.json and the USPS prefix table,
 * independently of the generator's k-d tree (data/nearestZip.ts).
 */
import zipTable from '../../data/zip-centroids.json';
import { ZIP_PREFIX_RANGES } from '../../data/marketGenerator';

/** Centre [lng, lat] of each ZIP of the table, by its 5-digit text. */
export const ZIP_CENTRES: ReadonlyMap<string, readonly [number, number]> = new Map(
  zipTable.zip.map((z, i) => [String(z).padStart(5, '0'), [zipTable.lng[i]! / zipTable.scale, zipTable.lat[i]! / zipTable.scale] as const]),
);

/** True when the 5-digit ZIP's 3-digit prefix is one of the state's (USPS ranges). */
export function zipIsInState(zip: string, state: string): boolean {
  const prefix = Number(zip.slice(0, 3));
  return (ZIP_PREFIX_RANGES[state] ?? []).some(([lo, hi]) => prefix >= lo && prefix <= hi);
}

/** Great-circle distance in km (haversine, mean Earth radius). */
export function greatCircleKm(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const byState = new Map<string, [string, readonly [number, number]][]>();
/** The state's ZIPs with their centres. */
function zipsOf(state: string): [string, readonly [number, number]][] {
  let list = byState.get(state);
  if (!list) byState.set(state, (list = [...ZIP_CENTRES].filter(([zip]) => zipIsInState(zip, state))));
  return list;
}

/** Distance (km) from the point to the nearest ZIP centre of the state: every ZIP of the state tried. */
export function nearestZipKm(state: string, lng: number, lat: number): number {
  let best = Infinity;
  for (const [, [x, y]] of zipsOf(state)) best = Math.min(best, greatCircleKm(lng, lat, x, y));
  return best;
}

/** Two distances this close are a tie (rounding of two formulas, not a nearer ZIP). */
export const TIE_KM = 1e-6;

/**
 * What is wrong with a generated store's ZIP, or null: it must be a ZIP of the table, of
 * the store's own state, whose centre lies within `withinKm` of the store or is the
 * nearest centre of that state there is (a store in a large rural ZIP).
 */
export function zipProblem(s: { zip: string; state: string; lng: number; lat: number }, withinKm = 30): string | null {
  const centre = ZIP_CENTRES.get(s.zip);
  if (!centre) return `ZIP ${s.zip} is not in the ZIP table`;
  if (!zipIsInState(s.zip, s.state)) return `ZIP ${s.zip} is not a ZIP of ${s.state}`;
  const km = greatCircleKm(s.lng, s.lat, centre[0], centre[1]);
  if (km <= withinKm) return null;
  const nearest = nearestZipKm(s.state, s.lng, s.lat);
  return km <= nearest + TIE_KM ? null : `ZIP ${s.zip} is ${km.toFixed(1)} km away, farther than ${withinKm} km and than the nearest ZIP of ${s.state} (${nearest.toFixed(1)} km)`;
}
