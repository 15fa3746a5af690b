import type { Territory } from '../types';
import { nameKey } from './nameKey';

/** One territory of plan A matched with one of plan B (indices into the two lists). */
export interface TerritoryPair {
  indexA: number;
  indexB: number;
  /** How they were matched: same id (a copy, or a rename) or same name (redrawn). */
  by: 'id' | 'name';
}

export interface TerritoryMatch {
  /** Matched pairs, in the order of list A. */
  pairs: TerritoryPair[];
  /** Indices into A of territories with no counterpart in B (ascending). */
  removed: number[];
  /** Indices into B of territories with no counterpart in A (ascending). */
  added: number[];
}

/**
 * Which territory of plan B is "the same territory" as one of plan A, for comparing two
 * plans (KPI deltas per territory, stores that change hands).
 *
 * 1. By id: a duplicated plan keeps the ids (duplicatePlan), so an edited or renamed
 *    territory is still itself. When one list holds an id twice, only its first
 *    occurrence is matched by id.
 * 2. The rest by name (see nameKey: trimmed, case-insensitive, whitespace collapsed): a
 *    territory deleted and redrawn under the same name is the same territory for the
 *    people who own it. When several share a name, they are paired in rank order (lowest
 *    rank with lowest rank; ties by position in the list); the surplus stays unmatched.
 *
 * Each territory is in exactly one pair or in `removed`/`added`. Linear in the number of
 * territories (maps by id and name).
 */
export function matchTerritories(a: readonly Territory[], b: readonly Territory[]): TerritoryMatch {
  const matchedA = new Uint8Array(a.length);
  const matchedB = new Uint8Array(b.length);
  const byIdB = new Map<string, number>();
  for (let j = 0; j < b.length; j++) if (!byIdB.has(b[j]!.id)) byIdB.set(b[j]!.id, j);

  const partnerOfA = new Int32Array(a.length).fill(-1);
  const how: ('id' | 'name')[] = new Array<'id' | 'name'>(a.length);
  const seenA = new Set<string>();
  for (let i = 0; i < a.length; i++) {
    const id = a[i]!.id;
    if (seenA.has(id)) continue;
    seenA.add(id);
    const j = byIdB.get(id);
    if (j === undefined) continue;
    partnerOfA[i] = j;
    how[i] = 'id';
    matchedA[i] = 1;
    matchedB[j] = 1;
  }

  const groupsB = groupByName(b, matchedB);
  const groupsA = groupByName(a, matchedA);
  for (const [key, listA] of groupsA) {
    const listB = groupsB.get(key);
    if (!listB) continue;
    const n = Math.min(listA.length, listB.length);
    for (let k = 0; k < n; k++) {
      const i = listA[k]!;
      const j = listB[k]!;
      partnerOfA[i] = j;
      how[i] = 'name';
      matchedA[i] = 1;
      matchedB[j] = 1;
    }
  }

  const pairs: TerritoryPair[] = [];
  const removed: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const j = partnerOfA[i]!;
    if (j >= 0) pairs.push({ indexA: i, indexB: j, by: how[i]! });
    else removed.push(i);
  }
  const added: number[] = [];
  for (let j = 0; j < b.length; j++) if (!matchedB[j]) added.push(j);
  return { pairs, removed, added };
}

/** Unmatched territories grouped by name key, each group sorted by rank (stable). */
function groupByName(list: readonly Territory[], matched: Uint8Array): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < list.length; i++) {
    if (matched[i]) continue;
    const key = nameKey(list[i]!.name);
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  for (const g of groups.values()) {
    if (g.length > 1) g.sort((x, y) => rankOf(list[x]!) - rankOf(list[y]!) || x - y);
  }
  return groups;
}

function rankOf(t: Territory): number {
  return Number.isFinite(t.rank) ? t.rank : Number.MAX_SAFE_INTEGER;
}
