import type { StateCreator } from 'zustand';
import { EMPTY_STORE_FILTER, filterStores } from '../domain/query';
import type { AppState, PersistencePort, UiSlice } from './types';

let noticeSeq = 0;

export const createUiSlice = (persistence: PersistencePort): StateCreator<AppState, [], [], UiSlice> => (set, get) => ({
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
    // The overlap rule belongs to the plan: it is saved with it.
    const plan = get().plan;
    if (!plan) return set({ overlapMode });
    const next = { ...plan, overlapMode };
    set({ overlapMode, plan: next });
    persistence.savePlan?.(next).catch((err: unknown) => get().notify('error', `Could not save the plan setting: ${err instanceof Error ? err.message : String(err)}`));
  },
  labelKpi: 'none',
  setLabelKpi(labelKpi) {
    set({ labelKpi });
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
    const { stores, assignment, territories } = get();
    set({ storeFilter, visibleStores: filterStores(stores, assignment, territories, storeFilter) });
  },
  setPortfolioManager(portfolioManagerId) {
    set({ portfolioManagerId });
  },
  focusStore(id) {
    set({ storeFocus: { id, seq: (get().storeFocus?.seq ?? 0) + 1 } });
  },
  setMode(mode) {
    set({ mode });
  },
  setSaveState(saveState) {
    set({ saveState });
  },
  notify(kind, text) {
    const id = ++noticeSeq;
    // Keep the last few only; an error stays until dismissed, info fades in the UI.
    set({ notices: [...get().notices.slice(-4), { id, kind, text }] });
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
