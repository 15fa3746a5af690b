import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { TerritoryGeometry } from '../types';
import { ringSignedArea } from './ringSignedArea';

function rewindRings(rings: readonly (readonly Position[])[]): Position[][] {
  return rings.map((ring, index) => {
    const copy = ring.map((p) => p.slice());
    const area = ringSignedArea(ring);
    const wantCounterClockwise = index === 0;
    if ((wantCounterClockwise && area < 0) || (!wantCounterClockwise && area > 0)) copy.reverse();
    return copy;
  });
}

/**
 * Rewinds a territory geometry to the RFC 7946 §3.1.6 right-hand rule: exterior rings
 * counter-clockwise, holes clockwise (in the lng/lat plane). RFC 7946 says producers
 * SHOULD follow it and linters (geojsonhint, geojson.io) flag files that do not, so every
 * GeoJSON export goes through this. Winding is not used inside the app (assignment uses
 * even–odd point-in-polygon), which is why validation does not rewind.
 *
 * Pure: returns a new geometry with new ring and position arrays (safe to mutate), never
 * touches the input. Rings with no planar area keep their order. Other members of the
 * input object (e.g. `bbox`) are not copied.
 */
export function rewindRfc7946(geom: Polygon): Polygon;
export function rewindRfc7946(geom: MultiPolygon): MultiPolygon;
export function rewindRfc7946(geom: TerritoryGeometry): TerritoryGeometry;
export function rewindRfc7946(geom: TerritoryGeometry): TerritoryGeometry {
  if (geom.type === 'Polygon') {
    return { type: 'Polygon', coordinates: rewindRings(geom.coordinates) };
  }
  return { type: 'MultiPolygon', coordinates: geom.coordinates.map((poly) => rewindRings(poly)) };
}
