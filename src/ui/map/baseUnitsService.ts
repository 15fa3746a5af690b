/**
 * The base-unit sets the user paints with (states, counties, H3 hexagons), built on
 * demand from bundled data and cached. Counties take about a second to index the first
 * time, so the caller shows a status while it runs.
 */
import type { FeatureCollection } from 'geojson';
import type { Topology } from 'topojson-specification';
import countiesTopology from 'us-atlas/counties-10m.json';
import { buildUnitIndex, hexUnits, loadUsUnits, type BaseUnit, type BaseUnitLevel, type UnitIndex } from '../../domain/baseUnits';

export interface UnitSet {
  level: BaseUnitLevel;
  index: UnitIndex;
  /** The units as map features (id, name), for the base-unit layer. */
  features: FeatureCollection;
  /** Singular/plural noun for messages: "county"/"counties". */
  noun: [string, string];
}

const cache = new Map<string, UnitSet>();

function toSet(level: BaseUnitLevel, units: BaseUnit[]): UnitSet {
  return {
    level,
    index: buildUnitIndex(units),
    features: {
      type: 'FeatureCollection',
      features: units.map((u) => ({ type: 'Feature', properties: { id: u.id, name: u.name }, geometry: u.geometry })),
    },
    noun: level === 'states' ? ['state', 'states'] : level === 'counties' ? ['county', 'counties'] : ['hexagon', 'hexagons'],
  };
}

/** H3 resolution for a map zoom: cells of a few pixels' worth of detail, never millions. */
export function hexResolutionForZoom(zoom: number): number {
  return Math.max(2, Math.min(8, Math.round(zoom * 0.75)));
}

/**
 * States and counties come from the bundled Census topology; hexagons cover `view` (the
 * visible map box) at a resolution that suits `zoom`, so the tool works anywhere on Earth.
 */
export function loadUnitSet(level: BaseUnitLevel, view?: { bbox: [number, number, number, number]; zoom: number }): UnitSet {
  if (level === 'hexagons') {
    const res = hexResolutionForZoom(view?.zoom ?? 4);
    const bbox = view?.bbox ?? [-125, 24, -66, 50];
    const key = `hex:${res}:${bbox.map((v) => v.toFixed(1)).join(',')}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const r = hexUnits(bbox, res, { maxCells: 20_000 });
    if (!r.ok) throw new Error(r.message);
    const set = toSet('hexagons', r.value);
    cache.set(key, set);
    return set;
  }
  const hit = cache.get(level);
  if (hit) return hit;
  const r = loadUsUnits(countiesTopology as unknown as Topology, level);
  if (!r.ok) throw new Error(r.message);
  const set = toSet(level, r.value);
  cache.set(level, set);
  return set;
}
