/** The plan report (issue 14): one model of a plan's figures that every view and export reads. */
export {
  buildPlanReport,
  REPORT_ROW_NAMES,
  type PlanReport,
  type PlanReportBalance,
  type PlanReportInput,
  type PlanReportRow,
  type RegionReportRow,
  type ReportBalanceSettings,
  type ReportRowKind,
  type TerritoryReportRow,
} from './planReport';
export { computeChannelPenetration, penetrationOf, type ChannelPenetration } from './channelPenetration';
export {
  balanceChartData, channelPenetrationRows, targetRows,
  type BalanceBar, type BalanceChartData, type ChannelPenetrationRow, type TargetRow,
} from './chartData';
export { CLASS_METHODS, MAX_CLASSES, MIN_CLASSES, NO_DATA_COLOR, classBounds, classColors, classOf, clampClasses, type ClassMethod } from './classify';
export { CHOROPLETH_KPIS, CHOROPLETH_UNIT, buildChoropleth, choroplethValue, isChoroplethKpi, type Choropleth, type ChoroplethClass, type ChoroplethKpi } from './choropleth';
