/**
 * Auto-balance (issue 13): the unit adjacency graph, per-unit weights of a measure,
 * contiguity and compactness on the graph, the plan summary with reasons, and the
 * optimizer that builds or rebalances territories from base units. Pure functions over
 * typed arrays, tested in node; the worker only exposes them.
 */
export { buildUnitGraph, haversineMeters, neighborsOf, type GraphUnit, type UnitGraph } from './unitGraph';
export {
  BALANCE_MEASURES,
  DEFAULT_WORKLOAD,
  balanceWeights,
  storeMeasure,
  storeMeasureValues,
  storeWeights,
  sumByUnit,
  unitWeights,
  type BalanceMeasure,
  type BalanceMeasureSpec,
  type ChannelWorkload,
  type WorkloadSettings,
} from './measures';
export { polsbyPopper, polygonPartCount, territoryCompactness, territoryParts, unitsCompactness } from './evaluate';
export {
  BALANCE_REASONS,
  movedLowerBound,
  summarizePlan,
  type BalanceReason,
  type PlanSummary,
  type SummaryInput,
  type TerritoryOutcome,
  type TerritoryReason,
} from './planSummary';
export { balanceTerritories, type BalanceInput, type BalanceMode, type BalanceResult } from './balanceTerritories';
export {
  balancedBundle,
  balanceJobFor,
  balanceSlots,
  normalisePlanBalance,
  homeZip,
  runBalanceJob,
  type BalancedBundleOptions,
  type BalancedTerritory,
  type BalanceHooks,
  type BalanceJob,
  type BalanceJobResult,
  type BalanceSettings,
  type BalanceSlots,
  type PlanBalanceRecord,
  type SlotTerritory,
} from './balanceJob';
export {
  evaluatePlan,
  hexSetParts,
  indexGraph,
  measureTotals,
  outsideTolerance,
  territoryShape,
  totalsFromStats,
  unitSetParts,
  type IndexedGraph,
  type PlanEvaluation,
  type TerritoryShape,
} from './liveEvaluation';
