/**
 * Which imported territories overlap each other, so the import can warn before they enter
 * a plan (where the first territory in the plan wins the stores in an overlap). Google My
 * Maps files with hand-drawn polygons overlap often; boundary files (counties, districts)
 * share borders but do not overlap, and shared borders must not be reported.
 *
 * Method: sort-and-sweep on bounding boxes (only pairs whose boxes overlap are looked at);
 * both outlines are cut to the intersection of the two boxes (Sutherland–Hodgman against
 * a rectangle, linear time: the overlap lies inside that box, and for neighbours it holds
 * a small share of their vertices); pairs that interiorsDisjoint proves apart (neighbours
 * sharing a border, the common case) stop there; the others get the polygon clipper's
 * intersection and its geodesic area. An intersection counts
 * only above max(OVERLAP_MIN_AREA_KM2, OVERLAP_RELATIVE_AREA × the smaller feature's
 * area): a shared border digitised twice leaves slivers of a few square metres that are
 * not an overlap anyone means. A pair the clipper cannot handle is left out, not thrown.
 */
import { area as turfArea } from '@turf/area';
import { clipIntersect } from '../editing/clipper';
import { geometryBBox, polygonsOf } from '../editing/geometryBasics';
import type { TerritoryGeometry } from '../types';
import { clipToBox, type Box } from './clipToBox';
import { interiorsDisjoint } from './interiorsDisjoint';

/** Overlaps smaller than this (km², = 1,000 m²) are slivers, not overlaps… */
export const OVERLAP_MIN_AREA_KM2 = 0.001;
/** …or smaller than this fraction of the smaller feature (0.01 %). */
export const OVERLAP_RELATIVE_AREA = 1e-4;

export interface TerritoryOverlap {
  /** `index` of the two features, a < b. */
  a: number;
  b: number;
  /** Geodesic area of the overlap in km². */
  areaKm2: number;
}

/** Pairs of features whose interiors overlap (see the module comment), ordered by a, then b. */
export function findOverlaps(features: readonly { index: number; geometry: TerritoryGeometry }[]): TerritoryOverlap[] {
  const items = features.map((f) => ({ index: f.index, geometry: f.geometry, box: geometryBBox(f.geometry), areaKm2: -1 }));
  const order = items.map((_, i) => i).sort((i, j) => items[i]!.box[0] - items[j]!.box[0]);
  const areaOf = (k: number): number => {
    const item = items[k]!;
    if (item.areaKm2 < 0) item.areaKm2 = turfArea(item.geometry) / 1e6;
    return item.areaKm2;
  };
  const out: TerritoryOverlap[] = [];
  for (let s = 0; s < order.length; s++) {
    const i = order[s]!;
    const a = items[i]!;
    for (let t = s + 1; t < order.length; t++) {
      const j = order[t]!;
      const b = items[j]!;
      if (b.box[0] >= a.box[2]) break; // sorted by minX: no later box can overlap a
      if (b.box[1] >= a.box[3] || a.box[1] >= b.box[3] || b.box[2] <= a.box[0]) continue;
      const box: Box = [Math.max(a.box[0], b.box[0]), Math.max(a.box[1], b.box[1]), Math.min(a.box[2], b.box[2]), Math.min(a.box[3], b.box[3])];
      const partA = clipToBox(polygonsOf(a.geometry), box);
      const partB = partA.length === 0 ? [] : clipToBox(polygonsOf(b.geometry), box);
      if (partB.length === 0 || interiorsDisjoint(partA, partB)) continue;
      let areaKm2: number;
      try {
        const common = clipIntersect(partA, partB);
        if (common.length === 0) continue;
        areaKm2 = turfArea({ type: 'MultiPolygon', coordinates: common }) / 1e6;
      } catch {
        continue;
      }
      const threshold = Math.max(OVERLAP_MIN_AREA_KM2, OVERLAP_RELATIVE_AREA * Math.min(areaOf(i), areaOf(j)));
      if (areaKm2 > threshold) {
        out.push(a.index < b.index ? { a: a.index, b: b.index, areaKm2 } : { a: b.index, b: a.index, areaKm2 });
      }
    }
  }
  return out.sort((x, y) => x.a - y.a || x.b - y.b);
}
