/** The validator's lookup structures: exact answers, growth, hash collisions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstRowIndex, VocabularyCache } from '../../../src/domain/import/stringTables';

describe('FirstRowIndex', () => {
  it('returns −1 for a new key and the first row for a repeated one, through growth', () => {
    const index = new FirstRowIndex(4); // starts small: grows many times
    const n = 50_000;
    for (let i = 0; i < n; i++) expect(index.addIfNew(`ID-${i}`, i + 2)).toBe(-1);
    for (let i = 0; i < n; i += 997) expect(index.addIfNew(`ID-${i}`, 999_999)).toBe(i + 2);
    expect(index.addIfNew('', 7)).toBe(-1);
    expect(index.addIfNew('', 8)).toBe(7);
  });

  it('tells apart keys that only differ slightly (same length, same hash bucket region)', () => {
    const index = new FirstRowIndex();
    const keys = ['ab', 'ba', 'a', 'A', 'é', 'e\u0301', '__proto__', 'constructor', '0', '00'];
    keys.forEach((k, i) => expect(index.addIfNew(k, i)).toBe(-1));
    keys.forEach((k, i) => expect(index.addIfNew(k, 100 + i)).toBe(i));
  });
});

describe('FirstRowIndex against a Map', () => {
  /** What addIfNew must answer, from a plain Map. */
  function reference(keys: string[]): number[] {
    const first = new Map<string, number>();
    return keys.map((k, row) => {
      const seen = first.get(k);
      if (seen !== undefined) return seen;
      first.set(k, row);
      return -1;
    });
  }

  it('gives the same answers for any sequence: ascending runs (sorted exports), repeats, keys out of order', () => {
    const key = fc.array(fc.constantFrom('A', 'B', 'a', '-', '1', '9', 'é'), { minLength: 0, maxLength: 4 }).map((c) => c.join(''));
    // A sorted prefix (as exports often are), then anything, so that every switch-over point is tried.
    const sequence = fc.tuple(fc.array(key, { maxLength: 60 }), fc.array(key, { maxLength: 60 })).map(([run, rest]) => [...[...new Set(run)].sort(), ...rest]);
    fc.assert(
      fc.property(sequence, fc.integer({ min: 0, max: 40 }), (keys, expected) => {
        const index = new FirstRowIndex(expected);
        expect(keys.map((k, row) => index.addIfNew(k, row))).toEqual(reference(keys));
      }),
      { numRuns: 3000 },
    );
  });

  it('a long ascending run past its expected size, then repeats of early, middle and last keys', () => {
    const index = new FirstRowIndex(8);
    const ids = Array.from({ length: 5000 }, (_, i) => `CRM-${String(100000 + i)}`);
    ids.forEach((id, i) => expect(index.addIfNew(id, i + 2)).toBe(-1));
    expect(index.addIfNew(ids[4999]!, 9)).toBe(5001); // the last key again: still ascending mode
    expect(index.addIfNew(ids[0]!, 9)).toBe(2); // out of order: the run becomes an index
    expect(index.addIfNew(ids[2500]!, 9)).toBe(2502);
    expect(index.addIfNew('CRM-0', 9)).toBe(-1);
    expect(index.addIfNew('CRM-0', 10)).toBe(9);
  });
});

describe('VocabularyCache', () => {
  it('computes once per distinct cell, beyond the linear part too', () => {
    let calls = 0;
    const cache = new VocabularyCache((cell: string) => {
      calls++;
      return cell.length === 0 ? null : cell.toUpperCase();
    }, undefined);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 100; i++) expect(cache.get(`v${i}`)).toBe(`V${i}`);
      expect(cache.get('')).toBeNull();
    }
    expect(calls).toBe(101);
  });

  it('does not confuse cells with equal length and first character', () => {
    const cache = new VocabularyCache((cell: string) => cell, undefined);
    expect(cache.get('customer')).toBe('customer');
    expect(cache.get('churned!')).toBe('churned!');
    expect(cache.get('customer')).toBe('customer');
  });
});
