/** Named selectors: components read state through these, never by ad-hoc paths. */
import type { Territory } from '../domain/types';
import type { AppState } from './types';

export const selectTerritories = (s: AppState) => s.territories;
export const selectStores = (s: AppState) => s.stores;
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
export const selectGroupByRegion = (s: AppState) => s.groupByRegion;
export const selectMultiSelection = (s: AppState) => s.multiSelection;
export const selectOverlapMode = (s: AppState) => s.overlapMode;
export const selectBaseUnitLevel = (s: AppState) => s.baseUnitLevel;
export const selectBrushRadius = (s: AppState) => s.brushRadiusPx;
export const selectPaintDelta = (s: AppState) => s.paintDelta;
