import { buildTerritoryIndex, type TerritoryIndex } from '../assignment';
import type { TerritoryId } from '../types';
import type { BaseUnit } from './types';

/** A unit layer ready for point queries (click, brush, store → unit). */
export interface UnitIndex {
  readonly units: readonly BaseUnit[];
  /** The assignment engine's index over the units (unit i = territory i, rank i). */
  readonly index: TerritoryIndex;
  /** Unit id → position in `units`. */
  readonly byId: ReadonlyMap<string, number>;
}

/**
 * Indexes a unit layer with the assignment engine (the same exact point-in-polygon rules as
 * store assignment). Build once per layer (US counties: a few hundred ms), then answer
 * clicks with `unitAt`, brushes with `unitsInCircle`, and locate all stores at once with
 * `assignPoints(unitIndex.index, lngs, lats)` for the unit-based incremental stats.
 */
export function buildUnitIndex(units: readonly BaseUnit[]): UnitIndex {
  const index = buildTerritoryIndex(units.map((u, i) => ({ id: u.id as TerritoryId, geometry: u.geometry, rank: i })));
  return { units, index, byId: new Map(units.map((u, i) => [u.id, i])) };
}
