import type { StateCreator } from 'zustand';
import { assignPlan } from '../domain/assignment';
import { comparePlans } from '../domain/plans';
import type { Plan, PlanId } from '../domain/types';
import type { AppState, CompareSide, CompareSlice } from './types';

/**
 * The realignment report: plan A (before) against plan B (after). Each side is the plan's
 * territories and its assignment of the market's stores; the open plan's side is read from
 * the live state (so the report follows edits), any other plan is read once from storage.
 */
export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set, get) => {
  /** The open plan as a compare side, straight from the live state. */
  const openSide = (): CompareSide | null => {
    const { plan, territories, assignment } = get();
    return plan ? { plan, territories, assignment } : null;
  };
  const loadSide = async (id: PlanId): Promise<CompareSide | null> => {
    if (get().plan?.id === id) return openSide();
    const opened = await get().readPlan(id);
    if (!opened) return null;
    const { market } = get();
    const territories = [...opened.bundle.territories].sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { plan: opened.bundle.plan, territories, assignment: assignPlan(market, market.lng, market.lat, territories, opened.bundle.plan.pins) };
  };
  const compute = (a: CompareSide, b: CompareSide) => {
    const t0 = performance.now();
    const result = comparePlans({ stores: get().market, assignmentA: a.assignment, territoriesA: a.territories, assignmentB: b.assignment, territoriesB: b.territories });
    return { a, b, result, ms: performance.now() - t0 };
  };

  return {
    compare: null,
    comparison: null,
    compareLoading: false,
    balanceReport: null,
    async setComparePlans(aId, bId) {
      set({ compare: { aId, bId }, compareLoading: true, bottomTab: 'compare' });
      try {
        const [a, b] = await Promise.all([loadSide(aId), loadSide(bId)]);
        // A later choice replaced this one while it loaded: keep the later one.
        if (get().compare?.aId !== aId || get().compare?.bId !== bId) return;
        if (!a || !b) {
          get().notify('error', 'One of the plans to compare could not be read.');
          set({ comparison: null });
          return;
        }
        set({ comparison: compute(a, b) });
      } finally {
        set({ compareLoading: false });
      }
    },
    async openCompare() {
      const { plan, plans, compare } = get();
      if (!plan) return;
      if (compare && plans.some((p) => p.id === compare.aId) && plans.some((p) => p.id === compare.bId)) {
        return get().setComparePlans(compare.aId, compare.bId);
      }
      // The open plan as B ("after"), against the plan it most likely came from: the most
      // recently changed other plan, else itself.
      const other = [...plans].filter((p: Plan) => p.id !== plan.id).sort((x, y) => y.updatedAt - x.updatedAt)[0];
      return get().setComparePlans(other?.id ?? plan.id, plan.id);
    },
    refreshCompare() {
      const { comparison, compare, plan } = get();
      if (!comparison || !compare || !plan) return;
      const n = get().market.length;
      if (comparison.a.assignment.length !== n || comparison.b.assignment.length !== n) {
        // The market changed (an import): every side's assignment must be made again.
        void get().setComparePlans(compare.aId, compare.bId);
        return;
      }
      if (compare.aId !== plan.id && compare.bId !== plan.id) return;
      const side = openSide()!;
      const a = compare.aId === plan.id ? side : comparison.a;
      const b = compare.bId === plan.id ? side : comparison.b;
      set({ comparison: compute(a, b) });
    },
    closeCompare() {
      set({ compare: null, comparison: null, bottomTab: get().bottomTab === 'compare' ? 'territories' : get().bottomTab });
    },
  };
};
