import { area, booleanPointInPolygon, intersect, featureCollection, feature } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { featureName, findOverlaps, territoriesFromFile, type OverlapResolution, type TerritoryFileFeature } from '../../../src/domain/territoryFiles';
import type { PlanId, TerritoryGeometry, TerritoryId } from '../../../src/domain/types';

const ring = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
const box = (x0: number, y0: number, x1: number, y1: number): TerritoryGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
const feat = (index: number, name: string | null, geometry: TerritoryGeometry | null): TerritoryFileFeature => ({
  index,
  properties: { NAME: name },
  geometry,
  ...(geometry ? {} : { problem: { reason: 'self-intersection' as never, message: `Feature ${index} crosses itself` } }),
});
const opts = (overlap: OverlapResolution) => ({
  planId: 'plan-x' as PlanId,
  nameField: 'NAME',
  overlap,
  palette: ['#111111', '#222222'],
  newId: (i: number) => `T-${i}` as TerritoryId,
});
const run = (features: TerritoryFileFeature[], overlap: OverlapResolution) => {
  const accepted = features.filter((f) => f.geometry).map((f) => ({ index: f.index, geometry: f.geometry! }));
  return territoriesFromFile(features, findOverlaps(accepted), opts(overlap));
};
const overlapArea = (a: TerritoryGeometry, b: TerritoryGeometry) => {
  const x = intersect(featureCollection([feature(a), feature(b)]));
  return x ? area(x) : 0;
};

describe('territoriesFromFile', () => {
  it('takes a boundary file without overlaps as it is, in file order, skipping refused features', () => {
    const features = [feat(1, 'North', box(0, 1, 1, 2)), feat(2, 'Broken', null), feat(3, 'South', box(0, 0, 1, 1)), feat(4, 'East', box(1, 0, 2, 2))];
    const res = run(features, 'take');
    expect(res.territories.map((t) => [t.id, t.name, t.rank, t.color])).toEqual([
      ['T-0', 'North', 0, '#111111'],
      ['T-1', 'South', 1, '#222222'],
      ['T-2', 'East', 2, '#111111'],
    ]);
    expect(res.territories[0]!.geometry).toEqual(box(0, 1, 1, 2));
    expect(res.territories.every((t) => t.planId === 'plan-x' && !t.locked && t.managerId === null)).toBe(true);
    expect(res.notes).toEqual([]);
    expect(res.dropped).toEqual([]);
  });

  it("'take': the later feature keeps the overlap; 'yield': the earlier one does; 'allow' keeps both", () => {
    const features = [feat(1, 'West', box(0, 0, 2, 2)), feat(2, 'East', box(1, 0, 3, 2))];
    const inOverlap = [1.5, 1];
    const take = run(features, 'take');
    expect(overlapArea(take.territories[0]!.geometry, take.territories[1]!.geometry)).toBeLessThan(1);
    expect(booleanPointInPolygon(inOverlap, take.territories[1]!.geometry)).toBe(true);
    expect(booleanPointInPolygon(inOverlap, take.territories[0]!.geometry)).toBe(false);
    expect(take.notes[0]).toMatch(/1 overlap resolved: later territories/);

    const yieldRes = run(features, 'yield');
    expect(overlapArea(yieldRes.territories[0]!.geometry, yieldRes.territories[1]!.geometry)).toBeLessThan(1);
    expect(booleanPointInPolygon(inOverlap, yieldRes.territories[0]!.geometry)).toBe(true);
    expect(booleanPointInPolygon(inOverlap, yieldRes.territories[1]!.geometry)).toBe(false);

    const allow = run(features, 'allow');
    expect(allow.territories.map((t) => t.geometry)).toEqual([box(0, 0, 2, 2), box(1, 0, 3, 2)]);
    expect(allow.notes[0]).toMatch(/1 overlap is kept; in each, the territory earlier in the file gets the stores/);
  });

  it('a feature inside an earlier one punches a hole with take, and is dropped (and named) with yield', () => {
    const features = [feat(1, 'County', box(0, 0, 4, 4)), feat(2, 'City', box(1, 1, 2, 2))];
    const take = run(features, 'take');
    expect(take.territories).toHaveLength(2);
    const county = take.territories[0]!.geometry;
    expect(county.type === 'Polygon' && county.coordinates.length).toBe(2); // outer ring + hole
    expect(booleanPointInPolygon([1.5, 1.5], county)).toBe(false);

    const yieldRes = run(features, 'yield');
    expect(yieldRes.territories.map((t) => t.name)).toEqual(['County']);
    expect(yieldRes.dropped).toEqual([{ index: 2, name: 'City', reason: 'it lies entirely inside territories earlier in the file' }]);
  });

  it('an earlier feature covered entirely by a later one is dropped with take', () => {
    const features = [feat(1, 'Small', box(1, 1, 2, 2)), feat(2, 'Big', box(0, 0, 4, 4))];
    const res = run(features, 'take');
    expect(res.territories.map((t) => t.name)).toEqual(['Big']);
    expect(res.dropped).toEqual([{ index: 1, name: 'Small', reason: 'Big (feature 2) covers it entirely' }]);
  });

  it('resolves multipolygon features, and three features overlapping in a chain', () => {
    const multi: TerritoryGeometry = { type: 'MultiPolygon', coordinates: [ring(0, 0, 2, 1), ring(5, 0, 6, 1)] };
    const features = [feat(1, 'A', multi), feat(2, 'B', box(1, 0, 5.5, 1)), feat(3, 'C', box(5.2, 0, 7, 1))];
    const res = run(features, 'take');
    expect(res.territories).toHaveLength(3);
    const [a, b, c] = res.territories.map((t) => t.geometry);
    expect(overlapArea(a!, b!)).toBeLessThan(1);
    expect(overlapArea(b!, c!)).toBeLessThan(1);
    expect(overlapArea(a!, c!)).toBeLessThan(1);
    expect(booleanPointInPolygon([5.7, 0.5], c!)).toBe(true);
  });

  it('returns nothing for a file with no accepted features', () => {
    expect(territoriesFromFile([feat(1, 'x', null)], [], opts('take'))).toEqual({ territories: [], notes: [], dropped: [] });
    expect(territoriesFromFile([], [], opts('yield'))).toEqual({ territories: [], notes: [], dropped: [] });
  });
});

describe('featureName', () => {
  it('uses the field as text, trimmed and collapsed, else the feature number', () => {
    expect(featureName({ NAME: '  Cook   County ' }, 'NAME', 3)).toBe('Cook County');
    expect(featureName({ DIST: 12 }, 'DIST', 3)).toBe('12');
    expect(featureName({ NAME: null }, 'NAME', 3)).toBe('Territory 3');
    expect(featureName({ NAME: '   ' }, 'NAME', 4)).toBe('Territory 4');
    expect(featureName({ NAME: 'x' }, null, 5)).toBe('Territory 5');
    expect(featureName({ NAME: 'y'.repeat(300) }, 'NAME', 1)).toHaveLength(120);
  });
});
