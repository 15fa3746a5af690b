import { area, booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { clipAgainstNeighbours, CLIP_REASONS, COORDINATE_DECIMALS } from '../../../src/domain/editing';
import { validateTerritoryGeometry } from '../../../src/domain/geometry';
import type { TerritoryGeometry } from '../../../src/domain/types';
import { loadUsCounties } from '../../fixtures/usCounties';

const square = (x0: number, y0: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]],
});
const poly = (...rings: number[][][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const expectValid = (g: TerritoryGeometry | null | undefined): void => {
  expect(g).toBeTruthy();
  const checked = validateTerritoryGeometry(g);
  expect(checked.ok ? 'valid' : checked.message).toBe('valid');
};
const inside = (g: TerritoryGeometry, x: number, y: number): boolean => booleanPointInPolygon([x, y], g, { ignoreBoundary: true });

// A = (0..6)², B = (4..10)²: they overlap in (4..6)².
const A = square(0, 0, 6);
const B = square(4, 4, 6);
/** B without the overlap, drawn by hand. */
const B_MINUS_A = poly([[6, 4], [10, 4], [10, 10], [4, 10], [4, 6], [6, 6], [6, 4]]);
const A_MINUS_B = poly([[0, 0], [6, 0], [6, 4], [4, 4], [4, 6], [0, 6], [0, 0]]);

describe('clipAgainstNeighbours', () => {
  it("'take': the neighbour loses the overlap, the shape is unchanged", () => {
    const r = clipAgainstNeighbours(A, [{ id: 'b', geometry: B, locked: false }], 'take');
    if (!r.ok) throw new Error(r.message);
    expect(r.value.shapeClipped).toBe(false);
    expect(area(r.value.shape)).toBeCloseTo(area(A), 3);
    expect(r.value.neighbours).toHaveLength(1);
    const b = r.value.neighbours[0]!;
    expect(b.id).toBe('b');
    expectValid(b.geometry);
    expect(rel(area(b.geometry!), area(B_MINUS_A))).toBeLessThan(1e-9);
    expect(inside(b.geometry!, 5, 5)).toBe(false);
    expect(inside(b.geometry!, 8, 8)).toBe(true);
  });

  it("'yield': the shape loses the overlap, neighbours are untouched", () => {
    const r = clipAgainstNeighbours(A, [{ id: 'b', geometry: B, locked: false }], 'yield');
    if (!r.ok) throw new Error(r.message);
    expect(r.value.shapeClipped).toBe(true);
    expect(r.value.neighbours).toEqual([]);
    expectValid(r.value.shape);
    expect(rel(area(r.value.shape), area(A_MINUS_B))).toBeLessThan(1e-9);
    expect(inside(r.value.shape, 5, 5)).toBe(false);
  });

  it("'take' never clips a locked neighbour: the shape yields to it instead", () => {
    // C is locked and overlaps A in (4..6) × (0..2); B is unlocked and overlaps in (4..6)².
    const C = square(4, -4, 6);
    const r = clipAgainstNeighbours(A, [{ id: 'b', geometry: B, locked: false }, { id: 'c', geometry: C, locked: true }], 'take');
    if (!r.ok) throw new Error(r.message);
    expect(r.value.shapeClipped).toBe(true);
    expect(r.value.neighbours.map((n) => n.id)).toEqual(['b']);
    const expectedShape = poly([[0, 0], [4, 0], [4, 2], [6, 2], [6, 6], [0, 6], [0, 0]]);
    expectValid(r.value.shape);
    expect(rel(area(r.value.shape), area(expectedShape))).toBeLessThan(1e-9);
    expect(inside(r.value.shape, 5, 1)).toBe(false);
    expect(rel(area(r.value.neighbours[0]!.geometry!), area(B_MINUS_A))).toBeLessThan(1e-9);
  });

  it("'take' of a shape drawn inside a neighbour punches a hole in it", () => {
    const big = square(0, 0, 10);
    const small = square(3, 3, 2);
    const r = clipAgainstNeighbours(small, [{ id: 'big', geometry: big, locked: false }], 'take');
    if (!r.ok) throw new Error(r.message);
    const g = r.value.neighbours[0]!.geometry!;
    expectValid(g);
    expect(g.type).toBe('Polygon');
    expect((g as Polygon).coordinates).toHaveLength(2); // outline + hole
    expect(rel(area(g), area(big) - area(small))).toBeLessThan(1e-9);
    expect(inside(g, 4, 4)).toBe(false);
    expect(inside(g, 1, 1)).toBe(true);
  });

  it('clips every part of a MultiPolygon neighbour', () => {
    const two: TerritoryGeometry = { type: 'MultiPolygon', coordinates: [square(0, 0, 4).coordinates, square(6, 0, 4).coordinates] };
    const band = poly([[-1, 1], [11, 1], [11, 3], [-1, 3], [-1, 1]]); // crosses both parts
    const r = clipAgainstNeighbours(band, [{ id: 'two', geometry: two, locked: false }], 'take');
    if (!r.ok) throw new Error(r.message);
    const g = r.value.neighbours[0]!.geometry!;
    expectValid(g);
    // each 4×4 part loses a 4×2 strip and falls apart in two: 4 parts of 4×1
    expect(g.type).toBe('MultiPolygon');
    expect((g as { coordinates: unknown[] }).coordinates).toHaveLength(4);
    const strip = area(poly([[0, 1], [4, 1], [4, 3], [0, 3], [0, 1]])) + area(poly([[6, 1], [10, 1], [10, 3], [6, 3], [6, 1]]));
    expect(rel(area(g), area(two) - strip)).toBeLessThan(1e-9);
  });

  it('reports a neighbour entirely covered by the shape as null', () => {
    const r = clipAgainstNeighbours(square(0, 0, 10), [{ id: 'inner', geometry: square(2, 2, 3), locked: false }], 'take');
    if (!r.ok) throw new Error(r.message);
    expect(r.value.neighbours).toEqual([{ id: 'inner', geometry: null }]);
  });

  it('leaves far and merely touching neighbours out of the result', () => {
    const r = clipAgainstNeighbours(
      A,
      [
        { id: 'far', geometry: square(20, 20, 3), locked: false },
        { id: 'touching', geometry: square(6, 0, 3), locked: false },
      ],
      'take',
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.value.neighbours).toEqual([]);
    expect(r.value.shape).toEqual(A);
    const y = clipAgainstNeighbours(A, [{ id: 'touching', geometry: square(6, 0, 3), locked: false }], 'yield');
    if (!y.ok) throw new Error(y.message);
    expect(y.value.shapeClipped).toBe(false);
    expect(y.value.shape).toEqual(A);
  });

  it('refuses with a reason, never throws', () => {
    const bowTie = poly([[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]]);
    const bad = clipAgainstNeighbours(bowTie, [], 'take');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toBe('invalid-shape');
    const badNeighbour = clipAgainstNeighbours(A, [{ id: 'x', geometry: bowTie, locked: false }], 'take');
    if (!badNeighbour.ok) expect(badNeighbour.reason).toBe('invalid-neighbour');
    expect(badNeighbour.ok).toBe(false);
    const covered = clipAgainstNeighbours(square(2, 2, 2), [{ id: 'lock', geometry: square(0, 0, 10), locked: true }], 'take');
    expect(covered.ok).toBe(false);
    if (!covered.ok) {
      expect(covered.reason).toBe('empty-result');
      expect(covered.message).toMatch(/locked/);
    }
    const yielded = clipAgainstNeighbours(square(2, 2, 2), [{ id: 'n', geometry: square(0, 0, 10), locked: false }], 'yield');
    if (!yielded.ok) expect(yielded.reason).toBe('empty-result');
    for (const r of [bad, badNeighbour, covered, yielded]) if (!r.ok) expect(CLIP_REASONS).toContain(r.reason);
  });

  it('rounds only the vertices it creates, and repeating the edit changes nothing', () => {
    // an awkward diagonal: intersection points have long binary tails
    const shape = poly([[0.1, 0.1], [3.3, 0.2], [2.9, 3.7], [0.2, 2.9], [0.1, 0.1]]);
    const n = poly([[1.7, -1.3], [5.1, 1.9], [1.9, 4.9], [1.7, -1.3]]);
    const r = clipAgainstNeighbours(shape, [{ id: 'n', geometry: n, locked: false }], 'take');
    if (!r.ok) throw new Error(r.message);
    const g = r.value.neighbours[0]!.geometry!;
    expectValid(g);
    const inputs = new Set([...shape.coordinates[0]!, ...n.coordinates[0]!].map((p) => `${p[0]},${p[1]}`));
    const scale = 10 ** COORDINATE_DECIMALS;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const ring of polygons.flat()) {
      for (const [x, y] of ring as [number, number][]) {
        if (inputs.has(`${x},${y}`)) continue;
        expect(Math.round(x * scale) / scale).toBe(x);
        expect(Math.round(y * scale) / scale).toBe(y);
      }
    }
    const again = clipAgainstNeighbours(shape, [{ id: 'n', geometry: g, locked: false }], 'take');
    if (!again.ok) throw new Error(again.message);
    expect(again.value.neighbours).toEqual([]); // nothing left to take: no float noise
  });

  it('takes exactly the drawn area from real counties', () => {
    const counties = loadUsCounties();
    // A box over eastern Kansas, and the counties it touches.
    const box = poly([[-96.3, 38.2], [-94.9, 38.2], [-94.9, 39.3], [-96.3, 39.3], [-96.3, 38.2]]);
    const near = counties.filter((c) => c.bbox[0] < -94.9 && c.bbox[2] > -96.3 && c.bbox[1] < 39.3 && c.bbox[3] > 38.2);
    const valid = near.filter((c) => validateTerritoryGeometry(c.geometry).ok);
    expect(valid.length).toBeGreaterThan(8);
    const r = clipAgainstNeighbours(box, valid.map((c) => ({ id: c.id, geometry: c.geometry, locked: false })), 'take');
    if (!r.ok) throw new Error(r.message);
    const after = new Map(r.value.neighbours.map((n) => [n.id, n.geometry]));
    expect(after.size).toBeGreaterThan(8);
    for (const g of after.values()) if (g) expectValid(g);
    // Independent check at sample points: inside the box → in no clipped county; outside →
    // in a clipped county exactly when it was in the original county.
    let checked = 0;
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < 40; j++) {
        const x = -96.6 + (2 * (i + 0.37)) / 40;
        const y = 37.9 + (1.7 * (j + 0.61)) / 40;
        const inBox = inside(box, x, y);
        for (const c of valid) {
          const before = inside(c.geometry, x, y);
          const g = after.has(c.id) ? after.get(c.id)! : c.geometry;
          const now = g ? inside(g, x, y) : false;
          expect(now).toBe(inBox ? false : before);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
