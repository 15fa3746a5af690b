import { area, booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { MERGE_REASONS, mergeTerritories } from '../../../src/domain/editing';
import { validateTerritoryGeometry } from '../../../src/domain/geometry';
import type { TerritoryGeometry } from '../../../src/domain/types';
import { LEFT_HALF, OVERLAP_HIGH, OVERLAP_LOW, RIGHT_HALF, SQUARE, TWO_SQUARES } from '../../fixtures/geometries';
import { loadUsCounties } from '../../fixtures/usCounties';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const poly = (...rings: number[][][]): Polygon => ({ type: 'Polygon', coordinates: rings });

function merged(geometries: TerritoryGeometry[]): TerritoryGeometry {
  const r = mergeTerritories(geometries);
  if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
  const checked = validateTerritoryGeometry(r.value);
  expect(checked.ok ? 'valid' : checked.message).toBe('valid');
  return r.value;
}

describe('mergeTerritories', () => {
  it('dissolves the shared edge of adjacent territories: one polygon, no sliver', () => {
    const g = merged([LEFT_HALF, RIGHT_HALF]);
    expect(g.type).toBe('Polygon');
    expect((g as Polygon).coordinates).toHaveLength(1);
    expect(rel(area(g), area(SQUARE))).toBeLessThan(1e-9);
    // along the old border the merged shape is interior, not boundary
    for (const y of [0.5, 3.3, 9.9]) expect(booleanPointInPolygon([5, y], g, { ignoreBoundary: true })).toBe(true);
    // no vertex left on the old border except where the outline crosses it
    const onBorder = (g as Polygon).coordinates[0]!.filter((p) => p[0] === 5 && p[1]! > 0 && p[1]! < 10);
    expect(onBorder).toEqual([]);
  });

  it('keeps disjoint territories as the parts of a MultiPolygon', () => {
    const [a, b] = TWO_SQUARES.coordinates;
    const g = merged([poly(...a!), poly(...b!)]);
    expect(g.type).toBe('MultiPolygon');
    expect((g as { coordinates: unknown[] }).coordinates).toHaveLength(2);
    expect(rel(area(g), area(TWO_SQUARES))).toBeLessThan(1e-9);
  });

  it('counts an overlap once', () => {
    const g = merged([OVERLAP_LOW, OVERLAP_HIGH]);
    const overlap = area(poly([[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]));
    expect(rel(area(g), area(OVERLAP_LOW) + area(OVERLAP_HIGH) - overlap)).toBeLessThan(1e-9);
  });

  it('merges three real adjacent counties into one polygon without holes', () => {
    const counties = loadUsCounties();
    // Douglas, Johnson and Leavenworth, Kansas: pairwise adjacent
    const ids = ['county-20045', 'county-20091', 'county-20103'];
    const picked = ids.map((id) => counties.find((c) => c.id === id)!);
    const g = merged(picked.map((c) => c.geometry));
    expect(g.type).toBe('Polygon');
    expect((g as Polygon).coordinates).toHaveLength(1);
    const sum = picked.reduce((s, c) => s + area(c.geometry), 0);
    expect(rel(area(g), sum)).toBeLessThan(1e-6);
  });

  it('returns a single territory unchanged and refuses empty or invalid input', () => {
    expect(mergeTerritories([SQUARE])).toEqual({ ok: true, value: SQUARE });
    const empty = mergeTerritories([]);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.reason).toBe('empty-input');
    const bad = mergeTerritories([SQUARE, poly([[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]])]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.reason).toBe('invalid-geometry');
      expect(bad.message).toMatch(/Territory 2/);
      expect(MERGE_REASONS).toContain(bad.reason);
    }
  });
});
