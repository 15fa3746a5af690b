/**
 * The US base map, built from the Census cartographic boundaries shipped in the `us-atlas`
 * package (TopoJSON, 1:10m). Bundled with the app: no tile server, no network.
 */
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countiesTopology from 'us-atlas/counties-10m.json';
import { labelPoint } from '../domain/geometry/labelPoint';

export interface Basemap {
  nation: FeatureCollection<Polygon | MultiPolygon>;
  /** State borders as lines (shared edges once), so they draw crisply. */
  stateBorders: Feature<MultiLineString>;
  countyBorders: Feature<MultiLineString>;
  stateLabels: FeatureCollection<Point, { name: string }>;
}

let cached: Basemap | null = null;

/** Converts the bundled TopoJSON once per page. */
export function loadBasemap(): Basemap {
  if (cached) return cached;
  const topo = countiesTopology as unknown as Topology<{ nation: GeometryCollection; states: GeometryCollection<{ name: string }>; counties: GeometryCollection }>;
  const nation = feature(topo, topo.objects.nation) as FeatureCollection<Polygon | MultiPolygon>;
  const states = feature(topo, topo.objects.states) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  const stateBorders = { type: 'Feature', properties: {}, geometry: mesh(topo, topo.objects.states, (a, b) => a !== b) } as Feature<MultiLineString>;
  const countyBorders = {
    type: 'Feature',
    properties: {},
    // Interior county lines only, and not where a state line already is.
    geometry: mesh(topo, topo.objects.counties, (a, b) => a !== b && String(a.id).slice(0, 2) === String(b.id).slice(0, 2)),
  } as Feature<MultiLineString>;
  const stateLabels: FeatureCollection<Point, { name: string }> = {
    type: 'FeatureCollection',
    features: states.features.map((f) => ({
      type: 'Feature',
      properties: { name: f.properties.name },
      geometry: { type: 'Point', coordinates: labelPoint(f.geometry) },
    })),
  };
  cached = { nation, stateBorders, countyBorders, stateLabels };
  return cached;
}
