import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import {
  GEOMETRY_REASONS,
  findRingIntersection,
  formatLngLat,
  rewindRfc7946,
  ringSignedArea,
  validateTerritoryGeometry,
} from '../../src/domain/geometry';

const poly = (...rings: number[][][]): Polygon => ({ type: 'Polygon', coordinates: rings });

/** Counter-clockwise square with lower-left corner (x, y) and side s, closed. */
const square = (x: number, y: number, s: number): number[][] => [
  [x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y],
];

function expectFailure(geom: unknown, reason: string): string {
  const r = validateTerritoryGeometry(geom);
  if (r.ok) throw new Error(`expected ${reason}, got ok`);
  expect(r.reason).toBe(reason);
  expect(GEOMETRY_REASONS).toContain(r.reason);
  return r.message;
}

describe('validateTerritoryGeometry', () => {
  it('accepts a valid square and returns an equal, new geometry', () => {
    const input = poly(square(-97.6, 32.6, 0.2));
    const r = validateTerritoryGeometry(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual(input);
    expect(r.value).not.toBe(input);
  });

  it('closes an unclosed ring and removes consecutive duplicates without mutating input', () => {
    const ring = [[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 1]];
    const input = poly(ring);
    const snapshot = JSON.parse(JSON.stringify(input)) as unknown;
    const r = validateTerritoryGeometry(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.coordinates).toEqual([[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]);
    expect(input).toEqual(snapshot);
  });

  it('drops altitude: territories are 2-D', () => {
    const r = validateTerritoryGeometry(poly([[0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 5]]));
    expect(r.ok && r.value.coordinates).toEqual([[[0, 0], [1, 0], [1, 1], [0, 0]]]);
  });

  it('refuses a bow-tie with a message naming where it crosses', () => {
    // Diagonals (−97.6, 32.6)→(−97.4, 32.8) and (−97.4, 32.6)→(−97.6, 32.8) cross at the
    // midpoint (−97.5, 32.7) = 97.50° W, 32.70° N.
    const message = expectFailure(
      poly([[-97.6, 32.6], [-97.4, 32.8], [-97.4, 32.6], [-97.6, 32.8], [-97.6, 32.6]]),
      'self-intersection',
    );
    expect(message).toContain('crosses itself');
    expect(message).toContain('97.50° W, 32.70° N');
  });

  it('refuses a ring that touches itself at a vertex (figure eight)', () => {
    // (1, 1) is visited twice, not consecutively: the two loops touch there.
    const message = expectFailure(
      poly([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]),
      'self-intersection',
    );
    expect(message).toContain('touches itself');
    expect(message).toContain('1.00° E, 1.00° N');
  });

  it('refuses a spike that runs back over the previous edge', () => {
    // (4,0)→(4,4) then (4,4)→(4,2): the second edge doubles back over the first, so the
    // outline also touches itself at (4, 2) — either finding is reported near 4° E.
    const message = expectFailure(poly([[0, 0], [4, 0], [4, 4], [4, 2], [0, 4], [0, 0]]), 'self-intersection');
    expect(message).toMatch(/(runs back over|touches) itself near 4\.00° E/);
    // a spike inside the shape: the tip (2, 3) is reached and left along the same line
    expectFailure(poly([[0, 0], [4, 0], [2, 2], [2, 3], [2, 2.5], [0, 4], [0, 0]]), 'self-intersection');
  });

  it('refuses a hole crossing the outer ring', () => {
    // outer 0…4 × 0…4, hole 3…5 × 1…2 → crosses x = 4 at y = 1 and y = 2
    const message = expectFailure(poly(square(0, 0, 4), [[3, 1], [3, 2], [5, 2], [5, 1], [3, 1]]), 'self-intersection');
    expect(message).toContain('hole');
    expect(message).toContain('4.00° E');
  });

  it('accepts a hole inside, and a hole touching the outer ring at one point', () => {
    expect(validateTerritoryGeometry(poly(square(0, 0, 4), [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]])).ok).toBe(true);
    // hole corner (0, 2) lies on the outer ring's left edge
    expect(validateTerritoryGeometry(poly(square(0, 0, 4), [[0, 2], [1, 3], [1, 1], [0, 2]])).ok).toBe(true);
  });

  it('refuses a hole outside its outer ring', () => {
    expectFailure(poly(square(0, 0, 1), [[5, 5], [5, 6], [6, 6], [6, 5], [5, 5]]), 'hole-outside');
  });

  it('refuses two crossing holes', () => {
    const message = expectFailure(
      poly(square(0, 0, 10), square(1, 1, 3).reverse(), square(2, 2, 3).reverse()),
      'self-intersection',
    );
    expect(message).toContain('Two holes');
  });

  it('refuses collinear points as zero-area', () => {
    const message = expectFailure(poly([[0, 0], [1, 1], [2, 2], [0, 0]]), 'zero-area');
    expect(message).toContain('one line');
    // also with realistic (non-integer) coordinates along a line
    expectFailure(poly([[-97.1, 32.1], [-97.2, 32.2], [-97.3, 32.3], [-97.1, 32.1]]), 'zero-area');
  });

  it('accepts a tiny but real triangle (zero-area tolerance is relative)', () => {
    expect(validateTerritoryGeometry(poly([[-97, 32], [-96.9999, 32], [-97, 32.0001], [-97, 32]])).ok).toBe(true);
  });

  it('refuses rings with fewer than 3 distinct points', () => {
    expectFailure(poly([[0, 0], [1, 1], [0, 0]]), 'too-few-points');
    expectFailure(poly([[0, 0], [0, 0], [0, 0], [0, 0]]), 'too-few-points');
    expectFailure(poly([]), 'too-few-points');
  });

  it('refuses coordinates out of range and hints at swapped axes', () => {
    const message = expectFailure(poly([[200, 0], [201, 0], [201, 1], [200, 0]]), 'out-of-range');
    expect(message).toContain('200');
    expectFailure(poly([[0, 95], [1, 95], [1, 96], [0, 95]]), 'out-of-range');
    // latitude 97 and longitude 32: looks like [lat, lng]
    expect(expectFailure(poly([[32.7, -97.5], [32.8, -97.5], [32.8, -97.4], [32.7, -97.5]]), 'out-of-range')).toContain(
      'swapped',
    );
    // the limits themselves are fine
    expect(validateTerritoryGeometry(poly([[-180, -90], [180, -90], [180, 90], [-180, -90]])).ok).toBe(true);
  });

  it('refuses NaN, Infinity and non-numbers as non-finite', () => {
    expectFailure(poly([[0, 0], [Number.NaN, 0], [1, 1], [0, 0]]), 'non-finite');
    expectFailure(poly([[0, 0], [Number.POSITIVE_INFINITY, 0], [1, 1], [0, 0]]), 'non-finite');
    expectFailure({ type: 'Polygon', coordinates: [[[0, 0], ['1', 0], [1, 1], [0, 0]]] }, 'non-finite');
    expectFailure({ type: 'Polygon', coordinates: [[[0, 0], [null, 0], [1, 1], [0, 0]]] }, 'non-finite');
  });

  it('refuses things that are not polygons', () => {
    expectFailure(null, 'not-polygon');
    expectFailure('Polygon', 'not-polygon');
    expectFailure({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }, 'not-polygon');
    expect(
      expectFailure({ type: 'Feature', geometry: poly(square(0, 0, 1)), properties: {} }, 'not-polygon'),
    ).toContain('geometry');
    expectFailure({ type: 'Polygon' }, 'not-polygon');
    expectFailure({ type: 'Polygon', coordinates: [[0, 0, 1, 1]] }, 'not-polygon');
    expectFailure({ type: 'Polygon', coordinates: ['ring'] }, 'not-polygon');
  });

  it('refuses empty geometries', () => {
    expectFailure({ type: 'Polygon', coordinates: [] }, 'empty');
    expectFailure({ type: 'MultiPolygon', coordinates: [] }, 'empty');
    expectFailure({ type: 'MultiPolygon', coordinates: [[]] }, 'empty');
  });

  it('accepts a valid MultiPolygon, including parts sharing an edge', () => {
    const m: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(1, 0, 1)]] };
    expect(validateTerritoryGeometry(m).ok).toBe(true);
  });

  it('names the bad part of a MultiPolygon', () => {
    const bowtie = [[10, 10], [11, 11], [11, 10], [10, 11], [10, 10]];
    const message = expectFailure(
      { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [bowtie]] },
      'self-intersection',
    );
    expect(message).toContain('Part 2');
    expect(message).toContain('10.50° E, 10.50° N');
    // a bad coordinate in part 2 is also attributed to it
    expect(
      expectFailure({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [[[0, 0], [0, 100], [1, 1], [0, 0]]]] }, 'out-of-range'),
    ).toContain('part 2');
  });

  it('refuses MultiPolygon parts that cross each other', () => {
    const message = expectFailure(
      { type: 'MultiPolygon', coordinates: [[square(0, 0, 2)], [square(1, 1, 2)]] },
      'self-intersection',
    );
    expect(message).toContain('Parts 1 and 2');
  });

  it('validates a 5,000-vertex circle, and finds a crossing in one', () => {
    const k = 5000;
    const ring: number[][] = [];
    for (let i = 0; i < k; i++) {
      const a = (2 * Math.PI * i) / k;
      ring.push([-97.5 + 2 * Math.cos(a), 32.7 + 2 * Math.sin(a)]);
    }
    ring.push(ring[0]!.slice());
    expect(validateTerritoryGeometry(poly(ring)).ok).toBe(true);

    // Swap two neighbouring vertices: chords v[k−1]→v[k+1] and v[k]→v[k+2] now cross.
    const broken = ring.map((p) => p.slice());
    [broken[2500], broken[2501]] = [broken[2501]!, broken[2500]!];
    expectFailure(poly(broken), 'self-intersection');
  });
});

describe('findRingIntersection', () => {
  it('returns null for disjoint parts and reports ring indices for a crossing', () => {
    expect(findRingIntersection([[square(0, 0, 1)], [square(5, 5, 1)]])).toBeNull();
    const hit = findRingIntersection([[square(0, 0, 4), [[3, 1], [3, 2], [5, 2], [5, 1], [3, 1]]]]);
    expect(hit).toMatchObject({ kind: 'cross', polygon: 0, ring: 0, otherPolygon: 0, otherRing: 1 });
  });
});

describe('formatLngLat', () => {
  it('writes hemispheres instead of signs', () => {
    expect(formatLngLat(-97.5123, 32.7)).toBe('97.51° W, 32.70° N');
    expect(formatLngLat(151.2, -33.87)).toBe('151.20° E, 33.87° S');
  });
});

describe('rewindRfc7946', () => {
  // Clockwise outer (area < 0) with a counter-clockwise hole (area > 0): both wrong.
  const cwOuter: Position[] = [[0, 0], [0, 4], [4, 4], [4, 0], [0, 0]];
  const ccwHole: Position[] = [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]];

  it('computes signed area: counter-clockwise positive', () => {
    // 4×4 square → 16 (CCW) / −16 (CW)
    expect(ringSignedArea(square(0, 0, 4))).toBe(16);
    expect(ringSignedArea(cwOuter)).toBe(-16);
  });

  it('makes outer rings counter-clockwise and holes clockwise without mutating input', () => {
    const input: Polygon = { type: 'Polygon', coordinates: [cwOuter, ccwHole] };
    const snapshot = JSON.parse(JSON.stringify(input)) as unknown;
    const out = rewindRfc7946(input);
    expect(ringSignedArea(out.coordinates[0]!)).toBeGreaterThan(0);
    expect(ringSignedArea(out.coordinates[1]!)).toBeLessThan(0);
    expect(input).toEqual(snapshot);
    expect(out.coordinates[0]![0]).not.toBe(input.coordinates[0]![0]); // positions copied
  });

  it('leaves correctly wound rings in their order and handles MultiPolygons', () => {
    const good = [square(0, 0, 4), [...ccwHole].reverse()];
    const out = rewindRfc7946({ type: 'MultiPolygon', coordinates: [good, [cwOuter]] });
    expect(out.type).toBe('MultiPolygon');
    expect(out.coordinates[0]).toEqual(good);
    expect(ringSignedArea(out.coordinates[1]![0]!)).toBe(16);
  });
});
