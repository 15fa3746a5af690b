import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ringSignedArea } from '../../../src/domain/geometry';
import { PLAN_FILE_FORMAT, planFileName, writePlanFile } from '../../../src/domain/plans';
import type { PlanBundle } from '../../../src/domain/types';
import { alice, bob, deepFreeze, PEOPLE, randomStores, sampleBundle } from './helpers';

describe('writePlanFile', () => {
  const stores = randomStores(20);
  const bundle = deepFreeze(sampleBundle());
  const doc = writePlanFile(bundle, { people: PEOPLE, stores, appVersion: '1.4.0', now: Date.UTC(2026, 11, 3, 17, 30) });

  it('is an RFC 7946 FeatureCollection, one feature per territory in rank order, id = territory id', () => {
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.features.map((f) => f.id)).toEqual(['T-north', 'T-south', 'T-east']);
    expect(doc.features.every((f) => f.type === 'Feature')).toBe(true);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect('crs' in doc).toBe(false);
  });

  it('writes exactly the documented properties, people and regions by name', () => {
    expect(doc.features.map((f) => f.properties)).toEqual([
      { id: 'T-north', name: 'North Plains', color: '#1f77b4', region: 'Plains', territory_manager: alice.name, target_revenue: 250000.5, locked: true, notes: 'Keep the vet clinics; "call" before =visits' },
      { id: 'T-south', name: 'South Plains', color: '#ff7f0e', region: 'Plains', territory_manager: bob.name, target_revenue: null, locked: false, notes: null },
      { id: 'T-east', name: 'East ★ Ozarks', color: '#2ca02c', region: null, territory_manager: null, target_revenue: 0, locked: false, notes: '' },
    ]);
  });

  it('carries what GeoJSON cannot in the territory_planner member', () => {
    expect(doc.territory_planner).toEqual({
      format: PLAN_FILE_FORMAT,
      version: 1,
      app: { name: 'Territory Planner', version: '1.4.0' },
      plan: { name: 'FY27 realignment', overlap_mode: 'yield', created_at: '2023-11-14T22:13:20.000Z', exported_at: '2026-12-03T17:30:00.000Z' },
      regions: [
        { id: 'R-plains', name: 'Plains', color: '#4e79a7', manager: alice.name, manager_id: alice.id },
        { id: 'R-empty', name: 'Empty region', color: '#f28e2b', manager: null, manager_id: null },
      ],
      territories: [
        { id: 'T-north', rank: 0, region_id: 'R-plains', manager_id: alice.id, units: null },
        { id: 'T-south', rank: 1, region_id: 'R-plains', manager_id: bob.id, units: { level: 'counties', ids: ['20001', '20003', '20005'] } },
        { id: 'T-east', rank: 5, region_id: null, manager_id: null, units: null },
      ],
      pins: [
        { store_id: 'S-00007', external_id: 'CRM-7', territory_id: 'T-east' },
        { store_id: 'S-00011', external_id: 'CRM-11', territory_id: 'T-north' },
      ],
    });
  });

  it('rewinds outlines to RFC 7946 (outer counter-clockwise, holes clockwise), keeping every number', () => {
    const cw: PlanBundle = sampleBundle();
    const north = cw.territories[0]!.geometry as Polygon;
    north.coordinates = north.coordinates.map((ring) => ring.slice().reverse());
    const g = writePlanFile(cw, { people: [], stores: [] }).features[0]!.geometry as Polygon;
    expect(ringSignedArea(g.coordinates[0]!)).toBeGreaterThan(0);
    expect(ringSignedArea(g.coordinates[1]!)).toBeLessThan(0);
    expect(g).toEqual(sampleBundle().territories[0]!.geometry);
    // The input was not touched.
    expect(ringSignedArea(north.coordinates[0]!)).toBeLessThan(0);
  });

  it('sorts by rank, writes unknown people and regions as null, and a plan without pins/overlap', () => {
    const b = sampleBundle();
    b.territories.reverse();
    b.territories[0]!.managerId = 'P-gone' as typeof alice.id;
    delete b.plan.pins;
    delete b.plan.overlapMode;
    const d = writePlanFile(b, { people: [], stores: [] });
    expect(d.features.map((f) => f.id)).toEqual(['T-north', 'T-south', 'T-east']);
    expect(d.features[2]!.properties.territory_manager).toBeNull();
    expect(d.territory_planner.territories[2]!.manager_id).toBe('P-gone');
    expect(d.features[0]!.properties.territory_manager).toBeNull(); // no people given
    expect(d.territory_planner.pins).toEqual([]);
    expect(d.territory_planner.plan.overlap_mode).toBeNull();
    expect(d.territory_planner.app.version).toBeNull();
    expect(typeof d.territory_planner.plan.exported_at).toBe('string');
  });
});

describe('planFileName', () => {
  it('keeps the name readable and adds .plan.geojson', () => {
    expect(planFileName('FY27 realignment – West')).toBe('FY27 realignment – West.plan.geojson');
    expect(planFileName('Zürich Süd 🐾')).toBe('Zürich Süd 🐾.plan.geojson');
  });

  it('replaces characters file systems refuse and control characters', () => {
    expect(planFileName('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j.plan.geojson');
    expect(planFileName('tab\there\u0000nul\nline')).toBe('tab here nul line.plan.geojson');
    expect(planFileName('  ..hidden. ')).toBe('hidden.plan.geojson');
  });

  it('falls back to "plan", avoids Windows device names, caps the length', () => {
    expect(planFileName('')).toBe('plan.plan.geojson');
    expect(planFileName(' /// ')).toBe('plan.plan.geojson');
    expect(planFileName('CON')).toBe('CON plan.plan.geojson');
    const long = planFileName('x'.repeat(500));
    expect(long).toBe(`${'x'.repeat(120)}.plan.geojson`);
    const emoji = planFileName(`${'x'.repeat(119)}🐾`);
    expect(emoji).toBe(`${'x'.repeat(119)}.plan.geojson`); // never half an emoji
  });
});
