import type { StateCreator } from 'zustand';
import { clampClasses } from '../domain/report';
import { EMPTY_STORE_FILTER, filterStores } from '../domain/query';
import { planSettings } from './planChange';
import type { AppState, UiSlice } from './types';

let noticeSeq = 0;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  mode: 'loading',
  saveState: { kind: 'pending' },
  notices: [],
  draftGeometry: null,
  zoomRequest: null,
  bottomTab: 'territories',
  baseUnitLevel: 'none',
  setBaseUnitLevel(baseUnitLevel) {
    set({ baseUnitLevel });
  },
  paintDelta: null,
  setPaintDelta(paintDelta) {
    set({ paintDelta });
  },
  brushRadiusPx: 24,
  setBrushRadius(brushRadiusPx) {
    set({ brushRadiusPx: Math.max(4, Math.min(200, brushRadiusPx)) });
  },
  overlapMode: 'take',
  setOverlapMode(overlapMode) {
    // The overlap rule belongs to the plan: a plan change (saved with it, undoable).
    const plan = get().plan;
    if (!plan) return set({ overlapMode });
    const before = planSettings(plan);
    if (before.overlapMode === overlapMode) return;
    const words = { take: 'takes the area', yield: 'yields', allow: 'keeps the overlap' } as const;
    get().applyChange({ label: `Overlap rule: a new outline ${words[overlapMode]}`, before: [], after: [], settings: { before, after: { ...before, overlapMode } } });
  },
  liveMeasure: { spec: { measure: 'stores' }, tolerance: 0.05 },
  setLiveMeasure(liveMeasure) {
    set({ liveMeasure });
  },
  labelKpi: 'none',
  setLabelKpi(labelKpi) {
    set({ labelKpi });
  },
  classMethod: 'quantile',
  setClassMethod(classMethod) {
    set({ classMethod });
  },
  classCount: 5,
  setClassCount(n) {
    set({ classCount: clampClasses(n) });
  },
  groupByRegion: false,
  setGroupByRegion(groupByRegion) {
    set({ groupByRegion });
  },
  drawMode: 'polygon',
  circleRadius: { value: null, unit: 'mi' },
  liveRadiusMeters: null,
  startDrawing(drawMode) {
    // Restart drawing when already drawing in another mode.
    if (get().mode === 'drawing') set({ mode: 'browse' });
    set({ drawMode, mode: 'drawing', liveRadiusMeters: null });
  },
  setCircleRadius(circleRadius) {
    set({ circleRadius });
  },
  setLiveRadius(liveRadiusMeters) {
    set({ liveRadiusMeters });
  },
  storeFilter: EMPTY_STORE_FILTER,
  portfolioManagerId: null,
  storeFocus: null,
  setBottomTab(bottomTab) {
    set({ bottomTab });
  },
  setStoreFilter(patch) {
    const storeFilter = { ...get().storeFilter, ...patch };
    const { market, assignment, territories } = get();
    set({ storeFilter, visibleStores: filterStores(market, assignment, territories, storeFilter) });
  },
  setPortfolioManager(portfolioManagerId) {
    set({ portfolioManagerId });
  },
  focusStore(id) {
    set({ storeFocus: { id, seq: (get().storeFocus?.seq ?? 0) + 1 } });
  },
  clearStoreFocus() {
    set({ storeFocus: null });
  },
  setMode(mode) {
    set({ mode });
  },
  setSaveState(saveState) {
    set({ saveState });
  },
  notify(kind, text, action) {
    const id = ++noticeSeq;
    // Keep the last few only; an error stays until dismissed, info fades in the UI.
    set({ notices: [...get().notices.slice(-4), { id, kind, text, ...(action ? { action } : {}) }] });
  },
  dismissNotice(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
  setDraftGeometry(draftGeometry) {
    set({ draftGeometry });
  },
  requestZoom(id) {
    set({ zoomRequest: { id, seq: (get().zoomRequest?.seq ?? 0) + 1 } });
  },
});
