import type { Feature, FeatureCollection } from 'geojson';
import { rewindRfc7946 } from '../geometry';
import type { Person, PersonId, Territory, TerritoryGeometry, TerritoryId } from '../types';

/** `properties` of each exported territory feature. */
export interface TerritoryFeatureProperties {
  id: TerritoryId;
  name: string;
  /** CSS hex color, as stored. */
  color: string;
  /** The territory manager's name; null when there is none or the person is unknown. */
  manager: string | null;
  /** Position in the plan (lower wins where territories overlap). */
  rank: number;
}

export type TerritoryFeature = Feature<TerritoryGeometry, TerritoryFeatureProperties>;
export type TerritoryFeatureCollection = FeatureCollection<TerritoryGeometry, TerritoryFeatureProperties>;

/**
 * A plan's territories as an RFC 7946 GeoJSON FeatureCollection, for GIS tools, other
 * planners, or re-import. Each feature has the territory id both as the top-level `id`
 * (what maplibre and most tools key on) and in `properties.id` (what spreadsheet-like
 * tools show); geometries are rewound to the right-hand rule (RFC 7946 §3.1.6), in
 * [lng, lat] WGS 84 with full stored precision (no rounding, so a re-import is exact); no
 * `crs` member (removed from GeoJSON by RFC 7946). Features keep the order of
 * `territories`.
 *
 * Returns the object; the caller does `JSON.stringify` (and picks the file name).
 *
 * @param people persons of the workspace, used to put the manager's NAME in the file
 *   (ids mean nothing outside the app); omitted → every manager is null.
 */
export function territoriesToGeoJson(
  territories: readonly Territory[],
  people: readonly Person[] = [],
): TerritoryFeatureCollection {
  const names = new Map<PersonId, string>();
  for (const p of people) names.set(p.id, p.name);
  const features: TerritoryFeature[] = territories.map((t) => ({
    type: 'Feature',
    id: t.id,
    properties: {
      id: t.id,
      name: t.name,
      color: t.color,
      manager: t.managerId === null ? null : (names.get(t.managerId) ?? null),
      rank: t.rank,
    },
    geometry: rewindRfc7946(t.geometry),
  }));
  return { type: 'FeatureCollection', features };
}
