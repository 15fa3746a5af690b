import type { AssignableTerritory } from './buildTerritoryIndex';

function compareRank(a: number, b: number): number {
  const na = Number.isNaN(a);
  const nb = Number.isNaN(b);
  if (na || nb) return na === nb ? 0 : na ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Territory indexes in winning order where territories overlap: rank (NaN last), then id,
 * then array position. Shared by the assignment engine and the incremental stats so both
 * resolve overlaps identically.
 */
export function priorityOrder(territories: readonly Pick<AssignableTerritory, 'id' | 'rank'>[]): Int32Array {
  const order = Array.from({ length: territories.length }, (_, i) => i);
  order.sort((i, j) => {
    const a = territories[i]!;
    const b = territories[j]!;
    const byRank = compareRank(a.rank, b.rank);
    if (byRank !== 0) return byRank;
    if (a.id !== b.id) return a.id < b.id ? -1 : 1;
    return i - j;
  });
  return Int32Array.from(order);
}
