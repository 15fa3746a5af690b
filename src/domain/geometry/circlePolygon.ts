import { circle } from '@turf/circle';
import type { Polygon } from 'geojson';

/**
 * A circle of `radiusMeters` around [lng, lat] as a polygon (geodesic, `steps` vertices),
 * for a territory typed as "50 miles around Denver". Rounded to 6 decimals (≈ 10 cm) so the
 * stored outline carries no float noise.
 */
export function circlePolygon(center: [number, number], radiusMeters: number, steps = 64): Polygon {
  const g = circle(center, radiusMeters / 1000, { steps, units: 'kilometers' }).geometry;
  return { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(([x, y]) => [Math.round(x! * 1e6) / 1e6, Math.round(y! * 1e6) / 1e6])) };
}

export const METERS_PER_MILE = 1609.344;
