import type { StateCreator } from 'zustand';
import type { AppState, UiSlice } from './types';

let noticeSeq = 0;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  mode: 'loading',
  saveState: { kind: 'pending' },
  notices: [],
  draftGeometry: null,
  zoomRequest: null,
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
