import { locatePoint } from '../assignment';
import type { UnitIndex } from './buildUnitIndex';
import type { BaseUnit } from './types';

/**
 * The unit under a point (a click while painting), or null outside every unit. Where units
 * share a border the first in layer order wins (the engine's rank rule).
 */
export function unitAt(unitIndex: UnitIndex, lng: number, lat: number): BaseUnit | null {
  const i = locatePoint(unitIndex.index, lng, lat);
  return i >= 0 ? unitIndex.units[i]! : null;
}
