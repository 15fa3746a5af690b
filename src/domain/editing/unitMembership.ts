import type { BaseUnitLevel, TerritoryUnits } from '../types';

/**
 * A territory's base-unit membership after units are painted into it (`remove` false) or
 * out of it (true). Membership is kept only while the outline is exactly the union of its
 * units: painting units of the same level into a unit-built territory keeps it exact;
 * painting into a hand-drawn outline, or with another level, leaves no membership (the
 * outline alone is then the truth, see Territory.units).
 *
 * @returns the new membership, or undefined when the territory has none.
 */
export function unitsAfterPaint(
  current: TerritoryUnits | undefined,
  level: BaseUnitLevel | undefined,
  ids: readonly string[] | undefined,
  remove: boolean,
): TerritoryUnits | undefined {
  if (!current || !level || !ids || current.level !== level) return undefined;
  if (remove) {
    const out = new Set(ids);
    return { level, ids: current.ids.filter((id) => !out.has(id)) };
  }
  const have = new Set(current.ids);
  const added = ids.filter((id) => !have.has(id) && (have.add(id), true));
  return { level, ids: [...current.ids, ...added] };
}
