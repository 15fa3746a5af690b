import { describe, expect, it } from 'vitest';
import {
  classBounds, classColors, classOf, clampClasses, DIVERGING_PALETTE, SEQUENTIAL_PALETTE, type ClassMethod,
} from '../../../src/domain/report/classify';

const METHODS: ClassMethod[] = ['quantile', 'equal', 'jenks'];

/** Bounds are strictly increasing (or [v, v] for one distinct value), and every finite value falls in exactly one class. */
function checkInvariants(values: number[], b: number[]) {
  if (b.length > 2) for (let i = 1; i < b.length; i++) expect(b[i]!).toBeGreaterThan(b[i - 1]!);
  const n = b.length - 1;
  for (const v of values) {
    const c = classOf(b, v);
    expect(c).toBeGreaterThanOrEqual(0);
    expect(c).toBeLessThan(n);
    // Exactly one class holds v: [b_c, b_c+1), the last one closed.
    const holders = Array.from({ length: n }, (_, i) => i).filter((i) => v >= b[i]! && (v < b[i + 1]! || i === n - 1));
    expect(holders).toEqual([c]);
  }
}

describe('classBounds', () => {
  it('quantiles: hand-computed', () => {
    // 6 values, 3 classes: starts at positions 0, 2, 4.
    expect(classBounds([1, 2, 3, 4, 5, 6], 'quantile', 3)).toEqual([1, 3, 5, 6]);
    expect([1, 2, 3, 4, 5, 6].map((v) => classOf([1, 3, 5, 6], v))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('equal interval: hand-computed', () => {
    expect(classBounds([0, 10, 3, 7], 'equal', 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(classOf([0, 2, 4, 6, 8, 10], 10)).toBe(4);
    expect(classOf([0, 2, 4, 6, 8, 10], 2)).toBe(1);
  });

  it('quantiles with ties: tied values stay in one class, the next class starts at the next distinct value', () => {
    // Starts at positions 0, 2, 4 of 1,1,1,1,2,3 → 1, (1 tied → 2), 3 = the maximum (joins the class below).
    expect(classBounds([1, 1, 1, 1, 2, 3], 'quantile', 3)).toEqual([1, 2, 3]);
    expect(classBounds([5, 5, 5, 7, 7, 7, 9, 9, 9, 11], 'quantile', 4)).toEqual([5, 7, 9, 11]);
  });

  it('no class starts at the maximum: the class below holds it', () => {
    // Starts at positions 0, 0, 1, 2, 3 of 0, 1/2, 2/3, 1 → 0, 1/2, 2/3 (1 joins the top class).
    expect(classBounds([0, 0.5, 2 / 3, 1], 'quantile', 5)).toEqual([0, 0.5, 2 / 3, 1]);
    expect(classOf([0, 0.5, 2 / 3, 1], 1)).toBe(2);
  });

  it('natural breaks: finds the obvious groups', () => {
    expect(classBounds([1, 2, 3, 10, 11, 12, 50, 51], 'jenks', 3)).toEqual([1, 10, 50, 51]);
    // Fisher–Jenks on 1,2,4,5,7,8 in 3 classes: {1,2} {4,5} {7,8}.
    expect(classBounds([8, 1, 5, 2, 7, 4], 'jenks', 3)).toEqual([1, 4, 7, 8]);
  });

  it('empty, all missing: no classes', () => {
    for (const m of METHODS) {
      expect(classBounds([], m, 5)).toEqual([]);
      expect(classBounds([null, NaN, undefined, Infinity], m, 5)).toEqual([]);
    }
    expect(classOf([], 3)).toBe(-1);
  });

  it('one value or all values equal: one class', () => {
    for (const m of METHODS) {
      expect(classBounds([7], m, 5)).toEqual([7, 7]);
      expect(classBounds([3, 3, 3], m, 4)).toEqual([3, 3]);
      expect(classOf([3, 3], 3)).toBe(0);
    }
  });

  it('fewer distinct values than classes: at most one class per value', () => {
    for (const m of ['quantile', 'jenks'] as const) {
      const b = classBounds([1, 2], m, 5);
      expect(b.length - 1).toBeLessThanOrEqual(2);
      checkInvariants([1, 2], b);
    }
  });

  it('missing values are no data and do not move the bounds', () => {
    expect(classBounds([1, null, 2, NaN, 3, 4, 5, 6], 'quantile', 3)).toEqual([1, 3, 5, 6]);
    expect(classOf([1, 3, 5, 6], null)).toBe(-1);
    expect(classOf([1, 3, 5, 6], NaN)).toBe(-1);
  });

  it('diverging: symmetric around 0, 0 a bound for an even count, inside the middle class for odd', () => {
    expect(classBounds([-0.5, 0.1, 0.2, 1], 'equal', 4, true)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(classBounds([-0.5, 0.1, 0.2, 1], 'equal', 3, true)).toEqual([-1, -0.5, 0.5, 1]);
    const b = classBounds([-0.3, -0.1, 0.05, 0.2, 0.4], 'quantile', 5, true);
    expect(b).toEqual(b.map((x) => -x).reverse().map((x) => x + 0)); // mirror image
    expect(classOf(b, 0)).toBe(2);
    expect(classBounds([0, 0], 'jenks', 5, true)).toEqual([0, 0]);
    // Only positive values still get classes on both sides of 0.
    expect(classBounds([0.2, 0.4], 'equal', 4, true)).toEqual([-0.4, -0.2, 0, 0.2, 0.4]);
  });

  it('invariants hold on random data for every method, count and mode', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 15; trial++) {
      const n = 1 + Math.floor(rnd() * 30);
      const values = Array.from({ length: n }, () => Math.round((rnd() - 0.4) * 1000) / 10);
      for (const m of METHODS) for (let k = 3; k <= 9; k++) for (const div of [false, true]) {
        const b = classBounds(values, m, k, div);
        expect(b.length - 1).toBeLessThanOrEqual(k);
        checkInvariants(values, b);
      }
    }
  });

  it('clamps the class count to 3–9', () => {
    expect(clampClasses(1)).toBe(3);
    expect(clampClasses(12)).toBe(9);
    expect(clampClasses(NaN)).toBe(5);
    expect(classBounds([0, 10], 'equal', 20)).toHaveLength(10);
  });
});

describe('classColors', () => {
  it('spreads the palette end to end; diverging is symmetric with the neutral centre for odd counts', () => {
    expect(classColors(3)).toEqual([SEQUENTIAL_PALETTE[0], SEQUENTIAL_PALETTE[4], SEQUENTIAL_PALETTE[8]]);
    expect(classColors(9)).toEqual([...SEQUENTIAL_PALETTE]);
    expect(classColors(5, true)).toEqual([0, 2, 4, 6, 8].map((i) => DIVERGING_PALETTE[i]));
    expect(classColors(0)).toEqual([]);
    for (let n = 1; n <= 9; n++) expect(new Set(classColors(n)).size).toBe(n);
  });
});
