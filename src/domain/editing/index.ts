/**
 * Territory editing toolkit (issue 4): the pure geometry behind every way a territory
 * manager reshapes a plan — clip against neighbours, split, merge, union of base units and
 * snapping. Each operation returns a `Result` with an exported reason code and never
 * throws on bad geometry; every geometry it returns has passed `validateTerritoryGeometry`.
 *
 * Shared decisions (finishGeometry.ts): vertices of the inputs are kept bit-for-bit, vertices
 * an operation creates are rounded to 1e-9° (≈ 0.1 mm), parts and holes smaller than
 * max(1 m², 1e-9 × the largest input) are dropped as slivers. Polygon clipping is
 * polyclip-ts (through turf), which computes in arbitrary-precision decimals.
 */
export { clipAgainstNeighbours, type ClipMode, type ClipNeighbour, type ClipResult } from './clipAgainstNeighbours';
export { splitTerritory } from './splitTerritory';
export { mergeTerritories } from './mergeTerritories';
export { unionOfUnits } from './unionOfUnits';
export { unitsAfterPaint } from './unitMembership';
export { buildSnapIndex, SNAP_SEGMENTS_PER_CELL, type SnapIndex, type SnapTarget } from './buildSnapIndex';
export { snapPosition, METERS_PER_DEGREE, type SnapKind, type SnapOptions, type SnapResult } from './snapPosition';
export {
  COORDINATE_DECIMALS,
  SLIVER_MIN_AREA_M2,
  SLIVER_RELATIVE_AREA,
  roundCoordinate,
} from './finishGeometry';
export {
  CLIP_REASONS,
  EDITING_REASONS,
  MERGE_REASONS,
  SPLIT_REASONS,
  UNION_OF_UNITS_REASONS,
  type ClipReason,
  type EditingReason,
  type MergeReason,
  type SplitReason,
  type UnionOfUnitsReason,
} from './reasons';
