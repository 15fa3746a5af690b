import { bboxesOverlap, geometryBBox, pointInPolygons, polygonsOf, type BBox } from '../editing/geometryBasics';
import type { TerritoryGeometry } from '../types';
import type { UnitIndex } from './buildUnitIndex';
import { interiorPoint } from './interiorPoint';

/**
 * Splits the units of a stroke into those that may be painted and those that belong to a
 * locked territory (issue 4: "Units already in a locked territory are skipped"). A unit
 * belongs to a locked territory when a point strictly inside the unit (see interiorPoint)
 * lies inside the locked outline — so a locked territory built from units keeps exactly its
 * units, and a unit that a locked hand-drawn shape only grazes stays paintable.
 * Unknown ids are dropped. Order follows `unitIds`.
 */
export function paintableUnits(
  unitIndex: UnitIndex,
  unitIds: readonly string[],
  lockedGeometries: readonly TerritoryGeometry[],
): { paintable: string[]; locked: string[] } {
  const locked = lockedGeometries.map((g) => ({ box: geometryBBox(g) as BBox, polygons: polygonsOf(g) }));
  const paintable: string[] = [];
  const skipped: string[] = [];
  for (const id of unitIds) {
    const u = unitIndex.byId.get(id);
    if (u === undefined) continue;
    const unit = unitIndex.units[u]!;
    const [x, y] = interiorPoint(unit.geometry);
    const unitBox: BBox = [unit.bbox[0], unit.bbox[1], unit.bbox[2], unit.bbox[3]];
    const isLocked = locked.some((l) => bboxesOverlap(l.box, unitBox) && pointInPolygons(x, y, l.polygons) > 0);
    (isLocked ? skipped : paintable).push(id);
  }
  return { paintable, locked: skipped };
}
