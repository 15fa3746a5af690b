/**
 * Plans as a whole: duplicate one, compare two (KPI deltas, stores that change hands),
 * write and read the plan file. Pure functions; the db and the UI call them.
 */
export { duplicatePlan, type DuplicatePlanOptions } from './duplicatePlan';
export { matchTerritories, type TerritoryMatch, type TerritoryPair } from './matchTerritories';
export { nameKey } from './nameKey';
export { comparePlans, type ComparePlansInput } from './comparePlans';
export {
  UNASSIGNED_KEY,
  type CompareFigures,
  type ComparisonSummary,
  type ComparisonTotalsRow,
  type MoveEnd,
  type PlanComparison,
  type StoreMove,
  type TerritoryComparisonRow,
} from './compareTypes';
export {
  PLAN_FILE_EXTENSION,
  PLAN_FILE_FORMAT,
  PLAN_FILE_LIMITS,
  PLAN_FILE_MEMBER,
  PLAN_FILE_REASONS,
  PLAN_FILE_VERSION,
  type PlanFileFeatureProperties,
  type PlanFileMember,
  type PlanFilePin,
  type PlanFileReason,
  type PlanFileRegion,
  type PlanFileTerritory,
} from './planFileFormat';
export { writePlanFile, type PlanFileDocument, type WritePlanFileContext } from './writePlanFile';
export {
  readPlanFile,
  DEFAULT_TERRITORY_COLOR,
  type ReadPlanFileContext,
  type ReadPlanFileValue,
} from './readPlanFile';
export { planFileName } from './planFileName';
export { createPersonResolver, type PersonResolver } from './resolvePeople';
export {
  JSON_TEXT_REASONS,
  capText,
  describeValue,
  copyWithoutUnsafeKeys,
  formatSize,
  isJsonObject,
  isUnsafeKey,
  parseJsonText,
  type JsonTextReason,
  type JsonTextResult,
} from './jsonText';
