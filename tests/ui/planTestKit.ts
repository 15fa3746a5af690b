/**
 * Shared by the plans UI tests (not a test file): an in-memory PersistencePort that keeps
 * plans like the db does (flush writes the open plan, open/read return copies), and a
 * store bound to it with two plans of the test market.
 */
import { vi } from 'vitest';
import type { Plan, PlanBundle, PlanId, Store, Territory } from '../../src/domain/types';
import { createAppStore, type AppStore } from '../../src/store/appStore';
import type { OpenedPlan, PersistencePort, PlanHistoryStacks } from '../../src/store/types';
import { manager, plan as basePlan, squareTerritory, workspace, WS } from '../fixtures/market';

const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export interface MemoryPort extends PersistencePort {
  /** What "storage" holds, by plan id. */
  saved: Map<PlanId, { bundle: PlanBundle; history: PlanHistoryStacks }>;
}

/** A port whose storage is a Map; `flush` writes the open plan of the store bound later. */
export function memoryPort(getStore: () => AppStore | null): MemoryPort & Required<Pick<PersistencePort, 'flush' | 'openPlan' | 'readPlan' | 'createPlan' | 'deletePlan'>> {
  const saved: MemoryPort['saved'] = new Map();
  const opened = (id: PlanId): OpenedPlan | null => {
    const e = saved.get(id);
    return e ? { bundle: copy(e.bundle), history: copy(e.history), problems: [] } : null;
  };
  return {
    saved,
    markDirty: vi.fn(),
    flush: vi.fn(async () => {
      const st = getStore()?.getState();
      const bundle = st?.currentBundle();
      if (st && bundle) saved.set(bundle.plan.id, { bundle: copy(bundle), history: copy({ undo: st.undoStack, redo: st.redoStack }) });
      return true;
    }),
    openPlan: vi.fn(async (id: PlanId) => opened(id)),
    readPlan: vi.fn(async (id: PlanId) => opened(id)),
    createPlan: vi.fn(async (bundle: PlanBundle, history?: PlanHistoryStacks) => {
      saved.set(bundle.plan.id, { bundle: copy(bundle), history: copy(history ?? { undo: [], redo: [] }) });
    }),
    deletePlan: vi.fn(async (id: PlanId) => {
      saved.delete(id);
    }),
  };
}

/** Plan A ("Test plan"): West [0,10]² and East [10,20]×[0,10]. */
export const planA: Plan = { ...basePlan, overlapMode: 'take', createdAt: 1, updatedAt: 1 };
export const territoriesA: Territory[] = [
  squareTerritory('A', 0, 0, 10, 0, { name: 'West', managerId: manager.id }),
  squareTerritory('B', 10, 0, 10, 1, { name: 'East' }),
];

/** Plan B ("Option B"): one territory, updated later than A. */
export const planB: Plan = { id: 'plan-b' as PlanId, workspaceId: WS, name: 'Option B', createdAt: 2, updatedAt: 2, overlapMode: 'take' };
export const territoriesB: Territory[] = [squareTerritory('C', 0, 0, 20, 0, { planId: planB.id, name: 'Everything' })];

/**
 * A store bound to a memory port holding `bundles` (the first is opened), with `stores`
 * as the market. Returns the store and the port.
 */
export function storeWithPlans(stores: Store[], bundles: PlanBundle[]) {
  let bound: AppStore | null = null;
  const port = memoryPort(() => bound);
  const s = createAppStore(port);
  bound = s;
  for (const b of bundles) port.saved.set(b.plan.id, { bundle: copy(b), history: { undo: [], redo: [] } });
  s.getState().setMarket(stores, [manager]);
  s.getState().setPlans(bundles.map((b) => b.plan));
  s.getState().loadPlan({ ...workspace, activePlanId: bundles[0]!.plan.id }, copy(bundles[0]!));
  s.getState().setMode('browse');
  return { s, port };
}
