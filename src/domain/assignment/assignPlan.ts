import type { Market } from '../market';
import type { Store, StorePin, Territory } from '../types';
import { assignPoints } from './assignStores';
import { buildTerritoryIndex } from './buildTerritoryIndex';
import { applyPins } from './applyPins';

/**
 * Which territory of a plan each store belongs to: point in polygon (lowest rank wins,
 * see assignStores.ts), then the plan's pins on top. The one function the app, the compare
 * view and the exports use, so they can never disagree.
 *
 * @param territories sorted by rank as the plan keeps them; the result indexes into it.
 * @returns `assignment[i]` = index into `territories` of `stores[i]`'s territory, or −1.
 */
export function assignPlan(
  stores: readonly Pick<Store, 'id'>[] | Market,
  lngs: Float64Array,
  lats: Float64Array,
  territories: readonly Territory[],
  pins: readonly StorePin[] | undefined,
): Int32Array {
  const assignment = assignPoints(buildTerritoryIndex(territories), lngs, lats);
  applyPins(assignment, stores, territories, pins);
  return assignment;
}
