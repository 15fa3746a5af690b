import type { MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryObject, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import type { Result, TerritoryGeometry } from '../types';
import type { BaseUnitsReason } from './reasons';
import type { BaseUnit } from './types';
import { bboxOf, cleanUnitGeometry } from './unitGeometry';

/** The us-atlas levels (`states-10m.json` has states; `counties-10m.json` has both). */
export type UsUnitLevel = 'states' | 'counties';

/**
 * The US states or counties of a us-atlas TopoJSON topology as paintable base units, in
 * file order: id = FIPS ('06', '06037'), name from the file, validated geometry, and a
 * `topologyRef` so that `unionOfUnits` can dissolve them exactly along shared arcs.
 * Counties get their state's FIPS as `parentId`.
 *
 * Geometries are repaired where the 1:10m simplification broke them (spikes, pinched or
 * collapsed rings: see unitGeometry.ts); units with no area left (Falls Church, VA, is two
 * points at this scale) are left out. Load once per layer (≈3.2k counties take a few
 * hundred ms; do it in a worker or lazily when the layer is chosen).
 *
 * @returns the units, or 'missing-object' when the topology has no such object.
 */
export function loadUsUnits(topology: Topology, level: UsUnitLevel): Result<BaseUnit[], BaseUnitsReason> {
  const collection = topology.objects[level];
  if (!collection || collection.type !== 'GeometryCollection') {
    return {
      ok: false,
      reason: 'missing-object',
      message: `The base map has no ${level} layer (expected a us-atlas TopoJSON file with "${level}").`,
    };
  }
  const units: BaseUnit[] = [];
  for (const object of collection.geometries as GeometryObject<{ name?: string }>[]) {
    if (object.type !== 'Polygon' && object.type !== 'MultiPolygon') continue;
    const topo = object as TopoPolygon<{ name?: string }> | TopoMultiPolygon<{ name?: string }>;
    const raw = (topo.type === 'Polygon' ? feature(topology, topo) : feature(topology, topo)).geometry as Polygon | MultiPolygon | null;
    if (!raw) continue;
    const geometry: TerritoryGeometry | null = cleanUnitGeometry(raw);
    if (!geometry) continue;
    const id = String(object.id ?? units.length);
    units.push({
      id,
      name: topo.properties?.name ?? id,
      level,
      geometry,
      bbox: bboxOf(geometry),
      topologyRef: { topology, object: topo },
      h3Cell: null,
      parentId: level === 'counties' && id.length === 5 ? id.slice(0, 2) : null,
    });
  }
  return { ok: true, value: units };
}
