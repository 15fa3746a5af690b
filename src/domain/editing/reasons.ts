/**
 * Reason codes of the territory editing operations (ARCHITECTURE rule 7): every operation
 * returns `Result<T, Reason>` and never throws on bad geometry; the UI maps each code to a
 * message (the `message` of the failure is already a readable English sentence).
 *
 * Shared meanings:
 * - 'invalid-…'      an input failed `validateTerritoryGeometry` (the message says why/where);
 * - 'empty-input'    nothing to work on (no geometries, no units);
 * - 'empty-result'   the operation leaves no area (e.g. a new shape entirely covered by
 *                    locked territories), so there is nothing to put in the plan;
 * - 'invalid-result' the clipper produced a shape that still fails validation after the
 *                    clean-up (rounding, sliver removal, ring repair); refused, never stored;
 * - '…-failed'       the polygon clipper itself threw (it should not; reported, not thrown).
 */

/** Reasons of `clipAgainstNeighbours`. */
export const CLIP_REASONS = ['invalid-shape', 'invalid-neighbour', 'empty-result', 'invalid-result', 'clip-failed'] as const;
export type ClipReason = (typeof CLIP_REASONS)[number];

/** Reasons of `splitTerritory`. 'line-does-not-cross': an end of the line lies inside the
 *  territory, or the line does not cut it into at least two pieces. */
export const SPLIT_REASONS = ['invalid-geometry', 'invalid-line', 'line-does-not-cross', 'invalid-result'] as const;
export type SplitReason = (typeof SPLIT_REASONS)[number];

/** Reasons of `mergeTerritories`. */
export const MERGE_REASONS = ['empty-input', 'invalid-geometry', 'empty-result', 'invalid-result', 'merge-failed'] as const;
export type MergeReason = (typeof MERGE_REASONS)[number];

/** Reasons of `unionOfUnits`. 'invalid-part': the freehand extra part is not a valid area. */
export const UNION_OF_UNITS_REASONS = ['empty-input', 'invalid-part', 'empty-result', 'invalid-result', 'union-failed'] as const;
export type UnionOfUnitsReason = (typeof UNION_OF_UNITS_REASONS)[number];

/** Every editing reason, for exhaustive UI message tables. */
export const EDITING_REASONS = [
  ...new Set([...CLIP_REASONS, ...SPLIT_REASONS, ...MERGE_REASONS, ...UNION_OF_UNITS_REASONS]),
] as readonly (ClipReason | SplitReason | MergeReason | UnionOfUnitsReason)[];
export type EditingReason = ClipReason | SplitReason | MergeReason | UnionOfUnitsReason;
