/** Geometry operations on territory outlines (pure functions, lng/lat GeoJSON). */
export { validateTerritoryGeometry, GEOMETRY_REASONS, type GeometryReason } from './validatePolygon';
export { rewindRfc7946 } from './rewind';
export { ringSignedArea } from './ringSignedArea';
export {
  findRingIntersection,
  type RingIntersection,
  type RingIntersectionKind,
} from './findRingIntersection';
export { formatLngLat } from './formatLngLat';
export { labelPoint } from './labelPoint';
export { circlePolygon, METERS_PER_MILE } from './circlePolygon';
