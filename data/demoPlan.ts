/**
 * The bundled demo plan: ten territories covering the contiguous US (48 states + DC), each
 * a group of whole states merged from the US Census cartographic boundaries in
 * `us-atlas/states-10m.json`. The merge is done on the TopoJSON topology
 * (topojson-client `merge`), so neighbouring territories share the very same border
 * vertices: no slivers, no overlaps. Pure: topology in, plan out.
 */
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import type { Person, PersonId, TerritoryGeometry, TerritoryId, WorkspaceId } from '../src/domain/types';
import { DEMO_PLAN_FORMAT, SAMPLE_FILE_VERSION } from '../src/domain/sampleData';
import { DEFAULT_WORKSPACE_ID, emailFor, round5 } from './marketGenerator';

/** State FIPS code (the ids in us-atlas) → USPS code. Territories (PR, GU, …) are absent. */
export const STATE_FIPS: Readonly<Record<string, string>> = {
  '01': 'AL', '02': 'AK', '04': 'AZ', '05': 'AR', '06': 'CA', '08': 'CO', '09': 'CT', '10': 'DE',
  '11': 'DC', '12': 'FL', '13': 'GA', '15': 'HI', '16': 'ID', '17': 'IL', '18': 'IN', '19': 'IA',
  '20': 'KS', '21': 'KY', '22': 'LA', '23': 'ME', '24': 'MD', '25': 'MA', '26': 'MI', '27': 'MN',
  '28': 'MS', '29': 'MO', '30': 'MT', '31': 'NE', '32': 'NV', '33': 'NH', '34': 'NJ', '35': 'NM',
  '36': 'NY', '37': 'NC', '38': 'ND', '39': 'OH', '40': 'OK', '41': 'OR', '42': 'PA', '44': 'RI',
  '45': 'SC', '46': 'SD', '47': 'TN', '48': 'TX', '49': 'UT', '50': 'VT', '51': 'VA', '53': 'WA',
  '54': 'WV', '55': 'WI', '56': 'WY',
};

/** The 48 contiguous states plus DC. */
export const CONTIGUOUS_STATE_CODES: readonly string[] = Object.values(STATE_FIPS)
  .filter((s) => s !== 'AK' && s !== 'HI')
  .sort();

export interface TerritoryGroup {
  name: string;
  color: string;
  manager: string;
  states: readonly string[];
}

/**
 * The ten groups, west to east. Deliberately not balanced (15–50 M people each), so the
 * demo shows what the balance KPIs and a rebalancing are for.
 * Colors: Tableau 10 (distinct hues, readable on a light basemap).
 */
export const DEMO_GROUPS: readonly TerritoryGroup[] = [
  { name: 'Pacific Northwest', color: '#4e79a7', manager: 'Rachel Whitaker', states: ['WA', 'OR', 'ID', 'MT', 'WY'] },
  { name: 'California', color: '#f28e2b', manager: 'Luis Navarro', states: ['CA'] },
  { name: 'Southwest', color: '#e15759', manager: 'Grace Yazzie', states: ['AZ', 'NV', 'UT', 'CO', 'NM'] },
  { name: 'Texas & Oklahoma', color: '#76b7b2', manager: 'Brandon Mitchell', states: ['TX', 'OK'] },
  { name: 'Plains', color: '#59a14f', manager: 'Erik Johansson', states: ['ND', 'SD', 'NE', 'KS', 'MN', 'IA', 'MO'] },
  { name: 'Great Lakes', color: '#edc948', manager: 'Aisha Carter', states: ['WI', 'IL', 'MI', 'IN', 'OH'] },
  { name: 'South Central', color: '#b07aa1', manager: 'Caleb Thibodeaux', states: ['AR', 'LA', 'MS', 'AL', 'TN', 'KY'] },
  { name: 'Southeast', color: '#ff9da7', manager: 'Monica Reyes', states: ['FL', 'GA', 'SC', 'NC'] },
  { name: 'Mid-Atlantic', color: '#9c755f', manager: 'Nathan Park', states: ['PA', 'NJ', 'DE', 'MD', 'DC', 'VA', 'WV'] },
  { name: 'New England & New York', color: '#6f63bb', manager: 'Colleen Fitzgerald', states: ['NY', 'CT', 'RI', 'MA', 'VT', 'NH', 'ME'] },
];

export const DEMO_PLAN_NAME = 'Demo plan \u2014 10 regions';

type StateGeometry = TopoPolygon<{ name: string }> | TopoMultiPolygon<{ name: string }>;
type StatesTopology = Topology<{ states: GeometryCollection<{ name: string }> }>;

function statesOf(topology: Topology): StateGeometry[] {
  const states = (topology as StatesTopology).objects.states;
  if (!states || states.type !== 'GeometryCollection') throw new Error('Topology has no "states" collection');
  return states.geometries.filter(
    (g): g is StateGeometry => (g.type === 'Polygon' || g.type === 'MultiPolygon') && String(g.id) in STATE_FIPS,
  );
}

/** Signed area (shoelace, lon/lat plane): > 0 when counter-clockwise. */
function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return s / 2;
}

/** Rounds to 5 decimals, drops repeated vertices, and drops rings left degenerate. */
function cleanRing(ring: Position[], exterior: boolean): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    const q = [round5(p[0]!), round5(p[1]!)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0]!, first[1]!]);
  if (out.length < 4) return null;
  const area = signedArea(out);
  if (area === 0) return null;
  // RFC 7946 winding: exterior rings counter-clockwise, holes clockwise.
  if (exterior ? area < 0 : area > 0) out.reverse();
  return out;
}

/**
 * Rounds a (multi)polygon stably to 5 decimals and rewinds it to RFC 7946. Shared borders
 * stay shared: identical input vertices round to identical output vertices.
 */
export function cleanGeometry(g: Polygon | MultiPolygon): TerritoryGeometry {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const cleaned: Position[][][] = [];
  for (const poly of polygons) {
    const outer = poly[0] && cleanRing(poly[0], true);
    if (!outer) continue;
    const holes = poly.slice(1).flatMap((r) => {
      const c = cleanRing(r, false);
      return c ? [c] : [];
    });
    cleaned.push([outer, ...holes]);
  }
  if (cleaned.length === 0) throw new Error('Geometry vanished while rounding');
  return cleaned.length === 1
    ? { type: 'Polygon', coordinates: cleaned[0]! }
    : { type: 'MultiPolygon', coordinates: cleaned };
}

/** Each state (by USPS code) as a rounded GeoJSON feature. */
export function stateFeatures(topology: Topology): Map<string, Feature<TerritoryGeometry, { code: string; name: string }>> {
  const out = new Map<string, Feature<TerritoryGeometry, { code: string; name: string }>>();
  for (const g of statesOf(topology)) {
    const code = STATE_FIPS[String(g.id)]!;
    const f = feature(topology, g) as Feature<Polygon | MultiPolygon, { name: string }>;
    out.set(code, {
      type: 'Feature',
      properties: { code, name: f.properties.name },
      geometry: cleanGeometry(f.geometry),
    });
  }
  return out;
}

/**
 * A point-in-state test over the same rounded boundaries the demo plan is built from, so
 * a store placed inside its state is also inside that state's territory.
 */
export function makeStateLocator(topology: Topology): (state: string, lng: number, lat: number) => boolean {
  const features = stateFeatures(topology);
  const boxes = new Map<string, [number, number, number, number]>();
  for (const [code, f] of features) {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) {
      for (const [x, y] of poly[0]!) {
        minX = Math.min(minX, x!);
        minY = Math.min(minY, y!);
        maxX = Math.max(maxX, x!);
        maxY = Math.max(maxY, y!);
      }
    }
    boxes.set(code, [minX, minY, maxX, maxY]);
  }
  return (state, lng, lat) => {
    const f = features.get(state);
    const b = boxes.get(state);
    if (!f || !b) return false;
    if (lng < b[0] || lng > b[2] || lat < b[1] || lat > b[3]) return false;
    return booleanPointInPolygon([lng, lat], f);
  };
}

export interface DemoTerritoryRecord {
  id: TerritoryId;
  name: string;
  color: string;
  geometry: TerritoryGeometry;
  managerId: PersonId | null;
  regionId: null;
  locked: boolean;
  rank: number;
}

export interface DemoPlanFile {
  format: typeof DEMO_PLAN_FORMAT;
  version: typeof SAMPLE_FILE_VERSION;
  name: string;
  people: Person[];
  territories: DemoTerritoryRecord[];
}

/**
 * Builds the demo plan from the us-atlas states topology. Throws when the groups do not
 * cover every contiguous state exactly once — a typo in a group must not ship silently.
 */
export function buildDemoPlan(
  topology: Topology,
  groups: readonly TerritoryGroup[] = DEMO_GROUPS,
  workspaceId: string = DEFAULT_WORKSPACE_ID,
): DemoPlanFile {
  const byCode = new Map<string, StateGeometry>();
  for (const g of statesOf(topology)) byCode.set(STATE_FIPS[String(g.id)]!, g);

  const seen = new Map<string, string>();
  for (const group of groups) {
    for (const s of group.states) {
      if (!byCode.has(s)) throw new Error(`Group ${group.name}: unknown state ${s}`);
      const other = seen.get(s);
      if (other) throw new Error(`State ${s} is in both ${other} and ${group.name}`);
      seen.set(s, group.name);
    }
  }
  const missing = CONTIGUOUS_STATE_CODES.filter((s) => !seen.has(s));
  if (missing.length > 0) throw new Error(`States in no group: ${missing.join(', ')}`);

  const people: Person[] = [];
  const territories: DemoTerritoryRecord[] = groups.map((group, rank) => {
    const num = String(rank + 1).padStart(2, '0');
    const managerId = `P-TM-${num}` as PersonId;
    people.push({
      id: managerId,
      workspaceId: workspaceId as WorkspaceId,
      name: group.manager,
      role: 'territory-manager',
      email: emailFor(group.manager),
    });
    const merged = merge(topology, group.states.map((s) => byCode.get(s)!));
    return {
      id: `T${num}` as TerritoryId,
      name: group.name,
      color: group.color,
      geometry: cleanGeometry(merged),
      managerId,
      regionId: null,
      locked: false,
      rank,
    };
  });

  return { format: DEMO_PLAN_FORMAT, version: SAMPLE_FILE_VERSION, name: DEMO_PLAN_NAME, people, territories };
}

/** One person / territory per line, trailing newline, fixed key order. */
export function serializeDemoPlan(plan: DemoPlanFile): string {
  const lines = (items: readonly unknown[]): string => items.map((x) => `    ${JSON.stringify(x)}`).join(',\n');
  return (
    '{\n' +
    `  "format": ${JSON.stringify(plan.format)},\n` +
    `  "version": ${plan.version},\n` +
    `  "name": ${JSON.stringify(plan.name)},\n` +
    `  "people": [\n${lines(plan.people)}\n  ],\n` +
    `  "territories": [\n${lines(plan.territories)}\n  ]\n` +
    '}\n'
  );
}
