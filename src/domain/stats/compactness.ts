import { area } from '@turf/area';
import { length as turfLength } from '@turf/length';
import type { Feature, LineString } from 'geojson';
import type { TerritoryGeometry } from '../types';

/**
 * Polsby–Popper compactness of a territory, 4πA / P², shown 0–100 (PRODUCT.md). 100 is a
 * circle, a square scores 78.5, a 10:1 rectangle 26; sales ops use it to spot territories
 * that are long and thin or ragged (more driving per store).
 *
 * A is the geodesic area (@turf/area, m²) and P the geodesic perimeter (@turf/length of
 * every ring, m), both on turf's sphere of radius 6 371 008.8 m, so the ratio does not
 * depend on latitude the way a planar lng/lat computation would.
 * - Holes: A excludes them and their perimeter counts in P (a hole is more boundary).
 * - MultiPolygon: total area over total perimeter squared, so a territory split into
 *   pieces scores lower than each piece alone (two equal, separate squares score 39.3) —
 *   fragmentation is a compactness problem for a territory.
 * - Empty or zero-area geometry → 0. The result is clamped to at most 100 (on a sphere a
 *   very large circle can slightly exceed the planar maximum).
 * Expects a validated geometry (closed rings), e.g. from `validateTerritoryGeometry`.
 */
export function computeCompactness(geometry: TerritoryGeometry): number {
  const a = area(geometry);
  if (!(a > 0)) return 0;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let perimeter = 0;
  for (const rings of polygons) {
    for (const ring of rings) {
      if (ring.length < 2) continue;
      const line: Feature<LineString> = {
        type: 'Feature',
        properties: {},
        geometry: { type: 'LineString', coordinates: ring },
      };
      perimeter += turfLength(line, { units: 'meters' });
    }
  }
  if (!(perimeter > 0)) return 0;
  return Math.min(100, (100 * 4 * Math.PI * a) / (perimeter * perimeter));
}
