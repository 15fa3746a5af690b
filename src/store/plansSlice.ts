import type { StateCreator } from 'zustand';
import { indexOfStore, textAt } from '../domain/market';
import { duplicatePlan as duplicateBundle } from '../domain/plans';
import type { Plan, PlanBundle, PlanId, StoreId, TerritoryId } from '../domain/types';
import { planSettings } from './planChange';
import type { AppState, OpenedPlan, PersistencePort, PlansSlice } from './types';

export function newPlanId(): PlanId {
  return `plan-${crypto.randomUUID().slice(0, 12)}` as PlanId;
}

/** "Demo plan (copy)", "Demo plan (copy 2)"… : a name no plan of the workspace has yet. */
export function uniquePlanName(wanted: string, plans: readonly Plan[]): string {
  const clean = wanted.trim() || 'Untitled plan';
  const taken = new Set(plans.map((p) => p.name.toLocaleLowerCase()));
  if (!taken.has(clean.toLocaleLowerCase())) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean} (${n})`;
    if (!taken.has(candidate.toLocaleLowerCase())) return candidate;
  }
}

/**
 * The workspace's plans: which exist, which is open, switching, creating, duplicating,
 * deleting (recoverable for the session) and adding plans made elsewhere (plan files,
 * imported territories). The open plan's own content lives in the plan slice; this slice
 * swaps it as one step, after the previous plan is safely on disk.
 */
export const createPlansSlice =
  (persistence: PersistencePort, now: () => number = Date.now): StateCreator<AppState, [], [], PlansSlice> =>
  (set, get) => {
    const fail = (what: string, err: unknown) =>
      get().notify('error', `${what}: ${err instanceof Error ? err.message : String(err)}`);

    /** Saves the open plan first; false (with a notice) when its changes cannot be saved. */
    const saved = async (doing: string): Promise<boolean> => {
      const ok = (await persistence.flush?.()) ?? true;
      if (!ok) {
        const s = get().saveState;
        get().notify('error', `Could not ${doing}: the changes to ${get().plan?.name ?? 'this plan'} are not saved${s.kind === 'error' ? ` (${s.message})` : ''}. Download a backup to keep them.`);
      }
      return ok;
    };

    /** Shows an opened plan and reports what of it could not be loaded. */
    const show = (opened: OpenedPlan) => {
      const ws = get().workspace;
      if (!ws) return;
      get().loadPlan({ ...ws, activePlanId: opened.bundle.plan.id }, opened.bundle, opened.history);
      for (const p of opened.problems) get().notify('error', p);
    };

    /** Opens plan `id` (already saved, listed in `plans`), with the loading state set. */
    const open = async (id: PlanId, name: string): Promise<boolean> => {
      set({ planLoading: { name } });
      try {
        const opened = persistence.openPlan ? await persistence.openPlan(id) : null;
        if (!opened) {
          get().notify('error', `The plan ${name} could not be found in this browser's storage.`);
          return false;
        }
        show(opened);
        return true;
      } catch (err) {
        fail(`Could not open ${name}`, err);
        return false;
      } finally {
        set({ planLoading: null });
      }
    };

    const writable = (): boolean => {
      const st = get();
      if (st.access.kind === 'write' && !st.planLoading) return true;
      if (st.access.kind !== 'write') st.notify('error', `Nothing was changed: ${st.access.reason}`);
      return false;
    };

    return {
      plans: [],
      planLoading: null,
      deletedPlans: [],
      access: { kind: 'write' },
      setAccess(access) {
        set({ access });
      },
      setPlans(plans) {
        set({ plans });
      },
      currentBundle() {
        const { plan, territories, regions } = get();
        return plan ? { plan, territories, regions } : null;
      },
      async switchPlan(id) {
        const st = get();
        if (st.plan?.id === id) return true;
        const target = st.plans.find((p) => p.id === id);
        if (!target || st.planLoading) return false;
        if (st.access.kind === 'write' && !(await saved(`open ${target.name}`))) return false;
        return open(id, target.name);
      },
      async newPlan(name) {
        const { workspace, plans } = get();
        if (!workspace) return false;
        const t = now();
        const plan: Plan = { id: newPlanId(), workspaceId: workspace.id, name: uniquePlanName(name, plans), createdAt: t, updatedAt: t, overlapMode: 'take' };
        return get().addPlan({ plan, territories: [], regions: [] }, `Created the empty plan ${plan.name}.`);
      },
      async duplicatePlan(name) {
        const bundle = get().currentBundle();
        if (!bundle) return false;
        if (!writable() || !(await saved('duplicate the plan'))) return false;
        const copy = duplicateBundle(bundle, { newPlanId: newPlanId(), name: uniquePlanName(name, get().plans), now: now() });
        return get().addPlan(copy, `Duplicated ${bundle.plan.name} as ${copy.plan.name}. Edits here leave the original as it is.`);
      },
      async addPlan(bundle, note, people = []) {
        if (!writable() || !(await saved(`add ${bundle.plan.name}`))) return false;
        const ws = get().workspace;
        try {
          for (const p of people) await persistence.savePerson?.(p);
        } catch (err) {
          fail(`Could not save the people of ${bundle.plan.name}; nothing was changed`, err);
          return false;
        }
        if (people.length > 0) set({ people: [...get().people, ...people] });
        const plan: Plan = { ...bundle.plan, workspaceId: ws?.id ?? bundle.plan.workspaceId };
        try {
          await persistence.createPlan?.({ ...bundle, plan });
        } catch (err) {
          fail(`Could not save the plan ${plan.name}; nothing was changed`, err);
          return false;
        }
        set({ plans: [...get().plans, plan] });
        if (!persistence.openPlan) {
          show({ bundle: { ...bundle, plan }, history: { undo: [], redo: [] }, problems: [] });
        } else if (!(await open(plan.id, plan.name))) {
          return false;
        }
        if (note) get().notify('info', note);
        return true;
      },
      async addBalancedPlan(bundle, report) {
        const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
        const s = report.summary;
        const note = `${bundle.plan.name}: ${s.k} territories, max deviation ${pct(s.maxDeviation)}, ${s.withinTolerance} of ${s.k} within ±${pct(s.tolerance)}. Compared with ${report.fromPlanName}.`;
        if (!(await get().addPlan(bundle, note))) return false;
        set({ balanceReport: report });
        await get().setComparePlans(report.fromPlanId, bundle.plan.id);
        return true;
      },
      async readPlan(id) {
        const st = get();
        if (st.plan?.id === id) {
          return { bundle: st.currentBundle()!, history: { undo: st.undoStack, redo: st.redoStack }, problems: [] };
        }
        try {
          return (await persistence.readPlan?.(id)) ?? null;
        } catch (err) {
          fail('Could not read the plan', err);
          return null;
        }
      },
      renamePlan(name) {
        const plan = get().plan;
        const clean = name.trim();
        if (!plan || !clean || clean === plan.name) return;
        const before = planSettings(plan);
        get().applyChange({ label: `Renamed the plan ${plan.name} to ${clean}`, before: [], after: [], settings: { before, after: { ...before, name: clean } } });
      },
      async deletePlan(id) {
        const st = get();
        const target = st.plans.find((p) => p.id === id);
        if (!target || !writable()) return false;
        if (st.plans.length <= 1) {
          st.notify('error', 'A workspace keeps at least one plan: create or duplicate another before deleting this one.');
          return false;
        }
        const isOpen = st.plan?.id === id;
        if (!(await saved(`delete ${target.name}`))) return false;
        let kept: { bundle: PlanBundle; history: OpenedPlan['history'] } | null = null;
        if (isOpen) {
          kept = { bundle: get().currentBundle()!, history: { undo: get().undoStack, redo: get().redoStack } };
        } else {
          const other = await persistence.readPlan?.(id);
          kept = other ? { bundle: other.bundle, history: other.history } : null;
        }
        try {
          await persistence.deletePlan?.(id);
        } catch (err) {
          fail(`Could not delete ${target.name}`, err);
          return false;
        }
        const plans = get().plans.filter((p) => p.id !== id);
        set({
          plans,
          deletedPlans: kept ? [...get().deletedPlans, { ...kept, deletedAt: now() }] : get().deletedPlans,
        });
        if (isOpen) {
          const next = [...plans].sort((a, b) => b.updatedAt - a.updatedAt)[0]!;
          await open(next.id, next.name);
        }
        get().notify('info', `Deleted the plan ${target.name}.`, kept ? { label: 'Restore', run: () => void get().restoreDeletedPlan(id) } : undefined);
        return true;
      },
      async restoreDeletedPlan(id) {
        const entry = get().deletedPlans.find((d) => d.bundle.plan.id === id);
        if (!entry || !writable() || !(await saved('restore the plan'))) return false;
        const taken = get().plans.some((p) => p.id === id);
        const bundle = taken ? duplicateBundle(entry.bundle, { newPlanId: newPlanId(), name: entry.bundle.plan.name, now: now() }) : entry.bundle;
        const plan = { ...bundle.plan, name: uniquePlanName(bundle.plan.name, get().plans) };
        try {
          await persistence.createPlan?.({ ...bundle, plan }, taken ? undefined : entry.history);
        } catch (err) {
          fail(`Could not restore ${plan.name}`, err);
          return false;
        }
        set({ plans: [...get().plans, plan], deletedPlans: get().deletedPlans.filter((d) => d !== entry) });
        const ok = persistence.openPlan ? await open(plan.id, plan.name) : (show({ bundle: { ...bundle, plan }, history: entry.history, problems: [] }), true);
        if (ok) get().notify('info', `Restored the plan ${plan.name}.`);
        return ok;
      },
      pinStore(storeId: StoreId, territoryId: TerritoryId | null) {
        const { plan, territories, market } = get();
        if (!plan) return;
        const before = planSettings(plan);
        const current = before.pins.find((p) => p.storeId === storeId);
        if ((current?.territoryId ?? null) === territoryId) return;
        const pins = before.pins.filter((p) => p.storeId !== storeId);
        if (territoryId) pins.push({ storeId, territoryId });
        const at = indexOfStore(market, storeId);
        const storeName = at >= 0 ? textAt(market.name, at) : storeId;
        const tName = territories.find((t) => t.id === territoryId)?.name;
        get().applyChange({
          label: territoryId ? `Pinned ${storeName} to ${tName ?? territoryId}` : `Unpinned ${storeName}`,
          before: [],
          after: [],
          settings: { before, after: { ...before, pins } },
        });
      },
    };
  };
