import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  type AssignableTerritory,
  assignPoints,
  assignStores,
  buildTerritoryIndex,
  locatePoint,
  subCellValue,
  territoryIndexStats,
  type TerritoryIndex,
} from '../../src/domain/assignment';
import { orientSign } from '../../src/domain/assignment/orientSign';
import type { StoreId, TerritoryGeometry, TerritoryId } from '../../src/domain/types';
import {
  DEGENERATE,
  LEFT_HALF,
  OVERLAP_HIGH,
  OVERLAP_LOW,
  RIGHT_HALF,
  SQUARE,
  SQUARE_UNCLOSED,
  SQUARE_WITH_DEGENERATE_HOLE,
  SQUARE_WITH_HOLE,
  TRIANGLE,
  TWO_SQUARES,
  U_SHAPE,
} from '../fixtures/geometries';
import { loadUsCounties } from '../fixtures/usCounties';
import { mulberry32 } from '../fixtures/random';

function territory(id: string, geometry: TerritoryGeometry, rank = 0): AssignableTerritory {
  return { id: id as TerritoryId, geometry, rank };
}

/** Winner index for each [lng, lat] via the engine (and checks locatePoint agrees). */
function assign(territories: readonly AssignableTerritory[], points: readonly Position[], targetCells?: number): number[] {
  const index = buildTerritoryIndex(territories, targetCells === undefined ? {} : { targetCells });
  const result = Array.from(
    assignPoints(
      index,
      points.map((p) => p[0]!),
      points.map((p) => p[1]!),
    ),
  );
  points.forEach((p, i) => expect(locatePoint(index, p[0]!, p[1]!), `locatePoint ${String(p)}`).toBe(result[i]));
  return result;
}

/** Brute force, written independently of the engine: turf over territories in (rank, id, position) order. */
function bruteForce(territories: readonly AssignableTerritory[], point: Position): number {
  const order = territories
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.rank - b.t.rank || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0) || a.i - b.i);
  for (const { t, i } of order) {
    if (booleanPointInPolygon(point, t.geometry)) return i;
  }
  return -1;
}

describe('orientSign (exact sign of a*d - b*c)', () => {
  it('gets the sign right where the float products round to the same value', () => {
    const a = 1 + 2 ** -30;
    const b = 1 + 2 ** -29;
    // exact: a*a - b*1 = 2^-60 > 0, but in floats a*a rounds to b
    expect(a * a - b * 1).toBe(0);
    expect(orientSign(a, a, b, 1)).toBe(1);
    expect(orientSign(b, 1, a, a)).toBe(-1);
  });
  it('returns 0 only for an exactly zero determinant', () => {
    expect(orientSign(3, 4, 6, 2)).toBe(0);
    expect(orientSign(0.1, 0.2, 0.2, 0.1)).toBe(0);
    expect(orientSign(0, 5, 0, 7)).toBe(0);
    expect(orientSign(1e-200, 1e-200, 0, 0)).toBe(1);
    expect(orientSign(0, 0, 1e-200, 1e-200)).toBe(-1);
  });
});

describe('assignPoints: basic shapes', () => {
  it('square: inside, outside, far away', () => {
    expect(assign([territory('a', SQUARE)], [[5, 5], [11, 5], [-0.5, 5], [5, 10.5], [500, -300]])).toEqual([0, -1, -1, -1, -1]);
  });

  it('polygon with a hole: point in the hole is unassigned, point in the ring is assigned', () => {
    expect(assign([territory('a', SQUARE_WITH_HOLE)], [[5, 5], [1, 1], [8.5, 5], [5, 2.5], [6.9, 6.9]])).toEqual([-1, 0, 0, 0, -1]);
  });

  it('multipolygon: both parts count, the gap between them does not', () => {
    expect(assign([territory('a', TWO_SQUARES)], [[1, 1], [6, 6], [3.5, 3.5], [1, 6], [6, 1]])).toEqual([0, 0, -1, -1, -1]);
  });

  it('concave U: the notch is outside, both arms and the base inside', () => {
    const points: Position[] = [
      [4.5, 6], // notch
      [4.5, 8.99], // notch, near its open top
      [1.5, 6], // left arm
      [7.5, 6], // right arm
      [4.5, 1.5], // base
      [4.5, 2.99], // base, just below the notch
      [10, 3], // outside, on the line of the notch's bottom vertices
      [-1, 9], // outside, on the line of the top vertices
    ];
    expect(assign([territory('u', U_SHAPE)], points)).toEqual([-1, -1, 0, 0, 0, 0, -1, -1]);
  });

  it('an unclosed ring is read like the closed one (inside, outside and on the border)', () => {
    const points: Position[] = [];
    for (let x = -1; x <= 11; x += 0.5) for (let y = -1; y <= 11; y += 0.5) points.push([x, y]);
    const closed = assign([territory('a', SQUARE)], points);
    const unclosed = assign([territory('a', SQUARE_UNCLOSED)], points);
    expect(unclosed).toEqual(closed);
    const expected = points.map(([x = NaN, y = NaN]) => (x >= 0 && x <= 10 && y >= 0 && y <= 10 ? 0 : -1));
    expect(closed).toEqual(expected);
  });

  it('rings with fewer than 3 distinct positions are ignored', () => {
    expect(assign([territory('d', DEGENERATE)], [[2, 2], [1, 1], [3, 3]])).toEqual([-1, -1, -1]);
    expect(assign([territory('a', SQUARE_WITH_DEGENERATE_HOLE)], [[3, 3], [2, 2], [5, 5]])).toEqual([0, 0, 0]);
  });
});

describe('assignPoints: boundary counts as inside', () => {
  it('points exactly on an axis-aligned edge or a vertex are inside', () => {
    const points: Position[] = [
      [10, 5],
      [5, 0],
      [0, 7.25],
      [5, 10],
      [0, 0],
      [10, 10],
      [10, 0],
      [0, 10],
    ];
    expect(assign([territory('a', SQUARE)], points)).toEqual(points.map(() => 0));
  });

  it('points exactly on a slanted edge are inside; a hair outside is outside', () => {
    const points: Position[] = [
      [1, 3], // 1 + 3 = 4: on the hypotenuse
      [2, 2],
      [0.5, 3.5],
      [0, 4], // vertex
      [2, 2 + 2 ** -40], // just above the hypotenuse
      [2, 2 - 2 ** -40], // just below it
    ];
    expect(assign([territory('t', TRIANGLE)], points)).toEqual([0, 0, 0, 0, -1, 0]);
  });

  it('the edge of a hole is inside the territory', () => {
    expect(assign([territory('a', SQUARE_WITH_HOLE)], [[3, 5], [7, 7], [5, 3]])).toEqual([0, 0, 0]);
  });
});

describe('assignPoints: one winner per point', () => {
  const onBorder: Position[] = [
    [5, 5],
    [5, 0],
    [5, 10],
  ];

  it('shared border: the lower rank wins', () => {
    expect(assign([territory('left', LEFT_HALF, 0), territory('right', RIGHT_HALF, 1)], onBorder)).toEqual([0, 0, 0]);
    expect(assign([territory('left', LEFT_HALF, 1), territory('right', RIGHT_HALF, 0)], onBorder)).toEqual([1, 1, 1]);
    // either side of the border still goes to its own half
    expect(assign([territory('left', LEFT_HALF, 1), territory('right', RIGHT_HALF, 0)], [[4.99, 5], [5.01, 5]])).toEqual([0, 1]);
  });

  it('shared border with equal ranks: the lower id wins, whatever the array order', () => {
    expect(assign([territory('b', LEFT_HALF, 3), territory('a', RIGHT_HALF, 3)], onBorder)).toEqual([1, 1, 1]);
    expect(assign([territory('a', RIGHT_HALF, 3), territory('b', LEFT_HALF, 3)], onBorder)).toEqual([0, 0, 0]);
  });

  it('equal rank and equal id: the earlier array position wins', () => {
    expect(assign([territory('same', LEFT_HALF, 1), territory('same', RIGHT_HALF, 1)], onBorder)).toEqual([0, 0, 0]);
  });

  it('overlap: the lower rank wins regardless of array order', () => {
    const points: Position[] = [
      [5, 5], // in both
      [1, 1], // only low
      [9, 9], // only high
      [4, 4], // corner of high, inside low
      [6, 6], // corner of low, inside high
    ];
    const lowFirst = assign([territory('low', OVERLAP_LOW, 2), territory('high', OVERLAP_HIGH, 7)], points);
    expect(lowFirst).toEqual([0, 0, 1, 0, 0]);
    const highFirst = assign([territory('high', OVERLAP_HIGH, 7), territory('low', OVERLAP_LOW, 2)], points);
    expect(highFirst).toEqual([1, 1, 0, 1, 1]);
    const highWins = assign([territory('low', OVERLAP_LOW, 9), territory('high', OVERLAP_HIGH, -1)], points);
    expect(highWins).toEqual([1, 0, 1, 1, 1]);
  });

  it('NaN ranks sort after every number', () => {
    expect(assign([territory('a', OVERLAP_LOW, NaN), territory('b', OVERLAP_HIGH, 1e9)], [[5, 5]])).toEqual([1]);
  });
});

describe('assignPoints: bad and empty input', () => {
  it('empty territory list: every point unassigned', () => {
    const index = buildTerritoryIndex([]);
    expect(Array.from(assignPoints(index, [0, 5, NaN], [0, 5, 1]))).toEqual([-1, -1, -1]);
    expect(locatePoint(index, 0, 0)).toBe(-1);
    expect(territoryIndexStats(index).cells).toBe(0);
  });

  it('territories without any usable ring behave like an empty list', () => {
    expect(assign([territory('d', DEGENERATE), territory('e', { type: 'Polygon', coordinates: [] })], [[2, 2]])).toEqual([-1]);
  });

  it('empty point list: empty result', () => {
    const index = buildTerritoryIndex([territory('a', SQUARE)]);
    const result = assignPoints(index, new Float64Array(0), new Float64Array(0));
    expect(result).toBeInstanceOf(Int32Array);
    expect(result.length).toBe(0);
  });

  it('non-finite coordinates are unassigned', () => {
    const index = buildTerritoryIndex([territory('a', SQUARE)]);
    const lngs = [NaN, 5, Infinity, -Infinity, 5, 5];
    const lats = [5, NaN, 5, 5, Infinity, 5];
    expect(Array.from(assignPoints(index, lngs, lats))).toEqual([-1, -1, -1, -1, -1, 0]);
    expect(locatePoint(index, NaN, NaN)).toBe(-1);
  });

  it('rejects mismatched arrays and a too-short out buffer; reuses a given buffer', () => {
    const index = buildTerritoryIndex([territory('a', SQUARE)]);
    expect(() => assignPoints(index, [1, 2], [1])).toThrow(RangeError);
    expect(() => assignPoints(index, [1, 2], [1, 2], new Int32Array(1))).toThrow(RangeError);
    const out = new Int32Array(2);
    expect(assignPoints(index, [1, 20], [1, 1], out)).toBe(out);
    expect(Array.from(out)).toEqual([0, -1]);
    const longer = new Int32Array(4).fill(7);
    const view = assignPoints(index, [1, 20], [1, 1], longer);
    expect(Array.from(view)).toEqual([0, -1]);
    expect(Array.from(longer)).toEqual([0, -1, 7, 7]);
  });
});

describe('assignStores', () => {
  it('maps store ids to territory ids, null when outside every territory', () => {
    const stores = [
      { id: 's1' as StoreId, lng: 2, lat: 5 },
      { id: 's2' as StoreId, lng: 8, lat: 5 },
      { id: 's3' as StoreId, lng: 20, lat: 5 },
      { id: 's4' as StoreId, lng: NaN, lat: 5 },
    ];
    const result = assignStores(stores, [territory('west', LEFT_HALF), territory('east', RIGHT_HALF, 1)]);
    expect([...result]).toEqual([
      ['s1', 'west'],
      ['s2', 'east'],
      ['s3', null],
      ['s4', null],
    ]);
    expect(assignStores([], [territory('west', LEFT_HALF)]).size).toBe(0);
    expect([...assignStores(stores.slice(0, 1), [])]).toEqual([['s1', null]]);
  });
});

describe('index', () => {
  const territories = [
    territory('hole', SQUARE_WITH_HOLE, 2),
    territory('u', U_SHAPE, 1),
    territory('tri', TRIANGLE, 0),
    territory('parts', TWO_SQUARES, 1),
  ];
  const points: Position[] = [];
  for (let x = -1; x <= 11; x += 0.25) for (let y = -1; y <= 11; y += 0.25) points.push([x, y]);

  it('gives the same answers whatever the grid size (1 cell to many)', () => {
    const reference = points.map((p) => bruteForce(territories, p));
    for (const targetCells of [1, 2, 3, 16, 100, 10_000, undefined]) {
      expect(assign(territories, points, targetCells), `targetCells ${String(targetCells)}`).toEqual(reference);
    }
  });

  it('survives structuredClone (built in a worker, posted back)', () => {
    const index = buildTerritoryIndex(territories);
    const clone = structuredClone(index);
    const lngs = points.map((p) => p[0]!);
    const lats = points.map((p) => p[1]!);
    expect(Array.from(assignPoints(clone, lngs, lats))).toEqual(Array.from(assignPoints(index, lngs, lats)));
  });

  it('is deterministic and does not depend on array order (by id)', () => {
    const lngs = points.map((p) => p[0]!);
    const lats = points.map((p) => p[1]!);
    const ids = (list: readonly AssignableTerritory[]) =>
      Array.from(assignPoints(buildTerritoryIndex(list), lngs, lats), (w) => (w >= 0 ? list[w]!.id : null));
    const first = ids(territories);
    expect(ids(territories)).toEqual(first);
    expect(ids([...territories].reverse())).toEqual(first);
  });
});

let builtCountiesIndex: TerritoryIndex | undefined;
function countiesIndex(): TerritoryIndex {
  builtCountiesIndex ??= buildTerritoryIndex(loadUsCounties());
  return builtCountiesIndex;
}

describe('agreement with brute-force turf booleanPointInPolygon', () => {
  /** Star-shaped simple polygon around (cx, cy), optionally with a hole inside its inner radius. */
  function randomPolygon(random: () => number, cx: number, cy: number, radius: number): Polygon {
    const ring = (r0: number, r1: number, n: number): Position[] => {
      const positions: Position[] = [];
      for (let i = 0; i < n; i++) {
        const angle = ((i + random() * 0.8) / n) * Math.PI * 2;
        const r = r0 + random() * (r1 - r0);
        positions.push([cx + Math.cos(angle) * r, cy + Math.sin(angle) * r]);
      }
      positions.push(positions[0]!);
      return positions;
    };
    const outer = ring(radius * 0.4, radius, 3 + Math.floor(random() * 30));
    const rings = [outer];
    if (random() < 0.5) rings.push(ring(radius * 0.1, radius * 0.35, 3 + Math.floor(random() * 8)).reverse());
    return { type: 'Polygon', coordinates: rings };
  }

  // scale and offset: plain degrees, a few metres near a real place, large projected numbers
  const frames = [
    { scale: 1, x0: 0, y0: 0 },
    { scale: 1e-5, x0: -100.5, y0: 40.25 },
    { scale: 1000, x0: 5e5, y0: -3e6 },
  ];

  it('seeded random overlapping polygons with holes, ranks and id ties (vertices and near-edge points included)', () => {
    const random = mulberry32(20240611);
    for (let round = 0; round < 30; round++) {
      const { scale, x0, y0 } = frames[round % frames.length]!;
      const territories: AssignableTerritory[] = [];
      const count = 1 + Math.floor(random() * 15);
      for (let t = 0; t < count; t++) {
        const polygon = randomPolygon(random, random() * 40 - 20, random() * 40 - 20, 1 + random() * 12);
        const framed: Polygon = {
          type: 'Polygon',
          coordinates: polygon.coordinates.map((ring) => ring.map(([x = 0, y = 0]) => [x * scale + x0, y * scale + y0])),
        };
        territories.push(territory(`t${Math.floor(random() * 4)}`, framed, Math.floor(random() * 3)));
      }
      const vertices = territories.flatMap((t) => (t.geometry as Polygon).coordinates.flat());
      const points: Position[] = [];
      for (let i = 0; i < 600; i++) {
        const kind = random();
        if (kind < 0.2) {
          points.push(vertices[Math.floor(random() * vertices.length)]!);
        } else if (kind < 0.4) {
          // on a slanted edge as far as floats can tell: usually a rounding error off it,
          // where only an exact orientation test agrees with turf on the side
          const v = Math.floor(random() * (vertices.length - 1));
          const [ax = 0, ay = 0] = vertices[v]!;
          const [bx = 0, by = 0] = vertices[v + 1]!;
          const f = random();
          points.push([ax + f * (bx - ax), ay + f * (by - ay)]);
        } else {
          points.push([(random() * 70 - 35) * scale + x0, (random() * 70 - 35) * scale + y0]);
        }
      }
      const expected = points.map((p) => bruteForce(territories, p));
      const targetCells = [undefined, 1, 50, 5000][Math.floor(round / 3) % 4];
      expect(assign(territories, points, targetCells), `round ${round}`).toEqual(expected);
    }
  });

  it('US counties (us-atlas, ≈3.2k polygons across the antimeridian): every point off the borders agrees', () => {
    const counties = loadUsCounties();
    expect(counties.length).toBeGreaterThan(3000);
    const index = countiesIndex();
    const random = mulberry32(7);
    const n = 20_000;
    const lngs = new Float64Array(n);
    const lats = new Float64Array(n);
    const aleutians = counties.filter((c) => c.bbox[0] < -170 || c.bbox[2] > 170);
    expect(aleutians.length).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const pool = i % 20 === 0 ? aleutians : counties;
      const county = pool[Math.floor(random() * pool.length)]!;
      if (i % 10 === 1) {
        // a vertex: on a border, often shared by two counties
        const ring = (county.geometry.type === 'Polygon' ? county.geometry.coordinates : county.geometry.coordinates[0]!)[0]!;
        const vertex = ring[Math.floor(random() * ring.length)]!;
        lngs[i] = vertex[0]!;
        lats[i] = vertex[1]!;
      } else {
        const [minX, minY, maxX, maxY] = county.bbox;
        lngs[i] = minX + random() * (maxX - minX);
        lats[i] = minY + random() * (maxY - minY);
      }
    }
    const result = assignPoints(index, lngs, lats);

    // Reference: counties in rank order (= file order), first turf hit; a bbox pre-check only
    // skips counties that cannot contain the point (turf agrees: outside the bbox is outside).
    // Points on a border (turf with ignoreBoundary disagrees with turf without) are compared
    // only loosely: the simplified data has degenerate rings (two distinct positions, e.g.
    // Falls Church, VA), which turf treats as boundary and the engine ignores by rule.
    let mismatches = 0;
    let onBorder = 0;
    let assigned = 0;
    const firstMismatches: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = [lngs[i]!, lats[i]!];
      let expected = -1;
      let border = false;
      const containing = new Set<number>();
      for (let t = 0; t < counties.length; t++) {
        const [minX, minY, maxX, maxY] = counties[t]!.bbox;
        if (p[0]! < minX || p[0]! > maxX || p[1]! < minY || p[1]! > maxY) continue;
        if (booleanPointInPolygon(p, counties[t]!.geometry)) {
          if (expected < 0) expected = t;
          containing.add(t);
          if (!booleanPointInPolygon(p, counties[t]!.geometry, { ignoreBoundary: true })) border = true;
        }
      }
      if (expected >= 0) assigned++;
      const got = result[i]!;
      const ok = border ? got === -1 || containing.has(got) : got === expected;
      if (border) onBorder++;
      if (!ok) {
        mismatches++;
        if (firstMismatches.length < 5) firstMismatches.push(`${p.join(',')}: engine ${got}, turf ${expected}`);
      }
    }
    expect(firstMismatches).toEqual([]);
    expect(mismatches).toBe(0);
    // the sample must exercise both interiors and borders
    expect(assigned).toBeGreaterThan(n * 0.9);
    expect(onBorder).toBeGreaterThan(n * 0.05);
  });

  it('a large batch (exact tests regrouped by memory region) answers like one point at a time', () => {
    const index = countiesIndex();
    const random = mulberry32(99);
    const n = 200_000;
    const lngs = new Float64Array(n);
    const lats = new Float64Array(n);
    const counties = loadUsCounties();
    for (let i = 0; i < n; i++) {
      const [minX, minY, maxX, maxY] = counties[Math.floor(random() * counties.length)]!.bbox;
      lngs[i] = minX + random() * (maxX - minX);
      lats[i] = minY + random() * (maxY - minY);
    }
    const batch = assignPoints(index, lngs, lats);
    let differences = 0;
    for (let i = 0; i < n; i++) if (batch[i] !== locatePoint(index, lngs[i]!, lats[i]!)) differences++;
    expect(differences).toBe(0);
    // the batch really did need many exact tests (else the regrouping path is not covered)
    let exact = 0;
    const k = index.subdivision;
    for (let i = 0; i < n; i++) {
      const gx = (lngs[i]! - index.minX) * index.scaleX;
      const gy = (lats[i]! - index.minY) * index.scaleY;
      const c = Math.min(index.cols - 1, Math.floor(gx));
      const r = Math.min(index.rows - 1, Math.floor(gy));
      const v = index.cells[r * index.cols + c]!;
      if (v >= -1) continue;
      const sub = Math.min(k - 1, Math.floor((gy - r) * k)) * k + Math.min(k - 1, Math.floor((gx - c) * k));
      if (subCellValue(index, -2 - v, sub) < -1) exact++;
    }
    expect(exact).toBeGreaterThan(20_000);
  });
});
