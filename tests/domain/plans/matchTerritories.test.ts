import { describe, expect, it } from 'vitest';
import { matchTerritories, nameKey } from '../../../src/domain/plans';
import { squareTerritory } from '../../fixtures/market';

const t = (id: string, name: string, rank = 0) => squareTerritory(id, 0, 0, 1, rank, { name });

describe('matchTerritories', () => {
  it('pairs by id first, even when renamed', () => {
    const m = matchTerritories([t('a', 'North'), t('b', 'South')], [t('b', 'South (renamed)'), t('a', 'North')]);
    expect(m.pairs).toEqual([
      { indexA: 0, indexB: 1, by: 'id' },
      { indexA: 1, indexB: 0, by: 'id' },
    ]);
    expect(m.removed).toEqual([]);
    expect(m.added).toEqual([]);
  });

  it('pairs the rest by name: trimmed, case-insensitive, whitespace collapsed', () => {
    const m = matchTerritories(
      [t('a', 'North  Texas '), t('b', 'West'), t('c', 'Gone')],
      [t('x', ' north texas'), t('y', 'WEST'), t('z', 'New')],
    );
    expect(m.pairs).toEqual([
      { indexA: 0, indexB: 0, by: 'name' },
      { indexA: 1, indexB: 1, by: 'name' },
    ]);
    expect(m.removed).toEqual([2]);
    expect(m.added).toEqual([2]);
  });

  it('an id match wins over a name match, and a territory is never matched twice', () => {
    // B's "a" is A's "a" by id although its name is A's "b"'s name.
    const m = matchTerritories([t('a', 'One'), t('b', 'Two')], [t('a', 'Two'), t('c', 'Two')]);
    expect(m.pairs).toEqual([
      { indexA: 0, indexB: 0, by: 'id' },
      { indexA: 1, indexB: 1, by: 'name' },
    ]);
    expect(m.removed).toEqual([]);
    expect(m.added).toEqual([]);
  });

  it('several territories with one name are paired in rank order; the surplus is added/removed', () => {
    const a = [t('a1', 'Metro', 5), t('a2', 'Metro', 1), t('a3', 'Metro', 3)];
    const b = [t('b1', 'metro', 2), t('b2', 'METRO', 0)];
    const m = matchTerritories(a, b);
    // A by rank: a2 (1), a3 (3), a1 (5); B by rank: b2 (0), b1 (2).
    expect(m.pairs).toEqual([
      { indexA: 1, indexB: 1, by: 'name' },
      { indexA: 2, indexB: 0, by: 'name' },
    ]);
    expect(m.removed).toEqual([0]);
    expect(m.added).toEqual([]);
  });

  it('a duplicated id in one list is matched by id once; the other falls back to its name', () => {
    const m = matchTerritories([t('a', 'One'), t('a', 'Two')], [t('a', 'One'), t('q', 'two')]);
    expect(m.pairs).toEqual([
      { indexA: 0, indexB: 0, by: 'id' },
      { indexA: 1, indexB: 1, by: 'name' },
    ]);
  });

  it('handles empty lists', () => {
    expect(matchTerritories([], [])).toEqual({ pairs: [], removed: [], added: [] });
    expect(matchTerritories([t('a', 'A')], [])).toEqual({ pairs: [], removed: [0], added: [] });
    expect(matchTerritories([], [t('a', 'A')])).toEqual({ pairs: [], removed: [], added: [0] });
  });

  it('nameKey normalises Unicode, spacing and case only', () => {
    expect(nameKey('  Zürich\tNord ')).toBe(nameKey('ZU\u0308RICH NORD'));
    expect(nameKey('North-East')).not.toBe(nameKey('North East'));
  });
});
