import { area } from '@turf/turf';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ringSignedArea } from '../../../src/domain/geometry';
import { normaliseTerritoryGeometry } from '../../../src/domain/territoryFiles';
import type { TerritoryGeometry } from '../../../src/domain/types';
import { expectUsable, fixture, inside, readOk } from './helpers';

const box = (x0: number, y0: number, x1: number, y1: number): TerritoryGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

function normalise(...polygons: Position[][][]) {
  const r = normaliseTerritoryGeometry(polygons);
  if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
  expectUsable(r.value.geometry);
  return r.value;
}

function refused(...polygons: unknown[]) {
  const r = normaliseTerritoryGeometry(polygons);
  if (r.ok) throw new Error('expected a refusal');
  return r;
}

const planarArea = (g: TerritoryGeometry): number =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).reduce(
    (sum, p) => sum + p.reduce((s, ring, r) => s + (r === 0 ? 1 : -1) * Math.abs(ringSignedArea(ring)), 0),
    0,
  );

describe('normaliseTerritoryGeometry', () => {
  it('takes a valid polygon as is (closed, 2-D, counter-clockwise) without a note', () => {
    const n = normalise([[[0, 0], [0, 1], [1, 1], [1, 0]]]); // clockwise and open
    expect(n.notes).toEqual([]);
    expect(n.geometry.coordinates).toEqual([[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]);
  });

  it('drops Z and M values with a note, and repeated points silently', () => {
    const n = normalise([[[0, 0, 5, 1], [1, 0, 5, 1], [1, 0, 5, 1], [1, 1, 5, 1], [0, 0, 5, 1]]]);
    expect(n.notes).toEqual(['3D coordinates dropped']);
    expect(n.geometry.coordinates).toEqual([[[0, 0], [1, 0], [1, 1], [0, 0]]]);
  });

  it('splits a ring pinched at a vertex (a figure eight touching itself) into two parts', () => {
    const n = normalise([[[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]]);
    expect(n.geometry.type).toBe('MultiPolygon');
    expect(n.geometry.coordinates).toHaveLength(2);
    expect(planarArea(n.geometry)).toBe(2); // two triangles of area 1
    expect(n.notes[0]).toMatch(/^repaired: the outline touches itself near/);
  });

  it('removes a spike (out and straight back) without moving any vertex', () => {
    const n = normalise([[[0, 0], [4, 0], [4, 4], [4, 6], [4, 4], [0, 4], [0, 0]]]);
    expect(n.geometry.coordinates).toEqual([[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]);
    expect(n.notes[0]).toMatch(/^repaired:/);
  });

  it('re-nests: a part inside another becomes a hole; a hole outside its outline becomes a part', () => {
    const nested = normalise([[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]], [[[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]);
    expect(nested.geometry.type).toBe('Polygon');
    expect(nested.geometry.coordinates).toHaveLength(2);
    expect(inside(nested.geometry, 5, 5)).toBe(false);
    expect(nested.notes).toEqual(['repaired: a part lying inside another part became a hole']);

    const stray = normalise([[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]);
    expect(stray.geometry.type).toBe('MultiPolygon');
    expect(inside(stray.geometry, 5.5, 5.5)).toBe(true); // even–odd: the file's "hole" is area
    expect(stray.notes[0]).toMatch(/^repaired: a hole in the outline .* lies outside the outline\.$/);
  });

  it('repairs a small twist with the clipper, and refuses a bow-tie whose meaning is ambiguous', () => {
    // A 10×10 square whose last vertex dips below the first edge: a 0.005 deg² inverted lobe.
    const twisted = normalise([[[0, 0], [10, 0], [10, 10], [0, 10], [0.1, -0.1], [0, 0]]]);
    expect(twisted.notes[0]).toMatch(/^repaired: the outline crosses itself near .*The crossing was removed\.$/);
    expect(Math.abs(planarArea(twisted.geometry) - 100) / 100).toBeLessThan(0.01);

    const bowTie = refused([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]);
    expect(bowTie.reason).toBe('invalid-geometry');
    expect(bowTie.message).toMatch(/crosses itself near .* cannot be repaired without guessing/);
    // Unequal lobes (0.375 and 3.375): the clipper's union would add 25 % of area.
    expect(refused([[[0, 0], [3, 3], [3, 0], [0, 1], [0, 0]]]).reason).toBe('invalid-geometry');
  });

  it('refuses shapes without area, NaN/Infinity, impossible latitudes and broken structure', () => {
    expect(refused([[[0, 0], [1, 1], [2, 2], [0, 0]]]).reason).toBe('no-area');
    expect(refused([[[0, 0], [1, 0]]]).reason).toBe('no-area');
    expect(refused([[[0, 0], [NaN, 0], [1, 1], [0, 0]]]).reason).toBe('non-finite-coordinate');
    expect(refused([[[0, 0], [Infinity, 0], [1, 1], [0, 0]]]).reason).toBe('non-finite-coordinate');
    const north = refused([[[0, 0], [1, 0], [1, 91], [0, 0]]]);
    expect(north.reason).toBe('out-of-range');
    expect(north.message).toMatch(/^Point 3 of the outline is at longitude 1, latitude 91/);
    expect(refused([[[45, 120], [46, 120], [46, 121], [45, 120]]]).message).toMatch(/look swapped/);
    expect(refused('not rings').reason).toBe('not-a-polygon');
    expect(refused([[['a', 'b']]]).reason).toBe('non-finite-coordinate');
  });

  it('splits an outline written across the antimeridian (179.5 … −179.5) at 180°', () => {
    const n = normalise([[[179.5, 51], [-179.5, 51], [-179.5, 52], [179.5, 52], [179.5, 51]]]);
    expect(n.notes).toEqual(['split at the antimeridian (180°) into 2 parts']);
    expect(n.geometry.type).toBe('MultiPolygon');
    // Stores on both sides of 180° are inside; one in the Atlantic is not (read literally it would be).
    expect(inside(n.geometry, 179.8, 51.5)).toBe(true);
    expect(inside(n.geometry, -179.8, 51.5)).toBe(true);
    expect(inside(n.geometry, 0, 51.5)).toBe(false);
    expect(area(n.geometry)).toBeCloseTo(area(box(179.5, 51, 180, 52)) + area(box(-180, 51, -179.5, 52)), 0);
  });

  it('splits longitudes beyond 180 and moves 0…360 outlines into −180…180', () => {
    const split = normalise([[[170, 10], [190, 10], [190, 20], [170, 20], [170, 10]]]);
    expect(split.geometry.type).toBe('MultiPolygon');
    expect(inside(split.geometry, -175, 15)).toBe(true);
    expect(inside(split.geometry, 175, 15)).toBe(true);
    expect(inside(split.geometry, 0, 15)).toBe(false);

    const moved = normalise([[[185, 10], [195, 10], [195, 20], [185, 20], [185, 10]]]);
    expect(moved.notes).toEqual(['longitudes moved by 360° into −180…180']);
    expect(moved.geometry.coordinates).toEqual(box(-175, 10, -165, 20).coordinates);
  });

  it('refuses an outline circling a pole', () => {
    const r = refused([[[0, 80], [120, 80], [-120, 80], [0, 80]]]);
    expect(r.reason).toBe('encircles-pole');
  });

  it('reads the antimeridian fixture with every store where the file puts it', async () => {
    const c = await readOk(fixture('antimeridian.geojson'), 'pacific.geojson');
    const [aleutians, fiji, samoa] = c.features;
    expect(aleutians!.note).toMatch(/split at the antimeridian/);
    expect(inside(aleutians!.geometry!, -179.9, 51.5)).toBe(true);
    expect(fiji!.note).toMatch(/split at the antimeridian/);
    expect(inside(fiji!.geometry!, 178.4, -18.1)).toBe(true); // Suva
    expect(inside(fiji!.geometry!, -179.5, -17)).toBe(true); // Lau islands, written as 180.5
    expect(samoa!.geometry!.coordinates).toEqual(box(-173, -15, -171, -13).coordinates);
    for (const f of c.features) expectUsable(f.geometry);
  });
});
