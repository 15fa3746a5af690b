import { isStoreList, textAt, type Market } from '../market';
import type { StoreId, StorePin, Territory } from '../types';

/**
 * Applies a plan's per-store exceptions (pins) on top of the point-in-polygon assignment,
 * in place: a pinned store belongs to its pinned territory wherever it lies. A pin whose
 * store or territory is not there (deleted since, or from another market) is skipped.
 *
 * @param assignment the engine's result for `storeIds` (index into `territories`, or −1);
 *   changed in place and returned.
 * @param stores the market in the same order as the assignment. Sorted by id (as the
 *   market is kept) the lookup is a binary search; unsorted input is handled with a map.
 * @returns how many pins were applied.
 */
export function applyPins(
  assignment: Int32Array,
  stores: readonly { id: StoreId }[] | Market,
  territories: readonly Pick<Territory, 'id'>[],
  pins: readonly StorePin[] | undefined,
): number {
  if (!pins || pins.length === 0) return 0;
  const territoryIndex = new Map<string, number>();
  territories.forEach((t, i) => {
    if (!territoryIndex.has(t.id)) territoryIndex.set(t.id, i);
  });
  const find = isStoreList(stores as Market | readonly never[])
    ? storeFinder(stores.length, (i) => (stores as readonly { id: StoreId }[])[i]!.id)
    : storeFinder(stores.length, (i) => textAt((stores as Market).id, i));
  let applied = 0;
  for (const pin of pins) {
    const k = territoryIndex.get(pin.territoryId);
    const i = find(pin.storeId);
    if (k === undefined || i < 0 || i >= assignment.length) continue;
    assignment[i] = k;
    applied++;
  }
  return applied;
}

/**
 * Finds a store's position by id (−1 when absent): a binary search when the ids ascend (the
 * market is kept sorted by id), else a map built once.
 */
export function storeFinder(count: number, idAt: (i: number) => string): (id: string) => number {
  let sorted = true;
  for (let i = 1; i < count; i++) {
    if (idAt(i - 1) > idAt(i)) {
      sorted = false;
      break;
    }
  }
  if (!sorted) {
    const m = new Map<string, number>();
    for (let i = count - 1; i >= 0; i--) m.set(idAt(i), i);
    return (id) => m.get(id) ?? -1;
  }
  return (id) => {
    let lo = 0;
    let hi = count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = idAt(mid);
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
}
