/**
 * Small shared helpers of the editing operations (internal to src/domain/editing and
 * src/domain/baseUnits): bounding boxes, ring access and planar point-in-ring tests on
 * lng/lat treated as plane coordinates (the same plane the assignment engine works in).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInRing } from '../geometry/pointInRing';
import type { TerritoryGeometry } from '../types';

/** [minX, minY, maxX, maxY]; an empty geometry has minX = +∞ (see {@link bboxIsEmpty}). */
export type BBox = [number, number, number, number];

/** The polygons of a Polygon or MultiPolygon, as coordinate arrays (no copy). */
export function polygonsOf(geometry: TerritoryGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Polygon for one part, MultiPolygon for several (or none). */
export function geometryFromPolygons(polygons: Position[][][]): Polygon | MultiPolygon {
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0]! }
    : { type: 'MultiPolygon', coordinates: polygons };
}

export function emptyBBox(): BBox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

export function bboxIsEmpty(b: BBox): boolean {
  return !(b[0] <= b[2] && b[1] <= b[3]);
}

/** Grows `into` by every position of `geometry`; returns `into`. */
export function extendBBox(into: BBox, geometry: TerritoryGeometry): BBox {
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const p of ring) {
        const x = p[0]!;
        const y = p[1]!;
        if (x < into[0]) into[0] = x;
        if (y < into[1]) into[1] = y;
        if (x > into[2]) into[2] = x;
        if (y > into[3]) into[3] = y;
      }
    }
  }
  return into;
}

export function geometryBBox(geometry: TerritoryGeometry): BBox {
  return extendBBox(emptyBBox(), geometry);
}

export function bboxesOverlap(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/**
 * Even–odd point in polygon over ALL rings of all parts (the assignment engine's rule 1):
 * 1 inside, −1 outside, 0 on the boundary of some ring.
 */
export function pointInPolygons(x: number, y: number, polygons: readonly (readonly Position[][])[]): number {
  let inside = false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const side = pointInRing(x, y, ring);
      if (side === 0) return 0;
      if (side > 0) inside = !inside;
    }
  }
  return inside ? 1 : -1;
}

/** Key of an exact position, for maps of shared vertices. */
export function positionKey(x: number, y: number): string {
  return `${x},${y}`;
}
