/** Named selectors: components read state through these, never by ad-hoc paths. */
import { buildChoropleth, buildPlanReport, computeChannelPenetration, isChoroplethKpi, type ChannelPenetration, type Choropleth, type PlanReport } from '../domain/report';
import type { Territory } from '../domain/types';
import type { AppState } from './types';

export const selectTerritories = (s: AppState) => s.territories;
export const selectMarket = (s: AppState) => s.market;
export const selectPeople = (s: AppState) => s.people;
export const selectStats = (s: AppState) => s.stats;
export const selectAssignment = (s: AppState) => s.assignment;
export const selectMode = (s: AppState) => s.mode;
export const selectSaveState = (s: AppState) => s.saveState;
export const selectNotices = (s: AppState) => s.notices;
export const selectPlan = (s: AppState) => s.plan;
export const selectSelectedId = (s: AppState) => s.selectedTerritoryId;
export const selectDraftGeometry = (s: AppState) => s.draftGeometry;
export const selectZoomRequest = (s: AppState) => s.zoomRequest;
export const selectCanUndo = (s: AppState) => s.undoStack.length > 0;
export const selectCanRedo = (s: AppState) => s.redoStack.length > 0;
export const selectUndoLabel = (s: AppState) => s.undoStack[s.undoStack.length - 1]?.label ?? null;
export const selectRedoLabel = (s: AppState) => s.redoStack[s.redoStack.length - 1]?.label ?? null;
export const selectSelectedTerritory = (s: AppState): Territory | null =>
  s.territories.find((t) => t.id === s.selectedTerritoryId) ?? null;
export const selectBottomTab = (s: AppState) => s.bottomTab;
export const selectStoreFilter = (s: AppState) => s.storeFilter;
export const selectVisibleStores = (s: AppState) => s.visibleStores;
export const selectPortfolioManagerId = (s: AppState) => s.portfolioManagerId;
export const selectStoreFocus = (s: AppState) => s.storeFocus;
export const selectDrawMode = (s: AppState) => s.drawMode;
export const selectCircleRadius = (s: AppState) => s.circleRadius;
export const selectLiveRadius = (s: AppState) => s.liveRadiusMeters;
export const selectRegions = (s: AppState) => s.regions;
export const selectColorBy = (s: AppState) => s.colorBy;
export const selectLabelKpi = (s: AppState) => s.labelKpi;
export const selectClassMethod = (s: AppState) => s.classMethod;
export const selectClassCount = (s: AppState) => s.classCount;
export const selectGroupByRegion = (s: AppState) => s.groupByRegion;
export const selectMultiSelection = (s: AppState) => s.multiSelection;
export const selectOverlapMode = (s: AppState) => s.overlapMode;
export const selectBaseUnitLevel = (s: AppState) => s.baseUnitLevel;
export const selectBrushRadius = (s: AppState) => s.brushRadiusPx;
export const selectPaintDelta = (s: AppState) => s.paintDelta;
export const selectPlans = (s: AppState) => s.plans;
export const selectPlanLoading = (s: AppState) => s.planLoading;
export const selectDeletedPlans = (s: AppState) => s.deletedPlans;
export const selectAccess = (s: AppState) => s.access;
export const selectStorage = (s: AppState) => s.storage;
export const selectCompare = (s: AppState) => s.compare;
export const selectComparison = (s: AppState) => s.comparison;
export const selectCompareLoading = (s: AppState) => s.compareLoading;
export const selectPins = (s: AppState) => s.plan?.pins ?? NO_PINS;
const NO_PINS: readonly never[] = [];
export const selectBalanceReport = (s: AppState) => s.balanceReport;
export const selectLiveMeasure = (s: AppState) => s.liveMeasure;
export const selectShapes = (s: AppState) => s.shapes;

/**
 * A selector whose result is kept while its inputs are the same objects: for derived values
 * (a new object each time) that components read with `useAppStore`, which must get the very
 * same value back until something it depends on changes. It keeps the last result only.
 */
function memoSelector<I extends unknown[] | [], T>(inputs: (s: AppState) => I, compute: (...args: I) => T): (s: AppState) => T {
  let last: { args: I; value: T } | null = null;
  return (s) => {
    const args = inputs(s);
    if (last && args.length === last.args.length && args.every((a, i) => Object.is(a, last!.args[i]))) return last.value;
    last = { args, value: compute(...args) };
    return last.value;
  };
}

/**
 * The open plan's report (domain/report): the statistics table's rows, the region roll-up,
 * Unassigned and Total, and the balance. The one source of figures for the table, the
 * balance panel, the header's evaluation, the map labels and the KPI table export; null
 * until the stats are computed. Rebuilt only when the stats, the plan or the balance
 * measure change, so a re-render reads it for free.
 */
export const selectPlanReport: (s: AppState) => PlanReport | null = memoSelector(
  (s) => [s.stats, s.territories, s.regions, s.people, s.shapes, s.liveMeasure, s.market, s.assignment],
  (stats, territories, regions, people, shapes, balance, stores, assignment) =>
    stats ? buildPlanReport({ stats, territories, regions, people, shapes, balance, stores, assignment }) : null,
);

/**
 * Stores and customers per territory (plan order) and channel, for the "Penetration by
 * channel" chart: the one figure the plan engine's stats do not sum. One pass over the
 * market's codes, redone only when the market, the assignment or the territories change;
 * read only while the chart is on screen.
 */
export const selectChannelPenetration: (s: AppState) => ChannelPenetration = memoSelector(
  (s) => [s.market, s.assignment, s.territories.length],
  (market, assignment, k) => computeChannelPenetration(market, assignment, k),
);

/**
 * The map's KPI coloring ("Color by" a KPI): classes, legend and each territory's color, from
 * the plan report, so the colors follow every edit. Null when coloring by territory or region
 * or before the stats exist.
 */
export const selectChoropleth: (s: AppState) => Choropleth | null = memoSelector(
  (s) => [selectPlanReport(s), s.colorBy, s.classMethod, s.classCount],
  (report, colorBy, method, k) => (report && isChoroplethKpi(colorBy) ? buildChoropleth(report, colorBy, method, k) : null),
);
