import type { StateCreator } from 'zustand';
import { writeBackup } from '../domain/backup';
import { marketStores } from '../domain/market';
import type { AppState, PersistencePort, StorageSlice } from './types';

/** "territory-planner-backup-2026-12-05.json": sortable, no characters a file system refuses. */
export function backupFileName(at: number): string {
  return `territory-planner-backup-${new Date(at).toISOString().slice(0, 10)}.json`;
}

/**
 * Never lose work: a backup of everything, built from what this tab holds (the market, the
 * people, the open plan as edited, even when its last save failed) plus every other plan as
 * stored; and a restore that replaces everything at once.
 */
export const createStorageSlice =
  (persistence: PersistencePort, now: () => number = Date.now): StateCreator<AppState, [], [], StorageSlice> =>
  (set, get) => ({
    storage: { kind: 'indexeddb', persisted: null, usage: null, quota: null, lastBackupAt: null },
    setStorage(patch) {
      set({ storage: { ...get().storage, ...patch } });
    },
    async backUpEverything() {
      const st = get();
      const current = st.currentBundle();
      if (!st.workspace || !current) return null;
      let stored: Awaited<ReturnType<NonNullable<PersistencePort['readAllPlans']>>> = { plans: [], settings: {} };
      try {
        stored = (await persistence.readAllPlans?.()) ?? stored;
      } catch (err) {
        // The open plan and the market are in memory: a backup of those is still worth having.
        st.notify('error', `The other plans could not be read from storage (${err instanceof Error ? err.message : String(err)}); the backup holds the open plan and the market.`);
      }
      const open = { bundle: current, history: { undo: st.undoStack, redo: st.redoStack } };
      const plans = stored.plans.some((p) => p.bundle.plan.id === current.plan.id)
        ? stored.plans.map((p) => (p.bundle.plan.id === current.plan.id ? open : p))
        : [...stored.plans, open];
      const at = now();
      const text = writeBackup({
        workspace: { ...st.workspace, activePlanId: current.plan.id },
        stores: marketStores(st.market),
        people: st.people,
        plans,
        settings: stored.settings,
        createdAt: at,
      });
      set({ storage: { ...get().storage, lastBackupAt: at } });
      persistence.markBackedUp?.(at).catch(() => undefined);
      return { fileName: backupFileName(at), text };
    },
    async useHere() {
      try {
        await persistence.takeOver?.();
      } catch (err) {
        get().notify('error', `Could not take over: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    async restoreBackup(content) {
      const st = get();
      if (st.access.kind !== 'write') {
        st.notify('error', `Nothing was restored: ${st.access.reason}`);
        return false;
      }
      const active = content.plans.find((p) => p.bundle.plan.id === content.workspace.activePlanId) ?? content.plans[0];
      if (!active) {
        st.notify('error', 'This backup holds no plan: nothing was restored.');
        return false;
      }
      try {
        await persistence.replaceEverything?.(content);
      } catch (err) {
        st.notify('error', `Nothing was restored: the browser could not write the backup (${err instanceof Error ? err.message : String(err)}). Your data is as it was.`);
        return false;
      }
      const workspace = { ...content.workspace, activePlanId: active.bundle.plan.id };
      // The plan is shown as storage now has it (its history normalised like any load).
      const opened = (await persistence.openPlan?.(active.bundle.plan.id).catch(() => null)) ?? { bundle: active.bundle, history: { undo: [], redo: [] }, problems: [] };
      set({ plans: content.plans.map((p) => p.bundle.plan), deletedPlans: [] });
      get().setMarket(content.stores, content.people);
      get().loadPlan(workspace, opened.bundle, opened.history);
      get().notify('info', `Restored the backup: ${content.stores.length.toLocaleString('en-US')} stores, ${content.plans.length} ${content.plans.length === 1 ? 'plan' : 'plans'}.`);
      return true;
    },
  });
