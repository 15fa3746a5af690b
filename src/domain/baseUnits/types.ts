import type { MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import type { BaseUnitLevel, TerritoryGeometry } from '../types';

export { BASE_UNIT_LEVELS, type BaseUnitLevel } from '../types';

/**
 * Where a unit lives in its TopoJSON topology. Units of the same topology share their
 * border arcs, so `unionOfUnits` can dissolve them exactly (topojson `merge`): no slivers,
 * no clipper, a few ms for hundreds of counties. `topology` is shared by reference by all
 * units of a set (structuredClone keeps the sharing when a whole set is posted at once).
 */
export interface TopologyRef {
  readonly topology: Topology;
  readonly object: TopoPolygon | TopoMultiPolygon;
}

/** One paintable unit: a state, a county or an H3 cell. */
export interface BaseUnit {
  /** Census FIPS code ('06' California, '06037' Los Angeles County) or the H3 index. */
  readonly id: string;
  /** Display name ('Los Angeles'); for hexagons the H3 index. */
  readonly name: string;
  readonly level: BaseUnitLevel;
  /** Validated outline, [lng, lat]. */
  readonly geometry: TerritoryGeometry;
  /** [minLng, minLat, maxLng, maxLat] of the geometry. */
  readonly bbox: readonly [number, number, number, number];
  /** Set for states and counties (see {@link TopologyRef}); null for hexagons. */
  readonly topologyRef: TopologyRef | null;
  /** The H3 cell of a hexagon unit; null otherwise. */
  readonly h3Cell: string | null;
  /** State FIPS of a county; null for states and hexagons. */
  readonly parentId: string | null;
}

/** What `unionOfUnits` needs of a unit: a geometry, and optionally its topology or H3 cell. */
export type UnitShape = Pick<BaseUnit, 'geometry'> & Partial<Pick<BaseUnit, 'topologyRef' | 'h3Cell'>>;
