import { area, bbox } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { clipIntersect } from '../../../src/domain/editing/clipper';
import { normaliseTerritoryGeometry, findOverlaps, OVERLAP_MIN_AREA_KM2, OVERLAP_RELATIVE_AREA } from '../../../src/domain/territoryFiles';
import type { TerritoryGeometry } from '../../../src/domain/types';
import { loadUsCounties } from '../../fixtures/usCounties';

const box = (x0: number, y0: number, x1: number, y1: number): TerritoryGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
const km2 = (g: TerritoryGeometry): number => area(g) / 1e6;
const pairs = (features: { index: number; geometry: TerritoryGeometry }[]) => findOverlaps(features).map(({ a, b }) => [a, b]);

describe('findOverlaps', () => {
  it('reports an overlap with its area, and not a shared border or a shared corner', () => {
    const features = [
      { index: 1, geometry: box(0, 0, 2, 2) },
      { index: 2, geometry: box(1, 1, 3, 3) }, // overlaps 1 in [1,2]²
      { index: 3, geometry: box(2, 0, 4, 1) }, // shares a border with 1 and a stretch of border with 2
      { index: 4, geometry: box(3, 3, 4, 4) }, // shares a corner with 2
    ];
    const found = findOverlaps(features);
    expect(found.map(({ a, b }) => [a, b])).toEqual([[1, 2]]);
    expect(found[0]!.areaKm2).toBeCloseTo(km2(box(1, 1, 2, 2)), 6);
  });

  it('finds overlaps where no vertex of one lies inside the other', () => {
    const plus = [
      { index: 7, geometry: box(0, 0.4, 1, 0.6) },
      { index: 3, geometry: box(0.4, 0, 0.6, 1) },
    ];
    const found = findOverlaps(plus);
    expect(found.map(({ a, b }) => [a, b])).toEqual([[3, 7]]); // a < b whatever the input order
    expect(found[0]!.areaKm2).toBeCloseTo(km2(box(0.4, 0.4, 0.6, 0.6)), 6);
    // A triangle inscribed in a square: all its vertices on the square's outline.
    const inscribed = [
      { index: 1, geometry: box(10, 0, 11, 1) },
      { index: 2, geometry: { type: 'Polygon', coordinates: [[[10, 0], [11, 0.5], [10, 1], [10, 0]]] } as TerritoryGeometry },
    ];
    expect(pairs(inscribed)).toEqual([[1, 2]]);
    // Identical outlines (a duplicated territory).
    expect(pairs([{ index: 1, geometry: box(5, 5, 6, 6) }, { index: 2, geometry: box(5, 5, 6, 6) }])).toEqual([[1, 2]]);
    // A territory inside the hole of another does not overlap it.
    const donut: TerritoryGeometry = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]]] };
    expect(pairs([{ index: 1, geometry: donut }, { index: 2, geometry: box(4, 4, 6, 6) }])).toEqual([]);
  });

  it('ignores slivers below the threshold', () => {
    // Two 1°×1° squares at 40° N overlapping in a strip 1e-6° wide (≈ 0.009 km²): below
    // 1e-4 of either square (≈ 0.95 km²).
    const a = box(0, 40, 1, 41);
    const b = box(1 - 1e-6, 40, 2, 41);
    const strip = km2(box(1 - 1e-6, 40, 1, 41));
    expect(strip).toBeGreaterThan(OVERLAP_MIN_AREA_KM2);
    expect(strip).toBeLessThan(OVERLAP_RELATIVE_AREA * km2(a));
    expect(pairs([{ index: 1, geometry: a }, { index: 2, geometry: b }])).toEqual([]);
  });

  it('agrees with clipping every pair, on 400 real county outlines plus overlapping shapes', () => {
    const counties = loadUsCounties()
      .filter((c) => /^county-(48|40)/.test(String(c.id)))
      .map((c, i) => {
        const n = normaliseTerritoryGeometry(c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates);
        if (!n.ok) throw new Error(n.message);
        return { index: i + 1, geometry: n.value.geometry };
      });
    expect(counties.length).toBeGreaterThan(300);
    const extra = [box(-97.5, 32.5, -97, 33), box(-98, 35, -96, 35.2), box(-100.2, 31, -100, 36)];
    const features = [...counties, ...extra.map((geometry, k) => ({ index: 1000 + k, geometry }))];
    const fast = pairs(features);
    // Brute force: the clipper on every pair, with the same threshold rule.
    const brute: number[][] = [];
    for (let i = 0; i < features.length; i++) {
      for (let j = i + 1; j < features.length; j++) {
        const a = features[i]!, b = features[j]!;
        const polys = (g: TerritoryGeometry) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
        const [ax0, ay0, ax1, ay1] = bbox(a.geometry);
        const [bx0, by0, bx1, by1] = bbox(b.geometry);
        if (ax0 > bx1 || bx0 > ax1 || ay0 > by1 || by0 > ay1) continue; // boxes apart: nothing to clip
        const common = clipIntersect(polys(a.geometry), polys(b.geometry));
        if (common.length === 0) continue;
        const overlap = area({ type: 'MultiPolygon', coordinates: common }) / 1e6;
        if (overlap > Math.max(OVERLAP_MIN_AREA_KM2, OVERLAP_RELATIVE_AREA * Math.min(km2(a.geometry), km2(b.geometry)))) brute.push([a.index, b.index]);
      }
    }
    expect(fast).toEqual(brute.sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!));
    expect(fast.filter(([, b]) => b! >= 1000).length).toBeGreaterThan(10); // the extra shapes overlap counties
  });
});
