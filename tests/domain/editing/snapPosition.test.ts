import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { distance, pointToLineDistance } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { loadUsUnits } from '../../../src/domain/baseUnits';
import { buildSnapIndex, METERS_PER_DEGREE, snapPosition } from '../../../src/domain/editing';
import { mulberry32 } from '../../bench/benchUtils';

const square = (x0: number, y0: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]],
});
/** Degrees of latitude for `m` metres (independent of the code: turf's earth radius). */
const degLat = (m: number): number => m / ((6_371_008.8 * Math.PI) / 180);

// A 0.1° square near the equator, and one at 60° N.
const EQ = square(10, 0, 0.1);
const NORTH = square(10, 60, 0.1);
const index = buildSnapIndex([
  { id: 'eq', geometry: EQ },
  { id: 'north', geometry: NORTH },
]);

describe('snapPosition', () => {
  it('snaps just inside the tolerance and not just outside (edge)', () => {
    // 99 m and 101 m south of the bottom edge, far from its corners
    const inside = snapPosition(index, [10.05, -degLat(99)], 100);
    expect(inside.kind).toBe('edge');
    expect(inside.territoryId).toBe('eq');
    expect(inside.position[0]).toBeCloseTo(10.05, 12);
    expect(inside.position[1]).toBeCloseTo(0, 12);
    expect(inside.distanceMeters).toBeCloseTo(99, 6);
    const outside = snapPosition(index, [10.05, -degLat(101)], 100);
    expect(outside).toEqual({ position: [10.05, -degLat(101)], kind: null, territoryId: null, distanceMeters: 0 });
  });

  it('snaps just inside the tolerance and not just outside (vertex)', () => {
    // diagonally off the south-west corner: the nearest edge point is the corner too
    const d = degLat(70); // 70 m along each axis ≈ 99 m
    const near = snapPosition(index, [10 - d, -d], 100);
    expect(near.kind).toBe('vertex');
    expect(near.position).toEqual([10, 0]);
    const far = snapPosition(index, [10 - degLat(72), -degLat(72)], 100); // ≈ 101.8 m
    expect(far.kind).toBeNull();
  });

  it('prefers a vertex within tolerance over a closer edge', () => {
    // 30 m from the bottom edge, 80 m east of the corner along it: the edge is closer
    const p: [number, number] = [10 + degLat(80), degLat(30)];
    const snapped = snapPosition(index, p, 100);
    expect(snapped.kind).toBe('vertex');
    expect(snapped.position).toEqual([10, 0]);
    // the independent distance agrees (turf, great-circle): ≈ 85 m
    expect(distance(p, [10, 0], { units: 'meters' })).toBeCloseTo(snapped.distanceMeters, 0);
    // with a tolerance below the vertex distance, the edge wins
    const edge = snapPosition(index, p, 50);
    expect(edge.kind).toBe('edge');
    expect(pointToLineDistance(edge.position, { type: 'LineString', coordinates: [[10, 0], [10.1, 0]] }, { units: 'meters' })).toBeLessThan(1e-6);
  });

  it('scales longitude with latitude', () => {
    // 0.0015° of longitude is ≈ 167 m at the equator, ≈ 83 m at 60° N
    const offset = 0.0015;
    expect(snapPosition(index, [10.1 + offset, 0.05], 100).kind).toBeNull();
    const north = snapPosition(index, [10.1 + offset, 60.05], 100);
    expect(north.kind).toBe('edge');
    expect(north.territoryId).toBe('north');
    const expected = distance([10.1 + offset, 60.05], [10.1, 60.05], { units: 'meters' });
    expect(Math.abs(north.distanceMeters - expected) / expected).toBeLessThan(1e-3);
    expect(METERS_PER_DEGREE).toBeCloseTo(111_195.08, 1);
  });

  it('can exclude the territory being edited, and returns the input when there is nothing', () => {
    const p: [number, number] = [10.05, -degLat(10)];
    expect(snapPosition(index, p, 100, { exclude: ['eq'] }).kind).toBeNull();
    expect(snapPosition(buildSnapIndex([]), p, 100).kind).toBeNull();
    expect(snapPosition(index, [NaN, 0], 100).kind).toBeNull();
    expect(snapPosition(index, p, 0).kind).toBeNull();
  });

  it('is fast on state outlines (thousands of vertices): microseconds per pointer move', () => {
    const require = createRequire(import.meta.url);
    const topology = JSON.parse(readFileSync(require.resolve('us-atlas/states-10m.json'), 'utf8')) as Topology;
    const states = loadUsUnits(topology, 'states');
    if (!states.ok) throw new Error(states.message);
    const t0 = performance.now();
    const big = buildSnapIndex(states.value.map((s) => ({ id: s.id, geometry: s.geometry })));
    const buildMs = performance.now() - t0;
    expect(big.segmentCount).toBeGreaterThan(5000);
    const random = mulberry32(7);
    const n = 20_000;
    let snapped = 0;
    const t1 = performance.now();
    for (let i = 0; i < n; i++) {
      const r = snapPosition(big, [-125 + random() * 58, 25 + random() * 24], 2000);
      if (r.kind) snapped++;
    }
    const perQueryUs = ((performance.now() - t1) / n) * 1000;
    expect(snapped).toBeGreaterThan(0);
    expect(buildMs).toBeLessThan(500);
    expect(perQueryUs).toBeLessThan(200); // typically a few µs
  });
});
