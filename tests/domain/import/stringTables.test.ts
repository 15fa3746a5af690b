/** The validator's lookup structures: exact answers, growth, hash collisions. */
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

describe('VocabularyCache', () => {
  it('computes once per distinct cell, beyond the linear part too', () => {
    let calls = 0;
    const cache = new VocabularyCache((cell: string) => {
      calls++;
      return cell.length === 0 ? null : cell.toUpperCase();
    });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 100; i++) expect(cache.get(`v${i}`)).toBe(`V${i}`);
      expect(cache.get('')).toBeNull();
    }
    expect(calls).toBe(101);
  });

  it('does not confuse cells with equal length and first character', () => {
    const cache = new VocabularyCache((cell: string) => cell);
    expect(cache.get('customer')).toBe('customer');
    expect(cache.get('churned!')).toBe('churned!');
    expect(cache.get('customer')).toBe('customer');
  });
});
