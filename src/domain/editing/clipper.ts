/**
 * The polygon clipper used by the editing operations (internal): turf's union / difference
 * / intersect, which run polyclip-ts (a Martinez–Rueda sweep in arbitrary-precision
 * decimal arithmetic, so crossings, shared edges and touching vertices are handled
 * robustly). Inputs are plain coordinate arrays; results are MultiPolygon coordinates
 * (possibly empty). These wrappers may throw (the clipper does on malformed input); every
 * caller turns that into a '…-failed' reason.
 */
import { difference, featureCollection, intersect, multiPolygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

type Polys = Position[][][];

const asFeature = (polygons: Polys): Feature<MultiPolygon> => multiPolygon(polygons);

function coordinatesOf(result: Feature<Polygon | MultiPolygon> | null): Polys {
  if (!result) return [];
  const g = result.geometry;
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Union of several multipolygons (one is allowed: it is cleaned by the sweep). */
export function clipUnion(parts: readonly Polys[]): Polys {
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length === 0) return [];
  const features = nonEmpty.map(asFeature);
  if (features.length === 1) features.push(features[0]!); // turf needs two; A ∪ A = A
  return coordinatesOf(union(featureCollection(features)));
}

/** subject minus every clip polygon. */
export function clipDifference(subject: Polys, clips: readonly Polys[]): Polys {
  const rest = clips.filter((p) => p.length > 0);
  if (subject.length === 0) return [];
  if (rest.length === 0) return clipUnion([subject]);
  return coordinatesOf(difference(featureCollection([asFeature(subject), ...rest.map(asFeature)])));
}

/** a ∩ b. */
export function clipIntersect(a: Polys, b: Polys): Polys {
  if (a.length === 0 || b.length === 0) return [];
  return coordinatesOf(intersect(featureCollection([asFeature(a), asFeature(b)])));
}
