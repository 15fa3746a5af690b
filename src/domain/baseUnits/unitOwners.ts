import { assignPoints, buildTerritoryIndex, type AssignableTerritory } from '../assignment';
import type { UnitIndex } from './buildUnitIndex';
import { interiorPoint } from './interiorPoint';

/**
 * Which territory owns each unit of a layer: the territory (index into `territories`)
 * containing a point strictly inside the unit, by the assignment engine's rules (lowest
 * rank wins overlaps), or −1. Auto-balance uses it to find which units a drawn territory
 * holds today (domain/balance/balanceJob.ts).
 */
export function unitOwners(unitIndex: UnitIndex, territories: readonly AssignableTerritory[]): Int32Array {
  const n = unitIndex.units.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  unitIndex.units.forEach((unit, i) => {
    const [x, y] = interiorPoint(unit.geometry);
    xs[i] = x;
    ys[i] = y;
  });
  return assignPoints(buildTerritoryIndex(territories), xs, ys);
}
