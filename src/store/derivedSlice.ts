import type { StateCreator } from 'zustand';
import { assignPlan } from '../domain/assignment';
import { filterStores } from '../domain/query';
import { computeTerritoryStats } from '../domain/stats';
import type { AppState, DerivedSlice } from './types';

/**
 * Assignment and KPIs, derived from stores + territories, never edited directly.
 * Recomputed in full after each committed change: at the sample market's size (10k stores,
 * tens of territories) that is a few milliseconds; the benchmark covers 1M stores.
 */
export const createDerivedSlice: StateCreator<AppState, [], [], DerivedSlice> = (set, get) => ({
  assignment: new Int32Array(0),
  stats: null,
  visibleStores: new Int32Array(0),
  derivedVersion: 0,
  previewing: false,
  recompute() {
    const { stores, storeLngs, storeLats, territories, plan } = get();
    const assignment = assignPlan(stores, storeLngs, storeLats, territories, plan?.pins);
    const stats = computeTerritoryStats(stores, assignment, territories);
    const visibleStores = filterStores(stores, assignment, territories, get().storeFilter);
    set({ assignment, stats, visibleStores, previewing: false, derivedVersion: get().derivedVersion + 1 });
    get().refreshCompare();
  },
  previewOutline(id, geometry) {
    // Stats follow the mouse while a vertex is dragged: the outline is swapped in for the
    // computation only; nothing is committed, saved or recorded for undo.
    const { stores, storeLngs, storeLats, territories, plan } = get();
    const draft = territories.map((t) => (t.id === id ? { ...t, geometry } : t));
    const assignment = assignPlan(stores, storeLngs, storeLats, draft, plan?.pins);
    set({ stats: computeTerritoryStats(stores, assignment, draft), previewing: true });
  },
});
