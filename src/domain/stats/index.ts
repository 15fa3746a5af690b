/** Territory KPIs, balance and compactness (PRODUCT.md "KPIs"). Pure functions. */
export {
  computeTerritoryStats,
  type StoreAssignment,
  type TerritoryStats,
  type TerritoryStatsOptions,
  type TerritoryStatsRow,
} from './territoryStats';
export { computeBalance, type Balance } from './balance';
export { computeCompactness } from './compactness';
export { computePortfolioStats, type PortfolioOptions, type PortfolioStats } from './portfolioStats';
export { isoDay, isoDayPlus } from './isoDate';
export { rollUpByRegion, type RegionRollUp } from './rollUpByRegion';
export { createPlanEngine, updatePlanEngine, warmPlanEngine, type EngineStep, type PlanEngine } from './planEngine';
