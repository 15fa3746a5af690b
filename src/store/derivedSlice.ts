import type { StateCreator } from 'zustand';
import { filterStores, type StoreFilter } from '../domain/query';
import { createPlanEngine, updatePlanEngine, warmPlanEngine, type PlanEngine } from '../domain/stats';
import type { Market } from '../domain/market';
import type { AppState, DerivedSlice } from './types';

/**
 * Assignment and KPIs, derived from stores + territories, never edited directly.
 *
 * The plan engine (domain/stats/planEngine.ts) keeps them: after an edit it re-tests only
 * the stores in the touched territories' boxes and re-sums only the territories whose
 * stores changed, bit-identical to a full recompute; a plan switch, an import or a re-rank
 * is computed in full. The engine lives here, outside the zustand state, because it holds
 * large typed arrays and caches that no component should subscribe to.
 *
 * The stores filter is re-applied only when its result can have changed: the stores or
 * the filter changed, or the filter selects by territory. An edit with no territory filter
 * keeps the same `visibleStores` array, so the map and the stores table are not touched.
 */
export interface DerivedOptions {
  /**
   * Recompute everything after every edit, as the app did before the plan engine: the
   * benchmark's baseline (`?recompute=full` in the address), never the default.
   */
  fullRecompute?: boolean;
}

export const createDerivedSlice = (opts: DerivedOptions = {}): StateCreator<AppState, [], [], DerivedSlice> => (set, get) => {
  let engine: PlanEngine | null = null;
  let filtered: { market: Market; filter: StoreFilter } | null = null;

  const step = (territories: AppState['territories']): PlanEngine => {
    const { market, plan } = get();
    if (opts.fullRecompute) return createPlanEngine(market, territories, plan?.pins);
    return engine ? updatePlanEngine(engine, market, territories, plan?.pins) : createPlanEngine(market, territories, plan?.pins);
  };

  return {
    assignment: new Int32Array(0),
    stats: null,
    visibleStores: new Int32Array(0),
    derivedVersion: 0,
    previewing: false,
    lastEngineStep: null,
    recompute() {
      const { market, territories, storeFilter } = get();
      const next = step(territories);
      const unchanged = next.lastStep.kind === 'unchanged' && !get().previewing && get().stats !== null;
      engine = next;
      if (unchanged) return;
      if (next.lastStep.kind === 'full') {
        // the grid and outline caches the first edit needs, built while the user reads
        setTimeout(() => {
          if (engine === next) warmPlanEngine(next);
        }, 0);
      }
      const { assignment, stats } = next;
      const keepVisible = !opts.fullRecompute && filtered !== null && filtered.market === market && filtered.filter === storeFilter && storeFilter.territory === 'all';
      const visibleStores = keepVisible ? get().visibleStores : filterStores(market, assignment, territories, storeFilter);
      filtered = { market, filter: storeFilter };
      set({ assignment, stats, visibleStores, previewing: false, lastEngineStep: next.lastStep, derivedVersion: get().derivedVersion + 1 });
      get().refreshCompare();
    },
    previewOutline(id, geometry) {
      // Stats follow the mouse while a vertex is dragged: the outline is swapped in for the
      // computation only; nothing is committed, saved or recorded for undo, and the
      // engine's preview is not kept (the commit makes the same step from the plan).
      const draft = get().territories.map((t) => (t.id === id ? { ...t, geometry } : t));
      const preview = step(draft);
      set({ stats: preview.stats, previewing: true, lastEngineStep: preview.lastStep });
    },
  };
};
