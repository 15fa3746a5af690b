import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { area, booleanPointInPolygon } from '@turf/turf';
import { gridDisk, latLngToCell } from 'h3-js';
import type { Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { hexUnit, loadUsUnits, type BaseUnit } from '../../../src/domain/baseUnits';
import { UNION_OF_UNITS_REASONS, unionOfUnits } from '../../../src/domain/editing';
import { validateTerritoryGeometry } from '../../../src/domain/geometry';
import type { TerritoryGeometry } from '../../../src/domain/types';

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology<{
  counties: GeometryCollection;
  states: GeometryCollection;
}>;
const countiesResult = loadUsUnits(topology, 'counties');
const statesResult = loadUsUnits(topology, 'states');
if (!countiesResult.ok || !statesResult.ok) throw new Error('us-atlas layers missing');
const counties = countiesResult.value;
const states = statesResult.value;
const byId = new Map(counties.map((u) => [u.id, u]));

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const areaSum = (units: readonly { geometry: TerritoryGeometry }[]): number => units.reduce((s, u) => s + area(u.geometry), 0);
const partsOf = (g: TerritoryGeometry) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

function union(units: readonly BaseUnit[], extra?: TerritoryGeometry): TerritoryGeometry {
  const r = unionOfUnits(units, extra);
  if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
  const checked = validateTerritoryGeometry(r.value);
  expect(checked.ok ? 'valid' : checked.message).toBe('valid');
  return r.value;
}

/** Neighbours of a county from the topology itself: counties sharing an arc with it. */
function neighbours(id: string): string[] {
  const arcsOf = (o: { type: string; arcs?: unknown; id?: string | number }): Set<number> =>
    new Set((JSON.stringify(o.arcs).match(/-?\d+/g) ?? []).map((a) => (Number(a) < 0 ? ~Number(a) : Number(a))));
  const geometries = topology.objects.counties.geometries as { type: string; arcs?: unknown; id?: string | number }[];
  const mine = arcsOf(geometries.find((g) => String(g.id) === id)!);
  return geometries
    .filter((g) => String(g.id) !== id && [...arcsOf(g)].some((a) => mine.has(a)))
    .map((g) => String(g.id));
}

describe('unionOfUnits', () => {
  it('dissolves 5 adjacent counties into one polygon: area = sum of areas, no inner rings', () => {
    const centre = '20045'; // Douglas County, Kansas
    const ids = [centre, ...neighbours(centre).slice(0, 4)];
    expect(ids).toHaveLength(5);
    const units = ids.map((id) => byId.get(id)!);
    const g = union(units);
    expect(g.type).toBe('Polygon');
    expect((g as Polygon).coordinates).toHaveLength(1); // shared borders leave no ring behind
    expect(rel(area(g), areaSum(units))).toBeLessThan(1e-6);
    // the union uses the counties' own coordinates: no new vertex anywhere
    const vertices = new Set(units.flatMap((u) => partsOf(u.geometry).flat(2).map((p) => `${p[0]},${p[1]}`)));
    for (const p of (g as Polygon).coordinates[0]!) expect(vertices.has(`${p[0]},${p[1]}`)).toBe(true);
  });

  it('unions 254 Texas counties in milliseconds, exactly', () => {
    const texas = counties.filter((u) => u.parentId === '48');
    expect(texas.length).toBe(254);
    const t0 = performance.now();
    const g = union(texas);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(500); // typically < 10 ms
    expect(rel(area(g), areaSum(texas))).toBeLessThan(1e-6);
    const state = states.find((s) => s.id === '48')!;
    expect(rel(area(g), area(state.geometry))).toBeLessThan(1e-6);
  });

  it('gives valid geometry for scattered unit sets (touching corners, enclaves, islands)', () => {
    // Every other county of a few states: many units touch only at corners.
    for (const st of ['19', '20', '51', '26']) {
      const list = counties.filter((u) => u.parentId === st);
      const picked = list.filter((_, i) => i % 2 === 0);
      const g = union(picked);
      expect(rel(area(g), areaSum(picked))).toBeLessThan(1e-6);
    }
    // Four Corners: Arizona and Colorado touch at one point only → two parts
    const az = states.find((s) => s.id === '04')!;
    const co = states.find((s) => s.id === '08')!;
    const g = union([az, co]);
    expect(partsOf(g).length).toBeGreaterThanOrEqual(2);
    expect(rel(area(g), area(az.geometry) + area(co.geometry))).toBeLessThan(1e-6);
  });

  it('adds a freehand part with the clipper', () => {
    const douglas = byId.get('20045')!;
    const [minX, minY, maxX, maxY] = douglas.bbox;
    const midY = (minY + maxY) / 2;
    // a rectangle sticking out of the county to the east
    const extra: Polygon = {
      type: 'Polygon',
      coordinates: [[[maxX - 0.05, midY - 0.02], [maxX + 0.2, midY - 0.02], [maxX + 0.2, midY + 0.02], [maxX - 0.05, midY + 0.02], [maxX - 0.05, midY - 0.02]]],
    };
    const g = union([douglas], extra);
    expect(booleanPointInPolygon([maxX + 0.15, midY], g)).toBe(true);
    expect(booleanPointInPolygon([(minX + maxX) / 2, midY], g)).toBe(true);
    expect(area(g)).toBeGreaterThan(area(douglas.geometry));
    expect(area(g)).toBeLessThan(area(douglas.geometry) + area(extra));
    // only the freehand part, no units
    expect(rel(area(union([], extra)), area(extra))).toBeLessThan(1e-9);
  });

  it('dissolves H3 hexagons exactly (a cell and its six neighbours)', () => {
    const cells = gridDisk(latLngToCell(47.6, -122.3, 6), 1);
    const units = cells.map((c) => hexUnit(c)!);
    expect(units).toHaveLength(7);
    const g = union(units);
    expect(g.type).toBe('Polygon');
    expect((g as Polygon).coordinates).toHaveLength(1);
    expect(rel(area(g), areaSum(units))).toBeLessThan(1e-6);
  });

  it('ignores a unit listed twice and refuses empty input', () => {
    const douglas = byId.get('20045')!;
    const once = union([douglas]);
    expect(union([douglas, douglas])).toEqual(once);
    const r = unionOfUnits([]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('empty-input');
      expect(UNION_OF_UNITS_REASONS).toContain(r.reason);
    }
    const bad = unionOfUnits([douglas], { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] });
    if (!bad.ok) expect(bad.reason).toBe('invalid-part');
    expect(bad.ok).toBe(false);
  });
});
