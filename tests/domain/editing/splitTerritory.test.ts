import { area, booleanPointInPolygon } from '@turf/turf';
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { SPLIT_REASONS, splitTerritory } from '../../../src/domain/editing';
import { validateTerritoryGeometry } from '../../../src/domain/geometry';
import type { TerritoryGeometry } from '../../../src/domain/types';
import { SQUARE, SQUARE_WITH_HOLE, TWO_SQUARES, U_SHAPE } from '../../fixtures/geometries';
import { loadUsCounties } from '../../fixtures/usCounties';

const line = (...coordinates: number[][]): LineString => ({ type: 'LineString', coordinates });
const poly = (...rings: number[][][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const inside = (g: TerritoryGeometry, x: number, y: number): boolean => booleanPointInPolygon([x, y], g, { ignoreBoundary: true });
/** Planar area in square degrees: Σ |outer| − Σ |holes| (shoelace). */
function planarArea(g: TerritoryGeometry): number {
  const ringArea = (ring: number[][]): number => {
    let a = 0;
    for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
    return Math.abs(a / 2);
  };
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.reduce((sum, p) => sum + ringArea(p[0]!) - p.slice(1).reduce((h, r) => h + ringArea(r), 0), 0);
}
const parts = (g: TerritoryGeometry): number => (g.type === 'Polygon' ? 1 : g.coordinates.length);

function split(g: TerritoryGeometry, l: LineString): [TerritoryGeometry, TerritoryGeometry] {
  const r = splitTerritory(g, l);
  if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
  for (const side of r.value) {
    const checked = validateTerritoryGeometry(side);
    expect(checked.ok ? 'valid' : checked.message).toBe('valid');
  }
  // The two sides always add up to the territory. Planar (shoelace) area is exactly
  // additive; turf's geodesic formula is not quite when an edge is split in the middle.
  expect(rel(planarArea(r.value[0]) + planarArea(r.value[1]), planarArea(g))).toBeLessThan(1e-9); // new vertices are rounded to 1e-9°
  return r.value;
}

describe('splitTerritory', () => {
  it('cuts a square along a straight line: [left, right] of the line as drawn', () => {
    const [left, right] = split(SQUARE, line([4, -1], [4, 11])); // drawn northwards
    expect(rel(area(left), area(poly([[0, 0], [4, 0], [4, 10], [0, 10], [0, 0]])))).toBeLessThan(1e-9);
    expect(rel(area(right), area(poly([[4, 0], [10, 0], [10, 10], [4, 10], [4, 0]])))).toBeLessThan(1e-9);
    expect(inside(left, 2, 5)).toBe(true);
    expect(inside(right, 7, 5)).toBe(true);
    // drawn the other way round, the sides swap
    const [left2, right2] = split(SQUARE, line([4, 11], [4, -1]));
    expect(inside(left2, 7, 5)).toBe(true);
    expect(inside(right2, 2, 5)).toBe(true);
  });

  it('cuts along a zig-zag line, sharing the intersection points exactly', () => {
    const [above, below] = split(SQUARE, line([-1, 5], [3, 2], [6, 8], [11, 5]));
    // Crossings worked out by hand: x = 0 at y = 4.25, x = 10 at y = 5.6.
    const expectedBelow = poly([[0, 0], [10, 0], [10, 5.6], [6, 8], [3, 2], [0, 4.25], [0, 0]]);
    expect(rel(area(below), area(expectedBelow))).toBeLessThan(1e-9);
    expect(rel(area(above), area(SQUARE) - area(expectedBelow))).toBeLessThan(1e-9);
    expect(inside(above, 3, 3)).toBe(true); // above the V at x = 3
    expect(inside(below, 6, 7)).toBe(true); // below the peak at x = 6
    const vertices = (g: TerritoryGeometry) => new Set((g as Polygon).coordinates[0]!.map((p) => `${p[0]},${p[1]}`));
    const shared = [...vertices(above)].filter((k) => vertices(below).has(k));
    expect(shared.sort()).toEqual(['0,4.25', '10,5.6', '3,2', '6,8'].sort());
  });

  it('refuses a line that does not cross the territory completely', () => {
    const cases = [
      line([4, -1], [4, 5]), // ends inside
      line([4, 5], [4, 11]), // starts inside
      line([12, 0], [12, 10]), // misses
      line([-1, 1], [1, -1]), // clips the corner only at a point
      line([0, -1], [0, 11]), // runs along the border
    ];
    for (const l of cases) {
      const r = splitTerritory(SQUARE, l);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toBe('line-does-not-cross');
    }
  });

  it('refuses bad input with a reason', () => {
    const bad = [
      splitTerritory(SQUARE, line([4, -1])),
      splitTerritory(SQUARE, line([4, -1], [4, -1])),
      splitTerritory(SQUARE, { type: 'Point', coordinates: [1, 1] } as unknown as LineString),
      splitTerritory(SQUARE, line([4, -1], [4, NaN])),
    ];
    for (const r of bad) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toBe('invalid-line');
    }
    const bowTie = splitTerritory(poly([[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]]), line([2, -1], [2, 5]));
    expect(bowTie.ok).toBe(false);
    if (!bowTie.ok) {
      expect(bowTie.reason).toBe('invalid-geometry');
      expect(SPLIT_REASONS).toContain(bowTie.reason);
    }
  });

  it('splits one part of a MultiPolygon; an untouched part goes to the side it lies on', () => {
    // TWO_SQUARES: (0..2)² and (5..7)²; the line cuts the first at x = 1, northwards.
    const [left, right] = split(TWO_SQUARES, line([1, -1], [1, 3]));
    expect(parts(left)).toBe(1);
    expect(parts(right)).toBe(2); // right half of the first square + the second square
    expect(rel(area(left), area(poly([[0, 0], [1, 0], [1, 2], [0, 2], [0, 0]])))).toBeLessThan(1e-9);
    expect(inside(right, 6, 6)).toBe(true);
    expect(inside(right, 1.5, 1)).toBe(true);
  });

  it('cuts one arm of a concave shape without touching the other arm', () => {
    // U_SHAPE: 9 × 9 block with the notch x 3..6, y 3..9. A line across the right arm only,
    // ending in the notch: the left arm must stay whole (a half-plane method would cut it).
    const [above, rest] = split(U_SHAPE, line([10, 6], [4.5, 6]));
    // drawn westwards: its left is the south side
    const rightArmTop = poly([[6, 6], [9, 6], [9, 9], [6, 9], [6, 6]]);
    expect(rel(area(rest), area(rightArmTop))).toBeLessThan(1e-9);
    expect(rel(area(above), area(U_SHAPE) - area(rightArmTop))).toBeLessThan(1e-9);
    expect(inside(above, 1.5, 8)).toBe(true); // left arm intact, with the base
  });

  it('groups more than two pieces by side of the line', () => {
    // Across both arms of the U (and the notch in between): 3 pieces, the two arm tops
    // north of the line (its left, drawn eastwards) and the base south of it.
    const [north, south] = split(U_SHAPE, line([-1, 6], [10, 6]));
    expect(parts(north)).toBe(2);
    expect(parts(south)).toBe(1);
    const tops = area(poly([[0, 6], [3, 6], [3, 9], [0, 9], [0, 6]])) + area(poly([[6, 6], [9, 6], [9, 9], [6, 9], [6, 6]]));
    expect(rel(area(north), tops)).toBeLessThan(1e-9);
    // A line that leaves the square and comes back in: 3 pieces, grouped 2 + 1.
    const [l2, r2] = split(SQUARE, line([-1, 3], [5, 3], [5, 12], [7, 12], [7, -1]));
    expect(parts(l2) + parts(r2)).toBe(3);
  });

  it('cuts through a hole: both pieces keep only their share of the outline', () => {
    // SQUARE_WITH_HOLE: hole x, y in 3..7; a line through the middle of the hole.
    const [left, right] = split(SQUARE_WITH_HOLE, line([5, -1], [5, 11]));
    for (const side of [left, right]) {
      expect(side.type).toBe('Polygon');
      expect((side as Polygon).coordinates).toHaveLength(1); // the hole became a notch
    }
    expect(rel(area(left), area(right))).toBeLessThan(1e-9);
    // A line into the hole and out again on the same side does not divide the territory.
    const r = splitTerritory(SQUARE_WITH_HOLE, line([-1, 5], [5, 5]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('line-does-not-cross');
    // A hole the line does not touch stays a hole of its piece.
    const [west, east] = split(SQUARE_WITH_HOLE, line([1, -1], [1, 11]));
    expect((west as Polygon).coordinates).toHaveLength(1);
    expect((east as Polygon).coordinates).toHaveLength(2);
  });

  it('splits a real county outline and keeps every vertex off the cut exactly', () => {
    const county = loadUsCounties().find((c) => validateTerritoryGeometry(c.geometry).ok && c.bbox[2] - c.bbox[0] > 0.6)!;
    const [minX, minY, maxX, maxY] = county.bbox;
    const midX = (minX + maxX) / 2;
    const [a, b] = split(county.geometry, line([midX - 0.013, minY - 0.1], [midX + 0.021, (minY + maxY) / 2], [midX - 0.007, maxY + 0.1]));
    const original = new Set(
      (county.geometry.type === 'Polygon' ? [county.geometry.coordinates] : county.geometry.coordinates).flat(2).map((p) => `${p[0]},${p[1]}`),
    );
    const kept = [a, b]
      .flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : (g as MultiPolygon).coordinates))
      .flat(2)
      .filter((p) => original.has(`${p[0]},${p[1]}`));
    expect(kept.length).toBeGreaterThan(10);
  });
});
