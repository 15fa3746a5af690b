import { describe, expect, it } from 'vitest';
import { keyColumn, textColumnOf, TextKeyIndex, textKeyAt } from '../../../src/domain/market';

const values = (c: ReturnType<typeof textColumnOf>) => Array.from({ length: c.ends.length }, (_, i) => (c.nulls?.[i] === 1 ? null : c.text.slice(i === 0 ? 0 : c.ends[i - 1], c.ends[i])));

describe('text keys', () => {
  it('trims as String.prototype.trim does; blank and null have no key', () => {
    const c = textColumnOf([' CRM-1 ', '\u00a0\u3000x\ufeff', '', '   ', null, 'Ünï 🐾', '\t\n']);
    expect(Array.from({ length: 7 }, (_, i) => textKeyAt(c, i))).toEqual(['CRM-1', 'x', null, null, null, 'Ünï 🐾', null]);
  });

  it('finds the first row of each key, case-sensitive, whatever the hash collisions', () => {
    const raw = Array.from({ length: 5000 }, (_, i) => `K${i % 1700}`); // every key 2–3 times
    raw.push(' K5 ', 'k5', '');
    const c = textColumnOf(raw);
    const index = new TextKeyIndex(c);
    const firstOf = new Map<string, number>();
    raw.forEach((v, i) => {
      const key = v.trim();
      const got = index.add(i);
      if (key === '') expect(got).toBe(-2);
      else if (firstOf.has(key)) expect(got).toBe(firstOf.get(key));
      else {
        expect(got).toBe(-1);
        firstOf.set(key, i);
      }
    });
    // lookups from another column
    const other = textColumnOf(['K5', '  K1699', 'K1700', null, 'k5']);
    expect([0, 1, 2, 3, 4].map((j) => index.find(other, j))).toEqual([5, 1699, -1, -1, 5001]);
    expect(new TextKeyIndex(textColumnOf([])).find(other, 0)).toBe(-1);
  });

  it('replaces values by their keys only when some value needs it', () => {
    const clean = textColumnOf(['a', null, 'b']);
    expect(keyColumn(clean)).toBe(clean);
    expect(values(keyColumn(textColumnOf([' a', '', 'b', null])))).toEqual(['a', null, 'b', null]);
  });
});
