import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { booleanPointInPolygon, pointToPolygonDistance } from '@turf/turf';
import { cellToLatLng, latLngToCell } from 'h3-js';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import {
  BASE_UNITS_REASONS,
  buildUnitIndex,
  hexUnit,
  hexUnits,
  hexUnitsForPoints,
  interiorPoint,
  loadUsUnits,
  paintableUnits,
  unitAt,
  unitOwners,
  unitsInCircle,
} from '../../src/domain/baseUnits';
import { unionOfUnits } from '../../src/domain/editing';
import { validateTerritoryGeometry } from '../../src/domain/geometry';
import type { TerritoryGeometry, TerritoryId } from '../../src/domain/types';
import { mulberry32 } from '../bench/benchUtils';

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology<{
  counties: GeometryCollection;
  states: GeometryCollection;
}>;
const loaded = loadUsUnits(topology, 'counties');
if (!loaded.ok) throw new Error(loaded.message);
const counties = loaded.value;
const countyIndex = buildUnitIndex(counties);
const positions = (g: TerritoryGeometry) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);

describe('loadUsUnits', () => {
  it('loads the counties with FIPS ids, names, topology references and valid geometry', () => {
    expect(counties.length).toBeGreaterThan(3200);
    const la = counties.find((u) => u.id === '06037')!;
    expect(la.name).toBe('Los Angeles');
    expect(la.parentId).toBe('06');
    expect(la.level).toBe('counties');
    expect(la.topologyRef?.topology).toBe(topology);
    for (const u of counties) {
      expect(u.id).toMatch(/^\d{5}$/);
      const checked = validateTerritoryGeometry(u.geometry);
      expect(checked.ok ? 'valid' : `${u.id}: ${checked.message}`).toBe('valid');
    }
  });

  it('loads the states and refuses a topology without the layer', () => {
    const states = loadUsUnits(topology, 'states');
    if (!states.ok) throw new Error(states.message);
    expect(states.value.find((s) => s.id === '48')?.name).toBe('Texas');
    for (const s of states.value) expect(validateTerritoryGeometry(s.geometry).ok).toBe(true);
    const none = loadUsUnits({ type: 'Topology', objects: {}, arcs: [] } as unknown as Topology, 'counties');
    expect(none.ok).toBe(false);
    if (!none.ok) {
      expect(none.reason).toBe('missing-object');
      expect(BASE_UNITS_REASONS).toContain(none.reason);
    }
  });
});

describe('unit queries', () => {
  it('unitAt finds the county under a point, null at sea', () => {
    for (const id of ['06037', '48201', '20045', '36061']) {
      const unit = counties.find((u) => u.id === id)!;
      const [x, y] = interiorPoint(unit.geometry);
      expect(booleanPointInPolygon([x, y], unit.geometry, { ignoreBoundary: true })).toBe(true);
      expect(unitAt(countyIndex, x, y)?.id).toBe(id);
    }
    expect(unitAt(countyIndex, -140, 30)).toBeNull();
  });

  it('unitsInCircle returns exactly the units within the radius of the centre', () => {
    const douglas = counties.find((u) => u.id === '20045')!;
    const centre = interiorPoint(douglas.geometry);
    expect(unitsInCircle(countyIndex, centre, 0).map((u) => u.id)).toEqual(['20045']);
    for (const radius of [15_000, 40_000]) {
      const got = new Set(unitsInCircle(countyIndex, centre, radius).map((u) => u.id));
      // independent: turf's distance from the centre to each county (0 inside)
      for (const u of counties) {
        if (Math.abs(u.bbox[0] - centre[0]) > 3 || Math.abs(u.bbox[1] - centre[1]) > 3) continue;
        const d = Math.max(0, pointToPolygonDistance(centre, u.geometry, { units: 'meters' }));
        if (d < radius * 0.995) expect(got.has(u.id)).toBe(true);
        if (d > radius * 1.005) expect(got.has(u.id)).toBe(false);
      }
      expect(got.size).toBeGreaterThan(1);
    }
  });

  it('paintableUnits skips units of locked territories', () => {
    const locked = ['20045', '20091', '20103'];
    const lockedUnion = unionOfUnits(locked.map((id) => counties.find((u) => u.id === id)!));
    if (!lockedUnion.ok) throw new Error(lockedUnion.message);
    const stroke = ['20045', '20087', '20091', '20059', 'nope'];
    const r = paintableUnits(countyIndex, stroke, [lockedUnion.value]);
    expect(r.locked).toEqual(['20045', '20091']);
    expect(r.paintable).toEqual(['20087', '20059']);
    expect(paintableUnits(countyIndex, stroke, []).paintable).toEqual(['20045', '20087', '20091', '20059']);
  });

  it('unitOwners gives each unit the territory that contains it (lowest rank wins)', () => {
    const kansas = counties.filter((u) => u.parentId === '20');
    const west = unionOfUnits(kansas.filter((u) => u.bbox[0] < -98));
    const all = unionOfUnits(kansas);
    if (!west.ok || !all.ok) throw new Error('union failed');
    const territories = [
      { id: 'all' as TerritoryId, geometry: all.value, rank: 2 },
      { id: 'west' as TerritoryId, geometry: west.value, rank: 1 },
    ];
    const owners = unitOwners(countyIndex, territories);
    counties.forEach((u, i) => {
      const expected = u.parentId !== '20' ? -1 : u.bbox[0] < -98 ? 1 : 0;
      expect(owners[i]).toBe(expected);
    });
  });
});

describe('hexagon units', () => {
  it('cover a bounding box, with [lng, lat] boundaries', () => {
    const bbox: [number, number, number, number] = [2.2, 48.7, 2.6, 49.0]; // Paris
    const r = hexUnits(bbox, 7);
    if (!r.ok) throw new Error(r.message);
    const cells = new Set(r.value.map((u) => u.id));
    expect(cells.size).toBe(r.value.length);
    const random = mulberry32(11);
    for (let i = 0; i < 2000; i++) {
      const lng = bbox[0] + random() * (bbox[2] - bbox[0]);
      const lat = bbox[1] + random() * (bbox[3] - bbox[1]);
      expect(cells.has(latLngToCell(lat, lng, 7))).toBe(true);
    }
    // corners too
    for (const [lng, lat] of [[bbox[0], bbox[1]], [bbox[2], bbox[3]], [bbox[0], bbox[3]], [bbox[2], bbox[1]]] as const) {
      expect(cells.has(latLngToCell(lat, lng, 7))).toBe(true);
    }
    for (const u of r.value) {
      expect(u.level).toBe('hexagons');
      expect(u.h3Cell).toBe(u.id);
      expect(validateTerritoryGeometry(u.geometry).ok).toBe(true);
      // lng first: every vertex near Paris's longitude (2.x), latitude 48–49
      for (const p of positions(u.geometry)) {
        expect(p[0]).toBeGreaterThan(2);
        expect(p[0]).toBeLessThan(3);
        expect(p[1]).toBeGreaterThan(48.5);
        expect(p[1]).toBeLessThan(49.2);
      }
      const [lat, lng] = cellToLatLng(u.id);
      expect(booleanPointInPolygon([lng, lat], u.geometry)).toBe(true);
    }
  });

  it('split cells straddling the antimeridian into valid parts', () => {
    const r = hexUnits([179.5, -17.5, -179.5, -16.5], 5); // Fiji, across ±180°
    if (!r.ok) throw new Error(r.message);
    const split = r.value.filter((u) => u.geometry.type === 'MultiPolygon');
    expect(split.length).toBeGreaterThan(0);
    for (const u of r.value) {
      expect(validateTerritoryGeometry(u.geometry).ok).toBe(true);
      for (const p of positions(u.geometry)) expect(Math.abs(p[0]!)).toBeLessThanOrEqual(180);
    }
    const cells = new Set(r.value.map((u) => u.id));
    expect(cells.has(latLngToCell(-17, 179.9, 5))).toBe(true);
    expect(cells.has(latLngToCell(-17, -179.9, 5))).toBe(true);
    for (const u of split) {
      const [lat, lng] = cellToLatLng(u.id);
      expect(booleanPointInPolygon([lng, lat], u.geometry)).toBe(true);
    }
  });

  it('hexUnitsForPoints gives the distinct cells of the points', () => {
    const lngs = [-97.5, -97.5001, -80.2, NaN, 500];
    const lats = [32.7, 32.7001, 25.8, 1, 1];
    const r = hexUnitsForPoints(lngs, lats, 6);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.map((u) => u.id)).toEqual([latLngToCell(32.7, -97.5, 6), latLngToCell(25.8, -80.2, 6)]);
  });

  it('refuses bad requests with reasons', () => {
    const tooMany = hexUnits([-125, 25, -66, 49], 9);
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.reason).toBe('too-many-cells');
    const badRes = hexUnits([0, 0, 1, 1], 16);
    if (!badRes.ok) expect(badRes.reason).toBe('invalid-resolution');
    expect(badRes.ok).toBe(false);
    const badBox = hexUnits([0, 1, 1, 0], 5);
    if (!badBox.ok) expect(badBox.reason).toBe('invalid-bbox');
    expect(badBox.ok).toBe(false);
    expect(hexUnit('not-a-cell')).toBeNull();
  });
});
